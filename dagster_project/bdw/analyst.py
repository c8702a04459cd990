"""Analyst commands on the published warehouse, which they only ever read.

``bdw sql`` runs one read query, ``bdw export`` writes every mart as Parquet, CSV or one Excel
workbook, ``bdw docs`` builds (and serves) the dbt docs, ``bdw overview`` writes an HTML overview.
A mistake a person can fix (no warehouse yet, a writer holding the lock, a write statement)
is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from .cli import EXIT_FAILED, EXIT_LOCKED, EXIT_OK, EXIT_USAGE
from .config import DBT_PROJECT_DIR, settings

READ_STATEMENTS = {"SELECT", "EXPLAIN"}
EXPORT_FORMATS = ("parquet", "csv", "xlsx")
WORKBOOK_NAME = "bdw_marts.xlsx"
EXCEL_DIGITS = 15  # significant digits an Excel number keeps; longer decimals are written as text
EXCEL_MAX_ROWS = 1_048_576
CELL_WIDTH = 60  # display columns of one cell in the aligned table (--csv prints everything)


class AnalystError(Exception):
    """A mistake a person can fix: printed as one line, the command exits with ``code``."""

    def __init__(self, message: str, code: int = EXIT_USAGE):
        super().__init__(message)
        self.code = code


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only (timestamps in UTC), turning the usual failures into one line."""
    if not warehouse.exists():
        raise AnalystError(f"no warehouse at {warehouse}: run `bdw run` first (or set BDW_WAREHOUSE)")
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.IOException as error:
        if "lock" not in str(error):
            raise AnalystError(f"cannot open {warehouse}: {str(error).splitlines()[0]}", EXIT_FAILED) from None
        holder = re.search(r"\(PID (\d+)\)", str(error))
        by = f" (PID {holder.group(1)})" if holder else ""
        raise AnalystError(f"{warehouse} is locked by a process writing it{by}: "
                           "wait for it to finish or close it, then try again", EXIT_LOCKED) from None
    con.execute("set TimeZone = 'UTC'")
    return con


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [name for (name,) in con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts' order by table_name"
    ).fetchall()]


# --- bdw sql ---------------------------------------------------------------------------------

def run_query(con: duckdb.DuckDBPyConnection, query: str, max_rows: int) -> tuple[list[str], list[tuple], int]:
    """Columns, the first ``max_rows`` rows (all when 0) and how many rows were cut."""
    statements = con.extract_statements(query)
    if len(statements) != 1:
        raise AnalystError(f"give exactly one query (got {len(statements)} statements)")
    kind = statements[0].type.name
    if kind not in READ_STATEMENTS:
        raise AnalystError(f"only read queries are allowed: a {kind} statement is refused (the warehouse is read-only)")
    cursor = con.execute(query)
    columns = [column[0] for column in cursor.description]
    rows = cursor.fetchmany(max_rows) if max_rows else cursor.fetchall()
    cut = 0
    while max_rows and (chunk := cursor.fetchmany(10_000)):
        cut += len(chunk)
    return columns, rows, cut


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _cell(value) -> str:
    text = "NULL" if value is None else " ".join(str(value).split())
    if _width(text) <= CELL_WIDTH:
        return text
    while _width(text) > CELL_WIDTH - 1:
        text = text[:-1]
    return text + "…"


def format_table(columns: list[str], rows: list[tuple]) -> list[str]:
    """An aligned text table; numeric columns are right-aligned."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(map(_width, column)) for column in zip(columns, *cells, strict=True)]
    numeric = [{type(row[i]) for row in rows} - {type(None)} <= {int, float, Decimal}
               and any(row[i] is not None for row in rows) for i in range(len(columns))]

    def line(texts: list[str]) -> str:
        padded = [" " * (w - _width(t)) + t if right else t + " " * (w - _width(t))
                  for t, w, right in zip(texts, widths, numeric, strict=True)]
        return "  ".join(padded).rstrip()

    return [line(columns), "  ".join("-" * w for w in widths), *(line(row) for row in cells)]


def cmd_sql(args: argparse.Namespace) -> int:
    if args.max_rows < 0:
        raise AnalystError("--max-rows must be 0 (all rows) or more")
    with connect(settings().warehouse) as con:
        columns, rows, cut = run_query(con, args.query, args.max_rows)
    cut_line = f"… {cut} more row(s) not shown ({len(rows) + cut} in all): use --max-rows N, or 0 for all"
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if value is None else value for value in row] for row in rows)
        if cut:
            print(cut_line, file=sys.stderr)
        return EXIT_OK
    print("\n".join(format_table(columns, rows)))
    print(cut_line if cut else f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return EXIT_OK


# --- bdw export ------------------------------------------------------------------------------

def column_labels() -> dict[tuple[str, str], str]:
    """(mart, column) → the Chinese label of its description in ``dbt/models/marts/*.yml`` (text before ' · ')."""
    import yaml

    labels = {}
    for path in sorted((DBT_PROJECT_DIR / "models" / "marts").glob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            for column in model.get("columns", []):
                description = " ".join((column.get("description") or "").split())
                if " · " in description:
                    labels[model["name"], column["name"]] = description.split(" · ")[0]
    return labels


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _excel_value(sheet, value):
    """Decimals stay exact numbers (text beyond Excel's 15 digits); strings are never formulas."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, Decimal):
        _, digits, exponent = value.as_tuple()
        if len(digits) > EXCEL_DIGITS:
            return str(value)
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "#,##0" + ("." + "0" * -exponent if exponent < 0 else "")
        return cell
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        return cell
    if isinstance(value, datetime) and value.tzinfo:
        return value.replace(tzinfo=None)  # UTC: the connection's time zone
    return value


def write_workbook(con: duckdb.DuckDBPyConnection, tables: list[str], path: Path) -> None:
    """One sheet per mart: row 1 Chinese labels, row 2 column names, then the rows."""
    from openpyxl import Workbook

    for table in tables:
        (count,) = con.execute(f'select count(*) from marts."{table}"').fetchone()
        if count > EXCEL_MAX_ROWS - 2:
            raise AnalystError(f"marts.{table} has {count} rows, more than an Excel sheet holds: "
                               "export parquet or csv instead")
    labels = column_labels()
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(table)
        sheet.freeze_panes = "A3"
        cursor = con.execute(f'select * from marts."{table}"')
        columns = [column[0] for column in cursor.description]
        sheet.append([labels.get((table, column), column) for column in columns])
        sheet.append(columns)
        while rows := cursor.fetchmany(10_000):
            for row in rows:
                sheet.append([_excel_value(sheet, value) for value in row])
    workbook.save(path)


def export_marts(warehouse: Path, fmt: str, out_dir: Path) -> list[Path]:
    """Write every table of schema ``marts``: a file per mart (parquet, csv) or one workbook (xlsx)."""
    if fmt not in EXPORT_FORMATS:
        raise AnalystError(f"unknown format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    with connect(warehouse) as con:
        tables = mart_tables(con)
        out_dir.mkdir(parents=True, exist_ok=True)
        if fmt == "xlsx":
            write_workbook(con, tables, out_dir / WORKBOOK_NAME)
            return [out_dir / WORKBOOK_NAME]
        options = "format parquet" if fmt == "parquet" else "format csv, header true"
        for table in tables:
            con.execute(f'copy marts."{table}" to {_sql_string(str(out_dir / f"{table}.{fmt}"))} ({options})')
        return [out_dir / f"{table}.{fmt}" for table in tables]


def cmd_export(args: argparse.Namespace) -> int:
    written = export_marts(settings().warehouse, args.format, Path(args.out).resolve())
    for path in written:
        print(path)
    return EXIT_OK


# --- bdw docs --------------------------------------------------------------------------------

# Its own target folder: the manifest Dagster reads in dbt/target is never rewritten by the docs.
DOCS_DIR = DBT_PROJECT_DIR / "target" / "docs"

def generate_docs() -> Path:
    """``dbt docs generate`` against a copy of the published warehouse, which is never written."""
    cfg = settings()
    connect(cfg.warehouse).close()  # missing or locked: say so before copying
    dbt = Path(sys.executable).parent / "dbt"
    with tempfile.TemporaryDirectory(prefix="bdw-docs-") as tmp:
        copy = Path(tmp) / cfg.warehouse.name  # same file name: same catalog name as the published file
        shutil.copy2(cfg.warehouse, copy)
        env = {**os.environ, **cfg.dbt_env(), "BDW_DBT_DATABASE": str(copy)}
        result = subprocess.run(
            [str(dbt), "--no-use-colors", "docs", "generate", "--static", "--target-path", str(DOCS_DIR),
             "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)],
            cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True,
        )
    if result.returncode:
        last = (result.stdout + result.stderr).strip().splitlines()[-1:] or ["no output"]
        raise AnalystError(f"dbt docs generate failed: {last[0]}", EXIT_FAILED)
    return DOCS_DIR / "index.html"


def serve(directory: Path, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise AnalystError(f"cannot serve on 127.0.0.1:{port} ({error.strerror}): pick another --port") from None
    with server:
        print(f"serving {directory} at http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def cmd_docs(args: argparse.Namespace) -> int:
    index = generate_docs()
    print(f"dbt docs: {index}")
    print(f"  opens from disk without a server: {index.with_name('static_index.html')}")
    if args.serve:
        serve(index.parent, args.port)
    return EXIT_OK


# --- bdw overview ----------------------------------------------------------------------------

def cmd_overview(args: argparse.Namespace) -> int:
    from .report.overview import write_overview

    cfg = settings()
    print(write_overview(cfg.warehouse, Path(args.out).resolve() if args.out else cfg.report_dir))
    return EXIT_OK


def _one_line_errors(command):
    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except AnalystError as error:
            print(f"bdw {args.command}: {error}", file=sys.stderr)
            return error.code
        except (duckdb.Error, OSError) as error:  # a bad query, a folder that cannot be written
            print(f"bdw {args.command}: {' '.join(str(error).split())}", file=sys.stderr)
            return EXIT_FAILED

    return run


def register(sub) -> None:
    """Add ``sql``, ``export``, ``docs`` and ``overview`` to the ``bdw`` command."""
    sql = sub.add_parser("sql", help="run one read-only query on the warehouse and print the result")
    sql.add_argument("query", help='e.g. "select * from marts.dim_document"')
    sql.add_argument("--csv", action="store_true", help="print CSV instead of an aligned table")
    sql.add_argument("--max-rows", type=int, default=50, help="rows to print (default 50, 0 for all)")
    sql.set_defaults(func=_one_line_errors(cmd_sql))

    export = sub.add_parser("export", help="write every mart as Parquet, CSV or one Excel workbook")
    export.add_argument("--format", required=True, help="parquet, csv or xlsx")
    export.add_argument("--out", required=True, help="output folder (created if missing)")
    export.set_defaults(func=_one_line_errors(cmd_export))

    docs = sub.add_parser("docs", help="build the dbt docs (tables, columns, lineage) into dbt/target")
    docs.add_argument("--serve", action="store_true", help="then serve them on http://127.0.0.1:PORT/")
    docs.add_argument("--port", type=int, default=8080, help="port for --serve (default 8080)")
    docs.set_defaults(func=_one_line_errors(cmd_docs))

    overview = sub.add_parser("overview", help="write overview.html: documents, spending, 三公, indicators")
    overview.add_argument("--out", help="output folder (default BDW_REPORT_DIR or data/report)")
    overview.set_defaults(func=_one_line_errors(cmd_overview))
