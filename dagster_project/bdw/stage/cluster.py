"""Extraction on a Dask cluster (``BDW_CLUSTER``): batches of files to the workers, the ledger kept here.

The driver (the ``bdw run`` process, or the Dagster run) connects to the scheduler, cuts the files
to read into batches in the run's order and submits one task per batch (:func:`run_batch`). A
worker runs the batch in a child process (:mod:`.batch`): it reads and hashes every file, extracts
the new ones under the per-file limits and writes their rows to the staged folder, which the
driver and every worker share (an NFS mount, an object store). The driver takes the results back
in batch order and decides every file's status exactly as a local run does
(:class:`~bdw.extract.pipeline.IngestLog`: first name of the same bytes loaded, later ones
duplicates, bytes extracted before unchanged), then writes the batch's ``documents`` rows, its
commit mark. A file the worker extracted but the ledger does not load (a duplicate of a file in an
earlier batch, bytes known under another name) has its rows removed from the batch's files and
gets no ``documents`` row, so it never reaches the marts.

Faults: a task whose worker dies is run again on another worker by the scheduler (up to
``distributed.scheduler.allowed-failures`` times); a task that raises is retried :data:`RETRIES`
times. A retried batch writes the same file names, replacing its own files and no other's. An
unreachable scheduler, one without workers or a batch that fails for good raises
:class:`~bdw.errors.ClusterUnavailable` naming the address: the run stops and publishes nothing.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import subprocess
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from distributed import Client, as_completed, get_worker

from ..errors import ClusterUnavailable
from ..extract.pipeline import LOADED, IngestLog, extractor_version
from ..extract.workers import Limits
from ..settings import Location, Settings
from .batch import CHILD, BatchResult, BatchSpec
from .layout import COMMIT_MARK, PARTITIONED, Partition, partition_of
from .parquet import drop_documents, write_rows

log = logging.getLogger("bdw")

CONNECT_TIMEOUT_S = 10  # to reach the scheduler
WORKERS_TIMEOUT_S = 120  # for a scheduler without workers to get one (an autoscaled cluster starting up)
RETRIES = 2  # a batch whose task raised is tried this many more times, on any worker
MAX_BATCH_FILES = 200  # a batch lost with its worker costs at most this many files' extraction again
BATCHES_PER_THREAD = 4  # enough batches to keep every worker thread busy to the end


def run_batch(spec: BatchSpec) -> BatchResult:
    """The Dask task: stage ``spec`` in a child process of this worker; its result, with this worker's address."""
    worker = get_worker().address
    process = subprocess.run(CHILD, input=pickle.dumps((os.getpid(), spec)), capture_output=True, check=False)
    if process.returncode != 0:
        error = process.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise RuntimeError(f"batch {spec.index} failed on {worker} (exit code {process.returncode}): "
                           f"{(error or ['no output'])[-1]}")
    return replace(pickle.loads(process.stdout), worker=worker)


def connect(address: str) -> Client:
    """A client of the scheduler at ``address`` with at least one worker, or :class:`ClusterUnavailable`."""
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, ValueError, TypeError) as error:
        raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address} (BDW_CLUSTER): {error}; start it "
                                 "(dask scheduler) or unset BDW_CLUSTER to extract in local processes") from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
    except TimeoutError:
        client.close()
        raise ClusterUnavailable(f"the Dask scheduler at {address} (BDW_CLUSTER) has no worker after "
                                 f"{WORKERS_TIMEOUT_S} s: start one with dask worker {address}") from None
    return client


def batch_size(files: int, threads: int) -> int:
    """Files per batch: every worker thread gets several batches, none more than :data:`MAX_BATCH_FILES`."""
    return max(1, min(MAX_BATCH_FILES, math.ceil(files / (max(threads, 1) * BATCHES_PER_THREAD))))


def batch_specs(settings: Settings, run_id: str, names: Sequence[str], known: Mapping[str, str],
                size: int) -> list[BatchSpec]:
    """``names`` (in the run's order) cut into batches of ``size``, each with the known documents of its names."""
    known_by_name: dict[str, set[str]] = defaultdict(set)
    for document_id, name in known.items():
        known_by_name[name].add(document_id)
    limits = Limits(settings.file_timeout_s, settings.file_memory_mb)
    specs = []
    for index, start in enumerate(range(0, len(names), size)):
        files = tuple(names[start:start + size])
        specs.append(BatchSpec(run_id, index, str(settings.raw_dir), str(settings.staged_dir), files,
                               frozenset().union(*(known_by_name.get(name, ()) for name in files)),
                               settings.max_file_bytes, limits, extractor_version()))
    return specs


@dataclass
class ClusterStaging:
    rows_written: Counter  # per dataset, rows that stay staged
    files_by_worker: Counter  # Dask worker address → files it read


def stage_on_cluster(client: Client, settings: Settings, run_id: str, names: Sequence[str], known: Mapping[str, str],
                     ingest: IngestLog, progress: Callable[[int, int, str], None] | None = None) -> ClusterStaging:
    """Stage ``names`` (files under the raw folder, in the run's order) on the cluster; record each in ``ingest``."""
    threads = sum(client.nthreads().values())
    size = batch_size(len(names), threads)
    specs = batch_specs(settings, run_id, names, known, size)
    log.debug("extract on %s: %d files in %d batches of up to %d, %d worker threads", client.scheduler.address,
              len(names), len(specs), size, threads)
    futures = client.map(run_batch, specs, key=[f"bdw-batch-{spec.batch_id}" for spec in specs], pure=False,
                         retries=RETRIES)
    staging = ClusterStaging(Counter(), Counter())
    done = 0
    try:
        for result in _in_order(client, futures):
            spec = specs[result.index]
            log.debug("batch %05d: %d files on %s (%s, pid %d) in %.1f s", result.index, len(result.records),
                      result.worker, result.host, result.pid, result.seconds)
            staging.rows_written.update(result.rows_written)
            staging.rows_written.subtract(_commit(settings.staged_dir, spec, result, frozenset(known), ingest))
            staging.files_by_worker[result.worker] += len(result.records)
            for record in result.records:
                done += 1
                if progress:
                    progress(done, len(names), record.source_file)
    finally:
        client.cancel(futures)
    return staging


def _in_order(client: Client, futures: list) -> Iterator[BatchResult]:
    """The batches' results in batch order, each as soon as it and every earlier one are done."""
    waiting: dict[int, BatchResult] = {}
    following = 0
    address = client.scheduler.address
    for future in as_completed(futures, loop=client.loop):
        try:
            result = future.result()
        except Exception as error:  # noqa: BLE001 - a batch that failed for good stops the run, named
            raise ClusterUnavailable(f"a batch failed on the Dask cluster at {address} (BDW_CLUSTER) after "
                                     f"{RETRIES} retries: {error}") from None
        future.release()
        waiting[result.index] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def _commit(staged_dir: Location, spec: BatchSpec, result: BatchResult, known: frozenset[str],
            ingest: IngestLog) -> Counter:
    """Record the batch's files in the ledger, remove what it must not load, write its ``documents`` rows.

    Returns the rows removed, per dataset.
    """
    loaded, partitions = [], {}
    dropped: dict[Partition, list[str]] = defaultdict(list)
    for record in result.records:
        status = ingest.record(record.outcome(known))
        if record.document is None:
            continue
        document_id = record.document["document_id"]
        if status == LOADED:
            loaded.append(record.document)
            partitions[document_id] = partition_of(record.document)
        else:  # extracted by the worker, not loaded by the ledger: a duplicate, or bytes known under another name
            dropped[partition_of(record.document)].append(document_id)
    removed = Counter()
    for partition, document_ids in dropped.items():
        # a copy of a document loaded from this very batch shares its rows, written once by the worker
        document_ids = [document_id for document_id in document_ids if document_id not in partitions]
        if not document_ids:
            continue
        removed.update(drop_documents(staged_dir, spec.file_name, partition, document_ids,
                                      [d for d in PARTITIONED if d in result.datasets]))
    write_rows(staged_dir, spec.file_name, {COMMIT_MARK: loaded}, partitions)
    removed[COMMIT_MARK] -= len(loaded)  # the documents rows are written here, not by the worker
    return removed
