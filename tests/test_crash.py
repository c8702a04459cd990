"""Crash safety and readers: kill -9 at several points, a reader during a run, then a rerun."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import BDW, RAW, run_bdw

pytestmark = pytest.mark.e2e

MARTS = ["dim_document", "dim_document_version", "fct_expenditure", "fct_income", "fct_summary_line",
         "fct_three_public", "fct_narrative_fact", "fct_project_performance", "fct_performance_indicator"]


def _counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.sql(f"select count(*) from marts.{t}").fetchone()[0] for t in MARTS}


def _kill_when(env: dict, marker: str, timeout: float = 300) -> str:
    """Start ``bdw run`` and SIGKILL its whole process group when ``marker`` appears in its output."""
    proc = subprocess.Popen([str(BDW), "run", "--verbose"], env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    seen = []
    deadline = time.monotonic() + timeout
    for line in proc.stdout:
        seen.append(line)
        if marker in line or time.monotonic() > deadline:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert any(marker in line for line in seen), f"never saw {marker!r}:\n{''.join(seen)[-3000:]}"
    return "".join(seen)


def _new_document(raw: Path) -> None:
    text = (RAW / "000_ababedf1869e2353.txt").read_text(encoding="utf-8")
    (raw / "zz_fuan.txt").write_text(text.replace("宁德市医疗保障局", "福安市医疗保障局"), encoding="utf-8")


def _env(base: Path) -> dict[str, str]:
    return {"BDW_RAW_DIR": str(base / "raw"), "BDW_STAGED_DIR": str(base / "staged"),
            "BDW_WAREHOUSE": str(base / "warehouse.duckdb")}


def test_kill_minus_nine_leaves_before_or_after_and_the_rerun_completes(tmp_path):
    clean, crashed = tmp_path / "clean", tmp_path / "crashed"
    for base in (clean, crashed):
        shutil.copytree(RAW, base / "raw")
    _new_document(clean / "raw")
    assert run_bdw(_env(clean), "run").returncode == 0
    expected = _counts(clean / "warehouse.duckdb")
    assert expected["dim_document"] == 6

    env = _env(crashed)
    assert run_bdw(env, "run").returncode == 0
    before = _counts(crashed / "warehouse.duckdb")
    assert before["dim_document"] == 5
    _new_document(crashed / "raw")

    _kill_when(env, "extract [3/6]")                   # mid-extraction (3 of 6 files): batch unfinished
    assert _counts(crashed / "warehouse.duckdb") == before
    _kill_when(env, "dbt built marts__dim_document")  # mid dbt build, before publishing
    assert _counts(crashed / "warehouse.duckdb") == before
    _kill_when(env, "published warehouse")            # after publishing, before the checks
    assert _counts(crashed / "warehouse.duckdb") == expected

    rerun = run_bdw(env, "run")
    assert rerun.returncode == 0, rerun.stdout[-3000:]
    assert _counts(crashed / "warehouse.duckdb") == expected


def test_readers_never_see_a_half_built_warehouse_and_never_break_the_run(pipeline_run):
    env, warehouse = pipeline_run["env"], pipeline_run["warehouse"]
    expected = _counts(warehouse)
    seen, errors, stop = [], [], threading.Event()

    def read_continuously():
        while not stop.is_set():
            try:
                seen.append(_counts(warehouse))
            except duckdb.Error as exc:  # noqa: PERF203 - any failure is what the test looks for
                errors.append(repr(exc))

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        result = run_bdw(env, "run")
    finally:
        stop.set()
        reader.join()
    assert result.returncode == 0, result.stdout[-3000:]
    assert errors == []
    assert len(seen) > 10 and all(counts == expected for counts in seen)
