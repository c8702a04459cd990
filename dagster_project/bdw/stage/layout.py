"""Where staged rows go (paths only): one Parquet dataset per staged table, hive-partitioned by fiscal year and kind.

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
query on one year or kind reads that partition's files only. The files are written and read by
:mod:`.parquet`; this module needs no DataFrame library (the warehouse build and ``bdw check`` import it).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..extract.schema import DATASETS
from ..settings import Location

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


def ingest_log_path(staged_dir: Location, run_id: str) -> Location:
    return staged_dir / "ingest_log" / f"{run_id}.parquet"
