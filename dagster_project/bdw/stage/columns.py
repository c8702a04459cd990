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
