"""When the pipeline runs: every day, and whenever files under the raw folder appear or change."""

import hashlib
import os
from pathlib import Path

import dagster as dg

from .resources import BdwResource

all_assets_job = dg.define_asset_job(
    "bdw_all",
    selection=dg.AssetSelection.all(),
    description="Extract → stage → dbt build → publish → quality checks, for every document.",
)

daily_schedule = dg.ScheduleDefinition(
    name="bdw_daily",
    job=all_assets_job,
    cron_schedule="0 2 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


def raw_fingerprint(raw: Path) -> str:
    """A hash of (path, size, mtime) of every file under ``raw``: changes when any file does."""
    digest = hashlib.sha256()
    if raw.is_dir():
        for directory, subdirs, names in os.walk(raw):
            subdirs.sort()
            for name in sorted(names):
                path = os.path.join(directory, name)
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                digest.update(f"{os.path.relpath(path, raw)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(
    name="bdw_raw_files",
    job=all_assets_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts a run when files under BDW_RAW_DIR appear, change or disappear.",
)
def raw_files_sensor(context: dg.SensorEvaluationContext, bdw: BdwResource):
    fingerprint = raw_fingerprint(bdw.settings().raw_dir)
    if fingerprint == context.cursor:
        return dg.SkipReason("no change under the raw folder")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)
