"""Named files extracted in memory, staged as a run would stage them, for ``bdw check``.

The same reading and extraction as a run (:func:`bdw.extract.pipeline.process_file`, the same
ingest statuses), but for files a person names rather than a raw folder, and into memory
rather than Parquet: nothing is written. Every file named gets a status: ``loaded``,
``duplicate`` (the same bytes as a file named before it) or ``rejected`` with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.pipeline import LOADED, REJECTED, IngestLog, process_file
from ..extract.schema import DATASETS


@dataclass(frozen=True)
class NamedFile:
    """What became of one file named on the command line."""

    path: str  # as the person gave it
    status: str  # loaded · duplicate · rejected
    reason: str | None  # why it was rejected, or which file it duplicates
    document_id: str | None


@dataclass
class StagedFiles:
    """The staged rows of the named files (dataset → rows, ``ingest_log`` included), with their lines."""

    files: list[NamedFile]
    rows: dict[str, list[dict]]
    lines: dict[str, tuple[str, ...]] = field(default_factory=dict)  # document_id → decoded lines

    @property
    def documents(self) -> list[dict]:
        return self.rows["documents"]

    def passes(self) -> list[dict[str, list[dict]]]:
        """The rows split so that no two documents are judged together that a run would take for
        editions of one another (same department, fiscal year and kind: the newer would hide the
        older). Each document is judged on its own figures; usually this is one pass."""
        passes: list[tuple[set, set]] = []  # (editions in the pass, its document ids)
        for doc in self.documents:
            edition = (doc["department_name"], doc["fiscal_year"], doc["document_kind"])
            for editions, ids in passes:
                if edition not in editions:
                    editions.add(edition)
                    ids.add(doc["document_id"])
                    break
            else:
                passes.append(({edition}, {doc["document_id"]}))
        return [{name: [row for row in rows if row.get("document_id") in ids] for name, rows in self.rows.items()}
                for _, ids in passes]


def _unreadable(path: Path) -> str | None:
    if not path.exists():
        return "no such file"
    if path.is_dir():
        return "a folder, not a file: name the files in it (e.g. folder/*.pdf)"
    return None


def stage_files(paths: Sequence[str | Path], run_id: str, max_bytes: int) -> StagedFiles:
    """Read and extract every file of ``paths`` in order, in memory; every file gets a status."""
    log = IngestLog(run_id)
    rows: dict[str, list[dict]] = {name: [] for name in DATASETS}
    staged = StagedFiles([], rows)
    for given in paths:
        path = Path(given)
        problem = _unreadable(path)
        if problem:
            staged.files.append(NamedFile(str(given), REJECTED, problem, None))
            continue
        resolved = path.resolve()  # a link the person names is the file they mean
        outcome = process_file(resolved, resolved.parent, max_bytes=max_bytes, batch_id=run_id, keep_lines=True)
        status = log.record(outcome)
        staged.files.append(NamedFile(str(given), status, log.rows[-1]["reason"], outcome.document_id))
        if status == LOADED:
            rows["documents"].append(outcome.document)
            rows["extraction_errors"].extend(outcome.errors)
            for name, extracted in outcome.rows.items():
                rows[name].extend(extracted)
            staged.lines[outcome.document_id] = outcome.lines or ()
    rows["ingest_log"] = log.rows
    return staged
