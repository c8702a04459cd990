"""The "三公" expenses: table 07, the base-data table of a self-evaluation, and the prose.

- Table 07 (``公开07表``) is printed either vertically (000: ``项目 | 行次 | 决算数`` with one row per
  category) or horizontally (004: budget and actual side by side in 12 columns under two or
  three header rows and a row of column numbers ``1 … 12``). Amount columns are only
  those whose header says 预算/决算, so ``行次`` columns and the column-number row are never
  read as amounts.
- The base-data table of a department self-evaluation (003 附件1) prints ``2019年决算数 |
  2020年预算数 | 2020年决算数``: a year before the fiscal year is ``period = 'prior'``.
- Prose: each amount is classified by the words before it in its own clause; ``比本年预算的
  16.00 万元`` takes the category of the clause before it in the same sentence. Changes
  (``较上年压缩了0.42万元``) and unrelated costs (``公务用车平台租车费用 9.81 万元``) are skipped.

Empty cells give no row (a missing figure is not 0). Reception 批次/人次 and vehicle counts are
left out: they are not amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cells import squash
from ..metadata import DocumentMeta
from ..numbers import decimals_of, parse_amount, to_yuan
from ..result import ExtractionIssue, ExtractionResult
from ..rows import Row, cell_rows, tab_rows
from ..source import SourceDocument
from .grid import is_blank, is_figure, is_index_row
from .sections import title_code

EXTRACTOR = "performance"
_UNIT_LABEL = re.compile(r"单位\s*[：:]\s*(万元|元)\s*$")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
_SENTENCE = re.compile(r"[^。！？]+")
_CLAUSE_BREAK = re.compile(r"[，,；;]")
_CHANGE_WORDS = ("增加", "减少", "压缩", "节约", "下降", "增长", "较上年", "比上年")
_TABLE_SCAN = 40  # lines after the 07 anchor in which the table must start


@dataclass(frozen=True)
class Column:
    """What one amount column of a three-public table holds."""

    measure: str
    period: str = "current"
    category: str | None = None


def category_of(label: str) -> str | None:
    """The three-public category a label names, or ``None``.

    ``公务用车购置及运行费`` (both words) is the vehicle subtotal, not the purchase line.
    """
    text = squash(label)
    if "出国" in text or "出境" in text:
        return "overseas_travel"
    if "接待" in text:
        return "reception"
    if any(word in text for word in ("公务用车", "公车", "车辆")):
        purchase, operation = "购置" in text, "运行" in text or "维护" in text
        if purchase and operation:
            return "vehicle"
        if purchase:
            return "vehicle_purchase"
        if operation:
            return "vehicle_operation"
        return "vehicle" if "小计" in text else None
    if "三公" in text or text in ("合计", "总计"):
        return "total"
    return None


def extract_three_public(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """Every three-public figure of the document."""
    result = ExtractionResult()
    _table_07(doc, meta, result)
    _base_data(doc, meta, result)
    _prose(doc, result)
    return result


def _add(result: ExtractionResult, column: Column, category: str, text: str, unit: str, line: int, source: str):
    value = parse_amount(text)
    if value is None:
        return
    result.add("three_public", category=category, measure=column.measure, period=column.period,
               amount_yuan=to_yuan(value, unit), source=source, reported_unit=unit,
               reported_decimals=decimals_of(text), source_line=line)


def table_07(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """The figures of table 07 alone (and its blank cells, or the issue that stopped it)."""
    result = ExtractionResult()
    _table_07(doc, meta, result)
    return result


def _table_07(doc: SourceDocument, meta: DocumentMeta, result: ExtractionResult) -> None:
    anchor = next((n for n, text in doc.numbered() if "公开07表" in squash(text)), None)
    if anchor is None:  # no markers: the table's title (``财政拨款“三公”经费支出决算表`` …) followed by rows
        anchor = next((n for n, text in doc.numbered() if "\t" not in text and title_code(text) == "07"
                       and any("\t" in row for _, row in doc.numbered(n + 1, n + 6))), None)
    if anchor is None:
        return
    unit, rows = meta.reported_unit, []
    for number, text in doc.numbered(anchor, anchor + _TABLE_SCAN):
        match = _UNIT_LABEL.search(squash(text))
        if match and not rows:
            unit = match.group(1)
        if "\t" in text:
            rows.append(Row(number, text.split("\t")))
        elif rows and text.strip():
            break
    before = len(result.rows.get("three_public", []))
    if rows and unit:
        horizontal = any(sum(category_of(cell) is not None for cell in row.cells) >= 3 for row in rows)
        (_horizontal if horizontal else _vertical)(rows, unit, meta.fiscal_year, "table", result, blanks=True)
    printed = any(is_figure(cell) for row in rows if not is_index_row(row.cells) for cell in row.cells)
    if len(result.rows.get("three_public", [])) == before and printed:  # a table printed empty is no error
        result.issues.append(ExtractionIssue(
            EXTRACTOR, "07", anchor, "a 三公 table with 预算数/决算数 columns and an amount unit",
            "table 07 was found but no amount could be read from it",
        ))


def _column_of(header: str, fiscal_year: int) -> Column | None:
    key = squash(header)
    year = _YEAR.search(key)
    period = "prior" if year and int(year.group(1)) < fiscal_year else "current"
    if "预算" in key:
        return Column("budget", period)
    if "决算" in key or "实际" in key:
        return Column("actual", period)
    return None


CATEGORY_LABELS = {
    "total": "“三公”经费合计", "overseas_travel": "因公出国（境）费", "vehicle": "公务用车购置及运行费",
    "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费",
}


def _blank(result: ExtractionResult, column: Column, category: str, unit: str, line: int) -> None:
    """A 07 amount cell printed blank in a row that prints other figures (see the ``blank_cell`` dataset)."""
    result.add("blank_cell", table_code="07", row_key=category, column_key=column.measure,
               row_label=CATEGORY_LABELS[category], reported_unit=unit, source_line=line)


def _vertical(rows: list[Row], unit: str, fiscal_year: int, source: str, result: ExtractionResult,
              blanks: bool = False) -> None:
    """One row per category; amount columns named by the header row (预算数 / 决算数)."""
    columns: dict[int, Column] = {}
    started = False
    for row in rows:
        if not columns:
            found = {i: _column_of(cell, fiscal_year) for i, cell in enumerate(row.cells)}
            columns = {i: column for i, column in found.items() if column}
            continue
        label = next((cell for cell in row.cells if squash(cell)), "")
        category = category_of(label)
        if category is None:
            if started:
                return
            continue
        started = True
        printed = [parse_amount(row.cells[i]) is not None for i in columns if i < len(row.cells)]
        for index, column in columns.items():
            text = row.cells[index] if index < len(row.cells) else ""
            _add(result, column, category, text, unit, row.line, source)
            if blanks and any(printed) and column.period == "current" and is_blank(squash(text)):
                _blank(result, column, category, unit, row.line)


def _horizontal(rows: list[Row], unit: str, fiscal_year: int, source: str, result: ExtractionResult,
                blanks: bool = False) -> None:
    """Categories across the columns: the first all-number row that is not ``1 2 3 …`` holds the amounts."""
    header, data = [], None
    for row in rows:
        cells = [squash(cell) for cell in row.cells]
        printed = [cell for cell in cells if cell]
        if printed and all(parse_amount(cell) is not None for cell in printed):
            if printed != [str(i) for i in range(1, len(printed) + 1)]:
                data = row
                break
            continue
        header.append(row.cells)
    if data is None:
        return
    for index, text in enumerate(data.cells):
        column = _horizontal_column(header, index, fiscal_year)
        if column is not None:
            _add(result, column, column.category, text, unit, data.line, source)
            if blanks and column.period == "current" and is_blank(squash(text)):
                _blank(result, column, column.category, unit, data.line)


def _horizontal_column(header: list[list[str]], index: int, fiscal_year: int) -> Column | None:
    """Measure from the 预算数/决算数 row (merged cells filled from the left); category from the
    deepest header label of the column that names one (``小计`` names none, so its parent does).
    A category printed once over its 预算数 | 决算数 pair (a merged cell) covers both columns."""
    measure, labels = None, []
    filled = _fill_merged(header)
    for cells, full in zip(header, filled):
        row = [squash(cell) for cell in cells[: index + 1]]
        columns = [_column_of(cell, fiscal_year) for cell in row]
        if any(columns):
            measure = next(column for column in reversed(columns) if column)
        elif index < len(row):
            labels.append(full[index])
    category = next((category_of(label) for label in reversed(labels) if category_of(label)), None)
    if measure is None or category is None:
        return None
    return Column(measure.measure, measure.period, category)


def _fill_merged(header: list[list[str]]) -> list[list[str]]:
    """Header labels with each merged cell's text carried right into the empty cells it covers:
    an empty cell takes its left neighbour's label when a lower header row prints something under
    it and the row above shows both cells under one parent (a merged cell never crosses its parent)."""
    width = max((len(cells) for cells in header), default=0)
    grid = [[squash(cell) for cell in cells] + [""] * (width - len(cells)) for cells in header]
    for r in range(len(grid) - 1):
        for c in range(1, width):
            same_parent = r == 0 or grid[r - 1][c] == grid[r - 1][c - 1]
            if (not grid[r][c] and grid[r][c - 1] and same_parent
                    and any(grid[k][c] for k in range(r + 1, len(grid)))):
                grid[r][c] = grid[r][c - 1]
    return grid


def _base_data(doc: SourceDocument, meta: DocumentMeta, result: ExtractionResult) -> None:
    """The 三公 block of a self-evaluation's 基础数据表 (cell-per-line layout)."""
    start = next((n for n, text in doc.numbered() if "基础数据表" in squash(text)), None)
    if start is None:
        return
    lines, unit = [], meta.reported_unit
    for number, text in doc.numbered(start + 1):
        if text and not text.startswith("\t") and re.match(r"^\s*附件", text):
            break
        match = _UNIT_LABEL.search(squash(text))
        if match:
            unit = match.group(1)
        lines.append((number, text))
    rows = [row for row in cell_rows(lines) if len(row.cells) > 1] or tab_rows(lines)
    header = next((i for i, row in enumerate(rows) if sum(_column_of(c, meta.fiscal_year) is not None
                                                         for c in row.cells) >= 2), None)
    if header is not None and unit:
        _vertical(rows[header:], unit, meta.fiscal_year, "table", result)


def _prose(doc: SourceDocument, result: ExtractionResult) -> None:
    for number, text in doc.numbered():
        if "\t" in text or not any(word in text for word in ("三公", "出国", "公务用车", "公车", "接待")):
            continue
        for sentence in _SENTENCE.findall(text):
            _prose_sentence(sentence, number, result)


def _prose_sentence(sentence: str, line: int, result: ExtractionResult) -> None:
    category = None
    for clause in _CLAUSE_BREAK.split(sentence):
        start = 0
        for match in _AMOUNT.finditer(clause):
            label = squash(clause[start: match.start()])
            start = match.end()
            budget = "预算" in label.replace("一般公共预算", "")
            own = category_of(label)
            if any(word in label for word in _CHANGE_WORDS) or (own is None and not budget):
                continue
            category = own or category
            if category is None:
                continue
            column = Column("budget" if budget else "actual")
            _add(result, column, category, match.group(1), match.group(2), line, "narrative")
