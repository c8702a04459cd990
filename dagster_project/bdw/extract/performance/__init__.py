"""Parsers of performance self-evaluations and the "三公" expenses (issue: performance extraction)."""

from __future__ import annotations

from ..document import SourceDocument
from ..metadata import DocumentMeta
from ..result import ExtractionResult


def extract(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """Scorecards, indicators and three-public figures. Not yet implemented: yields no rows."""
    return ExtractionResult()
