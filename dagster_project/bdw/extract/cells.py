"""A printed cell as a person reads it: markup, LaTeX fragments and checkbox glyphs gone.

Shared by the parsers that match labels: :func:`tidy` keeps the words, :func:`squash` also drops
every space (for keyword matching).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .numbers import clean_cell

_LATEX = (
    (re.compile(r"\$\s*\\geq?\s*"), "≥"),
    (re.compile(r"\$\s*\\leq?\s*"), "≤"),
    (re.compile(r"\\times"), "×"),
    (re.compile(r"\$"), ""),
)
_CHECKBOX = re.compile(r"[☑☐□\ufe0f]")
_SPACE_NEAR_CJK = re.compile(r"(?<=[^\x00-\x7f])[ \t]+|[ \t]+(?=[^\x00-\x7f])")

_CACHE = 1 << 16  # cells repeat a lot within a document (labels are read many times)


@lru_cache(maxsize=_CACHE)
def tidy(text: str | None) -> str:
    """A cell as a person reads it: markup, LaTeX and checkbox glyphs gone, spaces next to CJK removed."""
    if text is None:
        return ""
    cell = clean_cell(text)
    for pattern, replacement in _LATEX:
        cell = pattern.sub(replacement, cell)
    cell = _CHECKBOX.sub("", cell)
    return _SPACE_NEAR_CJK.sub("", cell).strip()


@lru_cache(maxsize=_CACHE)
def squash(text: str) -> str:
    """A label with every space removed, for keyword matching."""
    return re.sub(r"\s+", "", tidy(text))

