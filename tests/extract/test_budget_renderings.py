"""The same budget printed other ways gives the same figures (tests/extract/budget_render.py).

The reference is the shared 2026 Putuo 司法局 budget read from its PDF; each rendering changes how
it is printed (unit, page breaks, a PDF printed by Chromium from the page-broken text, another
department and year, the unit edition's titles and columns), never what it says.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from bdw.extract.budget import extract
from bdw.extract.document import document_from_bytes
from bdw.extract.metadata import read_metadata
from bdw.extract.pipeline import extract_document
from tests.pdf_render import text_to_pdf

from .budget_render import BUDGET_PDF, UNIT, budget_text, page_broken, renamed, to_wan, unit_edition

pytestmark = pytest.mark.skipif(not BUDGET_PDF.exists(), reason="../shared/pdf-samples is not beside the clone")

_KEYS = ("table_code", "subject_code", "subject_name", "income_source", "expenditure_type", "fund_type", "side",
         "line_key", "category", "source", "metric_key")


def run(text: str, name: str = "budget.txt"):
    doc = document_from_bytes(text.encode("utf-8"), name)
    meta = read_metadata(doc)
    return doc, meta, extract_document(doc, meta)


def figures(result) -> dict[tuple, Decimal]:
    """Every figure by what it is (not where it is printed): ``{(dataset, *identity, n): amount}``."""
    out: dict[tuple, Decimal] = {}
    for dataset in ("income", "expenditure", "summary_line", "three_public"):
        for row in result.rows.get(dataset, []):
            key = (dataset, *(row.get(k) for k in _KEYS))
            n = sum(1 for existing in out if existing[:-1] == key)
            out[(*key, n)] = row["amount_yuan"]
    return out


def prose(result) -> list[tuple]:
    return [(row["metric_key"], row["subject_code"], row["amount_yuan"], row["number_value"], row["change_yuan"],
             row["change_pct"]) for row in result.rows["narrative_fact"]]


@pytest.fixture(scope="module")
def reference():
    return run(budget_text())


def test_text_rendering_reads_as_the_pdf(reference):
    pdf = document_from_bytes(BUDGET_PDF.read_bytes(), "budget.pdf")
    result = extract(pdf, read_metadata(pdf))
    _, _, text_result = reference
    for dataset, rows in result.rows.items():
        assert text_result.rows[dataset] == rows, dataset


def test_wan_rendering_gives_the_same_figures_to_the_rounding(reference):
    _, _, expected = reference
    _, _, result = run(to_wan(budget_text()))
    assert result.issues == []
    want, got = figures(expected), figures(result)
    assert want.keys() == got.keys()
    for key, amount in want.items():
        # 16,726,725.44 元 printed as 1672.67 万元: within half a printed digit (50 元)
        assert abs(got[key] - amount) <= 50, key
    units = {row["reported_unit"] for row in result.rows["expenditure"] if row["table_code"] != "B09"}
    assert units == {"万元"}
    b03 = next(row for row in result.rows["expenditure"]
               if (row["table_code"], row["subject_code"], row["expenditure_type"]) == ("B03", "2040601", "basic"))
    assert (b03["amount_yuan"], b03["reported_decimals"]) == (Decimal("16726700.00"), 2)
    assert prose(result) == prose(expected)


@pytest.mark.parametrize("form_feed", [False, True], ids=["page-line", "form-feed"])
def test_page_broken_rendering_gives_the_same_figures(reference, form_feed):
    _, _, expected = reference
    text = page_broken(budget_text(), form_feed=form_feed)
    assert text.count("（续）") == 4
    _, _, result = run(text)
    assert result.issues == []
    assert figures(result) == figures(expected)
    assert [fact[:2] + fact[2:] for fact in prose(result)] == prose(expected)


def test_page_broken_pdf_gives_the_same_figures(reference):
    _, _, expected = reference
    pdf = text_to_pdf(page_broken(budget_text()))
    doc = document_from_bytes(pdf, "broken.pdf")
    meta = read_metadata(doc)
    result = extract_document(doc, meta)
    assert (meta.department_name, meta.fiscal_year, meta.document_kind) == ("上海市普陀区司法局", 2026, "budget")
    assert result.issues == []
    assert figures(result) == figures(expected)
    assert prose(result) == prose(expected)
    # the continued tables really sit on two pages
    b03 = [doc.pages[row["source_line"] - 1] for row in result.rows["expenditure"] if row["table_code"] == "B03"]
    assert len(set(b03)) >= 2


def test_another_department_and_year(reference):
    _, _, expected = reference
    doc, meta, result = run(renamed(budget_text(), "上海市长宁区民政局", 2025))
    assert (meta.department_name, meta.fiscal_year, meta.document_kind) == ("上海市长宁区民政局", 2025, "budget")
    assert figures(result) == figures(expected)
    years = sorted({int(row["number_value"]) for row in result.rows["narrative_fact"] if row["number_value"]})
    assert years == [2024, 2025]  # the prose's years moved with the budget year
    assert "上海市长宁区民政局收入预算" in doc.line(88)


def test_unit_edition_titles_and_columns():
    doc, meta, result = run(unit_edition(budget_text()), "unit.txt")
    assert (meta.department_name, meta.fiscal_year, meta.document_kind) == (UNIT, 2026, "budget")
    assert result.issues == []

    def amount(dataset, **where):
        rows = [row for row in result.rows[dataset] if all(row[k] == v for k, v in where.items())]
        assert len(rows) == 1, where
        return rows[0]["amount_yuan"]

    # B03 (codes in 类 | 款 | 项 cells, thousands separators): 基本支出 over 人员经费 | 公用经费
    assert amount("expenditure", table_code="B03", subject_code="2040601", expenditure_type="personnel") \
        == Decimal("14548401.00")
    assert amount("expenditure", table_code="B03", subject_code="TOTAL", expenditure_type="public") \
        == Decimal("2178324.44")
    assert amount("expenditure", table_code="B03", subject_code="20406", expenditure_type="basic") \
        == Decimal("16726725.44")
    assert amount("expenditure", table_code="B05", subject_code="2101101", expenditure_type="personnel") \
        == Decimal("1149678.00")
    # B02: 财政拨款收入 over 小计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 (the last two blank)
    assert amount("income", table_code="B02", subject_code="2040699", income_source="fiscal_appropriation") \
        == Decimal("38454900.00")
    assert amount("income", table_code="B02", subject_code="2040699", income_source="general_public_budget") \
        == Decimal("38454900.00")
    assert not [row for row in result.rows["income"] if row["income_source"] == "government_fund"
                and row["table_code"] == "B02"]
    # item lines that print no codes (“公共安全支出（类）司法（款）行政运行（项）”科目…) find theirs in the tables
    items = {row["subject_code"] for row in result.rows["narrative_fact"]
             if row["metric_key"] == "subject_expenditure_budget"}
    assert items == {"2040601", "2040604", "2040605", "2040607", "2040613", "2040699", "2080501", "2080505",
                     "2080506", "2080599", "2101101", "2210201", "2210203"}


def test_unit_edition_gives_the_department_editions_figures_in_the_shared_columns(reference):
    _, _, expected = reference
    _, _, result = run(unit_edition(budget_text()), "unit.txt")
    want = figures(expected)
    added = {("B03", "personnel"), ("B03", "public"), ("B05", "personnel"), ("B05", "public"),
             ("B02", "general_public_budget")}  # the unit edition's extra columns
    got = {key: value for key, value in figures(result).items()
           if (key[1], key[5]) not in added and (key[1], key[4]) not in added}
    assert {(k[0], k[1], k[2], *k[4:]) for k in got} == {(k[0], k[1], k[2], *k[4:]) for k in want}
    assert sorted(got.values()) == sorted(want.values())


def test_a_budget_cut_short_loads_its_complete_tables():
    lines = budget_text().split("\n")
    cut = "\n".join(lines[:170])  # inside B03 (page 12)
    _, _, result = run(cut)
    tables = {row["table_code"] for dataset in ("income", "expenditure") for row in result.rows.get(dataset, [])}
    assert tables == {"B01", "B02"}
    issues = {issue.table_code: issue for issue in result.issues}
    assert set(issues) == {"B03", "B04", "B05", "B06", "B07", "B08", "B09"}
    assert "cut short" in issues["B03"].message and issues["B03"].source_line == 170
    assert "not found" in issues["B04"].message


def test_a_row_that_fits_no_column_stops_its_table_only():
    lines = budget_text().split("\n")
    lines[145] = "2040605\t普法宣传\t1242900.00\t1242900.00\t0.00\t0.00\t0.00\t9.99"  # line 146: a stray 8th cell
    _, _, result = run("\n".join(lines))
    [issue] = result.issues
    assert (issue.table_code, issue.source_line) == ("B02", 146)
    assert "does not fit the header" in issue.message and "figure columns" in issue.expected
    assert not [row for row in result.rows["income"] if row["table_code"] == "B02"]
    assert [row for row in result.rows["income"] if row["table_code"] == "B01"]


def test_an_unknown_line_in_b01_names_the_line():
    lines = budget_text().split("\n")
    lines[133] = "四、借款收入\t0.00\t\t"  # line 134
    _, _, result = run("\n".join(lines))
    [issue] = result.issues
    assert (issue.table_code, issue.source_line) == ("B01", 134)
    assert "借款收入" in issue.message
