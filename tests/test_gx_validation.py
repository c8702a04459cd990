"""GX validates inside the DuckDB warehouse, read-only: one result per rule with its failing rows, Data Docs offline.

A small warehouse is written here (the columns the suites read); the suites run through the
real GX validation definitions on a copy of ``expectations/``. The samples' own findings are
checked end to end in tests/test_dq_samples.py.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa
from great_expectations.data_context.data_context.abstract_data_context import AbstractDataContext

from bdw.quality import gx
from bdw.quality.catalogue import read_rules
from bdw.quality.data_docs import make_offline, remote_references
from bdw.quality.duckdb_dialect import url
from bdw.settings import GX_ROOT

DOC_A, DOC_B = "a" * 16, "b" * 16


def _warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("""create table marts.dim_document as select * from (values
            ('aaaaaaaaaaaaaaaa', '甲县财政局', 2024, 'final_account', '元'),
            ('bbbbbbbbbbbbbbbb', '乙县财政局', 2023, 'final_account', '万元'))
            t(document_id, department_name, fiscal_year, document_kind, reported_unit)""")
        con.execute("""create table marts.ingest_log as select * from (values
            ('r1', 'a.txt', 'loaded', null, 'aaaaaaaaaaaaaaaa'),
            ('r1', 'b.txt', 'loaded', null, 'bbbbbbbbbbbbbbbb'),
            ('r1', 'c.jpg', 'rejected', 'binary file', null))
            t(run_id, source_file, status, reason, document_id)""")
        con.execute("""create table marts.dq_check_result (
            document_id varchar, check_id varchar, check_family varchar, table_code varchar, row_key varchar,
            column_key varchar, reported decimal(38, 6), computed decimal(38, 6), difference decimal(38, 6),
            tolerance decimal(38, 6), status varchar, message varchar, source_line integer,
            part_source_lines varchar, within_tolerance boolean)""")
        con.executemany("insert into marts.dq_check_result values (?, ?, 'table', '06', ?, 'basic', ?, ?, ?, ?, ?, "
                        "'…', ?, ?, ?)", [
            # (document, rule, row, reported, computed, difference, tolerance, status, line, parts)
            (DOC_A, "t06_class_eq_sum_items", "301", Decimal("1292095.92"), Decimal("1289095.92"),
             Decimal("3000"), Decimal("0.085"), "fail", 285, "286, 287", False),
            (DOC_B, "t06_class_eq_sum_items", "302", Decimal("127989.14"), Decimal("127989.14"),
             Decimal("0"), Decimal("0.1"), "pass", 40, "41", True),
            (DOC_B, "t06_class_eq_sum_items", "301", Decimal("10.00"), Decimal("9.00"),
             Decimal("1"), Decimal("0.02"), "fail", 38, "39", False),
            (DOC_A, "t06_total_eq_sum_classes", "TOTAL", Decimal("5"), Decimal("5.004"),
             Decimal("-0.004"), Decimal("0.01"), "rounding", 319, "285, 299", True),
        ])
    return path


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    base = tmp_path_factory.mktemp("gx")
    warehouse = _warehouse(base / "warehouse.duckdb")
    root = base / "expectations"
    shutil.copytree(GX_ROOT, root, ignore=shutil.ignore_patterns("uncommitted"))
    digest = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    builds = []
    real_build = AbstractDataContext.build_data_docs

    def counted_build(self, *args, **kwargs):  # the real build, counted
        builds.append(kwargs.get("resource_identifiers"))
        return real_build(self, *args, **kwargs)

    AbstractDataContext.build_data_docs = counted_build
    try:
        outcomes = {o.suite: o for o in gx.run_suites(["dq_table", "dim_document", "ingest_log"], warehouse,
                                                      keep_runs=2, root=root)}
    finally:
        AbstractDataContext.build_data_docs = real_build
    return {"warehouse": warehouse, "root": root, "digest": digest, "outcomes": outcomes, "builds": builds}


def test_one_data_docs_build_for_all_the_suites_of_a_run(validated):
    # a build per suite re-read every kept result for the index each time (GX's UpdateDataDocsAction)
    [identifiers] = validated["builds"]
    results = [i for i in identifiers if hasattr(i, "run_id")]
    assert sorted(r.expectation_suite_identifier.name for r in results) == ["dim_document", "dq_table", "ingest_log"]
    assert len({r.run_id.run_name for r in results}) == 1  # the three results of one run
    index = (validated["root"] / "uncommitted" / "data_docs" / "local_site" / "index.html").read_text()
    assert all(suite in index for suite in ("dq_table", "dim_document", "ingest_log"))


def test_one_result_per_rule_with_its_failing_rows(validated):
    outcome = validated["outcomes"]["dq_table"]
    assert not outcome.success and outcome.table == "dq_check_result"
    assert len(outcome.rules) == len([r for r in read_rules() if r.check_family == "table"])
    assert [r.check_id for r in outcome.failed_rules] == ["t06_class_eq_sum_items"]
    [rule] = outcome.failed_rules
    assert rule.failed == 2 and rule.error is None and rule.rule_zh == "类 = Σ款（经济分类）"
    first = rule.rows[0]  # ordered by document: DOC_A's class 301, the figures exact
    assert (first["document_id"], first["department_name"], first["fiscal_year"], first["row_key"]) == (
        DOC_A, "甲县财政局", 2024, "301")
    assert (first["reported"], first["computed"], first["difference"], first["tolerance"]) == (
        "1292095.92", "1289095.92", "3000", "0.085")
    assert (first["source_line"], first["part_source_lines"]) == (285, "286, 287")
    rounding = next(r for r in outcome.rules if r.check_id == "t06_total_eq_sum_classes")
    assert rounding.success and rounding.failed == 0  # within the tolerance is not a failure
    never = next(r for r in outcome.rules if r.check_id == "t01_total_eq_sum_classes")
    assert never.success  # no evaluation at all: nothing failed


def test_structural_suites_run_in_sql(validated):
    for suite in ("dim_document", "ingest_log"):
        outcome = validated["outcomes"][suite]
        assert outcome.success, [(f.expectation, f.why, f.unexpected_count) for f in outcome.failures]
        assert outcome.expectations and not outcome.rules


def test_the_warehouse_is_read_only_and_released(validated):
    warehouse = validated["warehouse"]
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == validated["digest"]
    engine = sa.create_engine(url(warehouse))
    with engine.connect() as con, pytest.raises(sa.exc.DBAPIError, match="read-only"):
        con.execute(sa.text("create table marts.x (a integer)"))
    engine.dispose()
    duckdb.connect(str(warehouse)).close()  # a writer can open it: GX holds no connection


def test_the_dialect_keeps_each_result_after_its_connection_is_returned(validated):
    engine = sa.create_engine(url(validated["warehouse"]))
    with engine.connect() as con:
        result = con.execute(sa.text("select count(*) from marts.dq_check_result"))
    assert result.fetchone() == (4,)  # duckdb-engine alone returns None here (GX issue #11579)
    engine.dispose()


def test_data_docs_name_each_rule_with_its_failing_rows(validated):
    site = validated["root"] / "uncommitted" / "data_docs" / "local_site"
    [page] = (site / "validations" / "dq_table").rglob("*.html")
    html = page.read_text(encoding="utf-8")
    for text in ("t06_class_eq_sum_items", "类 = Σ款（经济分类）", "t01_total_eq_sum_classes",
                 "1292095.92", "1289095.92", "甲县财政局", "2 failing evaluations", "no failing evaluation"):
        assert text in html, text
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 7 and {str(p): remote_references(p) for p in pages if remote_references(p)} == {}
    assert (site / "static" / "vendor" / "jquery" / "jquery.min.js").exists()
    assert make_offline(site) == []  # already offline: nothing to rewrite


def test_only_the_latest_runs_are_kept(validated):
    warehouse, root = validated["warehouse"], validated["root"]
    for _ in range(2):
        gx.run_suite("ingest_log", warehouse, keep_runs=2, root=root)
    assert len(list((root / "uncommitted" / "validations" / "ingest_log").glob("*/*"))) == 2


@pytest.mark.e2e
def test_data_docs_render_with_the_network_blocked(validated, tmp_path):
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("chromium is not installed: as root run `apt-get update && apt-get install -y chromium`")
    site = validated["root"] / "uncommitted" / "data_docs" / "local_site"
    [page] = (site / "validations" / "dq_table").rglob("*.html")
    offline = ["--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"]  # nothing reaches a network
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,2000", *offline]
    dom = subprocess.run([*command, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0 and "</html>" in dom.stdout, dom.stderr[-2000:]
    # bootstrap-table (with jQuery and Bootstrap) ran from the local copies: it wraps the tables it drives
    assert 'class="bootstrap-table' in dom.stdout
    assert "t06_class_eq_sum_items" in dom.stdout and "1292095.92" in dom.stdout
    index = subprocess.run([*command, "--dump-dom", (site / "index.html").as_uri()], capture_output=True, text=True,
                           timeout=120)
    assert 'class="bootstrap-table' in index.stdout and "dq_table" in index.stdout
    shot = tmp_path / "dq_table.png"
    subprocess.run([*command, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 50_000
