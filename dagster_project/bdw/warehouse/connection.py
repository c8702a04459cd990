"""Opening the published warehouse to read it: never a write lock, failures as one sentence."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from ..errors import WarehouseLocked, WarehouseMissing, WarehouseUnusable


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open ``warehouse`` read-only (timestamps in UTC), turning the usual failures into typed errors."""
    if not warehouse.exists():
        raise WarehouseMissing(f"no warehouse at {warehouse}: run `bdw run` first (or set BDW_WAREHOUSE)")
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.IOException as error:
        if "lock" not in str(error):
            raise WarehouseUnusable(f"cannot open {warehouse}: {str(error).splitlines()[0]}") from None
        holder = re.search(r"\(PID (\d+)\)", str(error))
        by = f" (PID {holder.group(1)})" if holder else ""
        raise WarehouseLocked(f"{warehouse} is locked by a process writing it{by}: "
                              "wait for it to finish or close it, then try again") from None
    con.execute("set TimeZone = 'UTC'")
    return con


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of schema ``marts``, by name."""
    return [name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
    ).fetchall()]
