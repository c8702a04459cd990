"""One writer whatever starts the run: the CLI, a Dagster job (UI, schedule) and the sensor share the lock."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from bdw.defs.automation import raw_files_sensor
from bdw.defs.resources import BdwResource
from bdw.settings import Settings
from bdw.warehouse.lock import is_locked, lock_path
from tests.conftest import RAW, query, run_bdw

pytestmark = pytest.mark.e2e

DAGSTER = Path(sys.executable).parent / "dagster"


def _settings(env: dict[str, str]) -> Settings:
    return Settings.from_env(env)


def _sensor(settings: Settings, cursor: str | None = None):
    return raw_files_sensor(dg.build_sensor_context(cursor=cursor), bdw=BdwResource.from_settings(settings))


def test_the_sensor_starts_no_run_for_files_the_warehouse_holds(pipeline_run, tmp_path):
    settings = _settings(pipeline_run["env"])
    raw = tmp_path / "raw"
    shutil.copytree(settings.raw_dir, raw, symlinks=True)
    same_files = settings.with_paths(raw_dir=raw)
    first = _sensor(same_files)
    assert isinstance(first, dg.SkipReason) and "already in the warehouse" in first.skip_message
    (raw / "samples" / "000_ababedf1869e2353.txt").write_text(
        (RAW / "000_ababedf1869e2353.txt").read_text(encoding="utf-8").replace("宁德市", "福安市"), encoding="utf-8")
    assert isinstance(_sensor(same_files), dg.RunRequest)


def test_the_sensor_waits_while_another_run_writes(pipeline_run):
    settings = _settings(pipeline_run["env"])
    with open(lock_path(settings.warehouse), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        skipped = _sensor(settings)
    assert isinstance(skipped, dg.SkipReason) and "another bdw run is writing" in skipped.skip_message
    assert isinstance(_sensor(settings), dg.SkipReason | dg.RunRequest)


def _env(base: Path) -> dict[str, str]:
    shutil.copytree(RAW, base / "raw")
    return {"BDW_RAW_DIR": str(base / "raw"), "BDW_STAGED_DIR": str(base / "staged"),
            "BDW_WAREHOUSE": str(base / "wh" / "warehouse.duckdb"), "BDW_REPORT_DIR": str(base / "report")}


def _dagster_job(env: dict[str, str]) -> subprocess.Popen:
    """The job a Dagster UI or schedule launches: bdw_all of the code location, in its own process."""
    return subprocess.Popen([str(DAGSTER), "job", "execute", "-m", "bdw.definitions", "-j", "bdw_all"],
                            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_a_dagster_job_and_a_cli_run_never_write_at_once(tmp_path):
    env = _env(tmp_path)
    warehouse = Path(env["BDW_WAREHOUSE"])
    job = _dagster_job(env)
    deadline = time.monotonic() + 240
    while not is_locked(warehouse) and job.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert is_locked(warehouse), "the Dagster job holds the writer lock while it runs"
    racing = run_bdw(env, "run", timeout=120)
    assert racing.returncode == 3, racing.stdout + racing.stderr
    assert "another bdw run is writing" in racing.stdout
    output = job.communicate(timeout=600)[0]
    assert job.returncode == 0, output[-3000:]
    assert query(warehouse, "select count(*) from marts.dim_document") == [(5,)]
    assert not is_locked(warehouse)


def test_a_dagster_job_refuses_while_the_cli_writes(tmp_path):
    env = _env(tmp_path)
    warehouse = Path(env["BDW_WAREHOUSE"])
    warehouse.parent.mkdir()
    with open(lock_path(warehouse), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        job = _dagster_job(env)
        output = job.communicate(timeout=600)[0]
    assert job.returncode != 0
    assert "another bdw run is writing" in output
    assert not warehouse.exists(), "nothing was built or published"
