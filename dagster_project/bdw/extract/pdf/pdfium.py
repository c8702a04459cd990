"""What a PDF page prints, read with PDFium (pypdfium2's raw API): its characters and its ruling lines.

Coordinates are PDF points on the page as it is displayed: the page's ``/Rotate`` applied, the
origin at the top-left corner of its visible box (the crop box within the media box), ``y``
growing downwards. A renderer draws the page in the same space (at 72 dpi, times its scale).

- A :class:`Char` has the box pdfminer gives a character: from the pen position to its advance
  width, and from the font's descent to one em above it (so characters of one font on one line
  share ``top`` and ``bottom`` whatever their glyphs). ``size`` is the printed font size.
  Characters come in content-stream order: PDFium's text page sorts the runs of a line by ``x``,
  the order of the runs in the content is restored. Spaces PDFium generates between runs are
  dropped; a printed space is kept (it separates words).
- An :class:`Edge` is a horizontal or vertical segment of a painted path, as pdfplumber derives
  them: a two-point line is one edge, a closed axis-aligned four-point path (``re``) four edges
  (its sides), any other path one edge per pair of successive points that are aligned.

Only functions that are called per character, per text object or per path segment are declared
again with plain ``void*`` handles and output addresses (:data:`_c`): the same C functions, called
through ``map`` over a page's characters or objects, writing into one buffer read back with
``struct`` — without ctypes building a pointer object per call.
"""

from __future__ import annotations

import ctypes
import math
import struct
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from ctypes import POINTER, c_double, c_float, c_int, c_uint, c_ulong, c_void_p
from dataclasses import dataclass
from itertools import chain, repeat
from typing import NamedTuple

import pypdfium2.raw as pdfium

from ..source import RejectedFile


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool


class Edge(NamedTuple):
    """A ruling segment; ``orientation`` is ``"h"`` (``top == bottom``) or ``"v"`` (``x0 == x1``, or a
    slanted two-point line, which pdfplumber files as vertical)."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    edges: list[Edge]


Matrix = tuple[float, float, float, float, float, float]  # (a, b, c, d, e, f): [x y 1] · M, as in PDF
_matrix_values = struct.Struct("6f").unpack_from  # an FS_MATRIX's six floats in one call
_matrices = struct.Struct("6f").iter_unpack  # a buffer of FS_MATRIX
_rects = struct.Struct("4f").iter_unpack  # a buffer of FS_RECTF: left, top, right, bottom
_pairs = struct.Struct("2f").iter_unpack  # a buffer of (x, y) points
_floats = struct.Struct("f").iter_unpack
_new = tuple.__new__  # a NamedTuple made without its constructor's Python call: half the time

def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n``."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


class _Functions:
    """The PDFium functions called per character or per path segment, with ``void*`` handles."""

    def __init__(self) -> None:
        def declare(function, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, c_void_p).value)

        self.text_object = declare(pdfium.FPDFText_GetTextObject, c_void_p, c_void_p, c_int)
        self.unicode = declare(pdfium.FPDFText_GetUnicode, c_uint, c_void_p, c_int)
        self.is_generated = declare(pdfium.FPDFText_IsGenerated, c_int, c_void_p, c_int)
        self.loose_box = declare(pdfium.FPDFText_GetLooseCharBox, c_int, c_void_p, c_int, c_void_p)
        self.origin = declare(pdfium.FPDFText_GetCharOrigin, c_int, c_void_p, c_int, POINTER(c_double),
                              POINTER(c_double))
        self.count_chars = declare(pdfium.FPDFText_CountChars, c_int, c_void_p)
        self.count_objects = declare(pdfium.FPDFPage_CountObjects, c_int, c_void_p)
        self.object = declare(pdfium.FPDFPage_GetObject, c_void_p, c_void_p, c_int)
        self.count_form_objects = declare(pdfium.FPDFFormObj_CountObjects, c_int, c_void_p)
        self.form_object = declare(pdfium.FPDFFormObj_GetObject, c_void_p, c_void_p, c_ulong)
        self.object_type = declare(pdfium.FPDFPageObj_GetType, c_int, c_void_p)
        self.matrix = declare(pdfium.FPDFPageObj_GetMatrix, c_int, c_void_p, POINTER(pdfium.FS_MATRIX))
        self.count_segments = declare(pdfium.FPDFPath_CountSegments, c_int, c_void_p)
        self.segment = declare(pdfium.FPDFPath_GetPathSegment, c_void_p, c_void_p, c_int)
        self.point = declare(pdfium.FPDFPathSegment_GetPoint, c_int, c_void_p, c_void_p, c_void_p)
        self.segment_type = declare(pdfium.FPDFPathSegment_GetType, c_int, c_void_p)
        self.segment_close = declare(pdfium.FPDFPathSegment_GetClose, c_int, c_void_p)
        self.font = declare(pdfium.FPDFTextObj_GetFont, c_void_p, c_void_p)
        self.font_size = declare(pdfium.FPDFTextObj_GetFontSize, c_int, c_void_p, c_void_p)
        self.text_matrix = declare(pdfium.FPDFPageObj_GetMatrix, c_int, c_void_p, c_void_p)
        self.descent = declare(pdfium.FPDFFont_GetDescent, c_int, c_void_p, c_float, POINTER(c_float))
        self.bounds = declare(pdfium.FPDFPageObj_GetBounds, c_int, c_void_p, POINTER(c_float), POINTER(c_float),
                              POINTER(c_float), POINTER(c_float))


_c = _Functions()

_TEXT, _PATH, _FORM = pdfium.FPDF_PAGEOBJ_TEXT, pdfium.FPDF_PAGEOBJ_PATH, pdfium.FPDF_PAGEOBJ_FORM
_MOVE, _LINE, _BEZIER = pdfium.FPDF_SEGMENT_MOVETO, pdfium.FPDF_SEGMENT_LINETO, pdfium.FPDF_SEGMENT_BEZIERTO
_LOAD_ERRORS = {
    pdfium.FPDF_ERR_PASSWORD: "encrypted (password required): bdw reads PDFs that open without a password; "
                              "ask the publisher for an unprotected copy",
    pdfium.FPDF_ERR_SECURITY: "encrypted with a security handler PDFium does not support: "
                              "ask the publisher for an unprotected copy",
    pdfium.FPDF_ERR_FORMAT: "unreadable PDF (damaged or not a PDF): re-save or re-download the file",
    pdfium.FPDF_ERR_FILE: "unreadable PDF (the file could not be read): re-save or re-download the file",
}


@contextmanager
def open_document(data: bytes) -> Iterator[tuple[object, int]]:
    """The PDFium document of ``data`` and its page count; :class:`RejectedFile` when PDFium cannot open it.

    The empty password is tried, so a PDF encrypted only against editing opens; one that needs a
    password to be read is rejected as encrypted.
    """
    doc = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
    if not doc:
        error = pdfium.FPDF_GetLastError()
        raise RejectedFile(_LOAD_ERRORS.get(error, f"unreadable PDF (PDFium error {error}): "
                                                   "re-save or re-download the file"))
    try:
        yield doc, pdfium.FPDF_GetPageCount(doc)
    finally:
        pdfium.FPDF_CloseDocument(doc)


def read_page(doc, index: int) -> PageContent:
    """The characters and ruling lines of page ``index`` (0-based)."""
    page = pdfium.FPDF_LoadPage(doc, index)
    if not page:
        raise RejectedFile(f"unreadable PDF: page {index + 1} cannot be parsed; re-save or re-download the file")
    try:
        view, width, height, turn = _view(page)
        objects = _objects(ctypes.cast(page, c_void_p).value, view)
        textpage = pdfium.FPDFText_LoadPage(page)
        if not textpage:
            raise RejectedFile(f"unreadable PDF: the text of page {index + 1} cannot be read")
        try:
            chars = _chars(ctypes.cast(textpage, c_void_p).value, objects, view, turn)
        finally:
            pdfium.FPDFText_ClosePage(textpage)
    finally:
        pdfium.FPDF_ClosePage(page)
    return PageContent(index + 1, width, height, chars, objects.edges)


# --- page geometry -----------------------------------------------------------------------------

# The linear part of the rotation pdfminer applies for /Rotate 0, 90, 180, 270 (PDF space, y up).
_TURNS: dict[int, tuple[float, float, float, float]] = {
    0: (1.0, 0.0, 0.0, 1.0), 1: (0.0, -1.0, 1.0, 0.0), 2: (-1.0, 0.0, 0.0, -1.0), 3: (0.0, 1.0, -1.0, 0.0)}


def _view(page) -> tuple[Matrix, float, float, tuple[float, float, float, float]]:
    """The matrix from PDF space to the displayed page (top-left origin), its width and height, and
    the page's turn (the linear part of the rotation, for telling upright text)."""
    box = pdfium.FS_RECTF()
    if not pdfium.FPDF_GetPageBoundingBox(page, box):
        box.left, box.bottom = 0.0, 0.0
        box.right, box.top = pdfium.FPDF_GetPageWidthF(page), pdfium.FPDF_GetPageHeightF(page)
    left, bottom, right, top = box.left, box.bottom, box.right, box.top
    rotation = pdfium.FPDFPage_GetRotation(page) % 4
    turn = _TURNS[rotation]
    # translate the box's corner to the origin, turn, then flip y (top-left origin)
    shift = {0: (-left, -bottom), 1: (-bottom, right), 2: (right, top), 3: (top, -left)}[rotation]
    turned: Matrix = (*turn, *shift)
    width, height = (right - left, top - bottom) if rotation % 2 == 0 else (top - bottom, right - left)
    view = _multiply(turned, (1.0, 0.0, 0.0, -1.0, 0.0, height))
    return view, width, height, turn


# --- page objects: text runs and paths ---------------------------------------------------------


class _Objects(NamedTuple):
    order: dict[int, int]  # text object handle → its position among the page's text objects, in content order
    outer: dict[int, Matrix]  # text object handle → the matrix of the form XObject it is drawn in, if any
    edges: list[Edge]


def _objects(page: int, view: Matrix) -> _Objects:
    """The page's text objects in content order and the ruling edges of its paths, through form XObjects."""
    count = max(_c.count_objects(page), 0)
    handles = list(map(_c.object, repeat(page, count), range(count)))
    kinds = list(map(_c.object_type, handles))
    if _FORM not in kinds:  # the usual page: one list of objects, numbered as they come
        found = _Objects(dict(zip(handles, range(count))), {}, [])
        paths = [obj for obj, kind in zip(handles, kinds) if kind == _PATH]
        if paths:
            _paths_edges(paths, view, found.edges)
        return found
    return _nested_objects(handles, kinds, view)


def _nested_objects(handles: list[int], kinds: list[int], view: Matrix) -> _Objects:
    """:func:`_objects` for a page that draws form XObjects: their objects are numbered where the form is."""
    found = _Objects({}, {}, [])
    matrix = pdfium.FS_MATRIX()

    def visit(objects: list[tuple[int, int]], outer: Matrix | None) -> None:
        for obj, kind in objects:
            if kind == _TEXT:
                found.order[obj] = len(found.order)
                if outer is not None:
                    found.outer[obj] = outer
            elif kind == _PATH or kind == _FORM:
                _c.matrix(obj, matrix)
                placed = _matrix_values(matrix)
                if outer is not None:
                    placed = _multiply(placed, outer)
                if kind == _PATH:
                    _path_edges(obj, _multiply(placed, view), found.edges)
                else:
                    inner = [_c.form_object(obj, i) for i in range(max(_c.count_form_objects(obj), 0))]
                    visit(list(zip(inner, map(_c.object_type, inner))), placed)

    visit(list(zip(handles, kinds)), None)
    return found


class _Run(NamedTuple):
    """A text object drawn turned, mirrored or slanted, or on a turned page: what its characters' boxes
    are computed from."""

    size: float  # the font size times the vertical scale of the text matrix
    tf: float  # the font size operand (Tf)
    descent: float  # the font's descent, in thousandths of an em (negative)
    linear: tuple[float, float, float, float]  # the text matrix's linear part (without Tf), in PDF space
    origin: tuple[float, float]  # the pen position of its first character, in PDF space


# A text object by handle: (its position in the content, (top, bottom, size) its characters share when
# it is upright on an unturned page, else None, and its _Run when not)
Runs = dict[int, tuple[int, tuple[float, float, float] | None, _Run | None]]


def _runs(objects: _Objects, view: Matrix) -> Runs:
    """Every text object of the page: its matrix, font size and font (three calls each, in bulk), its
    font's descent (once per font). Upright runs on one baseline in one font and size share their
    top, bottom and size."""
    handles = list(objects.order)
    count = len(handles)
    if not count:
        return {}
    matrices = ctypes.create_string_buffer(24 * count)
    sizes = ctypes.create_string_buffer(4 * count)
    at, size_at = ctypes.addressof(matrices), ctypes.addressof(sizes)
    deque(map(_c.text_matrix, handles, range(at, at + 24 * count, 24)), maxlen=0)
    deque(map(_c.font_size, handles, range(size_at, size_at + 4 * count, 4)), maxlen=0)
    fonts = list(map(_c.font, handles))
    descents: dict[int, float] = {}
    found = c_float()
    for font in set(fonts):
        descents[font] = -abs(found.value) if font and _c.descent(font, 1000.0, found) else 0.0
    plain_page = view[1] == 0 and view[2] == 0 and view[0] > 0 and view[3] < 0
    flip, shift = view[3], view[5]
    outer = objects.outer
    shared: dict[tuple, tuple[float, float, float]] = {}
    runs: Runs = {}
    for (obj, order), matrix, (tf,), font in zip(objects.order.items(), _matrices(matrices.raw),
                                                  _floats(sizes.raw), fonts):
        a, b, c, d, e, f = matrix if not outer or obj not in outer else _multiply(matrix, outer[obj])
        if plain_page and b == 0 and c == 0 and a > 0 and d > 0:
            # upright on an unturned page: its characters share the baseline f, so top and bottom
            key = (font, tf, d, f)
            line = shared.get(key)
            if line is None:
                size = (tf if tf > 0 else -tf) * d
                bottom = flip * (f + descents[font] / 1000 * size) + shift
                line = shared[key] = (bottom + flip * size, bottom, size)
            runs[obj] = (order, line, None)
        else:
            run = _Run(abs(tf) * math.hypot(c, d), tf, descents[font], (a, b, c, d), (e, f))
            runs[obj] = (order, None, run)
    return runs


def _run(obj: int, objects: _Objects) -> _Run:
    """One text object's :class:`_Run`, read alone (for a run the text page leaves out)."""
    matrix, size, descent = pdfium.FS_MATRIX(), c_float(), c_float()
    _c.matrix(obj, matrix)
    a, b, c, d, e, f = _matrix_values(matrix)
    if obj in objects.outer:
        a, b, c, d, e, f = _multiply((a, b, c, d, e, f), objects.outer[obj])
    _c.font_size(obj, ctypes.addressof(size))
    font = _c.font(obj)
    found = font and _c.descent(font, 1000.0, descent)
    return _Run(abs(size.value) * math.hypot(c, d), size.value, -abs(descent.value) if found else 0.0,
                (a, b, c, d), (e, f))


def _path_edges(obj: int, to_view: Matrix, edges: list[Edge]) -> None:
    """Append the edges of one path object, its points mapped to the displayed page by ``to_view``."""
    _paths_edges([obj], to_view, edges, placed=False)


def _paths_edges(paths: list[int], view: Matrix, edges: list[Edge], placed: bool = True) -> None:
    """Append the edges of the path objects ``paths``, read in bulk (their matrices, segments and
    points); with ``placed``, each path's own matrix is applied before ``view``."""
    count = len(paths)
    transforms = [view] * count
    if placed:
        matrices = ctypes.create_string_buffer(24 * count)
        at = ctypes.addressof(matrices)
        deque(map(_c.text_matrix, paths, range(at, at + 24 * count, 24)), maxlen=0)
        transforms = [_multiply(matrix, view) for matrix in _matrices(matrices.raw)]
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
    xy = list(_pairs(points.raw))
    start = 0
    for size, (a, b, c, d, e, f) in zip(sizes, transforms):
        stop = start + size
        if size == 2 and kinds[start] == _MOVE and kinds[start + 1] == _LINE and not closes[start + 1]:
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
            if kind == _MOVE or not shape:
                if shape:
                    _shape_edges("".join(shape), line, edges)
                shape, line, bezier = ["m"], [point], 0
            elif kind == _BEZIER:
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


# --- characters --------------------------------------------------------------------------------

_WHITE = frozenset(" \r\n")
def _chars(textpage: int, objects: _Objects, view: Matrix, turn: tuple[float, float, float, float]) -> list[Char]:
    """Every printed character of the page in content order, with its pdfminer box on the displayed page."""
    count = _c.count_chars(textpage)
    if not count:
        return []
    runs = _runs(objects, view)
    owners = list(map(_c.text_object, repeat(textpage, count), range(count)))  # None: generated by PDFium
    boxes = ctypes.create_string_buffer(16 * count)
    at = ctypes.addressof(boxes)
    deque(map(_c.loose_box, repeat(textpage, count), range(count), range(at, at + 16 * count, 16)), maxlen=0)
    text = _page_text(textpage, count)
    if text is None:
        text = [_unicode(textpage, index) for index in range(count)]
    shift = view[4]  # x on an unturned page: x − the box's left
    chars: list[Char] = []
    segments: list[tuple[int, int]] = []  # (position in the content, first of its characters) of each run met
    last, entry, in_order, previous = None, None, True, -1
    line, run = None, None
    for index, (obj, ch, (left, top_, right, bottom_)) in enumerate(zip(owners, text, _rects(boxes.raw))):
        if obj != last:  # the characters of one run come together: look it up once
            last = obj
            entry = runs.get(obj) if obj else None  # no object: a space or line break PDFium generated
            if entry is not None:
                position, line, run = entry
                if line is not None:
                    top, bottom, size = line
                in_order = in_order and position >= previous
                previous = position
                segments.append((position, len(chars)))
        if entry is None or (ch in _WHITE and _c.is_generated(textpage, index)):
            continue
        if line is not None:
            chars.append(_new(Char, (ch, left + shift, right + shift, top, bottom, size, True)))
        else:
            x, y = c_double(), c_double()
            _c.origin(textpage, index, x, y)
            chars.append(_turned_char(ch, (left, bottom_, right, top_), x.value, y.value, run, view, turn))
    for obj in runs.keys() - set(owners):
        if _blank(obj):
            run = _run(obj, objects)
            x, y = run.origin
            segments.append((runs[obj][0], len(chars)))
            chars.append(_turned_char(" ", (x, y, x, y), x, y, run, view, turn))
            in_order = False
    if in_order:
        return chars
    # PDFium's text page sorts the runs of a line by x: put the runs back in content order (stable)
    ends = [start for _, start in segments[1:]] + [len(chars)]
    ordered = sorted(zip(segments, ends), key=_segment_position)
    return [char for (_, start), end in ordered for char in chars[start:end]]


def _segment_position(segment: tuple[tuple[int, int], int]) -> int:
    return segment[0][0]


def _page_text(textpage: int, count: int) -> str | None:
    """The page's characters in one call, when they line up with the character indices (no control
    characters, nothing beyond the BMP); ``None`` otherwise."""
    if not count:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium.FPDFText_GetText(ctypes.cast(textpage, pdfium.FPDF_TEXTPAGE), 0, count, buffer)
    if written != count + 1:
        return None
    text = bytes(buffer)[: 2 * count].decode("utf-16-le", errors="replace")
    if len(text) != count or any(0xD800 <= code < 0xE000 for code in buffer[:count]):
        return None
    return text


def _unicode(textpage: int, index: int) -> str:
    code = _c.unicode(textpage, index)
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"


def _blank(obj: int) -> bool:
    """A run PDFium's text page leaves out because it prints no ink: spaces set on their own (pdfminer
    keeps them, and they end words)."""
    left, bottom, right, top = c_float(), c_float(), c_float(), c_float()
    return bool(_c.bounds(obj, left, bottom, right, top)) and abs(right.value - left.value) < 0.01


def _turned_char(text: str, loose: tuple[float, float, float, float], x: float, y: float, run: _Run,
                 view: Matrix, turn: tuple[float, float, float, float]) -> Char:
    """A character of a turned or mirrored run, or on a turned page: pdfminer's box, from the text
    matrix, mapped to the displayed page (exact for quarter turns; slanted text gets the advance its
    box spans along the text direction)."""
    a, b, c, d = run.linear
    left, bottom, right, top = loose
    if abs(a) >= abs(b):
        advance = abs(right - left) / abs(a) if a else 0.0
    else:
        advance = abs(top - bottom) / abs(b)
    tf = run.tf
    descent = run.descent / 1000 * tf
    corners = []
    for tx, ty in ((0.0, descent), (advance, descent + tf)):
        px, py = x + a * tx + c * ty, y + b * tx + d * ty
        corners.append((view[0] * px + view[2] * py + view[4], view[1] * px + view[3] * py + view[5]))
    (x0, y0), (x1, y1) = corners
    ta, tb, tc, td = turn
    ra, rb, rc, rd = a * ta + b * tc, a * tb + b * td, c * ta + d * tc, c * tb + d * td
    upright = ra * rd > 0 and rb * rc <= 0
    return Char(text, min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1), run.size, upright)
