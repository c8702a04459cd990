"""dbt, the only writer of the warehouse: the project and the one way bdw calls it.

Every call goes through dagster-dbt's :class:`DbtCliResource` (the Dagster asset, the manifest,
``bdw docs``), with the paths as ``--vars`` from :class:`~bdw.settings.Settings`; the executable is
``bdw-dbt``, which dies with its parent. Only ``bdw check``'s compile (:mod:`.compiled`) runs dbt
without dagster-dbt, to stay clear of Dagster. Where dbt builds and how the build is published:
:mod:`.build`.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import shutil
import tempfile
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from ..errors import WarehouseUnusable
from ..settings import DBT_PROJECT_DIR, Settings
from .connection import connect
from .project import DBT_EXECUTABLE, project_fingerprint

log = logging.getLogger("bdw")

# `bdw docs` builds into its own folder: the manifest Dagster reads in dbt/target is never rewritten.
DOCS_DIR = DBT_PROJECT_DIR / "target" / "docs"


def vars_args(settings: Settings, database: Path | None = None) -> list[str]:
    """``--vars`` for a dbt command on these settings (``database``: the DuckDB file to write)."""
    return ["--vars", json.dumps(settings.dbt_vars(database), sort_keys=True)]


def dbt_cli() -> DbtCliResource:
    """The dbt command bdw runs, on the bdw project."""
    return DbtCliResource(project_dir=str(DBT_PROJECT_DIR), profiles_dir=str(DBT_PROJECT_DIR),
                          dbt_executable=str(DBT_EXECUTABLE), global_config_flags=["--no-use-colors"])


def dbt_project(settings: Settings) -> DbtProject:
    """The dbt project with its manifest, parsed only when missing or when the dbt files changed."""
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    stamp = project.manifest_path.with_name("bdw_manifest.fingerprint")
    fingerprint = project_fingerprint()
    if not project.manifest_path.exists() or not stamp.exists() or stamp.read_text() != fingerprint:
        log.info("preparing the dbt manifest (dbt parse)")
        with contextlib.redirect_stdout(io.StringIO()):
            dbt_cli().cli(["parse", "--quiet", *vars_args(settings)], target_path=project.target_path).wait()
        stamp.write_text(fingerprint)
    return project


def generate_docs(settings: Settings) -> Path:
    """``dbt docs generate`` against a copy of the published warehouse, which is never written."""
    connect(settings.warehouse).close()  # missing or locked: say so before copying
    with tempfile.TemporaryDirectory(prefix="bdw-docs-") as tmp:
        copy = Path(tmp) / settings.warehouse.name  # same file name: same catalog name as the published file
        shutil.copy2(settings.warehouse, copy)
        with contextlib.redirect_stdout(io.StringIO()):  # dagster-dbt echoes every dbt event to stdout
            invocation = dbt_cli().cli(["docs", "generate", "--static", *vars_args(settings, copy)],
                                       target_path=DOCS_DIR, raise_on_error=False)
            errors = [event.raw_event["info"]["msg"] for event in invocation.stream_raw_events()
                      if event.raw_event["info"]["level"] == "error"]
        if not invocation.is_successful():
            raise WarehouseUnusable(f"dbt docs generate failed: {(errors or ['no output'])[-1]}")
    return DOCS_DIR / "index.html"
