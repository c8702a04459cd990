"""Shared pieces of the table parsers: cells as figures, column-index rows, header labels, errors."""

from __future__ import annotations

from decimal import Decimal

from ..numbers import decimals_of, parse_amount, to_yuan
from ..result import ExtractionIssue
from .sections import Row

EXTRACTOR = "final_account"
_DASHES = {"-", "--", "—", "——", "－", "–", "/", "\\", "—-", "-—"}


class TableError(Exception):
    """A table that cannot be parsed: the line where it went wrong and what was expected there."""

    def __init__(self, line: int | None, expected: str, message: str):
        super().__init__(message)
        self.line = line
        self.expected = expected
        self.message = message

    def issue(self, table: str) -> ExtractionIssue:
        return ExtractionIssue(EXTRACTOR, table, self.line, self.expected, self.message)


class AmbiguousRow(TableError):
    """A row whose figures cannot be put under their columns (a single-spaced line printing fewer
    amounts than the header has columns): its figures are not loaded, the rest of the table is.
    ``label``: the row's label cells, which are read plainly."""

    def __init__(self, line: int | None, expected: str, message: str, label: list[str] | None = None):
        super().__init__(line, expected, message)
        self.label = label or []


def ambiguous_row(line: int, printed: int, columns: list[str], label: list[str] | None = None) -> AmbiguousRow:
    """The error of a single-spaced row printing ``printed`` amounts for the figure ``columns``."""
    return AmbiguousRow(
        line, f"an amount or a placeholder for each of the {len(columns)} figure columns ({' | '.join(columns)})",
        f"the row prints {printed} amount{'s' if printed != 1 else ''} for {len(columns)} figure columns and its "
        "empty cells left no trace (single-spaced text): which columns its amounts belong to cannot be told, so "
        "its figures are not loaded",
        label,
    )


def is_blank(text: str) -> bool:
    """An empty cell or a dash: no figure printed (NULL, never 0)."""
    return not text or text.replace(" ", "") in _DASHES


def amount_of(text: str) -> Decimal | None:
    """The printed amount of a cell, ``None`` for an empty cell, a dash or text."""
    return None if is_blank(text) else parse_amount(text)


def is_figure(text: str) -> bool:
    return amount_of(text) is not None


class Figure:
    """One printed amount: its value in 元, the unit and decimals as printed, and its line."""

    __slots__ = ("yuan", "unit", "decimals", "line")

    def __init__(self, text: str, unit: str, line: int):
        self.yuan = to_yuan(amount_of(text), unit)
        self.unit = unit
        self.decimals = decimals_of(text)
        self.line = line

    def columns(self) -> dict:
        """The amount columns every fact dataset shares."""
        return {
            "amount_yuan": self.yuan,
            "reported_unit": self.unit,
            "reported_decimals": self.decimals,
            "source_line": self.line,
        }


def is_index_row(cells: list[str]) -> bool:
    """A column-index row (``栏次 | 1 | 2 | 3``, ``类 款 项 | 1 | 2 …``): integers, never amounts."""
    numbers = [word for cell in cells if is_figure(cell) for word in cell.split()]  # ``3 4``: two narrow columns
    if not numbers or any("." in n or "," in n for n in numbers):
        return False
    words = "".join(cell for cell in cells if not is_figure(cell)).replace(" ", "")
    if "栏次" in words or "行次" in words:
        return True
    values = [int(n) for n in numbers]
    return len(values) >= 2 and values[0] == 1 and all(b == a + 1 for a, b in zip(values, values[1:]))


def header_labels(rows: list[Row]) -> list[str]:
    """One label per column position, the header rows read top to bottom.

    A group header printed once over several columns (``本年支出`` over ``小计 | 基本 | 项目``)
    is carried right into the empty cells of its row while a lower row prints sub-labels side by
    side under it: the cell it comes from and the empty cell both. A label standing over one
    column (``科目名称`` above the empty cell of ``类款项 | 合计``) is never carried into the next
    column, so it cannot turn a figure column into a label column.
    """
    width = max((len(row.cells) for row in rows), default=0)
    grid = [row.cells + [""] * (width - len(row.cells)) for row in rows]
    for r in range(len(grid) - 1):
        for c in range(1, width):
            if not grid[r][c] and grid[r][c - 1] and any(
                    grid[k][c] and grid[k][c - 1] for k in range(r + 1, len(grid))):
                grid[r][c] = grid[r][c - 1]
    return ["".join(grid[r][c] for r in range(len(grid))).replace(" ", "") for c in range(width)]


def split_trailing_amount(text: str) -> tuple[str, str]:
    """``'公用经费合计 127989.14'`` → ``('公用经费合计', '127989.14')``; else ``(text, '')``."""
    head, _, tail = text.rpartition(" ")
    if head and is_figure(tail) and not is_figure(head):
        return head, tail
    return text, ""
