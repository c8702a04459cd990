"""The balancing budget tables: B01 财务收支预算总表 and B04 财政拨款收支预算总表.

Both print income and expenditure side by side under a two-level header (``本年收入`` over
``项目 | 预算数``; B04: ``财政拨款支出`` over ``项目 | 合计 | 一般公共预算 | 政府性基金预算 | 国有资本
经营预算``). Each half has its item column (项目) and its amount columns; a figure is read from its
own half only. Lines are recognised by their label:

- income: 财政拨款收入 and its fund lines (``1. 一般公共预算`` …, or in B04 the funds themselves),
  事业收入, 事业单位经营收入, 上级补助收入, 附属单位上缴收入, 其他收入 → ``income`` rows;
- expenditure: a function class by name (``一、公共安全支出`` → 204), or 基本支出 / 项目支出 →
  ``expenditure`` rows, one per amount column (fund, or type when the side prints 基本/项目);
- 本年收入合计, 本年支出合计, 上年结转 / 年初结转和结余, 年末结转和结余, 收入总计, 支出总计 →
  ``summary_line`` rows.

A label that is none of these stops the table with the line and the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..final_account.grid import Figure, TableError, amount_of, header_labels, is_blank, is_figure, is_index_row
from ..final_account.subjects import FUNCTION, TOTAL, class_key, normalize_name, strip_ordinal
from ..rows import Row
from .columns import fund_of
from .sections import BudgetTable
from .tables import Parsed

INCOME, EXPENDITURE = "income", "expenditure"

_INCOME_LINES = (
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本", "state_capital"),
    ("上级补助", "superior_subsidy"),
    ("附属单位", "subsidiary_remit"),
    ("经营收入", "operating"),
    ("事业收入", "business"),
    ("其他收入", "other"),
    ("财政拨款", "fiscal_appropriation"),
)
_EXPENDITURE_TYPES = (("基本支出", "basic"), ("项目支出", "project"))
_ITEM = re.compile(r"^(?:项目|科目|收入项目|支出项目)$")


@dataclass
class Half:
    """One side of the table: its item column and what each amount column holds (fund, type)."""

    side: str
    item: int
    amounts: dict[int, tuple[str, str]]  # position → (fund_type, expenditure_type)


def _printed(row: Row) -> list[str]:
    return [cell.replace(" ", "") for cell in row.cells if cell.strip()]


def balancing_key(name: str, side: str) -> str | None:
    """The summary line a label names (``收入总计`` → ``grand_total``), else None."""
    if re.search(r"(?:本年)?收入合计$", name) and side == INCOME:
        return "income_total"
    if re.search(r"(?:本年)?支出合计$", name) and side == EXPENDITURE:
        return "expenditure_total"
    if ("上年" in name or "年初" in name) and "结转" in name:
        return "opening_balance"
    if ("年末" in name or "下年" in name) and "结转" in name:
        return "closing_balance"
    if name in ("总计", "合计", "收入总计", "支出总计"):
        return "grand_total"
    return None


def _halves(header: list[Row], line: int) -> tuple[list[Half], int]:
    labels = header_labels(header)
    items = [i for i, label in enumerate(labels) if _ITEM.match(re.sub(r"^(?:本年|财政拨款)?(?:收入|支出)", "", label))]
    if len(items) < 2:
        raise TableError(line, "a header with two 项目 columns (income and expenditure side by side)",
                         f"header columns: {' | '.join(labels) or '(none)'}")
    halves = []
    bounds = [*items[:2], len(labels)]
    for index, side in enumerate((INCOME, EXPENDITURE)):
        start, stop = bounds[index], bounds[index + 1]
        amounts = {}
        for position in range(start + 1, stop):
            label = labels[position]
            if label:
                etype = next((kind for word, kind in _EXPENDITURE_TYPES if word in label), "total")
                amounts[position] = (fund_of(label), etype)
        if not amounts:
            raise TableError(line, f"an amount column (预算数) on the {side} side",
                             f"header columns: {' | '.join(labels)}")
        halves.append(Half(side, start, amounts))
    return halves, len(labels)


class _Reader:
    """Reads the rows of one B01 or B04 table."""

    def __init__(self, table: BudgetTable, unit: str, class_codes: dict[str, str]):
        self.table = table.code
        self.unit = unit
        self.class_codes = class_codes
        self.out = Parsed()

    def read(self, rows: list[Row]) -> Parsed:
        data = [row for row in rows if not is_index_row(row.cells)]
        first = next((i for i, row in enumerate(data) if any(is_figure(c) for c in row.cells)), None)
        if first is None:
            raise TableError(rows[-1].line if rows else None, "rows with figures under the header",
                             "the table has no figures")
        halves, width = _halves(data[:first], data[first].line)
        header = [_printed(row) for row in data[:first]]
        for row in data[first:]:
            if _printed(row) in header:
                continue  # the header printed again on a continuation page
            if any(not is_blank(cell) for cell in row.cells[width:]):
                raise TableError(row.line, f"at most {width} cells as in the header",
                                 f"row has figures beyond the header: {' | '.join(row.cells)}")
            for half in halves:
                self._half(row, half)
        return self.out

    def _half(self, row: Row, half: Half) -> None:
        cells = row.cells + [""] * (max(half.amounts) + 1 - len(row.cells))
        label = " ".join(cells[half.item].split())
        values = [(position, column, cells[position]) for position, column in half.amounts.items()
                  if not is_blank(cells[position])]
        if any(not is_figure(text) for _, _, text in values):
            raise TableError(row.line, "figures in the amount columns", f"text in an amount column of {label!r}")
        if not label:
            if any(amount_of(text) != 0 for _, _, text in values):
                raise TableError(row.line, "a label for every figure", "a figure with no line label")
            return
        if not values:
            return  # a line printed without a figure: nothing to record (NULL)
        if half.side == INCOME:
            self._income_line(row.line, label, values)
        else:
            self._expenditure_line(row.line, label, values)

    def _summary(self, side: str, key: str, label: str, fund: str, text: str, line: int) -> None:
        self.out.result.add("summary_line", table_code=self.table, side=side, line_key=key, line_label=label,
                            fund_type=fund, **Figure(text, self.unit, line).columns())

    def _income_line(self, line: int, label: str, values: list) -> None:
        name = strip_ordinal(label).replace(" ", "")
        key = balancing_key(name, INCOME)
        if key:
            for _, (fund, _etype), text in values:
                self._summary(INCOME, key, label, fund, text, line)
            return
        source = next((kind for word, kind in _INCOME_LINES if word in name), None)
        if source is None:
            raise TableError(line, "an income line (财政拨款收入 and its funds, 事业收入, 事业单位经营收入, "
                             "上级补助收入, 附属单位上缴收入, 其他收入) or a balancing line (收入总计 …)",
                             f"unrecognised income line {label!r}")
        for _, _, text in values:
            self.out.result.add("income", table_code=self.table, subject_code=None, subject_name=label,
                                income_source=source, **Figure(text, self.unit, line).columns())

    def _expenditure_line(self, line: int, label: str, values: list) -> None:
        name = class_key(label)
        key = balancing_key(name, EXPENDITURE)
        if key == "expenditure_total":
            for _, (fund, etype), text in values:
                self._expenditure(TOTAL, label, 0, fund, etype, text, line)
        if key:
            for _, (fund, _etype), text in values:
                self._summary(EXPENDITURE, key, label, fund, text, line)
            return
        line_type = next((kind for word, kind in _EXPENDITURE_TYPES if name.endswith(word)), None)
        if line_type:  # a side that lists spending by type (一、基本支出 二、项目支出)
            for _, (fund, _etype), text in values:
                self._expenditure(TOTAL, normalize_name(strip_ordinal(label)), 0, fund, line_type, text, line)
            return
        code = self.class_codes.get(name)
        if code is None:
            raise TableError(line, "a function class name (e.g. 公共安全支出) or a balancing line (支出总计 …)",
                             f"unrecognised expenditure line {label!r}")
        for _, (fund, etype), text in values:
            self._expenditure(code, normalize_name(strip_ordinal(label)), 1, fund, etype, text, line)

    def _expenditure(self, code: str, name: str, level: int, fund: str, etype: str, text: str, line: int) -> None:
        self.out.result.add("expenditure", table_code=self.table, classification=FUNCTION, subject_code=code,
                            subject_name=name, subject_level=level, expenditure_type=etype, fund_type=fund,
                            **Figure(text, self.unit, line).columns())


def parse_balance_table(table: BudgetTable, unit: str, class_codes: dict[str, str]) -> Parsed:
    """Every figure of table B01 or B04."""
    return _Reader(table, unit, class_codes).read(table.rows)
