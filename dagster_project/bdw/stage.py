"""Writing extracted rows as Parquet with polars, atomically, with exact decimal types."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import polars as pl

from .extract.schema import DATASETS

_TYPES = {
    "text": pl.String,
    "int": pl.Int64,
    "money": pl.Decimal(18, 2),
    "number": pl.Decimal(18, 4),
    "timestamp": pl.Datetime("us", "UTC"),
}


def polars_schema(dataset: str) -> dict[str, pl.DataType]:
    return {column: _TYPES[kind] for column, kind in DATASETS[dataset].items()}


def frame(dataset: str, rows: Sequence[Mapping]) -> pl.DataFrame:
    """A DataFrame of ``rows`` with the dataset's exact schema (decimals stay decimals)."""
    schema = polars_schema(dataset)
    return pl.DataFrame([{c: row.get(c) for c in schema} for row in rows], schema=schema, orient="row")


def write_parquet(df: pl.DataFrame, path: Path) -> Path:
    """Write ``df`` to ``path`` via a temporary file and an atomic rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    df.write_parquet(tmp)
    os.replace(tmp, path)
    return path


def dataset_path(staged_dir: Path, dataset: str) -> Path:
    return staged_dir / f"{dataset}.parquet"


def ingest_log_path(staged_dir: Path, run_id: str) -> Path:
    """Ingest history: one Parquet file per run under ``ingest_log/``."""
    return staged_dir / "ingest_log" / f"{run_id}.parquet"


def read_loaded_documents(staged_dir: Path) -> dict[str, str]:
    """``document_id`` → ``source_file`` of the documents staged by the previous run."""
    path = dataset_path(staged_dir, "documents")
    if not path.exists():
        return {}
    df = pl.read_parquet(path, columns=["document_id", "source_file"])
    return dict(zip(df["document_id"].to_list(), df["source_file"].to_list(), strict=True))
