"""The SQLAlchemy dialect GX reaches the warehouse through: duckdb-engine, one DuckDB cursor per SQL cursor.

duckdb-engine runs every SQLAlchemy cursor of a connection on the connection's one DuckDB result
set. Great Expectations reads a query's rows after it has handed the connection back (its
``execute_query`` returns the result outside the ``with`` block), by which time SQLAlchemy's
rollback has replaced that result set: every metric comes back empty (GX issues #10738, #11579;
still so with GX 1.24.1, SQLAlchemy 2.1 and duckdb-engine 0.17.0). A DuckDB cursor
(``DuckDBPyConnection.cursor()``) has a result set of its own, so giving each SQLAlchemy cursor
one is the whole fix; everything else is duckdb-engine's dialect.

Registered as ``duckdb+bdw``: ``duckdb+bdw:////abs/path/warehouse.duckdb?access_mode=read_only``.
"""

from __future__ import annotations

import duckdb_engine
from sqlalchemy.dialects import registry

NAME = "duckdb.bdw"


class _Connection(duckdb_engine.ConnectionWrapper):
    """duckdb-engine's connection wrapper whose cursors do not share the connection's result set."""

    def __init__(self, connection) -> None:
        super().__init__(connection)
        self._duckdb = connection

    def cursor(self) -> duckdb_engine.CursorWrapper:
        return duckdb_engine.CursorWrapper(self._duckdb.cursor(), self)


class Dialect(duckdb_engine.Dialect):
    """duckdb-engine with a DuckDB cursor per SQLAlchemy cursor (see the module's docstring)."""

    driver = "bdw"
    supports_statement_cache = False  # as duckdb-engine (SQLAlchemy asks every dialect class to say)

    def connect(self, *cargs, **cparams) -> _Connection:
        connection = duckdb_engine.Dialect.connect(self, *cargs, **cparams)
        return _Connection(connection._ConnectionWrapper__c)


def url(warehouse) -> str:
    """The read-only SQLAlchemy URL of a DuckDB file for this dialect."""
    return f"duckdb+bdw:///{warehouse}?access_mode=read_only"


registry.register(NAME, __name__, "Dialect")
