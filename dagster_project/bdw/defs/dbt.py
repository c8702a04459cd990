"""dbt models as Dagster assets (dagster-dbt): ``dbt build`` into the run's build file, then publish it.

A build is incremental: it starts from a copy of the published warehouse and the marts re-read
only the documents the warehouse does not hold yet. It starts from nothing when there is no
published warehouse, when the dbt project changed since it was built, or when the run carries
the tag ``bdw/full_refresh=true`` (``bdw run --full-refresh``). When nothing the marts are built
from changed (same staged batches, same documents present, same dbt project), dbt does not run:
the run's ingest log rows are added to the published warehouse and the models are not
materialized, so their checks and the report, which depend on them, are skipped too.
"""

import logging
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ..errors import WarehouseUnusable
from ..present.findings import reported_build
from ..present.progress import Bar
from ..quality import gx
from ..warehouse.build import append_ingest_log, finish_build, inputs_fingerprint, published_build, start_build
from ..warehouse.parse import await_parse, build_target, vars_args
from ..warehouse.project import project_fingerprint
from .resources import BdwResource, WriterLockResource

log = logging.getLogger("bdw")

FULL_REFRESH_TAG = "bdw/full_refresh"  # a run with this tag "true" builds every mart from nothing


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
    def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, bdw: BdwResource,
                         writer: WriterLockResource):
        """dbt build (models and their tests) into the run's build file, then publish it."""
        settings = bdw.settings()
        dbt_fingerprint = project_fingerprint()
        fingerprint = inputs_fingerprint(settings, context.run_id, dbt_fingerprint)
        published = published_build(settings.warehouse)
        full_refresh = context.run.tags.get(FULL_REFRESH_TAG) == "true"
        complete = published and reported_build(settings.report_dir) == published.run_id  # not killed before the report
        if not (context.is_subset or full_refresh) and complete and published.inputs_fingerprint == fingerprint:
            append_ingest_log(settings, context.run_id, published)
            log.info("dbt: nothing to rebuild (same documents and models as run %s); "
                     "this run's files are added to marts.ingest_log", published.run_id[:8])
            return
        incremental = bool(published) and not full_refresh and (
            context.is_subset or published.dbt_fingerprint == dbt_fingerprint)
        build = start_build(settings, context.run_id, from_published=incremental)
        log.debug("dbt build (%s) into %s", "incremental" if incremental else "from nothing", build)
        bar = Bar("dbt", "models and tests")
        total = len(context.selected_asset_keys) + len(context.selected_asset_check_keys)
        gx.preload()  # the checks' libraries load while dbt builds
        await_parse(settings)
        invocation = dbt.cli(["build", *vars_args(settings)], context=context, raise_on_error=False,
                             target_path=build_target(settings))
        for done, event in enumerate(invocation.stream(), start=1):
            name = getattr(event, "output_name", None) or getattr(event, "check_name", None) or ""
            bar(done, total, name)
            if isinstance(event, dg.Output):
                log.debug("dbt built %s", name)
            yield event
        broken = [
            f"{r['unique_id']}: {r['status']} ({(r.get('message') or '').strip()[:200]})"
            for r in invocation.get_artifact("run_results.json")["results"]
            if r["unique_id"].startswith("model.") and r["status"] not in ("success",)
        ]
        if broken:
            raise dg.Failure("dbt could not build every model; the published warehouse was left as it was: "
                             + "; ".join(broken))
        bar.finish()
        try:
            finish_build(settings, context.run_id, fingerprint, dbt_fingerprint)
        except WarehouseUnusable as error:
            raise dg.Failure(str(error)) from None

    return warehouse_models


