"""What a PDF page prints, read with PDFium (pypdfium2's raw API): its characters and its ruling lines.

Coordinates are PDF points on the page as it is displayed: the page's ``/Rotate`` applied, the
origin at the top-left corner of its visible box (the crop box within the media box), ``y``
growing downwards. A renderer draws the page in the same space (at 72 dpi, times its scale).
:mod:`.chars` reads the characters, :mod:`.paths` the ruling edges; this module opens the
document and its pages and finds their objects (in content order, through form XObjects).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from ctypes import c_void_p
from dataclasses import dataclass
from itertools import repeat

import pypdfium2.raw as pdfium

from ..source import RejectedFile
from . import bindings
from .bindings import FORM, PATH, TEXT, Matrix, multiply
from .chars import Char, TextObjects, read_chars
from .paths import Edge, path_edges, paths_edges

_c = bindings.c


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    edges: list[Edge]


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
        texts, edges = _objects(ctypes.cast(page, c_void_p).value, view)
        textpage = pdfium.FPDFText_LoadPage(page)
        if not textpage:
            raise RejectedFile(f"unreadable PDF: the text of page {index + 1} cannot be read")
        try:
            chars = read_chars(ctypes.cast(textpage, c_void_p).value, texts, view, turn)
        finally:
            pdfium.FPDFText_ClosePage(textpage)
    finally:
        pdfium.FPDF_ClosePage(page)
    return PageContent(index + 1, width, height, chars, edges)


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
    view = multiply(turned, (1.0, 0.0, 0.0, -1.0, 0.0, height))
    return view, width, height, turn


# --- page objects ------------------------------------------------------------------------------


def _objects(page: int, view: Matrix) -> tuple[TextObjects, list[Edge]]:
    """The page's text objects in content order and the ruling edges of its paths, through form XObjects."""
    count = max(_c.count_objects(page), 0)
    handles = list(map(_c.object, repeat(page, count), range(count)))
    kinds = list(map(_c.object_type, handles))
    if FORM in kinds:
        return _nested_objects(handles, kinds, view)
    edges: list[Edge] = []  # the usual page: one list of objects, numbered as they come
    paths = [obj for obj, kind in zip(handles, kinds) if kind == PATH]
    if paths:
        paths_edges(paths, view, edges)
    return TextObjects(dict(zip(handles, range(count))), {}), edges


def _nested_objects(handles: list[int], kinds: list[int], view: Matrix) -> tuple[TextObjects, list[Edge]]:
    """:func:`_objects` for a page that draws form XObjects: their objects are numbered where the form is."""
    texts, edges = TextObjects({}, {}), []
    matrix = pdfium.FS_MATRIX()

    def visit(objects: list[tuple[int, int]], outer: Matrix | None) -> None:
        for obj, kind in objects:
            if kind == TEXT:
                texts.order[obj] = len(texts.order)
                if outer is not None:
                    texts.outer[obj] = outer
            elif kind == PATH or kind == FORM:
                _c.matrix(obj, ctypes.addressof(matrix))
                placed = bindings.matrix_values(matrix)
                if outer is not None:
                    placed = multiply(placed, outer)
                if kind == PATH:
                    path_edges(obj, multiply(placed, view), edges)
                else:
                    inner = [_c.form_object(obj, i) for i in range(max(_c.count_form_objects(obj), 0))]
                    visit(list(zip(inner, map(_c.object_type, inner))), placed)

    visit(list(zip(handles, kinds)), None)
    return texts, edges
