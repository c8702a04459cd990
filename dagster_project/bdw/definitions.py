"""The Dagster code location: ``dagster dev`` (``[tool.dagster]`` in pyproject) and ``bdw run`` load this."""

from __future__ import annotations

import dagster as dg

from .defs.automation import all_assets_job, daily_schedule, raw_files_sensor
from .defs.checks import gx_checks
from .defs.dbt import build_dbt_assets, dbt_resource
from .defs.report import quality_report
from .defs.staged import extract_documents


def build_definitions() -> dg.Definitions:
    return dg.Definitions(
        assets=[extract_documents, build_dbt_assets(), quality_report],
        asset_checks=gx_checks(),
        jobs=[all_assets_job],
        schedules=[daily_schedule],
        sensors=[raw_files_sensor],
        resources={"dbt": dbt_resource()},
    )


defs = build_definitions()
