"""One staging run: every file under the raw folder read, new documents extracted into Parquet.

Only documents whose bytes were not extracted by this extractor version are extracted, in
``BDW_WORKERS`` processes, each file under ``BDW_FILE_TIMEOUT_S`` and ``BDW_FILE_MEMORY_MB``.
Every file gets one ``ingest_log`` row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..extract.pipeline import (
    LOADED,
    STATUSES,
    IngestLog,
    extractor_version,
    iter_outcomes,
    list_raw_files,
    ordered_files,
)
from ..extract.schema import DATASETS
from ..extract.source import sha256_of
from ..extract.workers import Limits
from ..settings import Settings
from .parquet import BatchWriter, read_known_documents

log = logging.getLogger("bdw")

Progress = Callable[[int, int, str], None]  # files done, files in all, the last file's name


@dataclass
class StagingSummary:
    counts: dict[str, int]  # files by ingest status
    rows_written: dict[str, int]  # rows per staged dataset, this run


def stage_raw_folder(settings: Settings, run_id: str, progress: Progress | None = None) -> StagingSummary:
    """Extract every new or changed document under the raw folder into staged Parquet; log every file."""
    if not settings.raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {settings.raw_dir} does not exist (set BDW_RAW_DIR or create it)")
    known = read_known_documents(settings.staged_dir, extractor_version())
    paths = ordered_files(settings.raw_dir, known.values())
    ingest = IngestLog(run_id)
    writer = BatchWriter(settings.staged_dir, run_id)
    log.debug("extract: %d files under %s (%d already extracted, %d workers, %g s and %d MB per file)",
              len(paths), settings.raw_dir, len(known), settings.workers, settings.file_timeout_s,
              settings.file_memory_mb)
    outcomes = iter_outcomes(paths, settings.raw_dir, frozenset(known), settings.max_file_bytes, run_id,
                             settings.workers, Limits(settings.file_timeout_s, settings.file_memory_mb))
    for index, outcome in enumerate(outcomes, start=1):
        if ingest.record(outcome) == LOADED:
            writer.add_document(outcome.document, outcome.rows, outcome.errors)
        if progress:
            progress(index, len(paths), outcome.source_file)
    writer.flush()
    writer.ensure_every_dataset_exists()
    writer.write_ingest_log(ingest.rows)
    counts = {status: ingest.count(status) for status in STATUSES}
    log.debug("extract done: %s", ", ".join(f"{v} {k}" for k, v in counts.items()))
    written = {name: len(ingest.rows) if name == "ingest_log" else writer.written.get(name, 0) for name in DATASETS}
    return StagingSummary(counts, written)


def differs_from(raw_dir: Path, logged: dict[str, str | None]) -> bool:
    """Whether the raw folder holds other files than ``logged`` (``source_file`` → ``sha256``, None for a
    file that was rejected unread): another name, or other bytes under a name logged with its hash."""
    paths = {path.relative_to(raw_dir).as_posix(): path for path in list_raw_files(raw_dir)}
    if paths.keys() != logged.keys():
        return True
    for name, sha256 in logged.items():
        if sha256 is None:
            continue
        try:
            if sha256_of(paths[name].read_bytes()) != sha256:
                return True
        except OSError:
            return True
    return False
