"""The staged datasets' columns as stored: values rounded to their type, and the SQL type of each kind.

:mod:`bdw.extract.schema` names column kinds in plain words (``money``, ``number`` …). Every way
rows reach DuckDB goes through here, so a figure has the same value and type wherever it is
read: the Parquet batches of a run (:mod:`.parquet`) and the in-memory database of ``bdw check``
(:mod:`bdw.warehouse.compiled`). Standard library only: ``bdw check`` imports no DataFrame
library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from ..extract.schema import DATASETS

# DuckDB's type for each kind: what the Parquet types of a run read as.
SQL_TYPES = {
    "text": "VARCHAR",
    "int": "BIGINT",
    "money": "DECIMAL(18, 2)",
    "number": "DECIMAL(20, 6)",
    "date": "DATE",
    "timestamp": "TIMESTAMP WITH TIME ZONE",
}
_QUANTUM = {"money": Decimal("0.01"), "number": Decimal("0.000001")}


def stored_values(values: list, kind: str) -> list:
    """``values`` of one column as they are stored (computed rates and shares may carry more decimals)."""
    quantum = _QUANTUM.get(kind)
    if quantum is None:
        return values
    return [None if v is None else v.quantize(quantum) for v in values]


def stored_columns(dataset: str, rows: Sequence[Mapping]) -> dict[str, list]:
    """Column name → stored values of ``rows``, in the dataset's column order; a column a row lacks is NULL."""
    return {c: stored_values([row.get(c) for row in rows], kind) for c, kind in DATASETS[dataset].items()}


def packed_columns(dataset: str, rows: Sequence[Mapping]) -> dict[str, list]:
    """:func:`stored_columns` with every figure as the text of its stored decimal (``'1292095.92'``).

    How extracted rows travel from an extraction process to the one writing them, and what the
    Parquet writer takes: a list of short strings pickles and unpickles about four times faster than
    one of :class:`~decimal.Decimal` (each pickled as a call to its constructor), and Arrow turns the
    text into its exact decimal type in C++.
    """
    columns = {}
    for c, kind in DATASETS[dataset].items():
        values = [row.get(c) for row in rows]
        quantum = _QUANTUM.get(kind)
        columns[c] = values if quantum is None else [None if v is None else str(v.quantize(quantum)) for v in values]
    return columns


def packed_outcome(outcome):
    """In an extraction process: a :class:`~bdw.extract.pipeline.FileOutcome`'s rows and extraction errors
    as :func:`packed_columns` (``outcome.columns``, one entry per dataset with rows), sent back as such."""
    extracted = {**outcome.rows, "extraction_errors": outcome.errors}
    outcome.columns = {name: packed_columns(name, rows) for name, rows in extracted.items() if rows}
    outcome.rows, outcome.errors = {}, []
    return outcome
