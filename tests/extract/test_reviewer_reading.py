"""What the extraction reads for the document-level rules: the nine tables and their state, the blank
cells, every mention of the department and the year, the prose totals, the budget-against-outcome
statements and the funds table of a department-wide self-evaluation.

Figures are read off the documents by hand (the Putuo PDF's line numbers are those of its text as bdw
reads it: ``tests/putuo.py``); documents derived from it change one thing each.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal as D

import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.mentions import read_mentions
from bdw.extract.metadata import read_metadata
from bdw.extract.pipeline import extract_document
from tests.conftest import sample_bytes
from tests.putuo import PUTUO_PDF, corrected, inject, putuo_text, without_lines

needs_putuo = pytest.mark.skipif(not PUTUO_PDF.exists(), reason="../shared/pdf-samples is not beside the clone")


def _extract(text: str, name: str = "doc.txt"):
    doc = document_from_bytes(text.encode("utf-8"), name)
    meta = read_metadata(doc)
    return meta, extract_document(doc, meta)


def _sample(name: str):
    doc = document_from_bytes(sample_bytes(name), name)
    meta = read_metadata(doc)
    return meta, extract_document(doc, meta)


@pytest.fixture(scope="module")
def putuo():
    return _extract(putuo_text(), "putuo.txt")


# --- the nine tables --------------------------------------------------------------------------------------

@needs_putuo
def test_putuo_prints_all_nine_tables_and_says_08_09_are_empty(putuo):
    _, result = putuo
    tables = {row["table_code"]: row for row in result.rows["document_table"]}
    assert {code: row["status"] for code, row in tables.items()} == {
        "01": "printed", "02": "printed", "03": "printed", "04": "printed", "05": "printed", "06": "printed",
        "07": "printed", "08": "empty", "09": "empty"}
    # p. 19 (line 286): 注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。
    assert (tables["08"]["empty_statement_line"], tables["09"]["empty_statement_line"]) == (286, 293)
    assert "本表无数据" in tables["08"]["empty_statement"]
    assert tables["07"]["figures"] == 2  # p. 18 (line 279): 预算数 0.95 (合计) and 0.95 (公务接待费)


@needs_putuo
def test_a_table_left_out_is_missing_and_an_empty_one_without_its_note_says_nothing():
    text = without_lines(corrected("上海市普陀区民政局"), "一般公共预算财政拨款支出决算表", "合计\t\t2,940.05")
    text = inject(text, "注：上海市普陀区民政局无政府性基金预算财政拨款支出，故本表无数据。\n", "")
    text = inject(text, "上海市普陀区民政局2024年度无政府性基金预算财政拨款收入和支出。\n", "")
    _, result = _extract(text)
    tables = {row["table_code"]: row for row in result.rows["document_table"]}
    assert tables["05"]["status"] == "missing" and tables["05"]["source_line"] is None
    assert (tables["08"]["status"], tables["08"]["empty_statement"]) == ("empty", None)
    assert tables["09"]["empty_statement"] is not None  # its note is still printed
    assert any(issue.table_code == "05" for issue in result.issues)  # and extraction_error says it too


def test_samples_state_their_empty_tables_in_a_note_or_in_the_prose():
    # 000 line 366: 本单位 2021 年度没有使用政府性基金预算拨款安排的收支 (08 prints 0.00 only);
    # 004 line 417: 政府性基金预算财政拨款本年收入0元，本年支出0元 (08 prints 0 only); 07 of 004 prints twelve 0.00
    for name, lines in (("000_ababedf1869e2353.txt", {"08": 366, "09": 384}),
                        ("004_a15be56197084065.txt", {"08": 417, "09": 421})):
        _, result = _sample(name)
        tables = {row["table_code"]: row for row in result.rows["document_table"]}
        assert {code: tables[code]["empty_statement_line"] for code in lines} == lines
        assert {row["status"] for code, row in tables.items() if code not in lines} == {"printed"}


# --- blank cells ------------------------------------------------------------------------------------------

@needs_putuo
def test_putuo_blank_cells_are_recorded_where_a_row_prints_other_figures(putuo):
    _, result = putuo
    blanks = result.rows["blank_cell"]
    assert Counter(row["table_code"] for row in blanks) == Counter(
        {"02": 95, "03": 76, "04": 18, "05": 16, "07": 10, "01": 2})
    keys = {(row["table_code"], row["row_key"], row["column_key"], row["source_line"]) for row in blanks}
    # line 151 (03): 2010602 一般行政管理事务 10.00 | blank 基本支出 | 10.00 项目支出 | three blank columns
    assert {("03", "2010602", column, 151) for column in ("basic", "upper_remit", "operating", "subsidiary")} <= keys
    # line 114 (01): 使用非财政拨款结余 and 结余分配 printed blank: balancing lines are 0
    assert {("01", "non_fiscal_balance_used", "income:all", 114), ("01", "surplus_distribution",
                                                                 "expenditure:all", 114)} <= keys
    # line 88 (01): 二、政府性基金预算财政拨款收入 printed blank, a line with no figure at all: not a row of figures
    assert not [row for row in blanks if row["source_line"] == 88]
    # line 279 (07): budget 0.95 under 合计 and 公务接待费, every other cell blank
    assert ("07", "total", "actual", 279) in keys and ("07", "reception", "budget", 279) not in keys
    # the facts stay NULL: no figure is added for a blank cell
    assert not [row for row in result.rows["expenditure"] if row["source_line"] == 151
                and row["expenditure_type"] == "basic"]


def test_a_table_printing_its_zeros_has_no_blank_cells():
    _, result = _sample("000_ababedf1869e2353.txt")  # 000 prints 0.00 in every empty cell
    assert result.rows.get("blank_cell", []) == []


# --- who and when -----------------------------------------------------------------------------------------

@needs_putuo
def test_putuo_names_itself_and_its_year_consistently(putuo):
    meta, result = putuo
    mentions = result.rows["document_mention"]
    years = Counter((row["year_found"], row["year_role"]) for row in mentions if row["mention_kind"] == "year")
    # reported: cover, contents (2), part headings (2), the prose; compared with: 与/比 2023年度 (5 sentences)
    assert years == Counter({(2024, "reported"): 20, (2023, "prior"): 5})
    departments = {row["found_text"] for row in mentions if row["mention_kind"] == "department"}
    assert departments == {meta.department_name} == {"上海市普陀区财政局"}
    places = Counter(row["place"] for row in mentions if row["mention_kind"] == "department")
    assert places == Counter({"prose": 12, "contents": 3, "part_heading": 3, "cover": 1})
    assert not [row for row in mentions if row["mention_kind"] in ("placeholder", "doubled_punctuation",
                                                                   "repeated_word", "rounding_note")]


def _mentions(text: str):
    return read_mentions(document_from_bytes(text.encode("utf-8"), "x.txt"))


@needs_putuo
def test_a_year_or_department_left_from_another_report_is_read_with_its_line():
    text = corrected("上海市普陀区教育局")
    heading = "第三部分上海市普陀区教育局{}年度部门决算情况"
    text = inject(text, heading.format(2024), heading.format(2023))
    text = inject(text, "截至2024年12月31日", "截至2023年12月31日")
    text = inject(text, "上海市普陀区教育局2024年度收入支出总计", "上海市普陀区司法局2024年度收入支出总计")
    mentions = _mentions(text)
    assert {(m.place, m.line) for m in mentions if m.kind == "year" and m.year == 2023 and m.role == "reported"} == {
        ("part_heading", 294), ("prose", 406)}
    assert [(m.found, m.line) for m in mentions if m.kind == "department" and "司法局" in m.found] == [
        ("上海市普陀区司法局", 297)]


def test_history_and_filing_dates_are_not_claims_about_the_year():
    # 000 line 79: 自 2020 年 11 月入选国家 DIP 试点; line 633: 填报日期 2022 年 01 月 14 日 (a table row);
    # 004 line 387: 主要原因是我单位于2019年4月份…: every year 000 and 004 claim is their fiscal year (or, compared
    # with, the year before)
    claimed = {"000_ababedf1869e2353.txt": {(2021, "reported")},  # 000 compares with 上年 only, never a year
               "004_a15be56197084065.txt": {(2020, "reported"), (2019, "prior")}}
    for name, years in claimed.items():
        mentions = [m for m in read_mentions(document_from_bytes(sample_bytes(name), name)) if m.kind == "year"]
        assert {(m.year, m.role) for m in mentions} == years
        assert not [m for m in mentions if m.line in (79, 633)]


def test_placeholders_and_blemishes_are_read_where_they_are_printed():
    text = ("上海市某某区财政局\n2024年度部门决算\n目 录\n第一部分 上海市某某区财政局概况\n第一部分 概况\n"
            "本部门2024年度收入支出总计XXX万元，比上年增加××万元。。主要原因：【此处填写】。\n"
            "本年支出合计的的增加，支出支出情况如下。\n")
    found = Counter((m.kind, m.found) for m in _mentions(text))
    assert found[("placeholder", "某某")] == 2 and found[("placeholder", "XXX")] == 1
    assert found[("placeholder", "××")] == 1 and found[("placeholder", "【此处填写】")] == 1
    assert found[("doubled_punctuation", "。。")] == 1
    assert found[("repeated_word", "的的")] == 1 and found[("repeated_word", "支出支出")] == 1


def test_the_rounding_note_is_read():
    # 000 line 136: 2. 本套报表金额单位转换时可能存在尾数误差。
    mentions = read_mentions(document_from_bytes(sample_bytes("000_ababedf1869e2353.txt"), "000.txt"))
    assert [(m.kind, m.line) for m in mentions if m.kind == "rounding_note"] == [("rounding_note", 136)]


@needs_putuo
def test_a_cover_wrapped_over_two_lines_yields_the_full_name():
    text = inject(corrected("上海市普陀区规划和自然资源局"), "上海市普陀区规划和自然资源局\n2024年度部门决算",
                  "上海市普陀区规划和自然\n资源局\n2024年度部门决算")
    meta, _ = _extract(text)
    assert (meta.department_name, meta.department_line) == ("上海市普陀区规划和自然资源局", 1)


@needs_putuo
def test_the_department_is_the_name_most_places_print_not_a_truncated_cover():
    # the cover alone prints "资源局" (a wrap the reader could not join: a year line between); the contents,
    # the part headings and the prose print the full name
    text = inject(corrected("上海市普陀区规划和自然资源局"), "上海市普陀区规划和自然资源局\n2024年度部门决算",
                  "资源局\n2024年度部门决算")
    meta, result = _extract(text)
    assert meta.department_name == "上海市普陀区规划和自然资源局"
    assert meta.department_line == 4  # first printed in full in the contents (第一部分 …概况)


# --- prose totals and budget-against-outcome statements ----------------------------------------------------

@needs_putuo
def test_putuo_prose_totals(putuo):
    _, result = putuo
    facts = {(row["metric_key"], row["subject_code"]): row for row in result.rows["narrative_fact"]}
    # line 297: 收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。
    grand = facts[("grand_total", None)]
    assert (grand["amount_yuan"], grand["change_yuan"], grand["change_pct"]) == (D("29953900.00"), D("-569500.00"),
                                                                               D("-0.0187"))
    assert facts[("fiscal_grand_total", None)]["amount_yuan"] == D("3000.00")  # line 307: 0.3万元 (the misprint)
    # lines 318–320: the four classes (类) of the structure
    assert {code: facts[("subject_expenditure", code)]["amount_yuan"] for code in ("201", "208", "210", "221")} == {
        "201": D("21066600.00"), "208": D("3267200.00"), "210": D("609900.00"), "221": D("4456900.00")}
    # lines 398–399: 政府采购金额251.25万元，其中：货物4.79、工程0、服务246.47
    assert [facts[(f"government_procurement_{part}", None)]["amount_yuan"] for part in
            ("total", "goods", "works", "services")] == [D("2512500.00"), D("47900.00"), D("0.00"), D("2464700.00")]


@needs_putuo
def test_putuo_budget_against_outcome_statements(putuo):
    _, result = putuo
    statements = {(row["subject_kind"], row["subject_code"]): row for row in result.rows["narrative_execution"]}
    # lines 322–323: 年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数…
    total = statements[("total", "general_public_budget")]
    assert (total["budget_yuan"], total["actual_yuan"], total["rate"], total["direction"]) == (
        D("29939200.00"), D("29400500.00"), D("0.9820"), "lt")
    items = {code: (row["budget_yuan"], row["actual_yuan"], row["direction_text"])
             for (kind, code), row in statements.items() if kind == "item"}
    # lines 325–360: eleven 项, each resolved through the tables' own codes (a label wrapped over two lines too)
    assert items == {
        "2010601": (D("15600500.00"), D("15118900.00"), "小于"),
        "2010602": (D("100000.00"), D("100000.00"), "基本持平"),
        "2010607": (D("1359000.00"), D("1352500.00"), "小于"), "2010608": (D("4505200.00"), D("4495200.00"), "小于"),
        "2080501": (D("855500.00"), D("846500.00"), "小于"), "2080505": (D("1616200.00"), D("1607500.00"), "小于"),
        "2080506": (D("808100.00"), D("803800.00"), "小于"), "2080599": (D("9400.00"), D("9400.00"), "基本持平"),
        "2101101": (D("622900.00"), D("609900.00"), "小于"), "2210201": (D("1877500.00"), D("1871900.00"), "小于"),
        "2210203": (D("2585000.00"), D("2585000.00"), "基本持平")}
    # lines 370–373: “三公” 预算 0.95, 决算 0.00, 完成预算的0%, then each category's 决算 0.00 and 0%; 小于
    three = statements[("three_public", "total")]
    assert (three["budget_yuan"], three["actual_yuan"], three["rate"], three["direction"]) == (
        D("9500.00"), D("0.00"), D("0"), "lt")
    assert {code for kind, code in statements if kind == "three_public"} == {
        "total", "overseas_travel", "vehicle", "reception"}


def test_statements_of_the_government_fund_part_belong_to_table_08():
    text = ("2024年度某某区某局部门决算\n第三部分 某某区某局2024年度部门决算情况说明\n"
            "八、政府性基金预算财政拨款收入支出决算情况说明\n"
            "1、城乡社区支出（类）国有土地使用权出让收入安排的支出（款）征地和拆迁补偿支出（项）。"
            "主要用于：拆迁。年初预算为 120.00 万元，支出决算为 90.00 万元。决算数小于预算数的主要原因：进度。\n")
    from bdw.extract.final_account.execution import ExecutionReader
    from bdw.extract.result import ExtractionResult

    doc = document_from_bytes(text.encode("utf-8"), "x.txt")
    out = ExtractionResult()
    printed = (("212", "城乡社区支出", None), ("21208", "国有土地使用权出让收入安排的支出", "212"),
               ("2120801", "征地和拆迁补偿支出", "21208"))
    subjects = [{"classification": "function", "subject_code": code, "subject_name": name, "parent_code": parent}
                for code, name, parent in printed]
    ExecutionReader({"城乡社区支出": "212"}, subjects).read(doc, 1, None, out)
    [row] = out.rows["narrative_execution"]
    assert (row["subject_code"], row["fund_type"], row["budget_yuan"], row["actual_yuan"], row["direction"]) == (
        "2120801", "government_fund", D("1200000.00"), D("900000.00"), "lt")


# --- department-wide funds table --------------------------------------------------------------------------

def test_the_funds_table_of_a_department_wide_self_evaluation_row_by_row():
    # 003 lines 258–280 (万元): 资金来源 财政拨款 4982.25 | 7687.56 | 64.81%, 其他资金 0 | 567 | 100%;
    # 资金结构 基本支出 551.93 | 608.81 | 90.66%, 项目支出 4300.32 | 7645.75 | 56.25%
    _, result = _sample("003_fe244c6e34d881f1.txt")
    rows = [(row["fund_group"], row["budget_yuan"], row["executed_yuan"], row["rate"], row["source_line"])
            for row in result.rows["performance_fund"]]
    assert rows == [("source", D("49822500.00"), D("76875600.00"), D("0.6481"), 258),
                    ("source", D("0.00"), D("5670000.00"), D("1.00"), 264),
                    ("structure", D("5519300.00"), D("6088100.00"), D("0.9066"), 270),
                    ("structure", D("43003200.00"), D("76457500.00"), D("0.5625"), 276)]
