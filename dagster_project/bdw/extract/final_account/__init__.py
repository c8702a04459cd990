"""Parsers of the final-account tables 公开01–09 and their prose explanation (issue: final-account extraction)."""

from __future__ import annotations

from ..document import SourceDocument
from ..metadata import DocumentMeta
from ..result import ExtractionResult


def extract(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """Every figure of tables 01–09 and the prose facts. Not yet implemented: yields no rows."""
    return ExtractionResult()
