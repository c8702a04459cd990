"""The shared 2026 budget of 上海市普陀区司法局 (部门预算), figure by figure, as printed.

Every expected figure below was read by hand from the rendered pages of
``../shared/pdf-samples/上海市普陀区司法局2026年部门预算.pdf`` (the page is given with each one):
tables B01–B09 on pages 10–21, the 编制说明 on pages 8–9, the 其他相关情况说明 on page 22. The
misprints of the document are read as printed (page 9: 43269.3 for the 其他司法支出 execution,
201.50 for 住房公积金's 2026 budget, 17.66% for 职业年金; page 8: "比2026年预算" in a 2026 budget).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bdw.extract.budget import extract
from bdw.extract.budget.sections import locate_tables
from bdw.extract.document import document_from_bytes
from bdw.extract.metadata import read_metadata

from .budget_render import BUDGET_PDF, budget_text, table_lines

pytestmark = pytest.mark.skipif(not BUDGET_PDF.exists(), reason="../shared/pdf-samples is not beside the clone")

W = Decimal(10000)  # 万元


@pytest.fixture(scope="module")
def budget():
    doc = document_from_bytes(BUDGET_PDF.read_bytes(), "budget.pdf")
    meta = read_metadata(doc)
    return doc, meta, extract(doc, meta)


def _one(rows, **where):
    hits = [row for row in rows if all(row.get(k) == v for k, v in where.items())]
    assert len(hits) == 1, f"{where}: {len(hits)} rows"
    return hits[0]


# (dataset, what identifies the figure, amount in 元 as printed, page)
TABLE_FIGURES = [
    # B01 财务收支预算总表, page 10
    ("income", dict(table_code="B01", income_source="fiscal_appropriation"), "96282213.44", 10),
    ("income", dict(table_code="B01", income_source="general_public_budget"), "96282213.44", 10),
    ("income", dict(table_code="B01", income_source="government_fund"), "0.00", 10),
    ("income", dict(table_code="B01", income_source="business"), "0.00", 10),
    ("expenditure", dict(table_code="B01", subject_code="204", fund_type="all"), "87267272.44", 10),
    ("expenditure", dict(table_code="B01", subject_code="208", fund_type="all"), "3343704.00", 10),
    ("expenditure", dict(table_code="B01", subject_code="210", fund_type="all"), "1149678.00", 10),
    ("expenditure", dict(table_code="B01", subject_code="221", fund_type="all"), "4521559.00", 10),
    ("summary_line", dict(table_code="B01", side="income", line_key="grand_total"), "96282213.44", 10),
    ("summary_line", dict(table_code="B01", side="expenditure", line_key="grand_total"), "96282213.44", 10),
    # B02 收入预算总表, page 11
    ("income", dict(table_code="B02", subject_code="204", income_source="total"), "87267272.44", 11),
    ("income", dict(table_code="B02", subject_code="2040601", income_source="fiscal_appropriation"),
     "16726725.44", 11),
    ("income", dict(table_code="B02", subject_code="2080599", income_source="total"), "6440.00", 11),
    ("income", dict(table_code="B02", subject_code="2210201", income_source="total"), "2087959.00", 11),
    ("income", dict(table_code="B02", subject_code="TOTAL", income_source="operating"), "0.00", 11),
    ("income", dict(table_code="B02", subject_code="TOTAL", income_source="total"), "96282213.44", 11),
    # B03 支出预算总表, pages 12–13
    ("expenditure", dict(table_code="B03", subject_code="2040601", expenditure_type="basic"), "16726725.44", 12),
    ("expenditure", dict(table_code="B03", subject_code="2040604", expenditure_type="project"), "21703947.00", 12),
    ("expenditure", dict(table_code="B03", subject_code="2040699", expenditure_type="project"), "38454900.00", 12),
    ("expenditure", dict(table_code="B03", subject_code="208", expenditure_type="basic"), "3343704.00", 12),
    ("expenditure", dict(table_code="B03", subject_code="2080506", expenditure_type="total"), "919739.00", 13),
    ("expenditure", dict(table_code="B03", subject_code="TOTAL", expenditure_type="basic"), "25741666.44", 13),
    ("expenditure", dict(table_code="B03", subject_code="TOTAL", expenditure_type="project"), "70540547.00", 13),
    # B04 财政拨款收支预算总表, page 14
    ("income", dict(table_code="B04", income_source="general_public_budget"), "96282213.44", 14),
    ("income", dict(table_code="B04", income_source="state_capital"), "0.00", 14),
    ("expenditure", dict(table_code="B04", subject_code="204", fund_type="all"), "87267272.44", 14),
    ("expenditure", dict(table_code="B04", subject_code="204", fund_type="general_public_budget"),
     "87267272.44", 14),
    ("expenditure", dict(table_code="B04", subject_code="221", fund_type="general_public_budget"), "4521559.00", 14),
    ("summary_line", dict(table_code="B04", side="expenditure", line_key="grand_total",
                          fund_type="general_public_budget"), "96282213.44", 14),
    # B05 一般公共预算支出功能分类预算表, pages 15–16
    ("expenditure", dict(table_code="B05", subject_code="20406", expenditure_type="total"), "87267272.44", 15),
    ("expenditure", dict(table_code="B05", subject_code="2101101", expenditure_type="basic"), "1149678.00", 16),
    ("expenditure", dict(table_code="B05", subject_code="2210203", expenditure_type="total"), "2433600.00", 16),
    ("expenditure", dict(table_code="B05", subject_code="TOTAL", expenditure_type="total"), "96282213.44", 16),
    # B08 一般公共预算基本支出部门预算经济分类预算表, pages 19–20
    ("expenditure", dict(table_code="B08", subject_code="301", expenditure_type="basic"), "23084662.00", 19),
    ("expenditure", dict(table_code="B08", subject_code="30102", expenditure_type="personnel"), "12971818.00", 19),
    ("expenditure", dict(table_code="B08", subject_code="30113", expenditure_type="basic"), "2087959.00", 19),
    ("expenditure", dict(table_code="B08", subject_code="302", expenditure_type="public"), "2141724.44", 19),
    ("expenditure", dict(table_code="B08", subject_code="30204", expenditure_type="public"), "760.00", 19),
    ("expenditure", dict(table_code="B08", subject_code="30217", expenditure_type="basic"), "8265.00", 20),
    ("expenditure", dict(table_code="B08", subject_code="30231", expenditure_type="public"), "99750.00", 20),
    ("expenditure", dict(table_code="B08", subject_code="310", expenditure_type="basic"), "36600.00", 20),
    ("expenditure", dict(table_code="B08", subject_code="TOTAL", expenditure_type="personnel"), "23563342.00", 20),
    ("expenditure", dict(table_code="B08", subject_code="TOTAL", expenditure_type="public"), "2178324.44", 20),
    ("expenditure", dict(table_code="B08", subject_code="TOTAL", expenditure_type="basic"), "25741666.44", 20),
    # B09 “三公”经费和机关运行经费预算表, page 21 (万元)
    ("three_public", dict(category="total", source="table"), "108100.00", 21),
    ("three_public", dict(category="overseas_travel", source="table"), "0.00", 21),
    ("three_public", dict(category="reception", source="table"), "8300.00", 21),
    ("three_public", dict(category="vehicle", source="table"), "99800.00", 21),
    ("three_public", dict(category="vehicle_purchase", source="table"), "0.00", 21),
    ("three_public", dict(category="vehicle_operation", source="table"), "99800.00", 21),
    ("expenditure", dict(table_code="B09", subject_code="AGENCY_OPERATING"), "2178300.00", 21),
]

# (metric, subject, amount in 万元 as printed, stated change in 万元, stated rate, page)
PROSE_FIGURES = [
    ("income_total_budget", None, "9628.22", None, None, 8),
    ("fiscal_income_total_budget", None, "9628.22", "793.14", None, 8),
    ("income_business_budget", None, "0", None, None, 8),
    ("expenditure_total_budget", None, "9628.22", None, None, 8),
    ("gpb_expenditure_total_budget", None, "9628.22", "793.14", None, 8),
    ("government_fund_expenditure_total_budget", None, "0", "0", None, 8),
    ("subject_expenditure_budget", "2040601", "1672.67", None, None, 8),
    ("subject_prior_execution", "2040601", "1690.69", None, None, 8),
    ("subject_prior_execution", "2040699", "43269.3", None, None, 9),  # the misprint, as printed
    ("subject_expenditure_budget", "2210201", "208.8", None, None, 9),
    ("subject_expenditure_budget", "2210201", "201.50", None, "0.0527", 9),  # restated differently
    ("subject_expenditure_budget", "2080506", "91.97", None, "0.1766", 9),  # 77.99 → 91.97 is +17.93%
    ("subject_expenditure_budget", "2080501", "57.8", None, "-0.0221", 9),
    ("agency_operating_expense_budget", None, "217.83", None, None, 22),
    ("government_procurement_total_budget", None, "1486.42", None, None, 22),
    ("government_procurement_services_budget", None, "1446.32", None, None, 22),
]


@pytest.mark.parametrize(("dataset", "where", "amount", "page"), TABLE_FIGURES,
                         ids=[f"{d}-{'-'.join(map(str, w.values()))}" for d, w, _, _ in TABLE_FIGURES])
def test_table_figures_as_printed(budget, dataset, where, amount, page):
    doc, _, result = budget
    row = _one(result.rows[dataset], **where)
    assert row["amount_yuan"] == Decimal(amount)
    assert doc.pages[row["source_line"] - 1] == page


@pytest.mark.parametrize(("metric", "code", "amount", "change", "rate", "page"), PROSE_FIGURES,
                         ids=[f"{m}-{c}-{a}" for m, c, a, *_ in PROSE_FIGURES])
def test_prose_figures_as_printed(budget, metric, code, amount, change, rate, page):
    doc, _, result = budget
    # an item's heading and its "2026年预算安排" restatement: the restatement carries the stated rate
    row = _one(result.rows["narrative_fact"], metric_key=metric, subject_code=code, amount_yuan=Decimal(amount) * W,
               change_pct=None if rate is None else Decimal(rate))
    assert row["reported_unit"] == "万元"
    assert row["change_yuan"] == (None if change is None else Decimal(change) * W)
    assert doc.pages[row["source_line"] - 1] == page


def test_figures_read_by_hand_are_many_and_span_every_table_and_the_prose():
    tables = {where.get("table_code", "B09") for _, where, _, _ in TABLE_FIGURES}
    assert len(TABLE_FIGURES) + len(PROSE_FIGURES) >= 40
    assert tables == {"B01", "B02", "B03", "B04", "B05", "B08", "B09"}  # B06, B07: printed empty (below)


def test_metadata_of_the_budget(budget):
    doc, meta, _ = budget
    assert (meta.department_name, meta.fiscal_year, meta.document_kind) == ("上海市普陀区司法局", 2026, "budget")
    assert doc.line(meta.department_line) == "预算主管部门：上海市普陀区司法局"


def test_every_table_is_found_and_none_is_mistaken(budget):
    doc, _, result = budget
    tables = locate_tables(doc)
    assert sorted(tables) == [f"B0{n}" for n in range(1, 10)]
    assert [doc.pages[tables[code].start_line - 1] for code in sorted(tables)] == [10, 11, 12, 14, 15, 17, 18, 19, 21]
    assert result.issues == []
    codes = {row["table_code"] for dataset in ("expenditure", "income", "summary_line")
             for row in result.rows[dataset]}
    assert codes == {"B01", "B02", "B03", "B04", "B05", "B08", "B09"}


def test_empty_tables_print_no_figure_and_blank_cells_are_null(budget):
    doc, _, result = budget
    # B06 and B07 (pages 17, 18): "无" and a blank 合计, "故本表为空表"
    tables = locate_tables(doc)
    assert "空表" in tables["B06"].note and "空表" in tables["B07"].note
    # B04 page 14: 政府性基金预算 / 国有资本经营预算 columns blank beside every class: no row, not 0
    funds = {row["fund_type"] for row in result.rows["expenditure"] if row["table_code"] == "B04"}
    assert funds == {"all", "general_public_budget"}


def test_units_are_read_per_table(budget):
    _, _, result = budget
    units = {(row["table_code"], row["reported_unit"]) for row in result.rows["expenditure"]}
    assert ("B08", "元") in units and ("B09", "万元") in units
    b09 = _one(result.rows["three_public"], category="reception", source="table")
    assert (b09["reported_unit"], b09["reported_decimals"]) == ("万元", 2)


def test_item_lines_keep_their_code_and_every_printing(budget):
    _, _, result = budget
    items = [row for row in result.rows["narrative_fact"] if row["metric_key"] == "subject_expenditure_budget"]
    # 13 items (pages 8–9), each printed twice: in its heading and as "2026年预算安排 …"
    assert len(items) == 26
    assert len({row["subject_code"] for row in items}) == 13
    assert {row["subject_code"][:3] for row in items} == {"204", "208", "210", "221"}
    priors = [row for row in result.rows["narrative_fact"] if row["metric_key"] == "subject_prior_execution"]
    assert len(priors) == 13


def test_years_the_prose_names(budget):
    _, _, result = budget
    years = [(row["metric_key"], int(row["number_value"]), row["source_line"])
             for row in result.rows["narrative_fact"] if row["metric_key"] in ("compared_year", "budget_year")]
    # page 8 line 88: "2026年，…收入预算…，比2026年预算增加793.14万元" — the budget year, then the misprint
    assert ("budget_year", 2026, 88) in years and ("compared_year", 2026, 88) in years
    # page 8 line 96: "2026年预算安排1672.67万元，比2025年预算执行数减少1.07%"
    assert ("budget_year", 2026, 96) in years and ("compared_year", 2025, 96) in years
    # the 8 月 31 日 asset date of page 22 is no budget year
    assert all(year in (2025, 2026) for _, year, _ in years)


def test_three_public_prose(budget):
    _, _, result = budget
    prose = {row["category"]: row["amount_yuan"] for row in result.rows["three_public"]
             if row["source"] == "narrative"}
    # page 22: 10.81 / 0 / 9.98 (购置 0, 运行 9.98) / 0.83 万元, all budgets
    assert prose == {"total": Decimal("108100.00"), "overseas_travel": Decimal("0.00"),
                     "vehicle": Decimal("99800.00"), "vehicle_purchase": Decimal("0.00"),
                     "vehicle_operation": Decimal("99800.00"), "reception": Decimal("8300.00")}
    assert {row["measure"] for row in result.rows["three_public"]} == {"budget"}


_FIGURE = re.compile(r"^(?:\d[\d,]*\.\d+|0)$")


def printed_figures(text: str, table: str) -> int:
    """Numeric cells of a table, counted by a simple rule of their own: every tab cell from the table's
    title to the next table's that is a decimal number or a bare 0 (codes are integers: never counted)."""
    spans = table_lines(text)
    first, last = spans[table]
    lines = text.split("\n")[first - 1: last]
    return sum(1 for line in lines if "\t" in line for cell in line.split("\t") if _FIGURE.match(cell.strip()))


def emitted_figures(result, table: str) -> int:
    rows = [row for dataset in ("expenditure", "income", "summary_line") for row in result.rows.get(dataset, [])
            if row["table_code"] == table]
    return len(rows)


@pytest.mark.parametrize("table", ["B01", "B02", "B03", "B04", "B05"])
def test_every_numeric_cell_of_b01_to_b05_is_one_row(budget, table):
    _, _, result = budget
    printed = printed_figures(budget_text(), table)
    # B01: 13 cells (page 10); B02: 22 rows × 5 columns; B03, B05: 22 × 3; B04: 14 (page 14)
    assert printed == {"B01": 13, "B02": 110, "B03": 66, "B04": 14, "B05": 66}[table]
    assert emitted_figures(result, table) == printed


def test_years_that_name_no_budget_are_not_read():
    text = ("上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区司法局\n2026年部门预算编制说明\n"
            "2026年，本部门收入预算100万元，比2024年决算数增加10万元，比2025年预算增加5万元。\n"
            "截至2025年8月31日，本部门共有车辆3辆。项目实施周期为2025年1月1日-2025年12月31日。\n")
    doc = document_from_bytes(text.encode("utf-8"), "years.txt")
    facts = extract(doc, read_metadata(doc)).rows["narrative_fact"]
    years = [(row["metric_key"], int(row["number_value"])) for row in facts if row["number_value"] is not None]
    assert years == [("budget_year", 2026), ("compared_year", 2025)]  # not the 2024 决算, not the dates
    [total] = [row for row in facts if row["metric_key"] == "income_total_budget"]
    assert (total["amount_yuan"], total["change_yuan"]) == (Decimal("1000000.00"), Decimal("50000.00"))
