"""The analyst commands: ``bdw sql``, ``bdw export``, ``bdw docs``, ``bdw overview``, run as a user would."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from bdw.present.export import write_workbook
from bdw.present.sql import width as _width
from bdw.settings import DBT_PROJECT_DIR
from tests.conftest import BDW, SAMPLES, query, run_bdw


def _marts(warehouse: Path) -> list[str]:
    return [name for (name,) in query(
        warehouse, "select table_name from information_schema.tables where table_schema = 'marts' order by 1")]


def _one_line_error(result: subprocess.CompletedProcess, code: int, text: str) -> None:
    assert result.returncode == code, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1 and text in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# --- without a warehouse ---------------------------------------------------------------------

def test_missing_warehouse_says_run_bdw_run_first(tmp_path):
    env = {"BDW_WAREHOUSE": str(tmp_path / "nowhere.duckdb")}
    for args in (["sql", "select 1"], ["export", "--format", "csv", "--out", str(tmp_path / "out")],
                 ["docs"], ["overview", "--out", str(tmp_path / "report")]):
        _one_line_error(run_bdw(env, *args), 2, "run `bdw run` first")


def test_unknown_export_format_is_one_line(tmp_path):
    _one_line_error(run_bdw({}, "export", "--format", "xls", "--out", str(tmp_path)), 2,
                    "unknown format 'xls': choose one of parquet, csv, xlsx")


def test_workbook_keeps_decimals_exact_and_text_as_text(tmp_path):
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("""create table marts.fct_expenditure as select * from (values
            (1234567.89::decimal(18,2), '=SUM(A1)', timestamptz '2024-01-02 03:04:05+00'),
            (9999999999999999.99::decimal(18,2), '收入\x07合计', null)) as t(amount_yuan, subject_name, loaded_at)""")
    with duckdb.connect(str(path), read_only=True) as con:
        con.execute("set TimeZone = 'UTC'")
        write_workbook(con, ["fct_expenditure"], tmp_path / "w.xlsx")
    sheet = load_workbook(tmp_path / "w.xlsx")["fct_expenditure"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("金额（元）", "科目名称", "loaded_at")  # labels from the yml; no yml column → its name
    assert rows[1] == ("amount_yuan", "subject_name", "loaded_at")
    assert sheet["A3"].value == 1234567.89 and sheet["A3"].data_type == "n" and sheet["A3"].number_format == "#,##0.00"
    assert sheet["A4"].value == "9999999999999999.99"  # more digits than Excel keeps: exact, as text
    assert sheet["B3"].value == "=SUM(A1)" and sheet["B3"].data_type == "s"  # never a formula
    assert sheet["B4"].value == "收入合计"
    assert sheet["C3"].value == datetime(2024, 1, 2, 3, 4, 5)


def test_aligned_table_counts_cjk_as_two_columns():
    assert _width("宁德市") == 6 and _width("abc") == 3


# --- on the sample warehouse -----------------------------------------------------------------

@pytest.mark.e2e
def test_sql_prints_an_aligned_table(pipeline_run):
    result = run_bdw(pipeline_run["env"], "sql",
                     "select department_name, fiscal_year from marts.dim_document order by fiscal_year, 1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # the 5 samples and 2 hostile files that load (tests/conftest.py)
    assert lines[0].split() == ["department_name", "fiscal_year"] and lines[-1] == "(7 rows)"
    table = lines[:-1]
    assert len({_width(line) for line in table}) == 1, "columns line up, CJK counted double width"
    for department, year, *_ in SAMPLES.values():
        assert any(line.startswith(department) and line.endswith(str(year)) for line in table), department


@pytest.mark.e2e
def test_sql_csv_and_max_rows(pipeline_run):
    env, warehouse = pipeline_run["env"], pipeline_run["warehouse"]
    (total,) = query(warehouse, "select count(*) from marts.ingest_log")[0]
    assert total > 3
    result = run_bdw(env, "sql", "select source_file, status from marts.ingest_log order by 1", "--csv",
                     "--max-rows", "0")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["source_file", "status"] and len(rows) == total + 1 and result.stderr == ""
    cut = run_bdw(env, "sql", "select * from marts.ingest_log", "--max-rows", "3")
    assert cut.returncode == 0
    assert len(cut.stdout.splitlines()) == 2 + 3 + 1
    assert f"… {total - 3} more row(s) not shown ({total} in all)" in cut.stdout.splitlines()[-1]


@pytest.mark.e2e
def test_csv_and_json_carry_every_row_whatever_max_rows_says(pipeline_run):
    env, warehouse = pipeline_run["env"], pipeline_run["warehouse"]
    (total,) = query(warehouse, "select count(*) from marts.fct_expenditure")[0]
    assert total > 50  # more than the table's default of 50 rows
    csv_out = run_bdw(env, "sql", "select document_id, amount_yuan from marts.fct_expenditure", "--csv")
    assert csv_out.returncode == 0 and len(list(csv.reader(io.StringIO(csv_out.stdout)))) == total + 1
    json_out = run_bdw(env, "sql", "select document_id, amount_yuan, source_line from marts.fct_expenditure "
                                   "order by amount_yuan desc", "--json", "--max-rows", "3")
    rows = [json.loads(line, parse_float=Decimal) for line in json_out.stdout.splitlines()]
    assert len(rows) == total and rows[0]["amount_yuan"] == query(
        warehouse, "select max(amount_yuan) from marts.fct_expenditure")[0][0]  # exact decimals, not floats
    with_bom = run_bdw(env, "sql", "select department_name from marts.dim_document", "--csv", "--bom")
    assert with_bom.stdout.startswith("\ufeffdepartment_name")


@pytest.mark.e2e
def test_a_closed_pipe_ends_quietly(pipeline_run):
    command = f"{BDW} sql 'select * from marts.fct_expenditure' --csv | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], env={**os.environ, **pipeline_run["env"]},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.startswith("document_id,"), result.stderr
    assert "Broken pipe" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.e2e
@pytest.mark.parametrize("statement", [
    "drop table marts.dim_document",
    "create table marts.x as select 1",
    "insert into marts.ingest_log (run_id) values ('x')",
    "copy marts.dim_document to '{out}/stolen.csv'",
    "attach '{out}/other.duckdb' as other",
])
def test_sql_refuses_anything_but_reads(pipeline_run, tmp_path, statement):
    result = run_bdw(pipeline_run["env"], "sql", statement.format(out=tmp_path))
    _one_line_error(result, 2, "refused: bdw sql only reads the tables of the warehouse")
    assert not list(tmp_path.iterdir())
    assert query(pipeline_run["warehouse"], "select count(*) from marts.dim_document") == [(7,)]


@pytest.mark.e2e
def test_sql_errors_are_one_line(pipeline_run):
    _one_line_error(run_bdw(pipeline_run["env"], "sql", "select * from marts.no_such_table"), 1, "no_such_table")
    _one_line_error(run_bdw(pipeline_run["env"], "sql", "select 1; select 2"), 2, "exactly one query")


@pytest.mark.e2e
def test_a_locked_warehouse_is_one_line(pipeline_run, tmp_path):
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(pipeline_run["warehouse"], copy)
    with duckdb.connect(str(copy)):  # a writer holds the file
        result = run_bdw({"BDW_WAREHOUSE": str(copy)}, "sql", "select 1")
    _one_line_error(result, 3, "is locked by a process writing it")


@pytest.mark.e2e
@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_one_file_per_mart(pipeline_run, tmp_path, fmt):
    result = run_bdw(pipeline_run["env"], "export", "--format", fmt, "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    marts = _marts(pipeline_run["warehouse"])
    assert sorted(p.stem for p in (tmp_path / "out").iterdir()) == marts
    reader = "read_parquet" if fmt == "parquet" else "read_csv"
    with duckdb.connect() as con:
        for mart in marts:
            exported = con.execute(f"select count(*) from {reader}('{tmp_path / 'out' / f'{mart}.{fmt}'}')")
            assert exported.fetchall() == query(pipeline_run["warehouse"], f"select count(*) from marts.{mart}"), mart
        if fmt == "parquet":
            described = con.execute(f"describe select * from '{tmp_path / 'out' / 'fct_expenditure.parquet'}'")
            types = {row[0]: row[1] for row in described.fetchall()}
            assert types["amount_yuan"] == "DECIMAL(18,2)"
    if fmt == "csv":  # UTF-8 with a BOM: Excel on Chinese Windows reads the department names right
        text = (tmp_path / "out" / "dim_document.csv").read_bytes()
        assert text.startswith(b"\xef\xbb\xbf") and "宁德市医疗保障局".encode() in text


@pytest.mark.e2e
def test_export_xlsx_has_a_sheet_per_mart_with_chinese_and_english_headers(pipeline_run, tmp_path):
    result = run_bdw(pipeline_run["env"], "export", "--format", "xlsx", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(tmp_path / "bdw_marts.xlsx", read_only=True)
    marts = _marts(pipeline_run["warehouse"])
    assert workbook.sheetnames == marts
    for mart in marts:
        rows = list(workbook[mart].iter_rows(values_only=True))
        columns = query(pipeline_run["warehouse"], f"select name from pragma_table_info('marts.{mart}')")
        assert list(rows[1]) == [name for (name,) in columns], mart
        assert query(pipeline_run["warehouse"], f"select count(*) from marts.{mart}") == [(len(rows) - 2,)], mart
    documents = list(workbook["dim_document"].iter_rows(max_row=2, values_only=True))
    assert documents[0][:4] == ("文件编号", "源文件", "哈希", "部门名称")
    labels, names = workbook["ingest_log"].iter_rows(max_row=2, values_only=True)
    assert dict(zip(names, labels, strict=True))["status"] == "状态"


@pytest.mark.e2e
def test_docs_generate_builds_the_dbt_docs_without_writing_the_warehouse(pipeline_run):
    warehouse = pipeline_run["warehouse"]
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    started = time.time()
    result = run_bdw(pipeline_run["env"], "docs")
    assert result.returncode == 0, result.stdout + result.stderr
    index = DBT_PROJECT_DIR / "target" / "docs" / "index.html"
    assert f"dbt docs: {index}" in result.stdout
    assert index.stat().st_mtime >= started - 1
    catalog = json.loads((DBT_PROJECT_DIR / "target" / "docs" / "catalog.json").read_text())
    assert "model.bdw.fct_expenditure" in catalog["nodes"]
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before


@pytest.mark.e2e
def test_docs_serve_binds_to_localhost(pipeline_run):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(BDW), "docs", "--serve", "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True, env={**os.environ, **pipeline_run["env"]})
    try:
        lines = [server.stdout.readline() for _ in range(3)]
        assert f"at http://127.0.0.1:{port}/" in lines[-1], lines
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as response:
            assert response.status == 200 and b"<html" in response.read(2000).lower()
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.e2e
def test_overview_command_writes_the_page(pipeline_run, tmp_path):
    result = run_bdw(pipeline_run["env"], "overview", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "overview.html")
    assert "预算公开数据概览" in (tmp_path / "overview.html").read_text(encoding="utf-8")

