"""Conformance suite for the accounting-identity checker (in the style of the XBRL conformance suites).

Each case (tests/dq_cases.py) is one synthetic document, with the other documents of its department
a cross-document rule reads, staged as Parquet; dbt builds ``marts.dq_check_result`` and the rule
catalogue ``marts.dim_dq_rule`` once for all of them, and every case asserts the status its rule
must give. Every rule of the catalogue has a document on which it passes and one on which it fails;
the edge cases add the tolerance bound (rounding), one cent past it (fail), a 万元 total over 元
parts, and missing parts (not evaluated, counted in ``marts.dq_check_coverage``, never compared
against zero).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from bdw.extract.schema import DATASETS
from bdw.stage.layout import ingest_log_path, partition_of
from bdw.stage.parquet import ensure_every_dataset_exists, frame, write_parquet, write_rows
from tests.dq_cases import INFO_RULES, all_cases

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2024, 1, 1, tzinfo=UTC)
CASES = all_cases()
DOCUMENT_IDS = {case: f"{n:04d}" + "c" * 12 for n, case in enumerate(CASES)}
OTHER_IDS = {case: [f"{n:04d}{i:x}" + "d" * 11 for i in range(len(CASES[case].others))] for n, case in enumerate(CASES)}


def _uncatalogued(db: Path) -> list[str]:
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return [c for (c,) in con.execute("select distinct check_id from quality.dq_checks "
                                              "where check_id not in (select check_id from marts.dim_dq_rule) "
                                              "order by 1").fetchall()]
    except duckdb.Error:
        return []


def _dbt(base: Path, db: Path, *args: str, project: Path = REPO / "dbt") -> subprocess.CompletedProcess:
    """dbt on the staged cases in ``base``, into the warehouse ``db`` (the repository's dbt project, or ``project``)."""
    env = {**os.environ, "BDW_STAGED_DIR": str(base / "staged"), "BDW_DBT_DATABASE": str(db),
           "BDW_WAREHOUSE": str(db)}
    target = base / "target" if project == REPO / "dbt" else project / "target"
    return subprocess.run([str(Path(sys.executable).parent / "dbt"), *args, "--profiles-dir", ".",
                           "--target-path", str(target), "--log-path", str(db.parent / "logs")],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def _staged_rows() -> dict[str, list[dict]]:
    """Every case as one document: the rows a run would stage for them (dataset → rows)."""
    rows: dict[str, list[dict]] = {name: [] for name in DATASETS}

    def stage(doc: str, name: str, department: str, year: int, kind: str, documents_rows: dict[str, list[dict]],
              columns: dict | None = None):
        rows["documents"].append({"document_id": doc, "batch_id": "b", "source_file": f"{name}.txt", "sha256": doc,
                                  "department_name": department, "fiscal_year": year, "document_kind": kind,
                                  "reported_unit": "元", "line_count": 100, "extractor_version": "test",
                                  "extracted_at": NOW, **(columns or {})})
        rows["ingest_log"].append({"run_id": "r1", "source_file": f"{name}.txt", "sha256": doc, "document_id": doc,
                                   "status": "loaded", "reason": None, "logged_at": NOW})
        for dataset, dataset_rows in documents_rows.items():
            rows[dataset].extend({**row, "document_id": doc, "batch_id": "b"} for row in dataset_rows)

    for case_id, case in CASES.items():
        department = case.department or f"测试局{case_id}"
        stage(DOCUMENT_IDS[case_id], case_id, department, 2021, case.kind, case.rows, case.document)
        for index, other in enumerate(case.others):  # the case's other documents (cross-document rules)
            stage(OTHER_IDS[case_id][index], f"{case_id}.other{index}", other.department or department,
                  other.fiscal_year, other.kind, other.rows)
    return rows


@pytest.fixture(scope="module")
def staged_rows() -> dict[str, list[dict]]:
    return _staged_rows()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, staged_rows) -> Path:
    base = tmp_path_factory.mktemp("dq_conformance")
    staged = base / "staged"
    write_parquet(frame("ingest_log", staged_rows["ingest_log"]), ingest_log_path(staged, "r1"))
    batch = {name: rows for name, rows in staged_rows.items() if name != "ingest_log"}
    write_rows(staged, "b.parquet", batch, {doc["document_id"]: partition_of(doc) for doc in batch["documents"]})
    ensure_every_dataset_exists(staged)
    db = base / "wh" / "warehouse.duckdb"
    db.parent.mkdir()
    # the checks, their marts, and the catalogue with the test that every emitted rule is in it (cautious:
    # only the tests of models built here, not those of marts outside the checks, e.g. fct_budget_execution)
    done = _dbt(base, db, "build", "--select", "+dq_check_result+", "+dim_dq_rule", "+dq_check_coverage",
                "--indirect-selection", "cautious")
    assert done.returncode == 0, (f"rules missing from dbt/seeds/dq_rule.csv: {_uncatalogued(db)}\n"
                                  + done.stdout[-3000:] + done.stderr[-3000:])
    return db


@pytest.fixture(scope="module")
def outcomes(warehouse):
    """(document, check_id, row_key) → [(column_key, status, message, within_tolerance)], and the coverage."""
    results, coverage = defaultdict(list), {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for doc, check_id, row_key, *rest in con.execute(
                "select document_id, check_id, row_key, column_key, status, message, within_tolerance "
                "from marts.dq_check_result").fetchall():
            results[doc, check_id, row_key].append(tuple(rest))
        for doc, check_id, evaluated, not_evaluated in con.execute(
                "select document_id, check_id, evaluated, not_evaluated from marts.dq_check_coverage").fetchall():
            coverage[doc, check_id] = (evaluated, not_evaluated)
    return results, coverage


@pytest.mark.parametrize("case_id", list(CASES))
def test_case(outcomes, case_id):
    case = CASES[case_id]
    doc = DOCUMENT_IDS[case_id]
    results, coverage = outcomes
    found = [r for r in results.get((doc, case.check_id, case.row_key), [])
             if case.column_key is None or r[0] == case.column_key]
    if case.expected == "not_evaluated":
        assert found == []
        assert coverage.get((doc, case.check_id), (0, 0))[1] >= 1, coverage.get((doc, case.check_id))
    else:
        assert [status for _, status, _, _ in found] == [case.expected], found
        _, _, message, within_tolerance = found[0]
        assert within_tolerance == (case.expected != "fail")
        assert message


def test_every_failure_names_figures_and_lines(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        messages = [m for (m,) in con.execute("select message from marts.dq_check_result where status = 'fail'")
                    .fetchall()]
    assert messages and all("≠" in m or ">" in m for m in messages)
    assert all("lines" in m for m in messages)
    wan = [m for m in messages if "万元" in m]
    assert any("899.96" in m and "899.98" in m for m in wan), wan


def _catalogue(warehouse: Path) -> dict[str, tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {c: tuple(rest) for c, *rest in con.execute(
            "select check_id, check_family, table_code, comparison from marts.dim_dq_rule").fetchall()}


def test_every_rule_of_the_catalogue_has_a_passing_and_a_failing_case(warehouse):
    """A failing case is status fail; for a rule whose findings are information (INFO_RULES: text
    blemishes), it is the case that finds one, status rounding, severity info."""
    expected = defaultdict(set)
    for case in CASES.values():
        expected[case.check_id].add(case.expected)
    finding = {check_id: "rounding" if check_id in INFO_RULES else "fail" for check_id in expected}
    covered = {check_id for check_id, statuses in expected.items() if {"pass", finding[check_id]} <= statuses}
    catalogue = set(_catalogue(warehouse))
    assert sorted(catalogue - covered) == [], "rules without a passing and a failing case in tests/dq_cases.py"
    assert sorted(covered - catalogue) == [], "cases of rules missing from dbt/seeds/dq_rule.csv"


def test_every_rule_the_checks_emit_is_in_the_catalogue(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        emitted = {c for (c,) in con.execute("select distinct check_id from marts.dq_check_coverage").fetchall()}
    assert sorted(emitted - set(_catalogue(warehouse))) == []


def test_the_catalogue_describes_each_rule_as_the_checks_report_it(warehouse):
    """Family, table and comparison of every result are the ones its catalogue row states."""
    catalogue = _catalogue(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reported = con.execute("select distinct check_id, check_family, table_code, comparison "
                               "from marts.dq_check_result").fetchall()
    wrong = [(c, tuple(rest), catalogue.get(c)) for c, *rest in reported if catalogue.get(c) != tuple(rest)]
    assert wrong == []


def test_a_rule_missing_from_the_catalogue_fails_the_build(warehouse, tmp_path):
    """The dbt test dq_every_check_id_is_catalogued has severity error: dbt exits non-zero."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("delete from marts.dim_dq_rule where check_id = 'x01_03_class'")
    done = _dbt(warehouse.parent.parent, copy, "test", "--select", "dq_every_check_id_is_catalogued")
    assert done.returncode == 1, done.stdout[-3000:]
    assert "ERROR" in done.stdout and "dq_every_check_id_is_catalogued" in done.stdout


def test_a_cross_document_fail_names_both_documents_and_both_lines(warehouse):
    """The other document is named by its department, year, kind and id, its line beside the stating one's."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        found = con.execute("select document_id, message from marts.dq_check_result "
                            "where check_family = 'cross_document' and status = 'fail'").fetchall()
    by_case = {case: message for doc, message in found for case, case_doc in DOCUMENT_IDS.items() if doc == case_doc}
    message = by_case["c_prior_final_figure:fail"]
    other = OTHER_IDS["c_prior_final_figure:fail"][0]
    # 1000.00 − 100.00 = 900.00 stated for 2020; the 2020 final account's 01 prints 890.00 on its line 40
    stating = "测试局c_prior_final_figure:fail 2021 年决算"
    assert f"{stating} 说明 上年 本年收入合计（本年 1,000.00 − 增减 100.00） 900.00 元" in message
    assert f"≠ 测试局c_prior_final_figure:fail 2020 年决算（document {other}）01 表 本年收入合计 890.00 元" in message
    assert f"lines 50; document {other} line 40" in message
    assert len(by_case) >= 6


def test_coverage_says_which_statements_found_their_other_document(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        outcomes = dict(con.execute("select document_id, outcome from marts.dq_cross_document "
                                    "where check_id = 'c_prior_final_figure' and statement_key = 'income_total@50'"
                                    ).fetchall())
    assert outcomes[DOCUMENT_IDS["cross_other_not_loaded"]] == "other_not_loaded"
    assert outcomes[DOCUMENT_IDS["cross_other_year"]] == "other_not_loaded"
    assert outcomes[DOCUMENT_IDS["cross_figure_not_printed"]] == "not_printed_there"
    assert outcomes[DOCUMENT_IDS["c_prior_final_figure:pass"]] == "pass"
    assert outcomes[DOCUMENT_IDS["c_prior_final_figure:fail"]] == "fail"
    reasons = dict(query_all(warehouse, "select document_id, not_evaluated_reason from marts.dq_check_coverage "
                                        "where check_id = 'c_prior_final_figure'"))
    not_there = "the other document is not loaded, or does not print the figure"
    assert reasons[DOCUMENT_IDS["cross_other_not_loaded"]] == not_there
    assert reasons[DOCUMENT_IDS["cross_figure_not_printed"]] == reasons[DOCUMENT_IDS["cross_other_not_loaded"]]
    assert reasons[DOCUMENT_IDS["c_prior_final_figure:pass"]] is None


def test_department_identities_show_why_two_names_were_matched(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        identities = {name: (key, matched_by, names) for name, key, matched_by, names in con.execute(
            "select department_name, department_key, matched_by, identity_names from marts.dim_department "
            "where department_name like '%监测局' or department_name like '%测绘局'").fetchall()}
    assert identities["上海市普陀区监测局"] == ("普陀区监测局", "省级前缀“上海市”省略 · prefix dropped",
                                         "上海市普陀区监测局; 普陀区监测局")
    assert identities["普陀区监测局"][:2] == ("普陀区监测局", "如印 · as printed")
    # the city's own bureau keeps its prefix: not the district bureau's budget
    assert identities["上海市测绘局"][0] == "上海市测绘局"
    assert identities["上海市静安区测绘局"][0] == "静安区测绘局"


def test_an_alias_joins_a_renamed_department(warehouse, tmp_path):
    """With a row in the seed department_alias, the renamed department's documents are one identity."""
    project = tmp_path / "dbt"
    shutil.copytree(REPO / "dbt", project, ignore=shutil.ignore_patterns("target", "logs"))
    with (project / "seeds" / "department_alias.csv").open("a", encoding="utf-8") as seed:
        seed.write("测绘区规划和土地管理局,测绘区规划和自然资源局,2019年机构改革：规划和土地管理局更名为规划和自然资源局\n")
    db = tmp_path / "wh" / "warehouse.duckdb"
    db.parent.mkdir()
    done = _dbt(warehouse.parent.parent, db, "build", "--select", "+dq_cross_document", "--indirect-selection",
                "cautious", project=project)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with duckdb.connect(str(db), read_only=True) as con:
        outcome = con.execute("select outcome from marts.dq_cross_document where document_id = ? "
                              "and statement_key = 'income_total@50'", [DOCUMENT_IDS["cross_renamed"]]).fetchone()
        matched = con.execute("select matched_by, identity_names from marts.dim_department "
                              "where department_name = '测绘区规划和土地管理局'").fetchone()
    assert outcome == ("pass",)  # 1000.00 − 100.00 = the 900.00 the renamed department's 2020 account prints
    assert matched == ("别名 · alias: 2019年机构改革：规划和土地管理局更名为规划和自然资源局",
                       "测绘区规划和土地管理局; 测绘区规划和自然资源局")


def _published(warehouse: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """The published quality marts as dbt built them: every column but the run id, rows sorted."""
    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name in ("dq_check_result", "dq_check_coverage", "dim_dq_rule"):
            cursor = con.execute(f"select * from marts.{name}")
            columns = [d[0] for d in cursor.description]
            keep = [i for i, c in enumerate(columns) if c != "run_id"]
            out[name] = ([columns[i] for i in keep],
                         sorted((tuple(row[i] for i in keep) for row in cursor.fetchall()), key=repr))
    return out


def test_bdw_check_runs_the_rules_dbt_compiled_with_the_same_outcome(warehouse, staged_rows):
    """bdw check's runner (the compiled SQL of the same models in an in-memory DuckDB, no dbt)
    gives every row dbt builds into the published quality marts, column for column."""
    from bdw.warehouse.compiled import CompiledChecks

    tables = CompiledChecks.load().run(staged_rows)
    built = _published(warehouse)
    for name, rows in (("dq_check_result", tables.results), ("dq_check_coverage", tables.coverage),
                       ("dim_dq_rule", tables.rules)):
        columns, expected = built[name]
        got = sorted((tuple(row[c] for c in columns) for row in rows), key=repr)
        assert len(got) == len(expected), name
        assert got == expected, name
    assert {r["status"] for r in tables.results} == {"pass", "rounding", "fail"}
    assert len(tables.results) > len(CASES)


def test_coverage_says_why_a_check_was_not_evaluated(outcomes, warehouse):
    """Table 05 not printed: the rules that read it are not evaluated, with that reason; a figure left out is
    said to be missing; an evaluation that was made has no reason."""
    reasons = dict(query_all(warehouse, "select check_id, not_evaluated_reason from marts.dq_check_coverage "
                                        "where document_id = ?", [DOCUMENT_IDS["table_missing_counted"]]))
    assert reasons["t05_total_eq_sum_classes"] == "table 05 is not printed"
    assert reasons["x04_05_class"] == "table 05 is not printed"
    assert reasons["d_table_printed"] is None
    [(reason,)] = query_all(warehouse, "select not_evaluated_reason from marts.dq_check_coverage where document_id = ? "
                                       "and check_id = 't03_total_eq_sum_types'",
                            [DOCUMENT_IDS["row_identity_null_part"]])
    assert reason == "a figure it needs is not printed (or not extracted)"


def test_text_blemishes_are_information_never_failures(warehouse):
    rows = query_all(warehouse, "select status, severity, within_tolerance, message from marts.dq_check_result "
                                "where check_id in ('d_text_doubled_punctuation', 'd_text_repeated_word') "
                                "and status <> 'pass'")
    assert rows and {(status, severity, within) for status, severity, within, _ in rows} == {("rounding", "info", True)}
    assert all("info, not a contradiction" in message for *_, message in rows)


def query_all(warehouse: Path, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()
