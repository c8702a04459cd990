"""Opening the published warehouse to read it: never a write lock, never a file written, failures as one sentence.

Every connection bdw opens on the warehouse is locked down by DuckDB itself, before any statement
runs: extensions are never installed or loaded on demand (a query cannot make DuckDB download
one), external access is off (no file read or written, no database attached, no extension
loaded) and the configuration is locked (no ``SET`` or ``RESET`` undoes any of it). Only
``writable_dir``, when given (``bdw export``), may be written, by bdw's own statements.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from ..errors import WarehouseLocked, WarehouseMissing, WarehouseUnusable

# every connection bdw opens, dbt's included (dbt/profiles.yml): no extension fetched or loaded on demand
NO_EXTENSION_AUTOLOAD = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def sql_string(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def lock_down(con: duckdb.DuckDBPyConnection, writable_dir: Path | None = None) -> None:
    """Make ``con`` unable to touch any file but its database (and ``writable_dir``) or change a setting."""
    if writable_dir is not None:
        con.execute(f"set allowed_directories = [{sql_string(str(writable_dir.resolve()) + '/')}]")
    con.execute("set allow_persistent_secrets = false")
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")


def connect(warehouse: Path, writable_dir: Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open ``warehouse`` read-only (timestamps in UTC) and :func:`lock_down` the connection.

    The usual failures become typed errors. The ``staging`` views read the staged Parquet files,
    which a locked-down connection cannot open: query them with DuckDB itself (``duckdb -readonly``).
    """
    if not warehouse.exists():
        raise WarehouseMissing(f"no warehouse at {warehouse}: run `bdw run` first (or set BDW_WAREHOUSE)")
    try:
        con = duckdb.connect(str(warehouse), read_only=True, config=NO_EXTENSION_AUTOLOAD)
    except duckdb.IOException as error:
        if "lock" not in str(error):
            raise WarehouseUnusable(f"cannot open {warehouse}: {str(error).splitlines()[0]}") from None
        holder = re.search(r"\(PID (\d+)\)", str(error))
        by = f" (PID {holder.group(1)})" if holder else ""
        raise WarehouseLocked(f"{warehouse} is locked by a process writing it{by}: "
                              "wait for it to finish or close it, then try again") from None
    con.execute("set TimeZone = 'UTC'")
    lock_down(con, writable_dir)
    return con


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of schema ``marts``, by name."""
    return [name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
    ).fetchall()]
