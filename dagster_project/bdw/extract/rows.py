"""Table rows from the two ways the documents print them.

- *Tab rows*: one table row per line, cells separated by tabs (000, 002, 004).
- *Cell rows*: every cell on its own tab-indented line, rows separated by blank lines, and a
  cell's text continued on following lines that do not start with a tab (003: ``年度指`` /
  ``标值``). A blank line followed by a tab line starts a new row; a row that a stray blank
  line cut in two is put back together by :func:`merge_short_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .cells import squash


@dataclass
class Row:
    """One table row: its cells as printed and the line of its first cell."""

    line: int
    cells: list[str]

    def keys(self) -> list[str]:
        """The cells without spaces, for matching labels such as ``总  分``."""
        return [squash(cell) for cell in self.cells]

    def nonempty(self) -> list[tuple[int, str]]:
        """``(column, text)`` of the cells that print something."""
        return [(i, cell) for i, cell in enumerate(self.cells) if squash(cell)]

    def has(self, *words: str) -> bool:
        """Whether any cell contains any of ``words`` (spaces ignored)."""
        return any(word in key for key in self.keys() for word in words)

    def text(self) -> str:
        return "".join(self.keys())


def tab_rows(numbered: Iterable[tuple[int, str]]) -> list[Row]:
    """Every line holding a tab, as a row (blank and tab-free lines are not table rows)."""
    return [Row(number, text.split("\t")) for number, text in numbered if "\t" in text]


def is_cell_layout(numbered: list[tuple[int, str]]) -> bool:
    """Whether most printed lines are single tab-indented cells (the 003 layout)."""
    printed = [text for _, text in numbered if text.strip()]
    cells = [text for text in printed if text.startswith("\t") and text.count("\t") == 1]
    return len(printed) >= 20 and len(cells) >= 0.6 * len(printed)


def cell_rows(numbered: Iterable[tuple[int, str]]) -> list[Row]:
    """Rows of the cell-per-line layout (see module doc). Text before the first cell is skipped."""
    rows: list[Row] = []
    blank_seen = True
    for number, text in numbered:
        if not text.strip(" "):  # a tab line is an (empty) cell, a full-width space a continuation
            blank_seen = True
            continue
        if text.startswith("\t"):
            if blank_seen or not rows:
                rows.append(Row(number, []))
            rows[-1].cells.extend(text[1:].split("\t"))
        elif rows and rows[-1].cells:
            rows[-1].cells[-1] += text.strip(" ")
        blank_seen = False
    return rows


def merge_short_rows(rows: list[Row], width: int) -> list[Row]:
    """Join a row with the next while both together still fit in ``width`` cells."""
    merged: list[Row] = []
    for row in rows:
        previous = merged[-1] if merged else None
        if previous is not None and len(previous.cells) < width and len(previous.cells) + len(row.cells) <= width:
            previous.cells.extend(row.cells)
        else:
            merged.append(Row(row.line, list(row.cells)))
    return merged
