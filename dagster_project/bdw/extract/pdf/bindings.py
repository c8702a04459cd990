"""The PDFium functions bdw calls per character, per page object or per path segment, declared for bulk use.

pypdfium2's raw API (``pypdfium2.raw``) declares each PDFium function with typed handles and
output pointers; calling it builds a ctypes object per argument. The functions below are the
same C functions declared again with plain ``void*`` handles and output addresses, so a page's
characters or objects can go through one ``map`` each, writing into one buffer that ``struct``
reads back in a single call (:data:`matrices`, :data:`rects`, :data:`pairs`, :data:`floats`).
Everything else bdw asks PDFium goes through ``pypdfium2.raw`` as declared there.
"""

from __future__ import annotations

import ctypes
import struct
from ctypes import POINTER, c_double, c_float, c_int, c_uint, c_ulong, c_void_p

import pypdfium2.raw as pdfium

Matrix = tuple[float, float, float, float, float, float]  # (a, b, c, d, e, f): [x y 1] · M, as in PDF

TEXT, PATH, FORM = pdfium.FPDF_PAGEOBJ_TEXT, pdfium.FPDF_PAGEOBJ_PATH, pdfium.FPDF_PAGEOBJ_FORM
MOVE, LINE, BEZIER = pdfium.FPDF_SEGMENT_MOVETO, pdfium.FPDF_SEGMENT_LINETO, pdfium.FPDF_SEGMENT_BEZIERTO

matrix_values = struct.Struct("6f").unpack_from  # an FS_MATRIX's six floats in one call
matrices = struct.Struct("6f").iter_unpack  # a buffer of FS_MATRIX
rects = struct.Struct("4f").iter_unpack  # a buffer of FS_RECTF: left, top, right, bottom
pairs = struct.Struct("2f").iter_unpack  # a buffer of (x, y) points
floats = struct.Struct("f").iter_unpack
new = tuple.__new__  # a NamedTuple made without its constructor's Python call: half the time


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n``."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


class Functions:
    """The PDFium functions called per character, per page object or per path segment."""

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
        self.count_segments = declare(pdfium.FPDFPath_CountSegments, c_int, c_void_p)
        self.segment = declare(pdfium.FPDFPath_GetPathSegment, c_void_p, c_void_p, c_int)
        self.point = declare(pdfium.FPDFPathSegment_GetPoint, c_int, c_void_p, c_void_p, c_void_p)
        self.segment_type = declare(pdfium.FPDFPathSegment_GetType, c_int, c_void_p)
        self.segment_close = declare(pdfium.FPDFPathSegment_GetClose, c_int, c_void_p)
        self.font = declare(pdfium.FPDFTextObj_GetFont, c_void_p, c_void_p)
        self.font_size = declare(pdfium.FPDFTextObj_GetFontSize, c_int, c_void_p, c_void_p)
        self.matrix = declare(pdfium.FPDFPageObj_GetMatrix, c_int, c_void_p, c_void_p)
        self.descent = declare(pdfium.FPDFFont_GetDescent, c_int, c_void_p, c_float, POINTER(c_float))
        self.bounds = declare(pdfium.FPDFPageObj_GetBounds, c_int, c_void_p, POINTER(c_float), POINTER(c_float),
                              POINTER(c_float), POINTER(c_float))


c = Functions()
