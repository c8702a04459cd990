"""Painted paths → ruling edges, as pdfminer reads paths and pdfplumber turns them into edges.

An :class:`Edge` is a horizontal or vertical segment of a painted path: a two-point line is one
edge (a slanted one is filed as vertical, as pdfplumber does), a closed axis-aligned four-point path
(``re``) four edges (its sides), any other path one edge per pair of successive points that are
aligned. A path's points are read in bulk (segments, kinds, points) and mapped to the displayed page.
"""

from __future__ import annotations

import ctypes
from collections import deque
from itertools import chain, repeat
from typing import NamedTuple

from . import bindings
from .bindings import BEZIER, LINE, MOVE, Matrix, multiply

_c = bindings.c


class Edge(NamedTuple):
    """A ruling segment; ``orientation`` is ``"h"`` (``top == bottom``) or ``"v"`` (``x0 == x1``, or a
    slanted two-point line, which pdfplumber files as vertical)."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


def path_edges(obj: int, to_view: Matrix, edges: list[Edge]) -> None:
    """Append the edges of one path object, its points mapped to the displayed page by ``to_view``."""
    paths_edges([obj], to_view, edges, placed=False)


def paths_edges(paths: list[int], view: Matrix, edges: list[Edge], placed: bool = True) -> None:
    """Append the edges of the path objects ``paths``, read in bulk (their matrices, segments and
    points); with ``placed``, each path's own matrix is applied before ``view``."""
    count = len(paths)
    transforms = [view] * count
    if placed:
        matrices = ctypes.create_string_buffer(24 * count)
        at = ctypes.addressof(matrices)
        deque(map(_c.matrix, paths, range(at, at + 24 * count, 24)), maxlen=0)
        transforms = [multiply(matrix, view) for matrix in bindings.matrices(matrices.raw)]
    sizes = [max(size, 0) for size in map(_c.count_segments, paths)]  # -1: PDFium could not read the path
    total = sum(sizes)
    if total <= 0:
        return
    segments = list(map(_c.segment, chain.from_iterable(map(repeat, paths, sizes)),
                        chain.from_iterable(map(range, sizes))))
    kinds = list(map(_c.segment_type, segments))
    closes = list(map(_c.segment_close, segments))
    points = ctypes.create_string_buffer(8 * total)
    at = ctypes.addressof(points)
    deque(map(_c.point, segments, range(at, at + 8 * total, 8), range(at + 4, at + 8 * total, 8)), maxlen=0)
    xy = list(bindings.pairs(points.raw))
    start = 0
    for size, (a, b, c, d, e, f) in zip(sizes, transforms):
        stop = start + size
        if size == 2 and kinds[start] == MOVE and kinds[start + 1] == LINE and not closes[start + 1]:
            (x0, y0), (x1, y1) = xy[start], xy[start + 1]  # a ruling line: the usual path
            x0, y0, x1, y1 = a * x0 + c * y0 + e, b * x0 + d * y0 + f, a * x1 + c * y1 + e, b * x1 + d * y1 + f
            top, bottom = (y0, y1) if y0 <= y1 else (y1, y0)
            edges.append(Edge("h" if top == bottom else "v", min(x0, x1), top, max(x0, x1), bottom))
            start = stop
            continue
        shape: list[str] = []
        line: list[tuple[float, float]] = []
        bezier = 0
        for k in range(start, stop):
            px, py = xy[k]
            point = (a * px + c * py + e, b * px + d * py + f)
            kind = kinds[k]
            if kind == MOVE or not shape:
                if shape:
                    _shape_edges("".join(shape), line, edges)
                shape, line, bezier = ["m"], [point], 0
            elif kind == BEZIER:
                bezier += 1
                if bezier == 3:  # two control points, then the end point: one curve, as pdfminer counts it
                    shape.append("c")
                    line.append(point)
                    bezier = 0
            else:
                shape.append("l")
                line.append(point)
            if closes[k]:
                shape.append("h")
                line.append(line[0])
        if shape:
            _shape_edges("".join(shape), line, edges)
        start = stop


def _shape_edges(shape: str, points: list[tuple[float, float]], edges: list[Edge]) -> None:
    """pdfminer's reading of one subpath (line, rectangle or curve) as pdfplumber's edges, appended."""
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points.pop()
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = points[0], points[1]
        top, bottom = min(y0, y1), max(y0, y1)
        edges.append(Edge("h" if top == bottom else "v", min(x0, x1), top, max(x0, x1), bottom))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
        if last == points[0] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                  or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            left, right = min(x0, x2), max(x0, x2)
            top, bottom = min(y0, y2), max(y0, y2)
            edges += (Edge("h", left, top, right, top), Edge("h", left, bottom, right, bottom),
                      Edge("v", left, top, left, bottom), Edge("v", right, top, right, bottom))
            return
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 == x1:
            edges.append(Edge("v", x0, min(y0, y1), x1, max(y0, y1)))
        elif y0 == y1:
            edges.append(Edge("h", min(x0, x1), y0, max(x0, x1), y1))
