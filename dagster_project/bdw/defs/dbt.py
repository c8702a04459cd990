"""dbt models as Dagster assets (dagster-dbt), built into a working file and published atomically.

DuckDB allows one writer; dbt is the only one. It builds ``.warehouse.build/warehouse.duckdb``
and the finished file replaces ``BDW_WAREHOUSE`` by ``os.replace``, so analysts reading the
published file never see a half-built state.
"""


import hashlib
import logging
import os
import shutil
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from ..config import DBT_PROJECT_DIR, settings

log = logging.getLogger("bdw")


def _dbt_sources_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(DBT_PROJECT_DIR.rglob("*")):
        # .csv: seeds (the rule catalogue) are nodes of the manifest too
        if path.is_file() and path.suffix in (".sql", ".yml", ".yaml", ".csv") and "target" not in path.parts:
            digest.update(path.relative_to(DBT_PROJECT_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _dbt_on_path() -> None:
    """dbt is installed next to this Python; make it findable when the venv is not activated."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


@cache
def dbt_project() -> DbtProject:
    """The dbt project with a manifest prepared once: parsed only when missing or when the dbt files changed.

    Under ``dagster dev`` dagster-dbt re-parses on every load (``prepare_if_dev``).
    """
    _dbt_on_path()
    # dbt records the env vars it parsed with; parsing with the run's values keeps partial parsing valid.
    os.environ.update(settings().dbt_env())
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    project.prepare_if_dev()
    stamp = project.manifest_path.with_name("bdw_manifest.fingerprint")
    fingerprint = _dbt_sources_fingerprint()
    if not project.manifest_path.exists() or not stamp.exists() or stamp.read_text() != fingerprint:
        log.info("preparing the dbt manifest (dbt parse)")
        project.preparer.prepare(project)
        stamp.write_text(fingerprint)
    return project


class BdwTranslator(DagsterDbtTranslator):
    """Models are keyed ``<schema>/<model>`` (``marts/dim_document``); sources stay ``staged/<table>``."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            schema = dbt_resource_props["config"].get("schema") or "main"
            return dg.AssetKey([schema, dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["config"].get("schema") or "dbt"


def _prepare_build_file(full_build: bool) -> None:
    cfg = settings()
    build = cfg.build_warehouse
    build.parent.mkdir(parents=True, exist_ok=True)
    for stale in (build, build.with_name(build.name + ".wal")):
        stale.unlink(missing_ok=True)
    if not full_build and cfg.warehouse.exists():
        # A subset of models: start from the published warehouse so the others are kept.
        shutil.copy2(cfg.warehouse, build)
    os.environ.update(cfg.dbt_env())


def publish_build() -> None:
    """Replace the published warehouse with the finished build, atomically."""
    cfg = settings()
    build = cfg.build_warehouse
    if not build.exists():
        raise dg.Failure(f"dbt finished but produced no warehouse at {build}")
    cfg.warehouse.parent.mkdir(parents=True, exist_ok=True)
    os.replace(build, cfg.warehouse)
    log.info("published warehouse %s", cfg.warehouse)


def build_dbt_assets():
    project = dbt_project()

    @dbt_assets(manifest=project.manifest_path, project=project, dagster_dbt_translator=BdwTranslator())
    def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
        """dbt build (models and their tests) into the build file, then publish it."""
        full_build = not context.is_subset
        _prepare_build_file(full_build)
        log.info("dbt build (%s) into %s", "all models" if full_build else "selected models",
                 settings().build_warehouse)
        invocation = dbt.cli(["build"], context=context, raise_on_error=False)
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
            raise dg.Failure(
                "dbt could not build every model; the published warehouse was left as it was: "
                + "; ".join(broken)
            )
        publish_build()

    return warehouse_models


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project())
