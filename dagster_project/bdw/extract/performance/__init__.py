"""Parsers of performance self-evaluations (绩效自评) and the "三公" expenses.

Pure Python, standard library only. :func:`extract` runs on every document and returns what
it recognises:

- ``project_performance`` / ``performance_indicator``: every self-evaluation form
  (:mod:`.scorecards`, one module per layout: :mod:`.layout_split` 000, :mod:`.layout_points`
  002, :mod:`.layout_cells` 003, :mod:`.layout_plain` 004);
- ``three_public``: table 07, a self-evaluation's base-data table and the prose
  (:mod:`.three_public`);
- ``narrative_fact``: the prose of a department-wide self-evaluation (:mod:`.department`).

A part that fails becomes an :class:`~bdw.extract.result.ExtractionIssue`; ``extract`` never raises.
"""

from __future__ import annotations

from ..document import SourceDocument
from ..metadata import DocumentMeta
from ..result import ExtractionIssue, ExtractionResult
from .department import extract_department_facts
from .scorecards import EXTRACTOR, extract_scorecards
from .three_public import extract_three_public

_PARTS = (
    ("scorecard", lambda doc, meta: extract_scorecards(doc)),
    ("07", extract_three_public),
    ("narrative", extract_department_facts),
)


def extract(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """Scorecards, indicators, three-public figures and department-wide prose facts."""
    result = ExtractionResult()
    for table_code, part in _PARTS:
        try:
            result.extend(part(doc, meta))
        except Exception as error:  # noqa: BLE001 - one failing part must not lose the others
            result.issues.append(ExtractionIssue.crash(EXTRACTOR, table_code, "a parsable part", error))
    return result
