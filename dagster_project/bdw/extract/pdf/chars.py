"""A page's text objects and its text page → its characters, each with the box pdfminer gives it.

A :class:`Char` reaches from its pen position to its advance width, and from its font's descent to
one em above it (so characters of one font on one line share ``top`` and ``bottom`` whatever their
glyphs); ``size`` is the printed font size. Characters come in content-stream order: PDFium's text
page sorts the runs of a line by ``x``, and the runs are put back in the order the content prints
them. Spaces PDFium generates between runs are dropped; a printed space is kept (it ends words),
also one set as a run of its own, which PDFium's text page leaves out because it prints no ink.
"""

from __future__ import annotations

import ctypes
import math
from collections import deque
from ctypes import c_double, c_float
from itertools import repeat
from typing import NamedTuple

import pypdfium2.raw as pdfium

from . import bindings
from .bindings import Matrix, multiply, new

_c = bindings.c
_WHITE = frozenset(" \r\n")


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool


class TextObjects(NamedTuple):
    """A page's text objects (by handle), as page-object enumeration finds them."""

    order: dict[int, int]  # position among the page's text objects, in content order
    outer: dict[int, Matrix]  # the matrix of the form XObject the object is drawn in, if any


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


def _runs(objects: TextObjects, view: Matrix) -> Runs:
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
    deque(map(_c.matrix, handles, range(at, at + 24 * count, 24)), maxlen=0)
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
    for (obj, order), matrix, (tf,), font in zip(objects.order.items(), bindings.matrices(matrices.raw),
                                                  bindings.floats(sizes.raw), fonts):
        a, b, c, d, e, f = matrix if not outer or obj not in outer else multiply(matrix, outer[obj])
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


def _run(obj: int, objects: TextObjects) -> _Run:
    """One text object's :class:`_Run`, read alone (for a run the text page leaves out)."""
    matrix, size, descent = pdfium.FS_MATRIX(), c_float(), c_float()
    _c.matrix(obj, ctypes.addressof(matrix))
    a, b, c, d, e, f = bindings.matrix_values(matrix)
    if obj in objects.outer:
        a, b, c, d, e, f = multiply((a, b, c, d, e, f), objects.outer[obj])
    _c.font_size(obj, ctypes.addressof(size))
    font = _c.font(obj)
    found = font and _c.descent(font, 1000.0, descent)
    return _Run(abs(size.value) * math.hypot(c, d), size.value, -abs(descent.value) if found else 0.0,
                (a, b, c, d), (e, f))


def read_chars(textpage: int, objects: TextObjects, view: Matrix,
               turn: tuple[float, float, float, float]) -> list[Char]:
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
    for index, (obj, ch, (left, top_, right, bottom_)) in enumerate(zip(owners, text, bindings.rects(boxes.raw))):
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
            chars.append(new(Char, (ch, left + shift, right + shift, top, bottom, size, True)))
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
