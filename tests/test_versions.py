"""Versions, deletions and reruns through the real pipeline: nothing lost, nothing doubled."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tests.conftest import RAW, query, run_bdw

pytestmark = pytest.mark.e2e

MARTS_EXCEPT_LOG = ["dim_document", "dim_document_version", "fct_expenditure", "fct_income", "fct_summary_line",
                    "fct_three_public", "fct_narrative_fact", "fct_project_performance",
                    "fct_performance_indicator", "extraction_error"]


def _snapshot(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {t: con.sql(f"select * exclude (loaded_at) from marts.{t} order by all").fetchall()
                  if t.startswith("dim_document") else con.sql(f"select * from marts.{t} order by all").fetchall()
                  for t in MARTS_EXCEPT_LOG}
        # findings, messages included, are the same on a rerun (only the run they belong to differs)
        tables["dq_check_result"] = con.sql("select * exclude (run_id) from marts.dq_check_result "
                                            "order by all").fetchall()
        return tables


def test_new_version_replaces_old_deletion_leaves_and_reruns_are_idempotent(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("000_ababedf1869e2353.txt", "004_a15be56197084065.txt"):
        shutil.copy(RAW / name, raw / name)
    env = {"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(tmp_path / "staged"),
           "BDW_WAREHOUSE": str(tmp_path / "warehouse.duckdb")}
    wh = tmp_path / "warehouse.duckdb"

    assert run_bdw(env, "run").returncode == 0
    (old_id,) = query(wh, "select document_id from marts.dim_document where department_name = '固原市医疗保障局'")[0]

    # a corrected edition of the same department and year arrives under another name
    original = (RAW / "004_a15be56197084065.txt").read_text(encoding="utf-8")
    corrected = original.replace("部门决算", "部门决算（更正版）", 1)
    (raw / "004_corrected.txt").write_text(corrected, encoding="utf-8")
    second = run_bdw(env, "run")
    assert second.returncode == 0, second.stdout[-2000:]
    current = query(wh, "select document_id, source_file from marts.dim_document "
                        "where department_name = '固原市医疗保障局'")
    assert len(current) == 1 and current[0][0] != old_id and current[0][1] == "004_corrected.txt"
    history = dict(query(wh, "select document_id, version_status from marts.dim_document_version"))
    assert history[old_id] == "superseded" and history[current[0][0]] == "current"
    assert query(wh, f"select superseded_by from marts.dim_document_version where document_id = '{old_id}'") == [
        (current[0][0],)]

    # a file removed from the raw folder leaves the marts and stays in the history
    (ningde_id,) = query(wh, "select document_id from marts.dim_document where department_name = '宁德市医疗保障局'")[0]
    (raw / "000_ababedf1869e2353.txt").unlink()
    assert run_bdw(env, "run").returncode == 0
    assert [r[0] for r in query(wh, "select department_name from marts.dim_document")] == ["固原市医疗保障局"]
    assert query(wh, f"select version_status from marts.dim_document_version where document_id = '{ningde_id}'") == [
        ("removed",)]
    assert query(wh, f"select count(*) from marts.fct_expenditure where document_id = '{ningde_id}'") == [(0,)]

    # the same input again: the same warehouse, row for row (the ingest log grows by one run)
    before = _snapshot(wh)
    assert run_bdw(env, "run").returncode == 0
    assert _snapshot(wh) == before
    assert query(wh, "select count(distinct run_id) from marts.ingest_log") == [(4,)]
