"""Staged Parquet files with polars: exact decimal types, written atomically, read from any location.

A file is written under a temporary name unique to its writer and then renamed into place, so a
reader never sees half a file and two writers of the same file (a batch retried on another
worker while the first attempt still runs) never write into each other's. The location is a local
folder or an fsspec one (:data:`bdw.settings.Location`): both are used through pathlib's interface.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import polars as pl
import pyarrow as pa

from ..extract.schema import DATASETS
from ..settings import Location
from .columns import stored_columns

_ARROW = {
    "text": pa.string(),
    "int": pa.int64(),
    "money": pa.decimal128(18, 2),
    "number": pa.decimal128(20, 6),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"),
}


def frame(dataset: str, rows: Sequence[Mapping]) -> pl.DataFrame:
    """A DataFrame of ``rows`` with the dataset's exact schema (decimals stay decimals).

    Built column by column through Arrow, which converts Python decimals in C++: about four
    times faster than building polars rows.
    """
    kinds = DATASETS[dataset]
    columns = stored_columns(dataset, rows)
    return pl.from_arrow(pa.table({c: pa.array(values, type=_ARROW[kinds[c]]) for c, values in columns.items()}))


def write_parquet(df: pl.DataFrame, path: Location) -> Location:
    """Write ``df`` to ``path`` via a temporary file of its own and a rename: readers never see half a file.

    On an fsspec filesystem (an object store) the file is written in place: an object appears whole
    when its upload completes, and such stores have no rename.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not isinstance(path, Path):
        with path.open("wb") as sink:
            df.write_parquet(sink)
        return path
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with tmp.open("wb") as sink:
        df.write_parquet(sink)
    tmp.replace(path)
    return path


def read_parquet(paths: Iterable[Location], columns: Sequence[str] | None = None) -> pl.DataFrame | None:
    """The rows of ``paths`` (their ``columns``), one frame; None when there is no file.

    The folder names of a partitioned layout are not read as columns: the files hold every column.
    """
    paths = list(paths)
    if not paths:
        return None
    if all(isinstance(path, Path) for path in paths):  # local files: one lazy scan
        scan = pl.scan_parquet([str(path) for path in paths], hive_partitioning=False)
        return (scan.select(columns) if columns else scan).collect()
    frames = []
    for path in paths:
        with path.open("rb") as source:
            frames.append(pl.read_parquet(source, columns=list(columns) if columns else None, hive_partitioning=False))
    return pl.concat(frames, how="diagonal_relaxed")
