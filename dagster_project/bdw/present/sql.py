"""``bdw sql``: one read query on the published warehouse, as an aligned table, CSV or JSON lines.

The table shows the first rows (``--max-rows``); CSV and JSON lines carry every row, fetched a
chunk at a time.

Read-only is DuckDB's doing, not a check of the query's text: the connection
(:func:`bdw.warehouse.connection.connect`) cannot write or read any other file, attach a
database, load an extension or change a setting, however the statement is dressed
(``explain analyze copy … to …`` included). What DuckDB refuses is reported as a usage error.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import TextIO

import duckdb

from ..errors import UsageError

REFUSED = re.compile(r"read-only|configuration has been locked|disabled by configuration|secrets are disabled")
CELL_WIDTH = 60  # display columns of one cell in the aligned table (--csv prints everything)


def open_query(con: duckdb.DuckDBPyConnection, query: str) -> tuple[list[str], duckdb.DuckDBPyConnection | None]:
    """Run one query: its columns and the cursor to fetch its rows from (None for a statement with no result)."""
    statements = con.extract_statements(query)
    if len(statements) != 1:
        raise UsageError(f"give exactly one query (got {len(statements)} statements)")
    try:
        cursor = con.execute(query)
    except (duckdb.PermissionException, duckdb.InvalidInputException) as error:
        message = " ".join(str(error).split())
        if not isinstance(error, duckdb.PermissionException) and not REFUSED.search(message):
            raise
        raise UsageError(f"refused: bdw sql only reads the tables of the warehouse; it cannot write or read other "
                         f"files, attach databases, load extensions or change settings ({message}). The staging "
                         "views read Parquet files: query them with `duckdb -readonly`") from None
    if cursor.description is None:  # a statement with no result (e.g. CHECKPOINT on the read-only file)
        return [], None
    return [column[0] for column in cursor.description], cursor


def all_rows(cursor: duckdb.DuckDBPyConnection | None, chunk: int = 10_000) -> Iterator[tuple]:
    """Every row of a query, fetched a chunk at a time (a large result never sits in memory whole)."""
    while cursor is not None and (rows := cursor.fetchmany(chunk)):
        yield from rows


def run_query(con: duckdb.DuckDBPyConnection, query: str, max_rows: int) -> tuple[list[str], list[tuple], int]:
    """For the aligned table: columns, the first ``max_rows`` rows (all when 0) and how many were cut."""
    columns, cursor = open_query(con, query)
    if cursor is None:
        return columns, [], 0
    rows = cursor.fetchmany(max_rows) if max_rows else cursor.fetchall()
    cut = sum(1 for _ in all_rows(cursor)) if max_rows else 0
    return columns, rows, cut


def write_csv(out: TextIO, columns: list[str], rows: Iterable[tuple]) -> int:
    """Every row as CSV (NULL an empty field); returns how many rows were written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
        count += 1
    return count


def _json_value(value) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")  # a JSON number with the exact decimals, never a float
    if isinstance(value, datetime | date):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False, default=str)


def write_json_lines(out: TextIO, columns: list[str], rows: Iterable[tuple]) -> int:
    """Every row as one JSON object per line (decimals as exact JSON numbers); returns the row count."""
    keys = [json.dumps(column, ensure_ascii=False) for column in columns]
    count = 0
    for row in rows:
        out.write("{" + ", ".join(f"{key}: {_json_value(value)}" for key, value in zip(keys, row, strict=True))
                  + "}\n")
        count += 1
    return count


def width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _cell(value) -> str:
    text = "NULL" if value is None else " ".join(str(value).split())
    if width(text) <= CELL_WIDTH:
        return text
    while width(text) > CELL_WIDTH - 1:
        text = text[:-1]
    return text + "…"


def format_table(columns: list[str], rows: list[tuple]) -> list[str]:
    """An aligned text table; numeric columns are right-aligned."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(map(width, column)) for column in zip(columns, *cells, strict=True)]
    numeric = [{type(row[i]) for row in rows} - {type(None)} <= {int, float, Decimal}
               and any(row[i] is not None for row in rows) for i in range(len(columns))]

    def line(texts: list[str]) -> str:
        padded = [" " * (w - width(t)) + t if right else t + " " * (w - width(t))
                  for t, w, right in zip(texts, widths, numeric, strict=True)]
        return "  ".join(padded).rstrip()

    return [line(columns), "  ".join("-" * w for w in widths), *(line(row) for row in cells)]
