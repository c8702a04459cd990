"""Ruling lines → ruled tables: the cells a page's lines enclose, grouped into tables and rows.

The lattice method pdfplumber uses (after Nurminen's thesis and Tabula), with its tolerances:

1. edges shorter than 1 pt are dropped; edges closer than :data:`SNAP` to one another across their
   direction move to their mean position; collinear edges closer than :data:`JOIN` along it are
   joined; edges shorter than :data:`MIN_LENGTH` are dropped;
2. where a vertical and a horizontal edge meet (closer than :data:`CROSS`) is an intersection;
3. from every intersection, the smallest rectangle whose four corners are intersections joined
   by edges is a cell;
4. cells that share a corner form one table (a single cell is no table); a table's rows are its
   cells grouped by ``top``, each row spread over the table's distinct cell left edges (``None``
   where a merged cell covers that column).

A distance equal to a tolerance counts as beyond it (see :data:`.words.TIE`). Indexed by position
(sorted edges, bisection) so a page costs about its number of edges, not its square.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter

from .paths import Edge
from .words import TIE

SNAP = 3.0
JOIN = 3.0
CROSS = 3.0
MIN_LENGTH = 3.0
MIN_LENGTH_BEFORE_MERGE = 1.0

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
_X0, _TOP = attrgetter("x0"), attrgetter("top")


@dataclass
class Grid:
    """One ruled table: its cells' boxes row by row (``None`` under a merged cell) and its outline."""

    rows: list[list[Box | None]]
    bbox: Box


def find_tables(edges: list[Edge]) -> list[Grid]:
    """The ruled tables of a page, top to bottom (then left to right)."""
    vertical, horizontal = _merged(edges)
    if not vertical or not horizontal:
        return []
    points = _intersections(vertical, horizontal)
    return [_grid(cells) for cells in _tables(_cells(points))]


# --- 1. snapping and joining -------------------------------------------------------------------


def _merged(edges: list[Edge]) -> tuple[list[Edge], list[Edge]]:
    vertical = [e for e in edges if e.orientation == "v" and e.bottom - e.top >= MIN_LENGTH_BEFORE_MERGE]
    horizontal = [e for e in edges if e.orientation == "h" and e.x1 - e.x0 >= MIN_LENGTH_BEFORE_MERGE]
    vertical = [e for e in _join(_snap(vertical, "v"), "v") if e.bottom - e.top >= MIN_LENGTH]
    horizontal = [e for e in _join(_snap(horizontal, "h"), "h") if e.x1 - e.x0 >= MIN_LENGTH]
    return vertical, horizontal


def _snap(edges: list[Edge], orientation: str) -> list[Edge]:
    """Edges whose positions (x of a vertical, top of a horizontal) chain within SNAP share their mean."""
    position = _X0 if orientation == "v" else _TOP
    values = sorted(set(map(position, edges)))
    groups: list[list[float]] = []
    for value in values:
        if groups and value < groups[-1][-1] + SNAP - TIE:
            groups[-1].append(value)
        else:
            groups.append([value])
    cluster = {value: k for k, group in enumerate(groups) for value in group}
    members: dict[int, list[Edge]] = defaultdict(list)
    for edge in edges:
        members[cluster[position(edge)]].append(edge)
    out = []
    for k in sorted(members):
        group = members[k]
        mean = sum(map(position, group)) / len(group)
        for e in group:
            if position(e) == mean:
                out.append(e)
            elif orientation == "v":
                out.append(Edge("v", mean, e.top, mean + (e.x1 - e.x0), e.bottom))
            else:
                out.append(Edge("h", e.x0, mean, e.x1, mean + (e.bottom - e.top)))
    return out


def _join(edges: list[Edge], orientation: str) -> list[Edge]:
    """Collinear edges (same snapped position) that overlap or lie within JOIN of each other become one."""
    lines: dict[float, list[Edge]] = defaultdict(list)
    for e in edges:
        lines[e.x0 if orientation == "v" else e.top].append(e)
    out = []
    for position in sorted(lines):
        if orientation == "v":
            group = sorted(lines[position], key=lambda e: e.top)
            joined = [group[0]]
            for e in group[1:]:
                last = joined[-1]
                if e.top < last.bottom + JOIN - TIE:
                    if e.bottom > last.bottom:
                        joined[-1] = last._replace(bottom=e.bottom)
                else:
                    joined.append(e)
        else:
            group = sorted(lines[position], key=lambda e: e.x0)
            joined = [group[0]]
            for e in group[1:]:
                last = joined[-1]
                if e.x0 < last.x1 + JOIN - TIE:
                    if e.x1 > last.x1:
                        joined[-1] = last._replace(x1=e.x1)
                else:
                    joined.append(e)
        out.extend(joined)
    return out


# --- 2. intersections --------------------------------------------------------------------------

Point = tuple[float, float]


def _intersections(vertical: list[Edge], horizontal: list[Edge]) -> dict[Point, tuple[set[Edge], set[Edge]]]:
    """Each point where edges cross → the vertical and the horizontal edges through it."""
    horizontal = sorted(horizontal, key=lambda e: (e.top, e.x0))
    tops = [e.top for e in horizontal]
    points: dict[Point, tuple[set[Edge], set[Edge]]] = {}
    for v in sorted(vertical, key=lambda e: (e.x0, e.top)):
        start = bisect_right(tops, v.top - CROSS + TIE)
        stop = bisect_left(tops, v.bottom + CROSS - TIE)
        for h in horizontal[start:stop]:
            if h.x0 - CROSS + TIE < v.x0 < h.x1 + CROSS - TIE:
                through = points.setdefault((v.x0, h.top), (set(), set()))
                through[0].add(v)
                through[1].add(h)
    return points


# --- 3. cells ----------------------------------------------------------------------------------


def _cells(points: dict[Point, tuple[set[Edge], set[Edge]]]) -> list[Box]:
    """From each intersection (in (x, top) order), the smallest cell it is the top-left corner of."""
    below: dict[float, list[Point]] = defaultdict(list)  # same x, further down
    right: dict[float, list[Point]] = defaultdict(list)  # same top, further right
    ordered = sorted(points)

    def joined_vertically(p: Point, q: Point) -> bool:
        return not points[p][0].isdisjoint(points[q][0])

    def joined_horizontally(p: Point, q: Point) -> bool:
        return not points[p][1].isdisjoint(points[q][1])

    at: dict[Point, tuple[int, int]] = {}  # a point's place in its column and in its row
    for point in ordered:
        at[point] = (len(below[point[0]]), len(right[point[1]]))
        below[point[0]].append(point)
        right[point[1]].append(point)
    cells = []
    for point in ordered:
        x, top = point
        down_from, across_from = at[point]
        for down in below[x][down_from + 1:]:
            if not joined_vertically(point, down):
                continue
            found = None
            for across in right[top][across_from + 1:]:
                if not joined_horizontally(point, across):
                    continue
                corner = (across[0], down[1])
                if corner in points and joined_vertically(corner, across) and joined_horizontally(corner, down):
                    found = (x, top, corner[0], corner[1])
                    break
            if found:
                cells.append(found)
                break
    return cells


# --- 4. tables and rows ------------------------------------------------------------------------


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped by shared corners, tables ordered by their top-left cell; single cells dropped."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                a, b = root(owner[corner]), root(i)
                if a != b:
                    parent[b] = a
            else:
                owner[corner] = i
    groups: dict[int, list[Box]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[root(i)].append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _grid(cells: list[Box]) -> Grid:
    lefts = sorted({c[0] for c in cells})
    by_top: dict[float, dict[float, Box]] = defaultdict(dict)
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        by_top[cell[1]][cell[0]] = cell
    rows = [[starts.get(x) for x in lefts] for _, starts in sorted(by_top.items())]
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
    return Grid(rows, bbox)
