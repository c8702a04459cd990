"""The accounting-identity checks on the five samples: findings audited by hand against the raw files."""

from __future__ import annotations

import duckdb
import pytest

pytestmark = pytest.mark.e2e


def _rows(pipeline_run, sql: str, params=()) -> list[tuple]:
    with duckdb.connect(str(pipeline_run["warehouse"]), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _doc(pipeline_run, prefix: str) -> str:
    return _rows(pipeline_run, "select document_id from marts.dim_document where source_file like ?",
                 [f"%{prefix}_%.txt"])[0][0]


def _result(pipeline_run, prefix: str, check_id: str, row_key: str):
    return _rows(pipeline_run, "select status, reported, computed, difference, message from marts.dq_check_result"
                 " where document_id = ? and check_id = ? and row_key = ?",
                 [_doc(pipeline_run, prefix), check_id, row_key])


def test_ningde_class_210_printed_twice_differs_by_rounding_only(pipeline_run):
    # 000 line 111 (01): 九、卫生健康支出 899.97 万元; line 189 (03): 210 卫生健康支出 899.98 万元.
    [(status, reported, computed, difference, message)] = _result(pipeline_run, "000", "x01_03_class", "210")
    assert status == "rounding"
    assert abs(difference) == 100  # 0.01 万元 = ½ + ½ of the last printed digit of each
    assert "899.97" in message and "899.98" in message and "111" in message and "189" in message


def test_ningde_01_classes_add_to_total_within_rounding(pipeline_run):
    # 000 line 129: 本年支出合计 955.54; classes 32.93 + 899.97 + 22.63 = 955.53
    [(status, *_)] = _result(pipeline_run, "000", "t01_total_eq_sum_classes", "TOTAL")
    assert status == "rounding"


def test_ningde_tables_are_consistent(pipeline_run):
    doc = _doc(pipeline_run, "000")
    fails = _rows(pipeline_run, "select check_id, message from marts.dq_check_result where document_id = ? "
                  "and status = 'fail' and check_family in ('table', 'cross_table', 'narrative')", [doc])
    assert fails == []


def test_guyuan_findings(pipeline_run):
    # 004 table 06: 301 工资福利支出 printed 1292095.92, its items add to 1289095.92 (3000 short)
    [(status, _, _, difference, _)] = _result(pipeline_run, "004", "t06_class_eq_sum_items", "301")
    assert status == "fail" and difference == 3000
    # 004 table 05 line 268: 21015 prints 小计 1234620.63 but 基本 0.00 + 项目 2012082.88
    [(status, *_)] = _result(pipeline_run, "004", "t05_total_eq_basic_project", "21015")
    assert status == "fail"
    # 004 prose line 397: 人员经费 1,321,478.92 元 vs table 06 人员经费合计 1,292,095.92 元
    [(status, *_)] = _result(pipeline_run, "004", "n_personnel_expense_vs_table", "PERSONNEL_TOTAL")
    assert status == "fail"
    # consistent parts of the same document: table 03 rolls up exactly
    assert {s for (s,) in _rows(pipeline_run, "select distinct status from marts.dq_check_result where "
                                "document_id = ? and check_id like 't03_%'", [_doc(pipeline_run, "004")])} == {"pass"}


def test_liuyang_execution_rate_is_inverted_in_the_document(pipeline_run):
    # 003 line 545ff: 全年预算数 3386.925, 全年执行数 3416.022, 执行率 printed 99.15% (= A/B, not B/A)
    [(status, reported, *_)] = _result(pipeline_run, "003", "p_execution_rate", "P01")
    assert status == "fail" and str(reported).startswith("0.9915")


def test_every_final_account_is_checked_in_every_family(pipeline_run):
    for prefix in ("000", "004"):
        families = dict(_rows(pipeline_run, "select check_family, count(*) from marts.dq_check_result "
                              "where document_id = ? group by 1", [_doc(pipeline_run, prefix)]))
        assert all(families.get(f, 0) > 0 for f in ("table", "cross_table", "narrative")), (prefix, families)
    assert _rows(pipeline_run, "select sum(not_evaluated) from marts.dq_check_coverage")[0][0] > 0


def test_gx_suites_ran_and_report_written(pipeline_run, tmp_path, monkeypatch):
    out = pipeline_run["first"].stdout
    assert pipeline_run["first"].returncode == 0
    for suite in ("dq_table", "dq_cross_table", "dq_narrative", "dq_performance"):
        assert f"GX suite {suite}" in out
    assert "data-quality report (HTML)" in out
    from bdw.quality.report import write_report

    monkeypatch.setenv("BDW_RAW_DIR", pipeline_run["env"]["BDW_RAW_DIR"])  # quotes come from the raw files
    index = write_report(pipeline_run["warehouse"], tmp_path / "report")
    html = index.read_text(encoding="utf-8")
    assert "宁德市医疗保障局" in html and "固原市医疗保障局" in html
    page = (tmp_path / "report" / f"{_doc(pipeline_run, '004')}.html").read_text(encoding="utf-8")
    assert "t06_class_eq_sum_items" in page and "<svg" in page and "工资福利支出" in page
