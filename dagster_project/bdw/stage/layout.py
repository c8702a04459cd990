"""Where staged rows go: one Parquet dataset per staged table, hive-partitioned by fiscal year and kind.

Under ``BDW_STAGED_DIR`` (a local folder or an fsspec URL)::

    <dataset>/fiscal_year=<year>/document_kind=<kind>/<batch>.parquet    every extracted dataset
    ingest_log/<run_id>.parquet                                          one file per run (a rejected
                                                                         file has no year or kind)

A batch writes one file per dataset and partition it has rows for, named after the batch, so a
batch written again (retried on another worker) replaces its own files and never another's.
Its ``documents`` files are written last: they are the batch's commit mark. Rows whose
document has no ``documents`` row in their batch (a batch cut short, a duplicate's rows) are
never read into the marts, which join every row to its document's extraction (document and
batch). DuckDB reads a dataset as ``<dataset>/**/*.parquet`` with ``hive_partitioning``, so a
query on one year or kind reads that partition's files only.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from ..extract.schema import DATASETS
from ..settings import Location
from .parquet import frame, read_parquet, write_parquet

log = logging.getLogger("bdw")

PARTITION_KEYS = ("fiscal_year", "document_kind")
UNPARTITIONED = frozenset({"ingest_log"})
PARTITIONED = tuple(name for name in DATASETS if name not in UNPARTITIONED)
COMMIT_MARK = "documents"
# A dataset no batch has rows for yet still needs one file for DuckDB to read (an empty glob is an
# error); it lives in a partition no document can have.
PLACEHOLDER = ("fiscal_year=0", "document_kind=none", "empty.parquet")

Partition = tuple[int, str]  # (fiscal_year, document_kind)


def partition_path(staged_dir: Location, dataset: str, partition: Partition, file_name: str) -> Location:
    year, kind = partition
    return staged_dir / dataset / f"fiscal_year={year}" / f"document_kind={kind}" / file_name


def partition_of(document: Mapping) -> Partition:
    """The partition of a ``documents`` row (and of every row extracted from that document)."""
    return int(document["fiscal_year"]), str(document["document_kind"])


def dataset_files(staged_dir: Location, dataset: str) -> list[Location]:
    """Every Parquet file of ``dataset``, sorted (what DuckDB reads: ``<dataset>/**/*.parquet``)."""
    pattern = "*.parquet" if dataset in UNPARTITIONED else "**/*.parquet"
    return sorted((staged_dir / dataset).glob(pattern), key=lambda path: path.as_posix())


def write_rows(staged_dir: Location, file_name: str, rows: Mapping[str, Sequence[Mapping]],
               partitions: Mapping[str, Partition]) -> list[Location]:
    """Write ``rows`` (dataset → rows) as one ``file_name`` per dataset and partition; ``documents`` last.

    ``partitions`` gives each ``document_id``'s partition; every row belongs to its document's.
    """
    written = []
    for dataset in sorted(rows, key=lambda name: name == COMMIT_MARK):
        grouped: dict[Partition, list[Mapping]] = defaultdict(list)
        for row in rows[dataset]:
            grouped[partitions[row["document_id"]]].append(row)
        for partition, partition_rows in sorted(grouped.items()):
            path = partition_path(staged_dir, dataset, partition, file_name)
            written.append(write_parquet(frame(dataset, partition_rows), path))
    return written


def drop_documents(staged_dir: Location, file_name: str, partition: Partition, document_ids: Iterable[str],
                   datasets: Iterable[str] = PARTITIONED) -> Counter:
    """Remove the rows of ``document_ids`` from a batch's files of one partition (a file left empty goes).

    Returns the rows removed, per dataset.
    """
    dropped, removed = list(document_ids), Counter()
    for dataset in datasets:
        path = partition_path(staged_dir, dataset, partition, file_name)
        if not path.exists():
            continue
        rows = read_parquet([path])
        kept = rows.filter(~rows["document_id"].is_in(dropped))
        if kept.height == rows.height:
            continue
        removed[dataset] = rows.height - kept.height
        if kept.height:
            write_parquet(kept, path)
        else:
            path.unlink()
    return removed


def ensure_every_dataset_exists(staged_dir: Location) -> None:
    """Give a dataset no batch has written yet an empty file, so that DuckDB can read it."""
    for dataset in PARTITIONED:
        if not dataset_files(staged_dir, dataset):
            write_parquet(frame(dataset, []), staged_dir / dataset / "/".join(PLACEHOLDER))


def ingest_log_path(staged_dir: Location, run_id: str) -> Location:
    return staged_dir / "ingest_log" / f"{run_id}.parquet"


def write_ingest_log(staged_dir: Location, run_id: str, rows: Sequence[Mapping]) -> Location:
    return write_parquet(frame("ingest_log", rows), ingest_log_path(staged_dir, run_id))


def read_known_documents(staged_dir: Location, extractor_version: str) -> dict[str, str]:
    """``document_id`` → ``source_file`` of documents already extracted by this extractor version."""
    df = read_parquet(dataset_files(staged_dir, COMMIT_MARK), ["document_id", "source_file", "extractor_version"])
    if df is None:
        return {}
    df = df.filter(df["extractor_version"] == extractor_version).unique("document_id", keep="last",
                                                                        maintain_order=True)
    return dict(zip(df["document_id"].to_list(), df["source_file"].to_list(), strict=True))
