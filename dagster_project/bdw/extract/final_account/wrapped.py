"""Rows printed over several lines, put back together (renderings without tabs).

A rendering without tabs prints a label too long for its column over two or three lines: the
row's own line, then the rest of the label alone below it (in the label's column when the
rendering is space-aligned; ``pdftotext`` may also print the figures on the first line and the
whole name below). Such a line prints no figure, starts no row of its own (the table parser says
what starts one: a subject code, 合计, an ordinal …), is no header line, and follows a row on the
same page; it is joined to the label it continues.

Where it goes: space-aligned, into its own column of the nearest row above that prints a label
there (or fills the empty label cell of the row just above it). Single-spaced, into the row
above's only label; when that row prints several labels (01/04 side by side, 06's column groups)
``choose`` may pick the one it continues, else the line is *unplaced* and the parser reports it.

``pdftotext`` also prints some figures of a row a line or two above its label (the cells are
centred vertically and the label wraps): a space-aligned line printing figures only joins the
next row that starts (across header pieces such as ``类 款 项``) when their cells do not
overlap. Tab rows are never joined: the tab renderings and the PDF reader print a row on one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .grid import is_figure
from .sections import TAB, Row
from .subjects import strip_ordinal

_SEARCH = 3  # rows around a line within which the row it belongs to is looked for


@dataclass
class Joined:
    """The rows with wrapped lines joined, and the wrapped lines that could not be placed."""

    rows: list[Row]
    unplaced: list[Row] = field(default_factory=list)


def join_text(head: str, tail: str) -> str:
    """Two pieces of one label: no space between CJK characters (``机关事业单位基本养老`` + ``保险缴费``)."""
    if not head or not tail:
        return head or tail
    return head + tail if not (head[-1].isascii() and tail[0].isascii()) else f"{head} {tail}"


def label_runs(cells: list[str]) -> list[tuple[int, int]]:
    """``[start, stop)`` of each label of a single-spaced row: a run of text cells (no figure); a
    cell opening with an ordinal (``二、外交支出``) starts a label of its own."""
    runs: list[tuple[int, int]] = []
    for index, cell in enumerate(cells):
        if is_figure(cell):
            continue
        if runs and runs[-1][1] == index and strip_ordinal(cell) == cell:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


def _is_bare_ordinal(label: str) -> bool:
    return not strip_ordinal(label)


def join_wrapped(
    rows: list[Row],
    starts_row: Callable[[Row], bool],
    is_header: Callable[[Row], bool],
    choose: Callable[[Row, list[tuple[int, int]], str], int | None] | None = None,
    unfinished: Callable[[str], bool] = _is_bare_ordinal,
) -> Joined:
    """``rows`` with each wrapped line joined to the label it continues (see the module doc).

    A line below a label that is ``unfinished`` (by default a bare ordinal, ``二十三、``: a label
    is never an ordinal alone) is its rest even when it reads as a row of its own (``其他支出``).
    """
    out = Joined([])
    continues = False  # whether the previous row is a table row (or a line joined to one)
    rows = _lift_figures(rows, starts_row)
    for row in rows:
        text = " ".join(cell for cell in row.cells if cell)
        wrapped = (row.layout != TAB and continues and text and not any(is_figure(c) for c in row.cells)
                   and out.rows and out.rows[-1].part == row.part
                   and (_below_unfinished(out.rows[-1], row, unfinished)
                        or (not starts_row(row) and not is_header(row))))
        if wrapped:
            if row.positional and _join_aligned(out.rows, row):
                continue
            if not row.positional and _join_spaced(out.rows[-1], row, text, choose):
                continue
            out.unplaced.append(row)
            continue
        out.rows.append(row)
        continues = row.layout != TAB and (any(is_figure(c) for c in row.cells) or starts_row(row))
    return out


def _figures_only(row: Row, starts_row: Callable[[Row], bool]) -> bool:
    return (row.layout != TAB and row.positional and any(row.cells)
            and all(not cell or is_figure(cell) for cell in row.cells) and not starts_row(row))


def _lift_figures(rows: list[Row], starts_row: Callable[[Row], bool]) -> list[Row]:
    """Space-aligned lines printing figures only, joined to the row they were printed above."""
    out: list[Row] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if not _figures_only(row, starts_row):
            out.append(row)
            index += 1
            continue
        cells, stop = list(row.cells), index + 1
        while stop < len(rows) and _figures_only(rows[stop], starts_row) and _apart(cells, rows[stop].cells) \
                and rows[stop].part == row.part:
            cells = _overlay(cells, rows[stop].cells)
            stop += 1
        target = next((k for k in range(stop, min(stop + _SEARCH, len(rows)))
                       if rows[k].part == row.part and rows[k].positional and starts_row(rows[k])), None)
        if target is None or not _apart(cells, rows[target].cells):
            out.append(row)
            index += 1
            continue
        out.extend(rows[stop:target])  # header pieces printed between them stay as they are
        rows[target].cells = _overlay(rows[target].cells, cells)
        index = target
    return out


def _apart(first: list[str], second: list[str]) -> bool:
    return not any(a and b for a, b in zip(first, second))


def _overlay(cells: list[str], over: list[str]) -> list[str]:
    width = max(len(cells), len(over))
    cells = cells + [""] * (width - len(cells))
    return [over[i] if i < len(over) and over[i] else cells[i] for i in range(width)]


def _below_unfinished(above: Row, row: Row, unfinished: Callable[[str], bool]) -> bool:
    """The row above printed an unfinished label where ``row`` prints text (the same column when
    space-aligned; its last label when single-spaced)."""
    if above.layout == TAB:
        return False
    if not row.positional or not above.positional:
        runs = label_runs(above.cells) if not above.positional else []
        return bool(runs) and unfinished(" ".join(above.cells[runs[-1][0]:runs[-1][1]]))
    return any(index < len(above.cells) and above.cells[index] and not is_figure(above.cells[index])
               and unfinished(above.cells[index]) for index, cell in enumerate(row.cells) if cell)


def _join_aligned(rows: list[Row], fragment: Row) -> bool:
    columns = [index for index, cell in enumerate(fragment.cells) if cell]
    above = rows[-1]
    if above.positional and above.layout != TAB and any(is_figure(c) for c in above.cells) and all(
            index >= len(above.cells) or not above.cells[index] for index in columns):
        target = above  # the label printed below its row's figures (the row's label cell is empty)
    else:
        target = next((row for row in reversed(rows[-_SEARCH:]) if row.positional and row.layout != TAB
                       and columns[0] < len(row.cells) and row.cells[columns[0]]), None)
    if target is None:
        return False
    target.cells.extend([""] * (len(fragment.cells) - len(target.cells)))
    for index in columns:
        target.cells[index] = join_text(target.cells[index], fragment.cells[index])
    return True


def _join_spaced(above: Row, fragment: Row, text: str, choose) -> bool:
    if above.positional:
        return False
    runs = label_runs(above.cells)
    if len(runs) == 1:
        pick: int | None = 0
    elif choose is not None and runs:
        pick = choose(above, runs, text)
    else:
        pick = None
    if pick is None:
        return False
    last = runs[pick][1] - 1
    above.cells[last] = join_text(above.cells[last], text.replace(" ", "") if not text.isascii() else text)
    return True
