"""One batch of raw files, extracted and staged where it runs: a Dask worker's unit of work.

A cluster run (:mod:`.cluster`) cuts the raw folder into batches of files and sends each to a
worker as a :class:`BatchSpec`. :func:`stage_batch` reads every file of it (hashing its bytes),
extracts those not extracted before, each under the run's time and memory limits in a supervised
process of its own (:func:`bdw.extract.pipeline.iter_outcomes`: a file over a limit is rejected
with the limit it hit and the batch goes on), and writes the rows of every dataset but
``documents`` into the staged folder under the batch's own file name (:mod:`.layout`). It returns
only what the ledger needs (:class:`FileRecord`: name, hash, rejection, the ``documents`` row),
never the figures: the driver decides each file's status and writes the ``documents`` rows, the
batch's commit mark, so a duplicate's rows never reach the marts.

On a worker the batch runs in a child process of its own (:data:`CHILD`: a Dask worker started by
a nanny is a daemonic process, which may not start the supervised extraction processes itself);
the child dies with the worker.
"""

from __future__ import annotations

import os
import pickle
import socket
import sys
import time
from dataclasses import dataclass, field

from ..extract.pipeline import FileOutcome, extractor_version, iter_outcomes
from ..extract.workers import Limits, die_with_parent
from ..settings import location
from .columns import packed_outcome
from .layout import partition_of
from .parquet import Batch

# The command that runs one batch in a process of its own. Started with ``-c``, not ``-m``: the
# extraction processes are forked from a server that imports the main module first, and this one
# has none, so they start with the extraction library alone.
CHILD = (sys.executable, "-c", "from bdw.stage.batch import main; main()")


class BatchRefused(RuntimeError):
    """A worker that cannot stage a batch at all (it runs other extraction code, or cannot see the folders)."""


@dataclass(frozen=True)
class BatchSpec:
    """A batch of files to stage: everything a worker needs, nothing of the driver's state."""

    run_id: str
    index: int
    raw_dir: str  # a path or an fsspec URL every worker reaches the same way
    staged_dir: str
    files: tuple[str, ...]  # names under raw_dir, in the run's order
    known: frozenset[str]  # document ids already extracted under these names: hashed, not extracted again
    max_bytes: int
    limits: Limits
    extractor_version: str  # the driver's: a worker running other extraction code refuses the batch

    @property
    def batch_id(self) -> str:
        return f"{self.run_id}-{self.index:05d}"

    @property
    def file_name(self) -> str:
        """The name of every staged file of this batch (one per dataset and partition)."""
        return f"{self.batch_id}.parquet"


@dataclass(frozen=True)
class FileRecord:
    """What the ledger needs of one file: its name, its bytes' hash, why it was rejected, its ``documents`` row."""

    source_file: str
    sha256: str | None
    rejection: str | None
    document: dict | None  # set when it was extracted: its other rows are in the batch's staged files

    def outcome(self, known: frozenset[str] | set[str]) -> FileOutcome:
        """The file as :class:`~bdw.extract.pipeline.IngestLog` judges it: a document already extracted before
        this run (known under another name) counts as not extracted, as a local run would have skipped it."""
        outcome = FileOutcome(self.source_file, self.sha256, self.rejection, self.document)
        if outcome.document_id in known:
            outcome.document = None
        return outcome


@dataclass(frozen=True)
class BatchResult:
    index: int
    records: tuple[FileRecord, ...]
    rows_written: dict[str, int]  # per dataset, as the worker wrote them
    host: str
    pid: int  # the process that extracted the batch
    seconds: float
    worker: str = ""  # the Dask worker's address, set by the task
    datasets: frozenset[str] = field(default_factory=frozenset)  # the datasets it wrote files of


def stage_batch(spec: BatchSpec) -> BatchResult:
    """Read, extract and stage the files of ``spec``; the ``documents`` rows go back to the driver."""
    started = time.perf_counter()
    if extractor_version() != spec.extractor_version:
        raise BatchRefused(f"{socket.gethostname()} runs extraction code {extractor_version()}, the driver "
                           f"{spec.extractor_version}: install the same bdw on every worker")
    raw, staged = location(spec.raw_dir), location(spec.staged_dir)
    if not raw.is_dir():
        raise BatchRefused(f"{socket.gethostname()} cannot see the raw folder {spec.raw_dir}: every worker must "
                           "reach it at the same path or URL (mount it there)")
    records, documents, batch = [], set(), Batch()
    paths = [raw.joinpath(*name.split("/")) for name in spec.files]
    outcomes = iter_outcomes(paths, raw, spec.known, spec.max_bytes, spec.batch_id, workers=1, limits=spec.limits,
                             finish=packed_outcome)
    for outcome in outcomes:
        records.append(FileRecord(outcome.source_file, outcome.sha256, outcome.rejection, outcome.document))
        if outcome.document is None or outcome.document_id in documents:  # the batch's second copy: a duplicate
            continue
        documents.add(outcome.document_id)
        for dataset, columns in (outcome.columns or {}).items():  # never `documents`: the driver writes those
            batch.add(partition_of(outcome.document), dataset, columns)
    batch.write(staged, spec.file_name)
    return BatchResult(spec.index, tuple(records), {name: n for name, n in batch.counts.items() if n},
                       socket.gethostname(), os.getpid(), time.perf_counter() - started,
                       datasets=frozenset(name for name, n in batch.counts.items() if n))


def main() -> None:
    """The child process (:data:`CHILD`): a pickled ``(parent pid, BatchSpec)`` on stdin, the pickled
    :class:`BatchResult` on stdout; anything else the batch prints goes to stderr."""
    die_with_parent()
    parent, spec = pickle.load(sys.stdin.buffer)
    if os.getppid() != parent:  # the worker died before this process could ask to die with it
        sys.exit(1)
    result_pipe = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    result = stage_batch(spec)
    pickle.dump(result, result_pipe)
    result_pipe.close()
