"""The balancing tables: 01 收入支出决算总表 and 04 财政拨款收入支出决算总表.

Both print income and expenditure side by side: each half has an item column (项目), maybe a
行次 column, and amount columns (01: one; 04: 合计 and one per fund on the expenditure side).
Every figure is read from its own half, by the position the header gives it, so a value is
never taken from the wrong side. Lines are recognised by their label: income sources, function
classes (name → code), and the balancing lines (本年收入合计, 年初结转和结余, 总计 …).

A single-spaced row keeps no positions: its words are labels and numbers in order, and the
numbers of a half follow its label. Every way of giving them to the halves is tried (a label
on the side whose vocabulary it belongs to; a numbered half's 行次 printed first and on every
row; an unlabelled half printing zeros only); the row is read when one way remains. When
several remain, the ones giving every printed figure a column are kept (a fund line printing one
amount reads as the income side's, not as one of the expenditure side's four columns), then the
one whose own identity holds (04: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营); else, as when
a half prints fewer amounts than it has columns, that half is not loaded and an issue names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .grid import (
    AmbiguousRow,
    Figure,
    TableError,
    ambiguous_row,
    amount_of,
    header_labels,
    is_blank,
    is_figure,
    is_index_row,
    split_trailing_amount,
)
from .sections import TAB, Row, TableBlock
from .sides import (
    EXPENDITURE,
    INCOME,
    Side,
    identity_holds,
    is_header_line,
    is_row_number,
    label_groups,
    names_columns,
    numbered_everywhere,
    places_every_figure,
    spaced_sides,
    splits,
)
from .subjects import FUNCTION, TOTAL, class_key, normalize_name, strip_ordinal
from .tables import Parsed
from .wrapped import join_wrapped

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

    def funds(self) -> list[str]:
        """The fund of each amount column, left to right."""
        return [self.amounts[p] for p in sorted(self.amounts)]


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


_LABEL_ENDS = ("收入", "拨款", "支出", "费", "结余", "合计", "总计", "分配", "）", ")")  # how whole labels end


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
        joined = join_wrapped(rows, self._starts_row, names_columns, self._continued_label, self._unfinished)
        for row in joined.unplaced:
            raise TableError(row.line, "a label on its own row, or the rest of the label above it",
                             f"{' '.join(row.cells)!r} continues no label of the row above")
        data = [row for row in joined.rows if not is_index_row(row.cells)]
        first = next((i for i, row in enumerate(data) if any(is_figure(c) for c in row.cells)), None)
        if first is None:
            raise TableError(rows[-1].line if rows else None, "rows with figures under the header",
                             "the table has no figures")
        halves, width, sides = self._model(data[:first], data[first].line)
        pending: list[Row] = []
        part = data[first].part
        for row in data[first:]:
            if row.layout != TAB and not any(is_figure(cell) for cell in row.cells) and (
                    is_header_line(row) or row.part != part or (pending and not self._starts_row(row))):
                pending.append(row)  # the header printed again on a continuation page (all its lines)
                part = row.part
                continue
            part = row.part
            if pending:
                halves, width, sides = self._model(pending, row.line, (halves, width, sides))
                pending = []
            if halves is None and row.layout == TAB and len(row.cells) == sum(
                    1 + side.numbered + len(side.funds) for side in sides):
                for half in _tab_halves(sides):  # tab rows under a header printed without tabs
                    self._half(row, half)
                continue
            if not row.positional or halves is None:
                try:
                    self._spaced(row, sides)
                except AmbiguousRow as ambiguous:  # this row's figures are not loaded, the others are
                    self.out.result.issues.append(ambiguous.issue(self.table))
                continue
            if any(not is_blank(cell) for cell in row.cells[width:]):
                raise TableError(row.line, f"at most {width} cells as in the header",
                                 f"row has figures beyond the header: {' | '.join(row.cells)}")
            for half in halves:
                self._half(row, half)
        return self.out

    def _model(self, header: list[Row], line: int, previous=None):
        """Halves by position (a header keeping positions) and sides in order; ``previous`` when
        a repeated header cannot be read again."""
        if any(row.positional and len(row.cells) > 1 for row in header):
            try:
                halves, width = _halves([row for row in header if row.positional], line)
                sides = [Side(half.side, bool(half.row_numbers), tuple(half.funds())) for half in halves]
                return halves, width, sides
            except TableError:
                if previous is None and all(row.positional for row in header):
                    raise
        try:
            return None, 0, spaced_sides(header, line)
        except TableError:
            if previous is None:
                raise
            return previous

    def _starts_row(self, row: Row) -> bool:
        """A row of its own: a label with an ordinal (``十、…``), or a whole label either side
        recognises (the middle of a wrapped one, ``国有资本经营``, names a source but is not whole)."""
        return any(strip_ordinal(cell) != cell or not self._unfinished(cell)
                   for cell in row.cells if cell and not is_figure(cell))

    def _unfinished(self, label: str) -> bool:
        """Not a whole label either side reads: ``本年收入`` before its ``合计``, ``二十三、`` alone,
        ``年初结转和结`` before its ``余`` (a whole label ends as labels end: 收入, 支出, 结余 …)."""
        whole = label.replace(" ", "").endswith(_LABEL_ENDS)
        return not (whole and (self._accepts(INCOME, label) or self._accepts(EXPENDITURE, label)))

    def _continued_label(self, above: Row, runs: list[tuple[int, int]], text: str) -> int | None:
        """Which label of a single-spaced row a wrapped piece continues: the only one it makes
        whole, else the only unfinished one (a piece from its middle: ``金预算财政拨``)."""
        labels = [" ".join(above.cells[start:stop]) for start, stop in runs]
        unfinished = [index for index, label in enumerate(labels) if self._unfinished(label)]
        fits = [index for index, label in enumerate(labels) if not self._unfinished(label + text)]
        for choice in (fits, unfinished, [index for index in fits if index in unfinished]):
            if len(choice) == 1:
                return choice[0]
        return None

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

    # --- single-spaced rows ----------------------------------------------------------------------

    def _accepts(self, side: str, label: str) -> bool:
        """Whether ``label`` names a line of ``side`` (as :meth:`_income_line` / :meth:`_expenditure_line` read it)."""
        if side == INCOME:
            name = strip_ordinal(label).replace(" ", "")
            source = income_source_of(name)
            return bool(_balancing_key(name, INCOME)) or (source is not None and not name.endswith("支出")
                                                          and (self.table != "04" or source in _FUNDS))
        name = class_key(label)
        return (bool(_balancing_key(name, EXPENDITURE)) or name in self.class_codes
                or (self.after_closing and _fund_of(name) != "all"))

    def _spaced(self, row: Row, sides: list[Side]) -> None:
        """A single-spaced row: the one reading of its words that fits (module doc), loaded."""
        groups = self._split_labels(label_groups([cell for cell in row.cells if cell]))
        if len(groups) > 2:
            raise TableError(row.line, "at most two labels (income and expenditure side by side)",
                             f"{len(groups)} labels: {' | '.join(label for label, _ in groups)}")
        readings = [r for r in (self._reading(sides, split) for split in splits(groups)) if r is not None]
        if not readings:
            raise TableError(row.line, "labels and amounts that fit the header ("
                             + " | ".join(f"{side.side}: {'行次, ' if side.numbered else ''}{len(side.funds)} amounts"
                                          for side in sides) + ")",
                             f"row does not fit the header: {' '.join(row.cells)}")
        for prefer in (numbered_everywhere, places_every_figure, identity_holds):
            preferred = [r for r in readings if prefer(r, sides)]
            readings = preferred or readings
        distinct = {tuple((side, label, tuple(values) if values is not None else printed)
                          for side, label, values, _, printed in reading) for reading in readings}
        if len(distinct) > 1:
            raise ambiguous_row(row.line, sum(len(numbers) for _, numbers in groups),
                                [f"{side.side} {fund}" for side in sides for fund in side.funds])
        for (side, label, values, _, printed), model in zip(readings[0], sides):
            if values is None:  # a half printing fewer amounts than it has columns: its figures not loaded
                self.out.result.issues.append(ambiguous_row(row.line, printed, list(model.funds)).issue(self.table))
            self._line(row.line, side, label, values or [])  # the label still marks 年初 / 年末 lines

    def _split_labels(self, groups: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
        """A label no side reads whose words part into an income label and an expenditure label
        (both halves printing no amount: ``使用非财政拨款结余 结余分配``) is those two labels."""
        if len(groups) != 1 or not groups[0][0] or not self._unfinished(groups[0][0]):
            return groups
        label, numbers = groups[0]
        words = label.split(" ")
        for cut in range(1, len(words)):
            left, right = " ".join(words[:cut]), " ".join(words[cut:])
            if self._accepts(INCOME, left) and self._accepts(EXPENDITURE, right):
                return [(left, []), (right, numbers)]
        return groups

    def _reading(self, sides: list[Side], split) -> list | None:
        """One way of giving the groups to the sides: ``[(side, label, values | None, 行次, amounts
        printed)]`` (``values`` ``None`` when the side prints fewer amounts than it has columns), or
        ``None`` when it does not fit (a label on the wrong side, figures with no label …)."""
        reading = []
        for side, (label, numbers) in zip(sides, split):
            number = None
            if side.numbered and numbers and is_row_number(numbers[0]):
                number, numbers = int(numbers[0]), numbers[1:]
            if label and not self._accepts(side.side, label):
                return None
            if not label:
                if any(amount_of(text) != 0 for text in numbers):
                    return None
                reading.append((side.side, label, [], number, len(numbers)))
                continue
            if len(numbers) > len(side.funds):
                return None
            values = [(None, fund, text) for fund, text in zip(side.funds, numbers)]
            reading.append((side.side, label, values if len(numbers) in (0, len(side.funds)) else None,
                            number, len(numbers)))
        return reading

    def _line(self, line: int, side: str, label: str, values: list) -> None:
        if not label:
            return
        if side == INCOME:
            self._income_line(line, label, values)
        else:
            self._expenditure_line(line, label, values)

    def _summary(self, side: str, key: str, label: str, fund: str, text: str, line: int) -> None:
        self.out.result.add("summary_line", table_code=self.table, side=side, line_key=key, line_label=label,
                            fund_type=fund, **Figure(text, self.unit, line).columns())

    def _blank(self, row_key: str, column_key: str, label: str, line: int) -> None:
        """An amount cell printed blank (see the ``blank_cell`` dataset)."""
        self.out.result.add("blank_cell", table_code=self.table, row_key=row_key, column_key=column_key,
                            row_label=label, reported_unit=self.unit, source_line=line)

    def _income_line(self, line: int, label: str, values: list, blanks: Sequence[str] = ()) -> None:
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

    def _expenditure_line(self, line: int, label: str, values: list, blanks: Sequence[str] = ()) -> None:
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


def _tab_halves(sides: list[Side]) -> list[Half]:
    """The halves of a tab row printing every cell of the sides a header without tabs names, in
    order: item, 行次 when numbered, then the amount columns; income side first."""
    halves, position = [], 0
    for side in sides:
        item, position = position, position + 1
        numbers = {position} if side.numbered else set()
        position += side.numbered
        amounts = {position + offset: fund for offset, fund in enumerate(side.funds)}
        position += len(side.funds)
        halves.append(Half(side.side, item, amounts, numbers))
    return halves


def parse_balance_table(block: TableBlock, unit: str, class_codes: dict[str, str]) -> Parsed:
    """Every figure of table 01 or 04: income lines, class expenditure and balancing lines."""
    return _Reader(block, unit, class_codes).read(block.rows)
