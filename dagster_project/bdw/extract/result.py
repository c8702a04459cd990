"""What an extractor returns: rows per staged dataset, and the errors it recorded."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .schema import DATASETS


@dataclass(frozen=True)
class ExtractionIssue:
    """A table or passage that could not be parsed: where, and what was expected there."""

    extractor: str
    table_code: str | None
    source_line: int | None
    expected: str
    message: str

    @classmethod
    def crash(cls, extractor: str, table_code: str | None, expected: str, error: BaseException) -> ExtractionIssue:
        """An unexpected exception, named with the file and line of the frame it was raised in."""
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return cls(extractor, table_code, None, expected,
                   f"{type(error).__name__}: {error} (at {Path(frame.filename).name}:{frame.lineno})")


@dataclass
class ExtractionResult:
    """Rows per dataset (dicts keyed by the dataset's columns, without ``document_id``) and issues."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    issues: list[ExtractionIssue] = field(default_factory=list)

    def add(self, dataset: str, **row) -> None:
        columns = DATASETS[dataset]
        if not row.keys() <= columns.keys():
            raise KeyError(f"dataset {dataset!r} has no columns {sorted(row.keys() - columns.keys())}")
        self.rows.setdefault(dataset, []).append(row)

    def extend(self, other: ExtractionResult) -> None:
        for dataset, rows in other.rows.items():
            self.rows.setdefault(dataset, []).extend(rows)
        self.issues.extend(other.issues)
