"""dbt models as Dagster assets (dagster-dbt): ``dbt build`` into the build file, then publish it."""

import logging
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ..errors import WarehouseUnusable
from ..warehouse.dbt import prepare_build_file, publish_build, vars_args
from .resources import BdwResource

log = logging.getLogger("bdw")


class BdwTranslator(DagsterDbtTranslator):
    """Models are keyed ``<schema>/<model>`` (``marts/dim_document``); sources stay ``staged/<table>``."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            schema = dbt_resource_props["config"].get("schema") or "main"
            return dg.AssetKey([schema, dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["config"].get("schema") or "dbt"


def build_dbt_assets(project: DbtProject):
    @dbt_assets(manifest=project.manifest_path, project=project, dagster_dbt_translator=BdwTranslator())
    def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, bdw: BdwResource):
        """dbt build (models and their tests) into the build file, then publish it."""
        settings = bdw.settings()
        build = prepare_build_file(settings, full_build=not context.is_subset)
        log.info("dbt build (%s) into %s", "selected models" if context.is_subset else "all models", build)
        invocation = dbt.cli(["build", *vars_args(settings)], context=context, raise_on_error=False)
        for event in invocation.stream():
            if isinstance(event, dg.Output):
                log.info("dbt built %s", event.output_name)
            yield event
        broken = [
            f"{r['unique_id']}: {r['status']} ({(r.get('message') or '').strip()[:200]})"
            for r in invocation.get_artifact("run_results.json")["results"]
            if r["unique_id"].startswith("model.") and r["status"] not in ("success",)
        ]
        if broken:
            raise dg.Failure("dbt could not build every model; the published warehouse was left as it was: "
                             + "; ".join(broken))
        try:
            publish_build(settings)
        except WarehouseUnusable as error:
            raise dg.Failure(str(error)) from None

    return warehouse_models
