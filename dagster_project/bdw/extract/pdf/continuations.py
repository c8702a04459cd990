"""Tables across pages and split code columns: what makes a PDF's tables read like one text table.

- A table that starts a page right after a table that ended the previous one (page furniture such
  as ``- 2 -`` or ``续表`` aside) continues it: its rows that repeat the first part's header are
  dropped, and a part printed with fewer (or shifted) columns is realigned to the first part's
  columns by the cells' horizontal positions (right-aligned when the page has another width).
- Code columns split over 类 | 款 | 项 cells (``301 | 01``, ``208 | 05 | 99``) become one code cell
  (``30101``, ``2080599``), in the header too (``类款项``).

Every cell keeps the box it is printed in (a merged code cell: the box of its parts).
"""

from __future__ import annotations

import re

from .model import Cell, Page, PageTable, TableRow, TextLine, union

_FIGURE = re.compile(r"^[-+(（]?\d[\d,]*(?:\.\d+)?[)）]?%?$")
_PAGE_FURNITURE = re.compile(
    r"^(?:[-—–－]\s*)?(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[-—–－])?$|^\d{1,4}\s*/\s*\d{1,4}$"
    r"|^(?:第\s*\d+\s*页\s*)?共\s*\d+\s*页$|^[(（]?(?:续表?|续上表|接上表)[)）]?[：:]?\s*\d*$"
    r"|^(?:金额)?单位\s*[：:]\s*(?:亿元|万元|元)$"
)


def _is_furniture(item: TextLine | PageTable) -> bool:
    return isinstance(item, TextLine) and bool(_PAGE_FURNITURE.match(item.text.replace(" ", "")))


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text.replace(" ", "")))


def header_rows(table: PageTable) -> list[TableRow]:
    """The rows above the first row that prints a figure."""
    rows = []
    for row in table.rows:
        if any(_is_figure(cell.text) for cell in row.cells):
            break
        rows.append(row)
    return rows


def _printed(row: TableRow) -> tuple[str, ...]:
    return tuple(cell.text.replace(" ", "") for cell in row.cells if cell.text)


def join_continuations(pages: list[Page]) -> None:
    """Mark each table that continues the last table of the previous page; drop its repeated
    header rows and realign its cells to the first part's columns."""
    previous_last: PageTable | None = None
    for page in pages:
        content = [item for item in page.items if not _is_furniture(item)]
        first = content[0] if content else None
        if previous_last is not None and isinstance(first, PageTable):
            origin = previous_last.continues or previous_last
            first.continues = origin
            repeated = {_printed(row) for row in header_rows(origin)}
            while first.rows and (_printed(first.rows[0]) in repeated or not _printed(first.rows[0])):
                first.rows.pop(0)
            realign(first, origin)
        last = content[-1] if content else None
        previous_last = last if isinstance(last, PageTable) else None


def realign(part: PageTable, origin: PageTable) -> None:
    """Put ``part``'s cells under ``origin``'s columns: by horizontal overlap on pages of the same
    width, else right-aligned (the figure columns are the right-hand ones)."""
    width = len(origin.columns)
    if len(part.columns) == width and abs(part.page_width - origin.page_width) < 1:
        return
    same_geometry = abs(part.page_width - origin.page_width) < 1
    for row in part.rows:
        slots: list[list[Cell]] = [[] for _ in range(width)]
        placed = True
        if same_geometry:
            for cell in row.cells:
                if not cell.text:
                    continue
                target = _column_for(cell, origin.columns)
                if target is None:
                    placed = False
                    break
                slots[target].append(cell)
        if not same_geometry or not placed:
            kept = row.cells[-width:]
            slots = [[] for _ in range(width - len(kept))] + [[cell] for cell in kept]
        row.cells = [Cell(" ".join(c.text for c in slot).strip(), *origin.columns[i],
                          union([c.box for c in slot if c.text]) or (slot[0].box if slot else None))
                     for i, slot in enumerate(slots)]
    part.columns = list(origin.columns)


def _column_for(cell: Cell, columns: list[tuple[float, float]]) -> int | None:
    best, best_overlap = None, 0.0
    for index, (x0, x1) in enumerate(columns):
        overlap = min(x1, cell.x1) - max(x0, cell.x0)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


# --- split code columns ------------------------------------------------------------------------


def _code_runs(tables: list[PageTable]) -> list[range]:
    """Column runs printed under 类 | 款 (| 项) headers whose cells hold only digits (or labels)."""
    runs: list[range] = []
    for table in tables:
        for row in table.rows:
            texts = [text.replace(" ", "") for text in row.texts()]
            for start in range(len(texts) - 1):
                if texts[start] != "类" or texts[start + 1] != "款":
                    continue
                stop = start + (3 if start + 2 < len(texts) and texts[start + 2] == "项" else 2)
                if not any(run.start == start for run in runs):
                    runs.append(range(start, stop))
        if runs:
            break
    return [run for run in runs if _holds_codes(tables, run)]


def _holds_codes(tables: list[PageTable], run: range) -> bool:
    for table in tables:
        for row in table.rows:
            parts = [row.cells[i].text.replace(" ", "") if i < len(row.cells) else "" for i in run]
            if not parts[0].isdigit():
                continue  # a header or total row: its texts are joined as they are
            if any(part and not (part.isdigit() and len(part) == 2) for part in parts[1:]):
                return False
    return True


def merge_code_columns(pages: list[Page]) -> None:
    """``301 | 01`` → ``30101`` in every row of a table (and its continuations) printed with
    separate 类/款/项 code columns; the header's ``类 | 款 | 项`` becomes ``类款项``."""
    groups: dict[int, list[PageTable]] = {}
    for page in pages:
        for item in page.items:
            if isinstance(item, PageTable):
                groups.setdefault(id(item.continues or item), []).append(item)
    for tables in groups.values():
        runs = _code_runs(tables)
        if not runs:
            continue
        for table in tables:
            for row in table.rows:
                row.cells = _merged(row.cells, runs)
            table.columns = [
                (table.columns[i][0], table.columns[run.stop - 1][1]) if (run := _run_at(runs, i)) else column
                for i, column in enumerate(table.columns) if not _inside_run(runs, i)
            ]


def _run_at(runs: list[range], index: int) -> range | None:
    return next((run for run in runs if run.start == index), None)


def _inside_run(runs: list[range], index: int) -> bool:
    return any(index in run and index != run.start for run in runs)


def _merged(cells: list[Cell], runs: list[range]) -> list[Cell]:
    out = []
    for index, cell in enumerate(cells):
        run = _run_at(runs, index)
        if run is not None:
            parts = [cells[i] for i in run if i < len(cells)]
            out.append(Cell("".join(part.text.replace(" ", "") for part in parts), parts[0].x0, parts[-1].x1,
                            union([part.box for part in parts])))
        elif not _inside_run(runs, index):
            out.append(cell)
    return out
