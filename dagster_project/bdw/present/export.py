"""``bdw export``: every mart as Parquet, CSV or one Excel workbook (row 1 Chinese labels, row 2 names)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from ..errors import UsageError
from ..settings import DBT_PROJECT_DIR
from ..warehouse.connection import connect, mart_tables, sql_string
from .sql import all_rows, write_csv

EXPORT_FORMATS = ("parquet", "csv", "xlsx")
WORKBOOK_NAME = "bdw_marts.xlsx"
EXCEL_DIGITS = 15  # significant digits an Excel number keeps; longer decimals are written as text
EXCEL_MAX_ROWS = 1_048_576


def column_labels() -> dict[tuple[str, str], str]:
    """(mart, column) → the Chinese label of its description in the dbt docs (text before ' · ')."""
    import yaml

    labels = {}
    for path in sorted((DBT_PROJECT_DIR / "models").rglob("*.yml")):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            for column in model.get("columns", []):
                description = " ".join((column.get("description") or "").split())
                if " · " in description:
                    labels[model["name"], column["name"]] = description.split(" · ")[0]
    return labels


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
            raise UsageError(f"marts.{table} has {count} rows, more than an Excel sheet holds: "
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
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    # DuckDB writes the parquet files itself, into out_dir only; CSV and the workbook are written by bdw
    with connect(warehouse, writable_dir=out_dir if fmt == "parquet" else None) as con:
        tables = mart_tables(con)
        if fmt == "xlsx":
            write_workbook(con, tables, out_dir / WORKBOOK_NAME)
            return [out_dir / WORKBOOK_NAME]
        for table in tables:
            path = out_dir / f"{table}.{fmt}"
            if fmt == "parquet":
                con.execute(f'copy marts."{table}" to {sql_string(str(path))} (format parquet)')
                continue
            # CSV for Excel on Chinese Windows: UTF-8 with a BOM (else it reads the file as GBK)
            cursor = con.execute(f'select * from marts."{table}"')
            with open(path, "w", encoding="utf-8-sig", newline="") as out:
                write_csv(out, [column[0] for column in cursor.description], all_rows(cursor))
        return [out_dir / f"{table}.{fmt}" for table in tables]
