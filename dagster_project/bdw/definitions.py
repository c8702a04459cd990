"""The Dagster code location: ``dagster dev -m bdw.definitions`` (``bdw ui``) and ``bdw run`` load it.

:func:`build_definitions` wires the assets, checks, schedule and sensor to the resources built
from one :class:`~bdw.settings.Settings`; ``defs`` builds them from the environment, lazily, when
Dagster loads the code location.
"""

from __future__ import annotations

import dagster as dg

from .defs.automation import all_assets_job, daily_schedule, raw_files_sensor
from .defs.checks import gx_checks
from .defs.dbt import build_dbt_assets
from .defs.report import quality_report
from .defs.resources import BdwResource, WriterLockResource
from .defs.staged import extract_documents
from .settings import Settings
from .warehouse.dbt import dbt_cli, dbt_project


def build_definitions(settings: Settings) -> dg.Definitions:
    return dg.Definitions(
        assets=[extract_documents, build_dbt_assets(dbt_project(settings)), quality_report],
        asset_checks=gx_checks(),
        jobs=[all_assets_job],
        schedules=[daily_schedule],
        sensors=[raw_files_sensor],
        resources={"dbt": dbt_cli(), "bdw": BdwResource.from_settings(settings),
                   "writer": WriterLockResource(warehouse=str(settings.warehouse))},
    )


@dg.definitions
def defs() -> dg.Definitions:
    return build_definitions(Settings.from_env())
