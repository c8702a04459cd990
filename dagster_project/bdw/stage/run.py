"""One staging run: every file under the raw folder read, new documents extracted into Parquet.

Only documents whose bytes were not extracted by this extractor version are extracted, each file
under ``BDW_FILE_TIMEOUT_S`` and ``BDW_FILE_MEMORY_MB``: in ``BDW_WORKERS`` local processes, or,
when ``BDW_CLUSTER`` names a Dask scheduler, on that cluster's workers (:mod:`.cluster`). Either
way this process keeps the ledger, so every file gets the same ``ingest_log`` row, and the staged
folder gets the same layout (:mod:`.layout`).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from ..extract.pipeline import LOADED, STATUSES, IngestLog, extractor_version, iter_outcomes
from ..extract.schema import DATASETS
from ..extract.source import sha256_of
from ..extract.workers import Limits
from ..settings import Location, Settings
from .columns import packed_columns, packed_outcome
from .layout import COMMIT_MARK, partition_of
from .migrate import migrate_flat_layout
from .parquet import Batch, ensure_every_dataset_exists, read_known_documents, write_ingest_log
from .raw import ordered_names, raw_files, relative_name

log = logging.getLogger("bdw")

Progress = Callable[[int, int, str], None]  # files done, files in all, the last file's name
LOCAL_BATCH_DOCUMENTS = 500  # a local run writes its staged files every this many documents


@dataclass
class StagingSummary:
    counts: dict[str, int]  # files by ingest status
    rows_written: dict[str, int]  # rows per staged dataset, this run
    files_by_worker: dict[str, int] = field(default_factory=dict)  # on a cluster: Dask worker → files it read


def stage_raw_folder(settings: Settings, run_id: str, progress: Progress | None = None) -> StagingSummary:
    """Extract every new or changed document under the raw folder into staged Parquet; log every file."""
    if not settings.raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {settings.raw_dir} does not exist (set BDW_RAW_DIR or create it)")
    client = None
    if settings.cluster:  # before anything is written: an unreachable cluster leaves everything as it was
        from .cluster import connect

        client = connect(settings.cluster)
    try:
        migrate_flat_layout(settings.staged_dir)
        known = read_known_documents(settings.staged_dir, extractor_version())
        names = ordered_names(settings.raw_dir, known.values())
        ingest = IngestLog(run_id)
        log.debug("extract: %d files under %s (%d already extracted, %g s and %d MB per file)", len(names),
                  settings.raw_dir, len(known), settings.file_timeout_s, settings.file_memory_mb)
        by_worker: dict[str, int] = {}
        if client is None:
            written = _stage_locally(settings, run_id, names, known, ingest, progress)
        else:
            from .cluster import stage_on_cluster

            staging = stage_on_cluster(client, settings, run_id, names, known, ingest, progress)
            written, by_worker = staging.rows_written, dict(staging.files_by_worker)
            log.info("extract: %d files read on %d Dask workers of %s (%s)", sum(by_worker.values()), len(by_worker),
                     settings.cluster, ", ".join(f"{worker}: {files}" for worker, files in sorted(by_worker.items())))
    finally:
        if client is not None:
            client.close()
    ensure_every_dataset_exists(settings.staged_dir)
    write_ingest_log(settings.staged_dir, run_id, ingest.rows)
    counts = {status: ingest.count(status) for status in STATUSES}
    log.debug("extract done: %s", ", ".join(f"{v} {k}" for k, v in counts.items()))
    rows = {name: len(ingest.rows) if name == "ingest_log" else written.get(name, 0) for name in DATASETS}
    return StagingSummary(counts, rows, by_worker)


def _stage_locally(settings: Settings, run_id: str, names: list[str], known: Mapping[str, str], ingest: IngestLog,
                   progress: Progress | None) -> Counter:
    """Extract in ``BDW_WORKERS`` local processes; write every :data:`LOCAL_BATCH_DOCUMENTS` documents."""
    log.debug("extract in %d local processes", settings.workers)
    writer = _LocalBatches(settings.staged_dir, run_id)
    paths = [settings.raw_dir.joinpath(*name.split("/")) for name in names]
    outcomes = iter_outcomes(paths, settings.raw_dir, frozenset(known), settings.max_file_bytes, run_id,
                             settings.workers, Limits(settings.file_timeout_s, settings.file_memory_mb),
                             finish=packed_outcome)
    try:
        for index, outcome in enumerate(outcomes, start=1):
            if ingest.record(outcome) == LOADED:
                writer.add(outcome.document, outcome.columns or {})
            if progress:
                progress(index, len(names), outcome.source_file)
        writer.flush()
    finally:
        writer.close()
    return writer.written


class _LocalBatches:
    """Rows of a local run, written as one batch of files every :data:`LOCAL_BATCH_DOCUMENTS` documents.

    A full batch is written by a thread of its own while extraction goes on: the extraction
    processes get their next files only while this process takes their results, so a batch written
    in line left them idle for the half second it takes. One batch is written at a time, in order.
    """

    def __init__(self, staged_dir: Location, run_id: str):
        self.staged_dir, self.run_id = staged_dir, run_id
        self.batch, self.documents = Batch(), 0
        self.batches = 0
        self.written: Counter = Counter()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bdw-stage-write")
        self._writing: Future | None = None

    def add(self, document: dict, columns: Mapping[str, Mapping[str, list]]) -> None:
        """A loaded document: its ``documents`` row and its other rows as packed columns (dataset → columns)."""
        partition = partition_of(document)
        self.batch.add(partition, COMMIT_MARK, packed_columns(COMMIT_MARK, [document]))
        for name, packed in columns.items():
            self.batch.add(partition, name, packed)
        self.documents += 1
        if self.documents >= LOCAL_BATCH_DOCUMENTS:
            self.flush()

    def flush(self) -> None:
        """Write the pending batch: every dataset first, ``documents`` last (the batch's commit mark)."""
        if not self.batch:
            return
        self._wait()  # the batch before is written first: at most two batches' rows are held
        self._writing = self._writer.submit(self.batch.write, self.staged_dir,
                                            f"{self.run_id}-{self.batches:05d}.parquet")
        self.written.update(self.batch.counts)
        self.batch, self.documents = Batch(), 0
        self.batches += 1

    def close(self) -> None:
        """Wait for the batch being written (its error, if any, is raised here)."""
        try:
            self._wait()
        finally:
            self._writer.shutdown()

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()


def differs_from(raw_dir: Location, logged: dict[str, str | None]) -> bool:
    """Whether the raw folder holds other files than ``logged`` (``source_file`` → ``sha256``, None for a
    file that was rejected unread): another name, or other bytes under a name logged with its hash."""
    paths = {relative_name(path, raw_dir): path for path in raw_files(raw_dir)}
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
