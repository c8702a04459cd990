"""Parsers of performance self-evaluations (绩效自评) and the "三公" expenses.

Pure Python, standard library only. :func:`extract` runs on every document and returns what
it recognises:

- ``project_performance`` / ``performance_indicator``: every self-evaluation form
  (:mod:`.scorecards`, one reader per layout in :mod:`.layouts`: :mod:`~.layouts.sectioned`
  targets, funds and scores in three sections (000), :mod:`~.layouts.points` the 20 + 70 + 10
  point form (002), :mod:`~.layouts.cell_per_line` every cell on its own line (003),
  :mod:`~.layouts.unscored` targets and actuals without scores (004));
- ``three_public``: a self-evaluation's base-data table and its prose, read by the same reader
  as the final account's table 07 (:mod:`..final_account.three_public`);
- ``narrative_fact``: the prose of a department-wide self-evaluation (:mod:`.department`).

A part that fails becomes an :class:`~bdw.extract.result.ExtractionIssue`; ``extract`` never raises.
"""

from __future__ import annotations

from ..final_account.three_public import extract_three_public
from ..metadata import DocumentMeta
from ..result import ExtractionIssue, ExtractionResult
from ..source import SourceDocument
from .department import extract_department_facts
from .scorecards import EXTRACTOR, extract_scorecards

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
