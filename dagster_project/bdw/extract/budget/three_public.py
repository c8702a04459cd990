"""B09 “三公”经费和机关运行经费预算表: the "三公" budget by category and the 机关运行经费 budget.

The template prints one row of figures under a three-level header (``“三公”经费预算数`` over
``合计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行费``, the last over ``小计 | 购置费 |
运行费``; ``机关运行经费预算数`` beside them). Each column is named by its header cells top to
bottom, a merged cell carried right over the columns under it: ``小计`` takes its parent's
category, ``购置费`` / ``运行费`` under 公务用车 are the vehicle purchase and operation. A template
that prints the categories down the rows (``项目 | 预算数``) is read line by line.

The "三公" figures are ``three_public`` rows (``measure = 'budget'``, ``source = 'table'``); the
机关运行经费 budget is an ``expenditure`` row of B09 (economic, ``subject_code = 'AGENCY_OPERATING'``,
type ``public``: it is the 日常公用经费 of the general budget's basic spending).
"""

from __future__ import annotations

from ..cells import squash
from ..final_account.grid import Figure, TableError, is_blank, is_figure
from ..final_account.subjects import ECONOMIC
from ..final_account.three_public import category_of
from ..rows import Row
from .sections import BudgetTable
from .tables import Parsed

AGENCY_OPERATING = "AGENCY_OPERATING"
_PARTS = (("购置", "vehicle_purchase"), ("运行", "vehicle_operation"), ("维护", "vehicle_operation"))


def _filled(header: list[Row]) -> list[list[str]]:
    """Header cells per row with each merged cell carried right over the empty cells under the same parent."""
    width = max((len(row.cells) for row in header), default=0)
    grid = [[squash(cell) for cell in row.cells] + [""] * (width - len(row.cells)) for row in header]
    for r in range(len(grid) - 1):
        for c in range(1, width):
            same_parent = r == 0 or grid[r - 1][c] == grid[r - 1][c - 1]
            if not grid[r][c] and grid[r][c - 1] and same_parent and any(grid[k][c] for k in range(r + 1, len(grid))):
                grid[r][c] = grid[r][c - 1]
    return grid


def column_of(cells: list[str]) -> str | None:
    """What one column holds from its header cells (top to bottom): a category, ``agency``, or None."""
    if any("机关运行" in cell for cell in cells):
        return "agency"
    printed = [cell for cell in cells if cell]
    if not printed:
        return None
    deepest, parents = printed[-1], printed[:-1]
    parent = next((category_of(cell) for cell in reversed(parents) if category_of(cell)), None)
    if deepest in ("小计", "合计") and parent:
        return parent
    own = category_of(deepest)
    if own is None and parent == "vehicle":
        own = next((part for word, part in _PARTS if word in deepest), None)
    return own


def _add(out: Parsed, kind: str, text: str, unit: str, line: int) -> None:
    figure = Figure(text, unit, line).columns()
    if kind == "agency":
        out.result.add("expenditure", table_code="B09", classification=ECONOMIC, subject_code=AGENCY_OPERATING,
                       subject_name="机关运行经费", subject_level=0, expenditure_type="public",
                       fund_type="general_public_budget", **figure)
    else:
        out.result.add("three_public", category=kind, measure="budget", period="current", source="table", **figure)


def parse_three_public_table(table: BudgetTable, unit: str) -> Parsed:
    """Every figure of B09, across (the template's layout) or down the rows."""
    out = Parsed()
    rows = table.rows
    first = next((i for i, row in enumerate(rows) if any(is_figure(c) for c in row.cells)), None)
    if first is None:
        return out  # printed empty
    header = rows[:first]
    grid = _filled(header)
    across = any(sum(category_of(cell) is not None for cell in cells) >= 3 for cells in grid)
    if across:
        row = rows[first]
        for index, text in enumerate(row.cells):
            if is_blank(text):
                continue
            kind = column_of([cells[index] if index < len(cells) else "" for cells in grid])
            if kind is None or not is_figure(text):
                raise TableError(row.line, "figures under the 合计 / 因公出国(境)费 / 公务接待费 / 公务用车 / "
                                 "机关运行经费 columns", f"{text!r} under an unknown column {index + 1}")
            _add(out, kind, text, unit, row.line)
        for extra in rows[first + 1:]:
            if any(not is_blank(cell) for cell in extra.cells):
                raise TableError(extra.line, "one row of figures", f"a second row: {' | '.join(extra.cells)}")
        return out
    for row in rows[first:]:
        label = next((cell for cell in row.cells if cell.strip() and not is_figure(cell)), "")
        figures = [cell for cell in row.cells if is_figure(cell)]
        kind = "agency" if "机关运行" in label else category_of(label)
        if kind is None or len(figures) != 1:
            raise TableError(row.line, "a 三公 category or 机关运行经费 with one amount",
                             f"row {' | '.join(row.cells)!r}")
        _add(out, kind, figures[0], unit, row.line)
    return out
