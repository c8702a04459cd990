"""Incremental marts: runs that add, replace and remove documents give the warehouse a full refresh gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import RAW, run_bdw

pytestmark = pytest.mark.e2e


def _marts(warehouse: Path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted (the ingest log and the evaluating run's id aside)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = 'marts' and table_name <> 'ingest_log'").fetchall()]
        return {t: con.execute(f"select * exclude (run_id) from marts.{t} order by all" if t == "dq_check_result"
                               else f"select * from marts.{t} order by all").fetchall() for t in tables}


def _run(env: dict[str, str], *args: str) -> str:
    result = run_bdw(env, "run", "--verbose", *args)
    assert result.returncode == 0, result.stdout[-3000:]
    return result.stdout


def test_incremental_runs_equal_a_full_refresh(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    env = {"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(tmp_path / "staged"),
           "BDW_WAREHOUSE": str(tmp_path / "wh" / "warehouse.duckdb"), "BDW_REPORT_DIR": str(tmp_path / "report")}
    samples = sorted(p.name for p in RAW.iterdir())
    for name in samples[:2]:
        shutil.copy(RAW / name, raw / name)
    assert "dbt build (from nothing)" in _run(env)

    for name in samples[2:]:  # three new documents
        shutil.copy(RAW / name, raw / name)
    assert "dbt build (incremental)" in _run(env)

    # a new edition of 004 (one figure changed), and 003 removed
    guyuan = (RAW / "004_a15be56197084065.txt").read_text(encoding="utf-8")
    (raw / "004_a15be56197084065.txt").write_text(guyuan.replace("3470158.34", "3470158.35", 1), encoding="utf-8")
    (raw / "003_fe244c6e34d881f1.txt").unlink()
    assert "dbt build (incremental)" in _run(env)
    warehouse = Path(env["BDW_WAREHOUSE"])
    with duckdb.connect(str(warehouse), read_only=True) as con:  # the build read only the new edition
        assert con.execute("select count(*) from intermediate.int_document_change").fetchone() == (1,)
    incremental = _marts(warehouse)
    assert len(incremental["dim_document"]) == 4
    assert len({row[0] for row in incremental["fct_expenditure"]}) == 2  # 000 and the new 004 edition

    assert "dbt build (from nothing)" in _run(env, "--full-refresh")
    full = _marts(warehouse)
    assert full.keys() == incremental.keys()
    for mart, rows in full.items():
        assert incremental[mart] == rows, f"marts.{mart} differs between the incremental runs and a full refresh"
