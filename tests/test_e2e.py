"""The real pipeline (Dagster + dbt + DuckDB + Great Expectations), run as ``bdw run`` in a subprocess."""

from __future__ import annotations

import fcntl
import re
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, query, run_bdw

pytestmark = pytest.mark.e2e


def test_run_succeeds_and_summarizes(pipeline_run):
    first = pipeline_run["first"]
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    out = first.stdout
    assert "files: 7 loaded, 0 unchanged, 1 duplicate, 10 rejected" in out
    assert "documents in the warehouse: 7" in out
    assert re.search(r"quality checks: \d+ passed, \d+ failed", out)
    failed = [line for line in out.splitlines() if "  failed: " in line]
    assert not [line for line in failed if "gx_dim_document" in line or "gx_ingest_log" in line], failed
    assert f"warehouse: {pipeline_run['warehouse']}" in out


def test_dim_document_holds_the_five_samples(pipeline_run):
    rows = query(pipeline_run["warehouse"],
                 "select department_name, fiscal_year, document_kind, reported_unit from marts.dim_document "
                 "where source_file like 'samples/%'")
    assert sorted(rows) == sorted(SAMPLES.values())
    ids = query(pipeline_run["warehouse"], "select document_id, sha256, source_file from marts.dim_document "
                                           "where source_file not like 'hostile/%'")
    for document_id, sha256, source_file in ids:
        assert sha256.startswith(document_id) and len(document_id) == 16
        assert source_file.startswith("samples/")


def test_dim_document_columns_follow_the_contract(pipeline_run):
    columns = query(pipeline_run["warehouse"],
                    "select column_name, data_type from information_schema.columns "
                    "where table_schema = 'marts' and table_name = 'dim_document' order by ordinal_position")
    assert [c for c, _ in columns] == ["document_id", "source_file", "sha256", "department_name", "fiscal_year",
                                       "document_kind", "reported_unit", "loaded_at"]
    assert dict(columns)["fiscal_year"] == "INTEGER"


def test_every_file_is_accounted_for_in_every_run(pipeline_run):
    wh = pipeline_run["warehouse"]
    runs = query(wh, "select run_id, count(*) from marts.ingest_log group by run_id")
    # two runs by this fixture (other tests may add more on the same warehouse)
    assert len(runs) >= 2 and all(count == 18 for _, count in runs)
    latest = dict(query(wh, "select source_file, status from marts.ingest_log "
                            "where logged_at = (select max(logged_at) from marts.ingest_log)"))
    assert latest["uploads/copy_of_guyuan.txt"] == "duplicate"
    assert [latest[f"samples/{name}"] for name in sorted(SAMPLES)] == ["unchanged"] * 5
    reasons = dict(query(wh, "select source_file, reason from marts.ingest_log where status = 'rejected'"))
    assert "empty file" in reasons["uploads/empty.txt"]
    assert "binary" in reasons["uploads/photo.jpg"]
    assert "not a budget disclosure" in reasons["uploads/recipe.txt"]


def test_rerun_is_idempotent(pipeline_run):
    second = pipeline_run["second"]
    assert second.returncode == 0, second.stdout[-3000:]
    assert "files: 0 loaded, 7 unchanged, 1 duplicate, 10 rejected" in second.stdout
    loaded_at = query(pipeline_run["warehouse"], "select count(distinct loaded_at) from marts.dim_document")
    assert loaded_at == [(1,)]  # first-load time survives the rerun


def test_paths_come_from_the_environment(pipeline_run):
    base = pipeline_run["base"]
    assert pipeline_run["warehouse"].exists()
    documents = list((base / "staged" / "documents").glob("fiscal_year=*/document_kind=*/*.parquet"))
    assert len({path.name for path in documents}) == 1  # run 2 extracted nothing new: one batch, in partitions
    assert {path.parent.name for path in documents} == {"document_kind=final_account",
                                                        "document_kind=performance_report"}
    runs = query(pipeline_run["warehouse"], "select count(distinct run_id) from marts.ingest_log")[0][0]
    assert len(list((base / "staged" / "ingest_log").glob("*.parquet"))) == runs >= 2
    assert not list((base / "wh" / ".warehouse.build").glob("*/warehouse.duckdb"))  # build files published by rename


def test_data_docs_are_built(pipeline_run):
    docs = Path(__file__).resolve().parents[1] / "expectations" / "uncommitted" / "data_docs" / "local_site"
    assert (docs / "index.html").exists()
    assert "dim_document" in "".join(p.name for p in (docs / "validations").rglob("*")) or \
        any("dim_document" in str(p) for p in (docs / "validations").rglob("*.html"))


def test_a_second_writer_refuses_with_a_clear_message(pipeline_run):
    warehouse = pipeline_run["warehouse"]
    lock = warehouse.with_name(warehouse.name + ".lock")
    with open(lock, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        blocked = run_bdw(pipeline_run["env"], "run", timeout=120)
    assert blocked.returncode == 3
    assert "another bdw run is writing" in blocked.stdout


def test_missing_raw_folder_is_a_clear_error(tmp_path):
    result = run_bdw({"BDW_RAW_DIR": str(tmp_path / "nope"), "BDW_WAREHOUSE": str(tmp_path / "w.duckdb"),
                      "BDW_STAGED_DIR": str(tmp_path / "s")}, "run", timeout=120)
    assert result.returncode == 2
    assert "does not exist" in result.stdout


def test_an_empty_raw_folder_is_a_clear_error(tmp_path):
    (tmp_path / "raw" / "sub").mkdir(parents=True)
    result = run_bdw({"BDW_RAW_DIR": str(tmp_path / "raw"), "BDW_WAREHOUSE": str(tmp_path / "w.duckdb"),
                      "BDW_STAGED_DIR": str(tmp_path / "s")}, "run", timeout=120)
    assert result.returncode == 2
    assert "no documents found under" in result.stdout
    assert not (tmp_path / "w.duckdb").exists()


def test_a_run_prints_a_short_summary_and_logs_the_tools_to_a_file(pipeline_run):
    first = pipeline_run["first"].stdout
    lines = first.splitlines()
    named = [line for line in lines if "  rejected: " in line or "  document: " in line]
    assert len(lines) - len(named) <= 25 and len(named) <= 20, first  # files and documents: ten of each at most
    assert any(line.endswith("rejected: uploads/recipe.txt: not a budget disclosure: no 部门决算 / 决算表 / 部门预算 / "
                             "预算表 / 绩效自评 title was found in the text") for line in named), first
    assert "\x1b" not in first, "no colour codes when the output is not a terminal"
    assert not any("Running with dbt" in line or " - dagster - " in line for line in lines), first
    tool_log = Path(re.search(r"tool logs \(dbt, Dagster\): (\S+)", first).group(1))
    text = tool_log.read_text(encoding="utf-8")
    assert "Running with dbt=" in text and "\x1b" not in text
    assert re.search(r"dbt: \d+ models and tests in [\d.]+ s", first)


def test_the_first_build_of_a_warehouse_finds_the_project_parsed(pipeline_run):
    # parsed beside extraction for this warehouse's own files (warehouse.parse.start_parse): dbt's build
    # neither copies the project's parse, made for another warehouse, nor parses the project from nothing
    first = pipeline_run["first"].stdout
    text = Path(re.search(r"tool logs \(dbt, Dagster\): (\S+)", first).group(1)).read_text(encoding="utf-8")
    assert "dbt build (from nothing)" in text
    assert "Unable to do partial parsing" not in text, text[:3000]
    assert "to take advantage of partial parsing" not in text, text[:3000]


def test_nothing_changed_nothing_rebuilt(pipeline_run):
    second = pipeline_run["second"].stdout
    assert "dbt: nothing to rebuild" in second, second
    assert "quality checks: not run (nothing was rebuilt)" in second
    assert "GX suite" not in second and "dbt: started" not in second
    wh = pipeline_run["warehouse"]
    run_ids = [r for (r,) in query(wh, "select distinct run_id from marts.ingest_log order by all")]
    assert len(run_ids) >= 2, "the second run's files are in the ingest log"
    built_by = query(wh, "select distinct run_id from marts.dq_check_result")
    assert len(built_by) == 1 and built_by[0][0] in run_ids  # the checks of the first build stand
