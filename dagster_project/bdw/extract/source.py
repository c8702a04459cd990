"""A raw file as the parsers see it: its identity (SHA-256, ``document_id``) and its numbered lines.

Both readers produce a :class:`SourceDocument`: :mod:`.document` for text renderings and
:mod:`.pdf` for a PDF's text layer. A file neither can read raises :class:`RejectedFile`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import NamedTuple

DOCUMENT_ID_LENGTH = 16

# CJK radical code points that PDF text extraction emits in place of ordinary characters.
_RADICALS = str.maketrans({"\u2ed4": "门", "\u2ecb": "车", "\u2f08": "人", "\u2f2f": "工", "\u2f64": "用"})
_HAS_RADICAL = re.compile("[\u2e80-\u2fdf]")  # CJK radicals blocks: translate() only when needed

class RejectedFile(Exception):
    """A file that is not a readable budget disclosure; ``reason`` is a sentence a person can act on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class CellBox(NamedTuple):
    """Where one cell of a line is printed: ``cell_index`` is its 0-based position among the line's
    TAB-separated cells (0 for a line of text); the box is in PDF points on the page as displayed
    (its rotation applied), in image coordinates: origin at the page's top-left corner, ``y`` growing
    downwards, so (``x0``, ``y0``) is the top-left corner and (``x1``, ``y1``) the bottom-right one."""

    cell_index: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class SourceDocument:
    """One raw file, decoded. ``lines[i]`` is line ``i + 1`` of the file."""

    source_file: str  # path under the raw folder, with forward slashes
    sha256: str
    encoding: str
    lines: tuple[str, ...] = field(repr=False)
    # For a PDF: the 1-based page of each line (``pages[i]`` is the page of line ``i + 1``); None for text.
    pages: tuple[int, ...] | None = field(default=None, repr=False)
    # For a PDF: the boxes of each line's printed cells (``boxes[i]`` for line ``i + 1``; a cell that
    # prints nothing has none), so a figure's cell can be outlined without reading the PDF again.
    boxes: tuple[tuple[CellBox, ...], ...] | None = field(default=None, repr=False)

    @property
    def document_id(self) -> str:
        return document_id_of(self.sha256)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number``."""
        return self.lines[number - 1]

    def numbered(self, start: int = 1, end: int | None = None):
        """Yield ``(line_number, text)`` for lines ``start`` … ``end`` (inclusive, 1-based)."""
        first = max(start, 1)
        stop = len(self.lines) if end is None else min(end, len(self.lines))
        return enumerate(self.lines[first - 1 : stop], first)


def document_id_of(sha256: str) -> str:
    """The content-derived document id: a prefix of the SHA-256, so the same bytes are one document."""
    return sha256[:DOCUMENT_ID_LENGTH]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalize_text(text: str) -> str:
    """Characters that PDF extraction garbles, mapped back (CJK radicals → ordinary characters)."""
    return text.translate(_RADICALS) if _HAS_RADICAL.search(text) else text
