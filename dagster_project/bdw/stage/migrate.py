"""Staged folders written before partitions (``<dataset>/<batch>.parquet``) moved into them, once.

DuckDB cannot read a dataset whose files mix the two layouts (hive partition keys must be the
same for every file), so the first run on an older staged folder moves every flat file into the
partitions of its documents (:mod:`.layout`) before it reads anything. A file keeps its name, so
the move can be cut short and simply done again by the next run: ``documents`` files move last,
and a batch's rows find their partition from its documents file in either layout. Rows whose
document has no ``documents`` row in their batch (a run killed before its commit mark) were never
read into the marts and are not carried over.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import polars as pl

from ..settings import Location
from .layout import COMMIT_MARK, PARTITIONED, Partition, dataset_files, partition_of, partition_path
from .parquet import read_parquet, write_parquet

log = logging.getLogger("bdw")


def _flat_files(staged_dir: Location, dataset: str) -> list[Location]:
    return sorted((staged_dir / dataset).glob("*.parquet"), key=lambda path: path.name)


def _partitions_by_batch(staged_dir: Location) -> dict[str, dict[Partition, list[str]]]:
    """Batch file name → partition → the documents of that batch in it (from both layouts)."""
    batches: dict[str, dict[Partition, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in dataset_files(staged_dir, COMMIT_MARK):
        for document in read_parquet([path], ["document_id", "fiscal_year", "document_kind"]).iter_rows(named=True):
            batches[path.name][partition_of(document)].append(document["document_id"])
    return batches


def migrate_flat_layout(staged_dir: Location) -> int:
    """Move every file of the flat layout into partitions; return how many files were moved."""
    flat = {dataset: _flat_files(staged_dir, dataset) for dataset in PARTITIONED}
    if not any(flat.values()):
        return 0
    batches = _partitions_by_batch(staged_dir)
    moved = dropped = 0
    for dataset in sorted(flat, key=lambda name: name == COMMIT_MARK):
        for path in flat[dataset]:
            rows = read_parquet([path])
            kept = 0
            for partition, documents in sorted(batches.get(path.name, {}).items()):
                part = rows.filter(pl.col("document_id").is_in(documents))
                if part.height:
                    write_parquet(part, partition_path(staged_dir, dataset, partition, path.name))
                    kept += part.height
            dropped += rows.height - kept
            path.unlink()
            moved += 1
    log.info("staged data: %d files moved into partitions by fiscal year and kind (once; %d rows of "
             "uncommitted batches not carried over)", moved, dropped)
    return moved
