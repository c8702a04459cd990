"""The accounting-identity checks on the five samples: findings audited by hand against the raw files."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import query

pytestmark = pytest.mark.e2e


def _rows(pipeline_run, sql: str, params=()) -> list[tuple]:
    return query(pipeline_run["warehouse"], sql, params)


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
    # 004 line 318: 人员经费合计 1292095.92 but 301 (line 285) 1292095.92 + 303 (line 299) 3000.00 = 1295095.92;
    # with 301 at its items' 1289095.92 it would hold: the same misprinted 301 line
    [(status, _, computed, difference, _)] = _result(pipeline_run, "004", "t06_personnel_eq_301_303",
                                                     "PERSONNEL_TOTAL")
    assert status == "fail" and computed == Decimal("1295095.92") and difference == -3000
    [(status, *_)] = _result(pipeline_run, "004", "t06_public_eq_other_classes", "PUBLIC_TOTAL")
    assert status == "pass"
    # consistent parts of the same document: table 03 rolls up exactly
    assert {s for (s,) in _rows(pipeline_run, "select distinct status from marts.dq_check_result where "
                                "document_id = ? and check_id like 't03_%'", [_doc(pipeline_run, "004")])} == {"pass"}


def test_liuyang_execution_rate_is_inverted_in_the_document(pipeline_run):
    # 003 line 545ff: 全年预算数 3386.925, 全年执行数 3416.022, 执行率 printed 99.15% (= A/B, not B/A)
    [(status, reported, *_)] = _result(pipeline_run, "003", "p_execution_rate", "P01")
    assert status == "fail" and str(reported).startswith("0.9915")


def test_ningxian_project_shares_are_shares_of_the_total(pipeline_run):
    # 001 line 40: 项目支出34236065.58元 (其中 … 三是卫生健康支出33364351.88元，占项目支出88.58% …):
    # 33364351.88 / 34236065.58 = 97.45%; 88.58% is its share of 总支出 37667079.88 (line 38).
    # 一是 10000元 0.03% is right either way; 四是 9700元 0.02% is wrong either way (0.028%, 0.026%).
    doc = _doc(pipeline_run, "001")
    fails = _rows(pipeline_run, "select row_key, reported, computed from marts.dq_check_result where document_id = ?"
                  " and check_id = 'n_share_pct_recomputes' and status = 'fail' order by row_key", [doc])
    assert [(key, str(reported)[:6]) for key, reported, _ in fails] == [
        ("三是卫生健康支出@40", "0.8858"), ("二是社会保障和就业支出@40", "0.0054"), ("五是其他支出@40", "0.1083"),
        ("四是农林水支出@40", "0.0002")]
    [(status, _, computed, *_)] = _result(pipeline_run, "001", "n_share_pct_recomputes", "三是卫生健康支出@40")
    assert str(computed).startswith("0.9745")
    # 基本支出3431014.3元，占总支出9.11% (line 38): the correctly rounded share passes
    [(status, *_)] = _result(pipeline_run, "001", "n_share_pct_recomputes", "expenditure_basic@38")
    assert status == "pass"


def test_guyuan_shares_are_correctly_rounded(pipeline_run):
    # 004 lines 379–391: 40.92%, 59.08%, 100%, 1.33%, 2.99%, 95.68% — all the rounded ratios of the figures
    statuses = _rows(pipeline_run, "select status from marts.dq_check_result where document_id = ? "
                     "and check_id = 'n_share_pct_recomputes'", [_doc(pipeline_run, "004")])
    assert [s for (s,) in statuses] == ["pass"] * 6


def test_declared_group_weights(pipeline_run):
    # 003 line 429: 质量指标（8） over indicators of 2 + 1 + 2 + 1 = 6
    [(status, reported, computed, *_)] = _result(pipeline_run, "003", "p_group_weights_sum_declared", "DEPT:质量指标")
    assert status == "fail" and (reported, computed) == (8, 6)
    # 000: six cards of 产出(60%) / 效益(30%) / 满意度(10%), every one adds up
    statuses = _rows(pipeline_run, "select status from marts.dq_check_result where document_id = ? "
                     "and check_id = 'p_group_weights_sum_declared'", [_doc(pipeline_run, "000")])
    assert [s for (s,) in statuses] == ["pass"] * 18


def test_every_final_account_is_checked_in_every_family(pipeline_run):
    for prefix in ("000", "004"):
        families = dict(_rows(pipeline_run, "select check_family, count(*) from marts.dq_check_result "
                              "where document_id = ? group by 1", [_doc(pipeline_run, prefix)]))
        assert all(families.get(f, 0) > 0 for f in ("table", "cross_table", "narrative")), (prefix, families)
    assert _rows(pipeline_run, "select sum(not_evaluated) from marts.dq_check_coverage")[0][0] > 0


def test_gx_suites_ran_and_report_written(pipeline_run, tmp_path):
    out = pipeline_run["first"].stdout
    assert pipeline_run["first"].returncode == 0
    tool_log = Path(re.search(r"tool logs \(dbt, Dagster\): (\S+)", out).group(1)).read_text(encoding="utf-8")
    for suite in ("dq_table", "dq_cross_table", "dq_narrative", "dq_performance"):
        assert f"GX suite {suite}" in tool_log
    assert "data-quality report (HTML)" in out
    from bdw.present.findings import write_report

    # quotes come from the raw files
    index = write_report(pipeline_run["warehouse"], tmp_path / "report", Path(pipeline_run["env"]["BDW_RAW_DIR"]))
    html = index.read_text(encoding="utf-8")
    assert "宁德市医疗保障局" in html and "固原市医疗保障局" in html
    page = (tmp_path / "report" / f"{_doc(pipeline_run, '004')}.html").read_text(encoding="utf-8")
    assert "t06_class_eq_sum_items" in page and "<svg" in page and "工资福利支出" in page


def test_pages_written_by_other_processes_are_the_pages_written_here(pipeline_run, tmp_path, monkeypatch):
    import bdw.present.findings as findings

    raw = Path(pipeline_run["env"]["BDW_RAW_DIR"])
    findings.write_report(pipeline_run["warehouse"], tmp_path / "one", raw, workers=1)
    monkeypatch.setattr(findings, "PAGES_PER_PROCESS", 1)  # the documents' pages over three processes
    started = []
    start = findings._start_shard
    monkeypatch.setattr(findings, "_start_shard", lambda *args: started.append(args[3]) or start(*args))
    findings.write_report(pipeline_run["warehouse"], tmp_path / "three", raw, workers=3)
    pages = sorted(p.name for p in (tmp_path / "one").glob("*.html"))
    documents = query(pipeline_run["warehouse"], "select count(*) from marts.dim_document")[0][0]
    assert len(started) == 2 and all(started) and len(pages) == documents + 1  # and the index
    assert sorted(p.name for p in (tmp_path / "three").glob("*.html")) == pages
    for name in pages:
        assert (tmp_path / "three" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


def test_a_failing_page_process_fails_the_report(pipeline_run, tmp_path, monkeypatch):
    import bdw.present.findings as findings

    monkeypatch.setattr(findings, "PAGES_PER_PROCESS", 1)
    monkeypatch.setattr(findings, "_SHARD", (sys.executable, "-c", "import sys; sys.exit('no pages here')"))
    with pytest.raises(RuntimeError, match="a process writing report pages failed .*no pages here"):
        findings.write_report(pipeline_run["warehouse"], tmp_path / "r", Path(pipeline_run["env"]["BDW_RAW_DIR"]),
                              workers=2)


def test_gx_suites_name_each_failing_rule_with_its_rows(pipeline_run):
    from bdw.present.summary import SHOWN_RULES
    from bdw.quality.catalogue import families, read_rules
    from bdw.quality.data_docs import remote_references
    from bdw.quality.gx import docs_index

    out = pipeline_run["first"].stdout
    tool_log = Path(re.search(r"tool logs \(dbt, Dagster\): (\S+)", out).group(1)).read_text(encoding="utf-8")
    rules = read_rules()
    for family in families(rules):  # one expectation per catalogued rule
        count = sum(1 for r in rules if r.check_family == family)
        assert re.search(rf"GX suite dq_{family}: \d+/{count} expectations passed", tool_log), family
    # the run summary names the failed rules with their counts, never a family suite
    failed = [line.split("  failed: ", 1)[1] for line in out.splitlines() if "  failed: " in line]
    assert not [line for line in failed if "gx_dq_" in line], failed
    counts = _rows(pipeline_run, "select check_id, count(*) from marts.dq_check_result where status = 'fail' "
                                 "group by 1 order by 1")
    named = [line for line in failed if re.match(r"[a-z0-9_]+ \(", line)]  # other failed checks (dbt tests) aside
    shown = sorted(counts, key=lambda c: (-c[1], c[0]))[:SHOWN_RULES]  # the most failing rules, the rest counted
    assert counts and len(named) == len(shown), named
    for check_id, count in shown:
        assert any(line.startswith(f"{check_id} (") and line.endswith(
            f": {count} failing evaluation{'' if count == 1 else 's'}") for line in named), (check_id, named)
    if len(counts) > SHOWN_RULES:
        assert f"… and {len(counts) - SHOWN_RULES} more failing rules" in out
    # 004 line 285: class 301 工资福利支出 printed 1292095.92; its items (lines 286–298) add to 1289095.92
    page = pipeline_run["dq_table_page"]
    html = page.read_text(encoding="utf-8")
    for text in ("t06_class_eq_sum_items", "类 = Σ款（经济分类）", "1292095.92", "1289095.92", "固原市医疗保障局",
                 "no failing evaluation"):
        assert text in html, text
    assert remote_references(page) == [] and remote_references(docs_index()) == []
