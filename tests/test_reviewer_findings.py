"""What a reviewer marks at first reading, found by the real pipeline: the shared Putuo PDF as printed,
documents derived from it (its text, and PDFs rebuilt from it) with one kind of problem injected each,
and the same documents mended, which raise nothing.

Every derived document is published under its own department (one department, year and kind is one
document in the warehouse). The expected findings are listed with the line of the Putuo PDF they come
from (see tests/putuo.py for the four misprints of the PDF as printed).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import RAW, query, run_bdw
from tests.pdf_render import text_to_pdf
from tests.putuo import PUTUO_PDF, corrected, inject, save, without_lines

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not PUTUO_PDF.exists(), reason="../shared/pdf-samples is not beside the clone")]

LIUYANG = "003_fe244c6e34d881f1.txt"


def _who_and_when(department: str) -> str:
    """A heading and a date left from last year's edition, a sentence copied from another department's
    report, a placeholder, a doubled full stop and a word printed twice."""
    text = corrected(department)
    text = inject(text, f"第三部分{department}2024年度部门决算情况", f"第三部分{department}2023年度部门决算情况")
    text = inject(text, "截至2024年12月31日", "截至2023年12月31日")
    text = inject(text, f"{department}2024年度收入支出总计", "上海市普陀区司法局2024年度收入支出总计")
    text = inject(text, "委托中介机构开展各类审计", "委托XX中介机构开展各类审计")
    text = inject(text, "减少人员经费开支。", "减少人员经费开支。。")
    return inject(text, "\n障预估，实际执行基本贴合预期。", "\n障预估，实际执行执行基本贴合预期。")


def _funds(liuyang: str, department: str, mended: bool) -> str:
    """003's department-wide funds table, as printed (rates printed as 预算数 / 执行数, sources 4982.25 万元
    against a structure of 4852.25) or mended (rates 执行数 / 预算数, 基本支出 budget 681.93)."""
    text = liuyang.replace("浏阳市医疗保障局", department)
    if mended:
        for printed, instead in (("\t　64.81%", "\t　154.30%"), ("\t　90.66%", "\t　89.28%"),
                                 ("\t　56.25%", "\t　177.79%"), ("\t　551.93", "\t　681.93")):
            text = inject(text, printed, instead)
    return text


# document → (fails expected, as (check_id, row_key) or check_id counts; rounding expected)
EXPECTED = {
    "clean.txt": Counter(),
    "clean.pdf": Counter(),
    "wrapped_cover.txt": Counter(),
    # the shared PDF as printed: its four misprints (tests/putuo.py), each confirmed in the PDF
    "putuo.pdf": Counter({"n_fiscal_grand_total_vs_table": 1, "n_share_pct_recomputes": 1, "x01_03_class": 1,
                          "x04_05_class": 1}),
    # table 05 removed; table 08 printed empty with its note and the prose statement removed
    "missing_05.txt": Counter({"d_table_printed": 1, "d_empty_table_stated": 1}),
    "who_when.txt": Counter({"d_year_consistent": 2, "d_department_consistent": 1, "d_no_placeholder": 1}),
    "who_when.pdf": Counter({"d_year_consistent": 2, "d_department_consistent": 1, "d_no_placeholder": 1}),
    "prose_totals.txt": Counter({"n_grand_total_vs_table": 1, "n_procurement_total_eq_parts": 1,
                                 "n_agency_operating_expense_le_public": 1, "n_three_public_vs_07": 1}),
    "items.txt": Counter({"n_execution_direction": 1, "n_execution_actual_vs_table": 1,
                          "n_execution_rate_recomputes": 1}),
    # a blank part (基本支出 of 2010602) is 0: the row identity is evaluated, and fails when its total is changed
    "blank_cells.txt": Counter({"t03_total_eq_sum_types": 1, "t03_kuan_eq_sum_xiang": 1}),
}
BLEMISHES = {"who_when.txt": Counter({"d_text_doubled_punctuation": 1, "d_text_repeated_word": 1}),
             "who_when.pdf": Counter({"d_text_doubled_punctuation": 1, "d_text_repeated_word": 1})}


@pytest.fixture(scope="module")
def derived_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("reviewer")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(PUTUO_PDF, raw / "putuo.pdf")
    save(raw, "clean.txt", corrected("上海市普陀区审计局"))
    (raw / "clean.pdf").write_bytes(text_to_pdf(corrected("上海市普陀区统计局")))
    wrapped = corrected("上海市普陀区规划和自然资源局")
    save(raw, "wrapped_cover.txt", inject(wrapped, "上海市普陀区规划和自然资源局\n2024年度部门决算",
                                          "上海市普陀区规划和自然\n资源局\n2024年度部门决算"))
    missing = without_lines(corrected("上海市普陀区民政局"), "一般公共预算财政拨款支出决算表", "合计\t\t2,940.05")
    missing = inject(missing, "注：上海市普陀区民政局无政府性基金预算财政拨款支出，故本表无数据。\n", "")
    missing = inject(missing, "上海市普陀区民政局2024年度无政府性基金预算财政拨款收入和支出。\n", "")
    save(raw, "missing_05.txt", missing)
    save(raw, "who_when.txt", _who_and_when("上海市普陀区教育局"))
    (raw / "who_when.pdf").write_bytes(text_to_pdf(_who_and_when("上海市普陀区卫生健康委员会")))
    totals = corrected("上海市普陀区商务委员会")
    totals = inject(totals, "收入支出总计2995.39万元", "收入支出总计2995.93万元")  # 01 总计 2,995.39
    totals = inject(totals, "货物采购金额4.79万元", "货物采购金额14.79万元")  # 251.25 = 4.79 + 0 + 246.47
    totals = inject(totals, "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%",
                    "机关运行经费支出194.65万元，比2023年度增加12.55万元，增长6.89%")  # 06 公用经费合计 184.65
    totals = inject(totals, "\n0.95\t\t\t\t\t\t\t\t\t\t0.95\t\n", "\n")  # table 07 printed empty; prose: 预算 0.95
    save(raw, "prose_totals.txt", totals)
    items = corrected("上海市普陀区人力资源和社会保障局")
    # item 1: 年初预算 1560.05, 支出决算 1511.89 — "大于" is wrong
    items = inject(items, "决算数小于预算数的主要原因：人员进出", "决算数大于预算数的主要原因：人员进出")
    items = inject(items, "支出决算为258.50万元", "支出决算为268.50万元")  # 05 2210203: 258.50
    items = inject(items, "预算的98.20%", "预算的92.80%")  # 2940.05 / 2993.92 = 98.20%
    save(raw, "items.txt", items)
    blanks = inject(corrected("上海市普陀区体育局"), "2010602\t一般行政管理事务\t10.00\t\t10.00\t\t\t",
                    "2010602\t一般行政管理事务\t11.00\t\t10.00\t\t\t")  # table 03, line 151
    save(raw, "blank_cells.txt", blanks)
    liuyang = (RAW / LIUYANG).read_text(encoding="utf-8")
    save(raw, "funds_printed.txt", _funds(liuyang, "醴陵市医疗保障局", mended=False))
    save(raw, "funds_mended.txt", _funds(liuyang, "宁乡市医疗保障局", mended=True))
    env = {"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(base / "staged"),
           "BDW_WAREHOUSE": str(base / "wh" / "warehouse.duckdb"), "BDW_REPORT_DIR": str(base / "report")}
    result = run_bdw(env, "run", timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (base / "run.out").write_text(result.stdout, encoding="utf-8")
    return Path(env["BDW_WAREHOUSE"])


def test_the_run_summary_names_the_documents_a_reviewer_must_see(derived_run):
    """Without SQL: the missing table and the document findings, per document, in the run's own output."""
    out = (derived_run.parent.parent / "run.out").read_text(encoding="utf-8")
    lines = [line.split(" ", 2)[-1] for line in out.splitlines() if "  document: " in line]
    assert any("missing_05.txt: tables 05 missing; document findings d_empty_table_stated, d_table_printed" in line
               for line in lines), out
    assert any("who_when.txt: document findings d_department_consistent, d_no_placeholder, d_year_consistent"
               in line for line in lines), out
    assert not any("clean.txt" in line or "clean.pdf" in line for line in lines), out


def _by_status(warehouse: Path, source_file: str, status: str, families=None) -> Counter:
    rows = query(warehouse, "select r.check_id, r.check_family from marts.dq_check_result r "
                            "join marts.dim_document d using (document_id) where d.source_file = ? and r.status = ?",
                 [source_file, status])
    return Counter(check_id for check_id, family in rows if families is None or family in families)


@pytest.mark.parametrize("source_file", list(EXPECTED))
def test_each_injected_problem_is_caught_by_name_and_nothing_else(derived_run, source_file):
    assert _by_status(derived_run, source_file, "fail") == EXPECTED[source_file]
    assert _by_status(derived_run, source_file, "rounding", {"document"}) == BLEMISHES.get(source_file, Counter())


def test_the_putuo_misprints_name_the_printed_figures(derived_run):
    messages = dict(query(derived_run, "select r.check_id, r.message from marts.dq_check_result r join "
                                       "marts.dim_document d using (document_id) where d.source_file = 'putuo.pdf' "
                                       "and r.status = 'fail'"))
    grand_total = messages["n_fiscal_grand_total_vs_table"]
    assert "0.30 万元" in grand_total and "2,961.68 万元" in grand_total
    assert "326.71" in messages["x01_03_class"] and "326.72" in messages["x01_03_class"]
    assert "326.71" in messages["x04_05_class"] and "326.72" in messages["x04_05_class"]
    assert "71.73%" in messages["n_share_pct_recomputes"] and "71.65%" in messages["n_share_pct_recomputes"]


def test_the_putuo_pdf_is_evaluated_almost_everywhere(derived_run):
    """Blank cells count as 0 in the 2024 template's tables: at least 90 % of the checks are evaluated."""
    [(evaluated, not_evaluated)] = query(derived_run, """
        select sum(c.evaluated), sum(c.not_evaluated) from marts.dq_check_coverage c
        join marts.dim_document d using (document_id) where d.source_file = 'putuo.pdf'""")
    assert evaluated / (evaluated + not_evaluated) >= 0.9, (evaluated, not_evaluated)
    # 03 row 2010602 (line 151): 10.00 = blank 基本支出 + 10.00 项目支出 + three blank columns
    [(status,)] = query(derived_run, """
        select r.status from marts.dq_check_result r join marts.dim_document d using (document_id)
        where d.source_file = 'putuo.pdf' and r.check_id = 't03_total_eq_sum_types' and r.row_key = '2010602'""")
    assert status == "pass"


def test_a_missing_table_is_a_finding_and_the_checks_it_stops_say_so(derived_run):
    reasons = dict(query(derived_run, """
        select c.check_id, c.not_evaluated_reason from marts.dq_check_coverage c
        join marts.dim_document d using (document_id) where d.source_file = 'missing_05.txt'
        and c.not_evaluated > 0"""))
    for check_id in ("t05_total_eq_sum_classes", "t05_total_eq_basic_project", "x04_05_class",
                     "x05_06_basic_eq_personnel_public"):
        assert reasons[check_id] == "table 05 is not printed", check_id
    [(message,)] = query(derived_run, """
        select r.message from marts.dq_check_result r join marts.dim_document d using (document_id)
        where d.source_file = 'missing_05.txt' and r.check_id = 'd_table_printed' and r.status = 'fail'""")
    assert "表 05" in message and "未列示" in message


def test_a_cover_wrapped_over_two_lines_keeps_the_full_name(derived_run):
    [(name,)] = query(derived_run, "select department_name from marts.dim_document "
                                   "where source_file = 'wrapped_cover.txt'")
    assert name == "上海市普陀区规划和自然资源局"


def test_the_funds_table_of_a_department_wide_self_evaluation(derived_run):
    """003 line 258ff as printed: three rates inverted (预算数 / 执行数) and sources 4982.25 ≠ structure 4852.25;
    mended, both rules pass."""
    funds = ("performance",)
    printed = Counter({k: v for k, v in _by_status(derived_run, "funds_printed.txt", "fail", funds).items()
                       if k.startswith("p_fund")})
    assert printed == Counter({"p_fund_rate_recomputes": 3, "p_fund_sources_eq_uses": 1})
    assert not [k for k in _by_status(derived_run, "funds_mended.txt", "fail") if k.startswith("p_fund")]
    assert _by_status(derived_run, "funds_mended.txt", "pass")["p_fund_sources_eq_uses"] == 2
