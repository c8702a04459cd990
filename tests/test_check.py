"""``bdw check FILE…``: the findings a ``bdw run`` records, without a warehouse, dbt, Dagster or GX.

One real ``bdw run`` on the five samples, the shared PDFs and a document cut short is the
reference: ``bdw check`` on the same files must give exactly its ``marts.dq_check_result`` rows
(and coverage), every column but the run id. Then the exit codes, what the text and the page
show, what is never written and what is never imported.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import RAW, query, run_bdw

pytestmark = pytest.mark.e2e

PDF_SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "pdf-samples"
PUTUO = PDF_SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"
CONSISTENT = RAW / "000_ababedf1869e2353.txt"  # 宁德 2021: every identity holds (two rounding differences)
GUYUAN = RAW / "004_a15be56197084065.txt"  # 固原 2020: 14 identities fail (its table 06 and prose disagree)


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The samples, the shared PDFs and a cut document through one real ``bdw run``, then ``bdw check --json``."""
    base = tmp_path_factory.mktemp("check")
    raw = base / "raw"
    shutil.copytree(RAW, raw / "samples")
    (raw / "pdf").mkdir()
    for pdf in sorted(PDF_SAMPLES.glob("*.pdf")):
        shutil.copy(pdf, raw / "pdf" / pdf.name)
    cut = CONSISTENT.read_text(encoding="utf-8").replace("宁德市医疗保障局", "蕉城区医疗保障局").split("\n")[:190]
    (raw / "cut.txt").write_text("\n".join(cut), encoding="utf-8")  # stops inside table 03
    env = {"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(base / "staged"),
           "BDW_WAREHOUSE": str(base / "wh" / "warehouse.duckdb"), "BDW_REPORT_DIR": str(base / "report")}
    run = run_bdw(env, "run")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    files = sorted(p for p in raw.rglob("*") if p.is_file())
    # the check is told of no warehouse and no staged folder that exists: it must create neither
    untouched = {"BDW_STAGED_DIR": str(base / "check_staged"), "BDW_WAREHOUSE": str(base / "check_wh" / "w.duckdb")}
    check = run_bdw(untouched, "check", "--json", *map(str, files))
    return {"base": base, "raw": raw, "files": files, "warehouse": Path(env["BDW_WAREHOUSE"]), "check": check,
            "verdict": json.loads(check.stdout), "untouched": untouched}


def test_check_gives_every_evaluation_the_run_records(reference):
    warehouse, verdict = reference["warehouse"], reference["verdict"]
    with_columns = query(warehouse, "select column_name from information_schema.columns where table_schema = 'marts' "
                                    "and table_name = 'dq_check_result' order by ordinal_position")
    columns = [c for (c,) in with_columns if c != "run_id"]
    recorded = sorted(tuple(map(_plain, row)) for row in query(
        warehouse, f"select {', '.join(columns)} from marts.dq_check_result"))
    checked = sorted(tuple(r[c] for c in columns) for doc in verdict["documents"] for r in doc["results"])
    assert len(checked) == len(recorded) > 900
    assert checked == recorded
    statuses = {r[columns.index("status")] for r in checked}
    assert statuses == {"pass", "rounding", "fail"}


def test_check_counts_what_it_could_not_evaluate_as_the_run_does(reference):
    recorded = sorted(tuple(map(_plain, row)) for row in query(
        reference["warehouse"], "select document_id, check_id, check_family, evaluated, not_evaluated, passed, "
                                "rounding, failed from marts.dq_check_coverage"))
    checked = sorted((c["document_id"], c["check_id"], c["check_family"], c["evaluated"], c["not_evaluated"],
                      c["passed"], c["rounding"], c["failed"]) for doc in reference["verdict"]["documents"]
                     for c in doc["coverage"])
    assert checked == recorded


def test_check_reads_and_rejects_each_file_as_the_run_does(reference):
    logged = dict(query(reference["warehouse"], "select source_file, status from marts.ingest_log"))
    checked = {str(Path(f["file"]).relative_to(reference["raw"])): f["status"] for f in reference["verdict"]["files"]}
    assert checked == logged
    assert all(f["reason"] for f in reference["verdict"]["files"] if f["status"] == "rejected")
    extracted = query(reference["warehouse"], "select count(*) from marts.extraction_error")[0][0]
    assert extracted >= 1  # the cut document's missing tables
    assert sum(len(doc["extraction_errors"]) for doc in reference["verdict"]["documents"]) == extracted


def test_check_of_several_files_exits_1_when_one_cannot_be_read_else_4_on_a_fail(reference):
    check, verdict = reference["check"], reference["verdict"]
    rejected = [f for f in verdict["files"] if f["status"] == "rejected"]
    assert verdict["fails"] >= 25  # 24 in the samples (README), one in the Putuo explanation
    assert check.returncode == (1 if rejected else 4), check.stderr[-2000:]


def test_check_writes_no_warehouse_and_no_staged_folder(reference):
    staged, warehouse = (Path(reference["untouched"][k]) for k in ("BDW_STAGED_DIR", "BDW_WAREHOUSE"))
    assert not staged.exists() and not warehouse.parent.exists()
    assert sorted(p for p in reference["raw"].rglob("*") if p.is_file()) == reference["files"]


def test_each_file_alone_gets_the_findings_it_gets_among_others(reference):
    alone = run_bdw({}, "check", "--json", str(GUYUAN))
    assert alone.returncode == 4
    [doc] = json.loads(alone.stdout)["documents"]
    among = next(d for d in reference["verdict"]["documents"] if d["document_id"] == doc["document_id"])
    strip = ("run_id",)
    assert ([{k: v for k, v in r.items() if k not in strip} for r in doc["results"]]
            == [{k: v for k, v in r.items() if k not in strip} for r in among["results"]])


# --- exit codes and what a person reads ------------------------------------------------------------

def test_a_consistent_document_exits_0():
    done = run_bdw({}, "check", str(CONSISTENT))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "FAIL" not in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "verdict: no fail in 1 document"


def test_a_contradiction_exits_4_naming_rule_figures_and_lines():
    done = run_bdw({}, "check", str(GUYUAN))
    assert done.returncode == 4, done.stderr[-2000:]
    out = done.stdout
    # 004 line 285 prints class 301 as 1292095.92 元; its items (lines 286–298) add to 1289095.92
    assert "FAIL t06_class_eq_sum_items" in out
    # the figures as the run's message prints them: thousands separated, in the document's unit
    assert "06 表 类 301 基本支出 1,292,095.92 元 ≠ Σ款 1,289,095.92 元 (lines 285; 286, 287" in out
    assert "difference 3,000.00 元" in out
    assert "  285 │ 301 工资福利支出 1292095.92" in out
    assert out.strip().splitlines()[-1] == "verdict: 14 fails in 1 of 1 document"


@pytest.mark.skipif(not PUTUO.exists(), reason="../shared/pdf-samples is not beside the clone")
def test_a_pdf_finding_names_its_page(tmp_path):
    done = run_bdw({}, "check", str(PUTUO), "--html", str(tmp_path / "page"))
    assert done.returncode == 4, done.stderr[-2000:]
    # page 21 of the PDF: “一般公共服务支出（类）2106.66万元，占71.73%” of 2940.05万元 (2106.66 / 2940.05 = 71.65%)
    fail = done.stdout[done.stdout.index("FAIL n_share_pct_recomputes"):]
    assert "71.73%" in fail.splitlines()[1] and "71.65%" in fail.splitlines()[1]
    assert fail.splitlines()[1].endswith("· page 21")
    assert "p.21   318 │ （类）2106.66万元，占71.73%" in fail
    # named alone, what it states about its 2024 budget and 2023 final account is not evaluated, and says why
    assert "not evaluated (18: the other document is not loaded, or does not print the figure; " in done.stdout
    pages = sorted((tmp_path / "page").glob("*.html"))
    assert [p.name for p in pages][-1] == "index.html" and len(pages) == 2
    html = pages[0].read_text(encoding="utf-8")
    assert "n_share_pct_recomputes" in html and "p.21" in html and "2106.66" in html


def test_a_file_that_cannot_be_read_exits_1_with_the_reason(tmp_path):
    scan = tmp_path / "random.bin"
    scan.write_bytes(bytes(range(256)) * 16)
    done = run_bdw({}, "check", str(GUYUAN), str(tmp_path / "missing.pdf"), str(scan))
    assert done.returncode == 1
    assert f"{tmp_path / 'missing.pdf'}: cannot be checked: no such file" in done.stdout
    assert f"{scan}: cannot be checked: binary" in done.stdout
    assert "FAIL t06_class_eq_sum_items" in done.stdout  # the readable file is still judged
    assert run_bdw({}, "check").returncode == 2  # no file named: a usage error


def test_editions_of_one_document_are_each_judged_on_their_own(tmp_path):
    """Two editions (same department, year, kind) would hide each other in a run's marts; the check
    judges both: the corrected edition passes where the original fails."""
    from bdw.present.check import check_files
    from bdw.settings import Settings

    corrected = tmp_path / "004_corrected.txt"
    # the 301 class of table 06 (line 285) printed as the sum of its items
    lines = GUYUAN.read_text(encoding="utf-8").split("\n")
    assert "1292095.92" in lines[284]
    lines[284] = lines[284].replace("1292095.92", "1289095.92")
    corrected.write_text("\n".join(lines), encoding="utf-8")
    verdict = check_files([GUYUAN, corrected], Settings.from_env())
    assert [d.file for d in verdict.documents] == [str(GUYUAN), str(corrected)]
    statuses = [{(r["check_id"], r["row_key"], r["column_key"]): r["status"] for r in d.results}
                for d in verdict.documents]
    assert statuses[0][("t06_class_eq_sum_items", "301", "basic")] == "fail"
    assert statuses[1][("t06_class_eq_sum_items", "301", "basic")] == "pass"
    assert len(statuses[0]) == len(statuses[1]) > 200


# --- fast: nothing of Dagster, dbt, GX (or a DataFrame library) on the check path ------------------

HEAVY = {"dagster", "dagster_dbt", "dbt", "great_expectations", "pandas", "polars", "pyarrow"}


def _imported(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True, text=True, timeout=300)
    names = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()
             if line.startswith("import time:")}
    assert "bdw" in names, done.stderr[-2000:]
    return names


def test_the_command_line_imports_no_orchestration():
    assert _imported("-c", "import bdw.cli") & HEAVY == set()


def test_the_check_path_imports_no_orchestration():
    names = _imported("-m", "bdw.cli", "check", str(CONSISTENT))
    assert {"bdw", "duckdb"} <= names
    assert names & HEAVY == set()



def test_prepare_compiles_both_manifests_ahead_of_time():
    done = run_bdw({}, "prepare")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "dbt manifest (Dagster): " in done.stdout
    assert done.stdout.strip().endswith(str(Path("dbt") / "target" / "check" / "manifest.json"))
