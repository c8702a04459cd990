"""The run-level measures of the benchmark: start-up floor, nothing changed, a new document, the sensor.

Each is the real command in a subprocess (``bdw run``, ``dagster dev``), timed from outside.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "raw"
STACK = "import dagster, dbt.cli.main, great_expectations, duckdb"


def startup_floor(repeats: int = 3) -> dict:
    """Importing the stack in a fresh interpreter: what any run of it costs before doing anything."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", STACK], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return {"seconds": round(statistics.median(times), 2), "all": [round(t, 2) for t in times]}


def env_for(base: Path, raw: Path) -> dict[str, str]:
    return {"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(base / "staged"),
            "BDW_WAREHOUSE": str(base / "warehouse.duckdb"), "BDW_REPORT_DIR": str(base / "report")}


def copy_samples(raw: Path) -> list[Path]:
    raw.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(path, raw / path.name)) for path in sorted(SAMPLES.iterdir()) if path.is_file()]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sensor_run(work: Path, timeout: float = 900) -> dict:
    """A run the sensor starts in ``dagster dev`` when the five samples land in an empty raw folder.

    The run's own duration (launch to end, as Dagster records it) is what compares with
    ``bdw run`` on the same files: the sensor's polling interval before it is not counted.
    """
    import dagster as dg

    raw, home = work / "raw", work / "dagster_home"
    raw.mkdir(parents=True)
    home.mkdir()
    env = {**os.environ, **env_for(work, raw), "DAGSTER_HOME": str(home)}
    ui = subprocess.Popen([str(BIN / "bdw"), "ui", "--port", str(_free_port())], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        time.sleep(5)
        copy_samples(raw)
        instance = dg.DagsterInstance.from_config(str(home))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            runs = instance.get_runs(filters=dg.RunsFilter(job_name="bdw_all"))
            finished = [run for run in runs if run.is_finished]
            if finished:
                run = finished[0]
                stats = instance.get_run_stats(run.run_id)
                return {"status": run.status.value, "sensor": run.tags.get("dagster/sensor_name"),
                        "seconds": round(stats.end_time - (stats.launch_time or stats.start_time), 2)}
            time.sleep(1)
        raise SystemExit(f"no sensor run finished within {timeout} s")
    finally:
        os.killpg(ui.pid, signal.SIGTERM)
        try:
            ui.wait(timeout=60)
        except subprocess.TimeoutExpired:  # started where SIGINT is ignored (nohup …&), dagster dev ignores SIGTERM
            os.killpg(ui.pid, signal.SIGKILL)
            ui.wait()
