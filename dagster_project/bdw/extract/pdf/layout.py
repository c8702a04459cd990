"""One page's characters and ruling lines → its text lines and ruled tables, top to bottom.

A character belongs to the cell its centre lies in (a cell holds its left and top edges, not its
right and bottom ones); characters whose centre lies in no ruled table (edges included) are the
page's text, read into printed lines by :func:`.words.text_lines`. A ruled table that prints no
character is no table, but its characters still never count as text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter

from .chars import Char
from .grid import Grid, find_tables
from .model import Cell, Page, PageTable, TableRow, TextLine
from .pdfium import PageContent
from .words import cell_lines, cell_text, text_lines, words

_TOP, _RIGHT, _BOTTOM = itemgetter(1), itemgetter(2), itemgetter(3)  # of a box (x0, top, x1, bottom)


def layout_page(content: PageContent) -> Page:
    """The page's text lines and tables, ordered by their top (a text line before a table at the same top)."""
    grids = find_tables(content.edges) if content.edges else []
    chars = content.chars
    centres = [((ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2) for ch in chars]
    tables: list[PageTable] = []
    if grids:
        by_height = sorted(range(len(chars)), key=lambda i: centres[i][1])
        heights = [centres[i][1] for i in by_height]
        for grid in grids:
            table = _page_table(grid, content, chars, centres, by_height, heights)
            if table is not None:
                tables.append(table)
        outside = _outside(chars, centres, [grid.bbox for grid in grids])
    else:
        outside = chars
    items: list[TextLine | PageTable] = [*text_lines(words(outside)), *tables]
    return Page(content.number, content.width, sorted(items, key=lambda item: item.top))


def _outside(chars: list[Char], centres: list[tuple[float, float]],
             boxes: list[tuple[float, float, float, float]]) -> list[Char]:
    """The characters whose centre lies in none of ``boxes`` (edges included)."""
    out = []
    for ch, (x, y) in zip(chars, centres):
        for x0, top, x1, bottom in boxes:
            if x0 <= x <= x1 and top <= y <= bottom:
                break
        else:
            out.append(ch)
    return out


def _page_table(grid: Grid, content: PageContent, chars: list[Char], centres: list[tuple[float, float]],
                by_height: list[int], heights: list[float]) -> PageTable | None:
    """The table's rows of cells with their text; ``None`` when it prints nothing at all."""
    rows: list[TableRow] = []
    spans: dict[int, list[tuple[float, float]]] = {}
    for grid_row in grid.rows:
        boxes = [box for box in grid_row if box is not None]  # left to right
        left, top = boxes[0][0], min(map(_TOP, boxes))
        right, bottom = max(map(_RIGHT, boxes)), max(map(_BOTTOM, boxes))
        lefts = [box[0] for box in boxes]
        apart = all(a[2] <= b[0] for a, b in zip(boxes, boxes[1:]))  # no cell reaches into the next
        held: list[list[Char]] = [[] for _ in boxes]
        for i in sorted(by_height[bisect_left(heights, top):bisect_left(heights, bottom)]):
            x, y = centres[i]
            if not left <= x < right:
                continue
            for k in (bisect_right(lefts, x) - 1,) if apart else range(len(boxes)):
                box = boxes[k]
                if box[0] <= x < box[2] and box[1] <= y < box[3]:
                    held[k].append(chars[i])
        texts = iter(held)
        cells: list[Cell] = []
        for index, box in enumerate(grid_row):
            if box is None:  # covered by a merged cell: printed empty
                x0 = cells[-1].x1 if cells else left
                cells.append(Cell("", x0, x0))
                continue
            cells.append(Cell(cell_text(cell_lines(next(texts))), box[0], box[2], box))
            spans.setdefault(index, []).append((box[0], box[2]))
        rows.append(TableRow(top, cells))
    if not any(cell.text for row in rows for cell in row.cells):
        return None
    columns = []
    for index in range(max(len(row.cells) for row in rows)):
        ranges = spans.get(index) or [(0.0, 0.0)]
        columns.append((max(r[0] for r in ranges), min(r[1] for r in ranges)))
    return PageTable(content.number, content.width, rows[0].top, columns, rows)
