"""Tables that cannot be parsed give one issue naming the line and no rows; the rest still loads."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.final_account.narrative import Narrative
from bdw.extract.final_account.sections import narrative_span
from bdw.extract.prose import sentences
from bdw.extract.result import ExtractionResult

from .rerender import GUYUAN, NINGDE, figures, raw_text, run_sample, run_text


@pytest.fixture(scope="module")
def originals():
    return {name: run_sample(name) for name in (NINGDE, GUYUAN)}


def _table_figures(result, tables):
    return {key: value for key, value in figures(result).items() if key[1] in tables}


def _only_issue(result, table):
    """The one issue about a table that is printed; tables a cut document never reaches are reported as missing."""
    missing = [i for i in result.issues if "was not found" in i.message]
    assert all(i.table_code > table for i in missing), missing
    issues = [i for i in result.issues if i not in missing]
    assert len(issues) == 1, issues
    issue = issues[0]
    assert (issue.extractor, issue.table_code) == ("final_account", table)
    assert not [r for ds in ("expenditure", "income") for r in result.rows.get(ds, []) if r["table_code"] == table]
    return issue


def _with_line(text: str, number: int, new: str) -> str:
    """``text`` with 1-based line ``number`` replaced by ``new``."""
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


def test_document_cut_inside_table_03(originals):
    text = "\n".join(raw_text(NINGDE).split("\n")[:190])  # ends at 21011 行政事业单位医疗
    result = run_text(text)
    issue = _only_issue(result, "03")
    assert issue.source_line == 190
    assert "cut short" in issue.message and "注" in issue.expected
    assert sorted(i.table_code for i in result.issues if "was not found" in i.message) == [
        "04", "05", "06", "07", "08", "09"]
    assert _table_figures(result, ("01", "02")) == _table_figures(originals[NINGDE], ("01", "02"))


def test_document_cut_mid_row(originals):
    lines = raw_text(GUYUAN).split("\n")[:190]
    lines[-1] = lines[-1][: lines[-1].index("73396.33") + 4]  # "…\t7339"
    result = run_text("\n".join(lines))
    assert _only_issue(result, "03").source_line == 190
    assert _table_figures(result, ("01", "02")) == _table_figures(originals[GUYUAN], ("01", "02"))


def test_row_with_one_figure_too_many(originals):
    text = _with_line(raw_text(GUYUAN), 190, raw_text(GUYUAN).split("\n")[189] + "\t5.00")
    result = run_text(text)
    issue = _only_issue(result, "03")
    assert issue.source_line == 190 and "6 figure columns" in issue.expected
    others = ("01", "02", "04", "05", "06")
    assert _table_figures(result, others) == _table_figures(originals[GUYUAN], others)


def test_label_where_a_figure_should_be(originals):
    """Name and first figure swapped: a figure among the label cells, text under a figure column."""
    text = _with_line(raw_text(NINGDE), 194, "2101501\t417.97\t行政运行\t417.97\t0.00\t0.00\t0.00\t0.00")
    result = run_text(text)
    assert _only_issue(result, "03").source_line == 194
    assert _table_figures(result, ("05",)) == _table_figures(originals[NINGDE], ("05",))


def test_row_shifted_by_an_empty_leading_cell_still_fits(originals):
    """A row printed one cell to the right (an extra empty cell) keeps its figures in their columns."""
    line = raw_text(NINGDE).split("\n")[193]
    result = run_text(_with_line(raw_text(NINGDE), 194, "\t" + line))
    assert not result.issues
    assert figures(result) == figures(originals[NINGDE])


def test_header_not_found():
    text = _with_line(_with_line(raw_text(NINGDE), 260, ""), 261, "")  # table 05 printed without its header
    issue = _only_issue(run_text(text), "05")
    assert issue.source_line == 262 and "header" in issue.expected


def test_unknown_class_line_in_table_01(originals):
    text = _with_line(raw_text(NINGDE), 112, "\t\t十、未知支出\t3.00")
    issue = _only_issue(run_text(text), "01")
    assert issue.source_line == 112 and "未知支出" in issue.message


def test_code_column_read_as_text_in_table_06():
    row = "30101\t基本工资\t105.54\t办公费\t30201\t1.73\t30704\t国外债务发行费用\t0.00"  # name before code
    text = _with_line(raw_text(NINGDE), 292, row)
    issue = _only_issue(run_text(text), "06")
    assert issue.source_line == 292


def test_index_row_and_marker_digits_are_not_figures(originals):
    """栏次 1 2 3 …, 行次 and the 07 of 公开07表 never become amounts."""
    values = {row["amount_yuan"] for ds in ("expenditure", "income") for row in originals[GUYUAN].rows[ds]}
    lines = {row["source_line"] for ds in ("expenditure", "income") for row in originals[GUYUAN].rows[ds]}
    assert not lines & {109, 153, 181, 211, 256, 325}
    assert Decimal("33") not in values and Decimal("7") not in values


def _narrative(text: str) -> list[dict]:
    doc = document_from_bytes(text.encode("utf-8"), "prose.txt")
    out = ExtractionResult()
    Narrative({}, {}).read(sentences(doc, *narrative_span(doc, 0)), out)
    return out.rows.get("narrative_fact", [])


def test_prose_changes_never_pair_across_sentences():
    facts = _narrative("第三部分 2021 年度部门决算情况说明\n\n"
                       "2021 年度本年支出 100.00 万元。比上年决算数减少 5.00 万元，下降 4.76%。\n\n第四部分 名词解释\n")
    assert [(f["metric_key"], f["amount_yuan"], f["change_yuan"], f["change_pct"]) for f in facts] == [
        ("expenditure_total", Decimal("1000000.00"), None, None)]


def test_prose_budget_comparison_is_not_a_yearly_change():
    facts = _narrative("第三部分 情况说明\n"
                       "公务接待费支出 7.72 万元，比本年预算的 6.00 万元，增长 28.67%。\n第四部分 名词解释\n")
    assert [(f["metric_key"], f["amount_yuan"], f["change_pct"]) for f in facts] == [
        ("three_public_reception", Decimal("77200.00"), None),
        ("three_public_reception_budget", Decimal("60000.00"), None),
    ]


def test_prose_sentence_wrapped_over_lines_keeps_the_figure_line():
    facts = _narrative("第三部分 情况说明\n（五）2101501-行政运行支出 408.87 万元，较上年决\n\n"
                       "算增加 48.35 万元，增长 13.41%。\n第四部分 名词解释\n")
    assert len(facts) == 1
    fact = facts[0]
    assert (fact["subject_code"], fact["source_line"], fact["change_yuan"], fact["change_pct"]) == (
        "2101501", 2, Decimal("483500.00"), Decimal("0.1341"))


def test_prose_change_against_a_year_names_a_fund():
    # the 2024 template (the shared 普陀区财政局 final account, lines 313–315): the sentence compares with
    # 2023; “一般公共预算” is the name of what is compared, not a budget it is compared with
    facts = _narrative("第三部分 情况说明\n一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。与2023年\n"
                       "度相比，一般公共预算财政拨款支出减少63.14万元，下降2.10%。\n"
                       "公务接待费支出 7.72 万元，较2024年度年初预算数减少 1.00 万元，降低 11.47%。\n"
                       "第四部分 名词解释\n")
    read = [(f["metric_key"], f["amount_yuan"], f["change_yuan"], f["change_pct"], f["source_line"]) for f in facts]
    # the change from 2023 is a yearly change (not a budget comparison) of the figure it follows, on the
    # line its sentence starts (“与2023年” ends line 2)
    assert read == [
        ("gpb_expenditure_total", Decimal("29400500.00"), Decimal("-631400.00"), Decimal("-0.0210"), 2),
        # a comparison with a year's budget stays a budget comparison: no yearly change
        ("three_public_reception", Decimal("77200.00"), None, None, 4),
    ]
