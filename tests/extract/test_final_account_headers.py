"""Header variants map to the same columns: labels over several rows, group labels spanning empty
cells, one-column labels that must never be carried over a figure column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.final_account import extract
from bdw.extract.final_account.grid import header_labels, is_figure
from bdw.extract.final_account.sections import SPACED, Row, locate_tables
from bdw.extract.final_account.tables import LABEL, SKIP, SPECS, build_columns
from bdw.extract.metadata import read_metadata

PUTUO = Path(__file__).resolve().parents[3] / "shared" / "pdf-samples" / "上海市普陀区财政局2024年度部门决算.pdf"
W = Decimal(10000)


def rows(*cells: list[str]) -> list[Row]:
    return [Row(number, list(row)) for number, row in enumerate(cells, start=1)]


def test_a_one_column_label_is_never_carried_over_a_figure_column():
    """``科目名称`` above the empty cell of ``类款项 | (blank) | 本年支出合计``: carried right, it used to
    turn 本年支出合计 into a label column and the table had no figure column at all."""
    header = rows(["项目", "", "", "", ""],
                  ["支出功能分类科目编码", "科目名称", "", "", ""],
                  ["类款项", "", "本年支出合计", "基本支出", "项目支出"])
    assert header_labels(header) == [
        "项目支出功能分类科目编码类款项", "项目科目名称", "本年支出合计", "基本支出", "项目支出"]
    columns = build_columns(header, SPECS["05"])
    assert columns is not None and columns.kinds == [LABEL, LABEL, "total", "basic", "project"]


def test_a_group_label_spans_the_sub_labels_printed_under_it():
    """``本年支出`` once over 小计 | 基本支出 | 项目支出, ``事业收入`` over 小计 | 其中：教育收费."""
    spending = rows(["项目", "", "本年支出", "", ""], ["功能分类科目编码", "科目名称", "小计", "基本支出", "项目支出"])
    assert header_labels(spending)[2:] == ["本年支出小计", "本年支出基本支出", "本年支出项目支出"]
    income = rows(["项目", "", "本年收入合计", "事业收入", "", "其他收入"],
                  ["功能分类科目编码", "科目名称", "", "小计", "其中：教育收费", ""])
    columns = build_columns(income, SPECS["02"])
    assert columns is not None and columns.kinds[2:] == ["total", "business", SKIP, "other"]


def test_a_header_over_three_rows_reads_as_over_one():
    wrapped = rows(["项目", "", "本年收", "财政拨", "其他收"],
                   ["", "", "入合计", "款收入", "入"],
                   ["支出功能分类科目编码", "科目名称", "", "", ""])
    columns = build_columns(wrapped, SPECS["02"])
    assert columns is not None and columns.kinds == [LABEL, LABEL, "total", "fiscal_appropriation", "other"]


def test_a_header_printed_without_positions_names_its_columns_in_order():
    spaced = [Row(1, "项 目 本年支出".split(), SPACED),
              Row(2, "功能分 类科目 编码 科目名称 小计 基本支出 项目支出".split(), SPACED)]
    columns = build_columns(spaced, SPECS["05"])
    assert columns is not None and not columns.positional
    assert [columns.kinds[p] for p in columns.figure_positions()] == ["total", "basic", "project"]
    line = "项目 本年收入合计 财政拨款收入 上级补 助收入 事业收入 经营 收入 附属单位 上缴收入 其他收入"
    pieces = [Row(1, line.split(), SPACED)]
    columns = build_columns(pieces, SPECS["02"])
    assert [columns.kinds[p] for p in columns.figure_positions()] == [
        "total", "fiscal_appropriation", "superior_subsidy", "business", "operating", "subsidiary_remit", "other"]


@pytest.fixture(scope="module")
def putuo():
    if not PUTUO.exists():
        pytest.skip("../shared/pdf-samples is not beside the clone")
    doc = document_from_bytes(PUTUO.read_bytes(), "putuo.pdf")
    return doc, extract(doc, read_metadata(doc))


@pytest.mark.parametrize(("table", "kinds"), [
    ("02", ["total", "fiscal_appropriation", "superior_subsidy", "business", "operating", "subsidiary_remit", "other"]),
    ("03", ["total", "basic", "project", "upper_remit", "operating", "subsidiary"]),
])
def test_putuo_tables_02_and_03_read_from_the_pdf_keep_every_figure_column(putuo, table, kinds):
    """The PDF prints 项目 over 支出功能分类 / 科目编码 / 类款项 and 科目名称 beside them (pages 7, 10):
    the label cells stay label columns, every figure column keeps its kind."""
    doc, result = putuo
    block = locate_tables(doc)[table]
    header = [row for row in block.rows[:6] if not any(is_figure(cell) for cell in row.cells)]
    columns = build_columns(header, SPECS[table])
    assert columns is not None
    assert columns.kinds[: columns.label_end] == [LABEL] * columns.label_end
    assert [columns.kinds[p] for p in columns.figure_positions()] == kinds
    # shifted the way a reader may emit merged cells (科目名称 one row up, beside 项目): the same
    moved = [Row(row.line, list(row.cells)) for row in header]
    for row in moved:
        if "科目名称" in row.cells:
            row.cells[row.cells.index("科目名称")] = ""
    moved[0].cells[1] = "科目名称"
    assert build_columns(moved, SPECS[table]).kinds == columns.kinds
    assert not [issue for issue in result.issues if issue.table_code == table]


def test_putuo_table_02_figures_as_printed(putuo):
    """Page 7, 2010602 一般行政管理事务: 本年收入合计 16.19, 财政拨款收入 10.00, 其他收入 6.19, blanks between."""
    _, result = putuo
    row = {r["income_source"]: r["amount_yuan"] for r in result.rows["income"]
           if r["table_code"] == "02" and r["subject_code"] == "2010602"}
    assert row == {"total": Decimal("16.19") * W, "fiscal_appropriation": Decimal("10.00") * W,
                   "other": Decimal("6.19") * W}
