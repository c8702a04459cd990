"""The balancing tables: 01 收入支出决算总表 and 04 财政拨款收入支出决算总表.

Both print income and expenditure side by side: each half has an item column (项目), maybe a
行次 column, and amount columns (01: one; 04: 合计 and one per fund on the expenditure side).
Every figure is read from its own half, by the position the header gives it, so a value is
never taken from the wrong side. Lines are recognised by their label: income sources, function
classes (name → code), and the balancing lines (本年收入合计, 年初结转和结余, 总计 …).
"""

from __future__ import annotations

from dataclasses import dataclass

from .grid import Figure, TableError, amount_of, header_labels, is_blank, is_figure, is_index_row, split_trailing_amount
from .sections import Row, TableBlock
from .subjects import FUNCTION, TOTAL, class_key, normalize_name, strip_ordinal
from .tables import Parsed

INCOME, EXPENDITURE = "income", "expenditure"

_INCOME_SOURCES = (
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本", "state_capital"),
    ("上级补助", "superior_subsidy"),
    ("附属单位", "subsidiary_remit"),
    ("事业收入", "business"),
    ("经营收入", "operating"),
    ("其他收入", "other"),
)
_FUNDS = ("general_public_budget", "government_fund", "state_capital")
_GRAND_TOTALS = ("总计", "合计", "收入总计", "支出总计")


@dataclass
class Half:
    """One side of the table: its item column, and the fund of each amount column."""

    side: str
    item: int
    amounts: dict[int, str]  # position → fund_type
    row_numbers: set[int]


def _fund_of(label: str) -> str:
    for word, fund in (("一般公共预算", "general_public_budget"), ("政府性基金", "government_fund"),
                       ("国有资本", "state_capital")):
        if word in label:
            return fund
    return "all"


def income_source_of(name: str) -> str | None:
    for word, source in _INCOME_SOURCES:
        if word in name:
            return source
    return None


def _halves(header: list[Row], line: int) -> tuple[list[Half], int]:
    labels = header_labels(header)
    items = [i for i, label in enumerate(labels) if "项目" in label]
    if len(items) < 2:
        raise TableError(line, "a header with two 项目 columns (income and expenditure side by side)",
                         f"header columns: {' | '.join(labels) or '(none)'}")
    halves = []
    bounds = [*items[:2], len(labels)]
    for index in range(2):
        start, stop = bounds[index], bounds[index + 1]
        side = EXPENDITURE if "支出" in labels[start] and "收入" not in labels[start] else INCOME
        if index == 1 and side == INCOME and halves[0].side == INCOME:
            side = EXPENDITURE
        amounts = {p: _fund_of(labels[p]) for p in range(start + 1, stop) if labels[p] and "行次" not in labels[p]}
        rows = {p for p in range(start + 1, stop) if "行次" in labels[p]}
        if not amounts:
            raise TableError(line, f"an amount column (决算数/金额) on the {side} side",
                             f"header columns: {' | '.join(labels)}")
        halves.append(Half(side, start, amounts, rows))
    return halves, len(labels)


class _Reader:
    """Reads the rows of one 01 or 04 table into :class:`Parsed` rows."""

    def __init__(self, block: TableBlock, unit: str, class_codes: dict[str, str]):
        self.table = block.code
        self.unit = unit
        self.class_codes = class_codes
        self.out = Parsed()
        self.after_opening = False
        self.after_closing = False

    def read(self, rows: list[Row]) -> Parsed:
        data = [row for row in rows if not is_index_row(row.cells)]
        first = next((i for i, row in enumerate(data) if any(is_figure(c) for c in row.cells)), None)
        if first is None:
            raise TableError(rows[-1].line if rows else None, "rows with figures under the header",
                             "the table has no figures")
        halves, width = _halves(data[:first], data[first].line)
        for row in data[first:]:
            if any(not is_blank(cell) for cell in row.cells[width:]):
                raise TableError(row.line, f"at most {width} cells as in the header",
                                 f"row has figures beyond the header: {' | '.join(row.cells)}")
            for half in halves:
                self._half(row, half)
        return self.out

    def _half(self, row: Row, half: Half) -> None:
        cells = row.cells + [""] * (max(half.amounts) + 1 - len(row.cells))
        label = " ".join(cells[half.item].split())
        values = [(p, fund, cells[p]) for p, fund in half.amounts.items() if not is_blank(cells[p])]
        for position in half.row_numbers:
            if position < len(cells) and not is_blank(cells[position]) and not cells[position].isdigit():
                raise TableError(row.line, "a line number (行次) in the 行次 column",
                                 f"{cells[position]!r} in the 行次 column")
        for position in range(half.item + 1, len(cells)):
            if position in half.amounts or position in half.row_numbers or position > max(half.amounts):
                continue
            if not is_blank(cells[position]):
                raise TableError(row.line, "figures only under the amount columns",
                                 f"{cells[position]!r} under an unlabelled column")
        if not values:
            label, tail = split_trailing_amount(label)
            if tail:
                values = [(min(half.amounts), half.amounts[min(half.amounts)], tail)]
        if any(not is_figure(text) for _, _, text in values):
            raise TableError(row.line, "figures in the amount columns", f"text in an amount column of {label!r}")
        if not label:
            if any(amount_of(text) != 0 for _, _, text in values):
                raise TableError(row.line, "a label for every figure", "a figure with no line label")
            return  # zeros printed under an empty label: padding of the shorter side
        printed = {position for position, _, _ in values}
        blanks = [fund for p, fund in half.amounts.items() if p not in printed and is_blank(cells[p])]
        if half.side == INCOME:
            self._income_line(row.line, label, values, blanks)
        else:
            self._expenditure_line(row.line, label, values, blanks)

    def _summary(self, side: str, key: str, label: str, fund: str, text: str, line: int) -> None:
        self.out.result.add("summary_line", table_code=self.table, side=side, line_key=key, line_label=label,
                            fund_type=fund, **Figure(text, self.unit, line).columns())

    def _blank(self, row_key: str, column_key: str, label: str, line: int) -> None:
        """An amount cell printed blank (see the ``blank_cell`` dataset)."""
        self.out.result.add("blank_cell", table_code=self.table, row_key=row_key, column_key=column_key,
                            row_label=label, reported_unit=self.unit, source_line=line)

    def _income_line(self, line: int, label: str, values: list, blanks: list[str]) -> None:
        name = strip_ordinal(label).replace(" ", "")
        key = _balancing_key(name, INCOME)
        if key == "opening_balance":
            self.after_opening = True
        if key:
            for _, fund, text in values:
                self._summary(INCOME, key, label, fund, text, line)
            for fund in blanks:  # a balancing line printed blank is 0
                self._blank(key, f"{INCOME}:{fund}", label, line)
            return
        source = income_source_of(name)
        if source is None or (self.table == "04" and source not in _FUNDS):
            raise TableError(line, "an income line (财政拨款 by fund, 上级补助, 事业, 经营, 附属单位上缴, 其他收入) "
                             "or a balancing line", f"unrecognised income line {label!r}")
        if self.after_opening and source in _FUNDS and not values:
            self._blank("opening_balance", f"{INCOME}:{source}", label, line)
        for _, _, text in values:
            if self.after_opening and source in _FUNDS:
                self._summary(INCOME, "opening_balance", label, source, text, line)
            else:
                self.out.result.add("income", table_code=self.table, subject_code=None, subject_name=label,
                                    income_source=source, **Figure(text, self.unit, line).columns())

    def _expenditure_line(self, line: int, label: str, values: list, blanks: list[str]) -> None:
        name = class_key(label)
        key = _balancing_key(name, EXPENDITURE)
        if key == "closing_balance":
            self.after_closing = True
        if key == "expenditure_total":
            for _, fund, text in values:
                self._expenditure(TOTAL, label, 0, fund, text, line)
            for fund in blanks if values else []:
                self._blank(TOTAL, self._column_of(fund), label, line)
        if key:
            for _, fund, text in values:
                self._summary(EXPENDITURE, key, label, fund, text, line)
            for fund in blanks:  # a balancing line printed blank is 0
                self._blank(key, f"{EXPENDITURE}:{fund}", label, line)
            return
        if self.after_closing and _fund_of(name) != "all":
            for _, _, text in values:
                self._summary(EXPENDITURE, "closing_balance", label, _fund_of(name), text, line)
            if not values:
                self._blank("closing_balance", f"{EXPENDITURE}:{_fund_of(name)}", label, line)
            return
        code = self.class_codes.get(name)
        if code is None:
            raise TableError(line, "a function class name (e.g. 卫生健康支出) or a balancing line",
                             f"unrecognised expenditure line {label!r}")
        for _, fund, text in values:
            self._expenditure(code, normalize_name(strip_ordinal(label)), 1, fund, text, line)
        for fund in blanks if values else []:  # a class line that prints nothing is not a row of figures
            self._blank(code, self._column_of(fund), label, line)

    def _column_of(self, fund: str) -> str:
        """The amount column of an expenditure figure as the quality rules key it: 04 by fund, 01 ``total``."""
        return fund if self.table == "04" else "total"

    def _expenditure(self, code: str, name: str, level: int, fund: str, text: str, line: int) -> None:
        self.out.result.add("expenditure", table_code=self.table, classification=FUNCTION, subject_code=code,
                            subject_name=name, subject_level=level, expenditure_type="total", fund_type=fund,
                            **Figure(text, self.unit, line).columns())


def _balancing_key(name: str, side: str) -> str | None:
    """The summary line a label names (``本年收入合计`` → ``income_total``), else ``None``."""
    if side == INCOME and name.endswith("收入合计"):
        return "income_total"
    if side == EXPENDITURE and name.endswith("支出合计"):
        return "expenditure_total"
    if "非财政拨款结余" in name:
        return "non_fiscal_balance_used"
    if "结余分配" in name:
        return "surplus_distribution"
    if "年初" in name and "结转" in name:
        return "opening_balance"
    if "年末" in name and "结转" in name:
        return "closing_balance"
    if name in _GRAND_TOTALS:
        return "grand_total"
    return None


def parse_balance_table(block: TableBlock, unit: str, class_codes: dict[str, str]) -> Parsed:
    """Every figure of table 01 or 04: income lines, class expenditure and balancing lines."""
    return _Reader(block, unit, class_codes).read(block.rows)
