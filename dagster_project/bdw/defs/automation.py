"""When the pipeline runs: every day, and whenever files under the raw folder appear or change."""

import dagster as dg

from ..stage.raw import raw_fingerprint
from ..stage.run import differs_from
from ..warehouse.build import last_logged_files
from ..warehouse.lock import is_locked
from .resources import BdwResource

# One process for the whole run, whoever starts it: no process start per step, and one hold of the
# writer lock (resources are set up once per run in one process).
all_assets_job = dg.define_asset_job(
    "bdw_all",
    selection=dg.AssetSelection.all(),
    description="Extract → stage → dbt build → publish → quality checks, for every document.",
    executor_def=dg.in_process_executor,
)

daily_schedule = dg.ScheduleDefinition(
    name="bdw_daily",
    job=all_assets_job,
    cron_schedule="0 2 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


@dg.sensor(
    name="bdw_raw_files",
    job=all_assets_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts a run when files under BDW_RAW_DIR appear, change or disappear (never for files "
                "the warehouse already holds, never while another run is writing).",
)
def raw_files_sensor(context: dg.SensorEvaluationContext, bdw: BdwResource):
    settings = bdw.settings()
    if is_locked(settings.warehouse):
        return dg.SkipReason(f"another bdw run is writing {settings.warehouse}: looking again at the next tick")
    fingerprint = raw_fingerprint(settings.raw_dir)
    if fingerprint == context.cursor:
        return dg.SkipReason("no change under the raw folder")
    if context.cursor is None and not differs_from(settings.raw_dir, last_logged_files(settings.warehouse)):
        context.update_cursor(fingerprint)
        return dg.SkipReason("every file under the raw folder is already in the warehouse")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)
