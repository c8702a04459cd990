"""dbt, the only writer of the warehouse: the project and the one way bdw calls it.

Every call goes through dagster-dbt's :class:`DbtCliResource` (the Dagster asset, the manifest,
``bdw docs``), with the paths as ``--vars`` from :class:`~bdw.settings.Settings`; the executable is
``bdw-dbt``, which dies with its parent. Only ``bdw check``'s compile (:mod:`.compiled`) and the
early parse (:mod:`.parse`) run dbt without dagster-dbt. Where dbt builds and how the build
is published: :mod:`.build`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import tempfile
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from ..errors import WarehouseUnusable
from ..settings import DBT_PROJECT_DIR, Settings
from .connection import connect
from .parse import vars_args
from .project import DBT_EXECUTABLE, project_fingerprint

log = logging.getLogger("bdw")

# `bdw docs` builds into its own folder: the manifest Dagster reads in dbt/target is never rewritten.
DOCS_DIR = DBT_PROJECT_DIR / "target" / "docs"


class BdwDbtCli(DbtCliResource):
    """dagster-dbt's dbt command, without the dbt adapter it opens in this process before each command.

    dagster-dbt loads dbt's adapter and macros in-process (about 0.8 s) so that its ``fetch_row_counts``
    and ``fetch_column_metadata`` can query the warehouse; bdw uses neither, and dagster-dbt runs the
    command without the adapter when there is none.
    """

    def _initialize_dbt_core_adapter(self, args):  # noqa: ARG002 (dagster-dbt's signature)
        return None


def dbt_cli() -> DbtCliResource:
    """The dbt command bdw runs, on the bdw project."""
    return BdwDbtCli(project_dir=str(DBT_PROJECT_DIR), profiles_dir=str(DBT_PROJECT_DIR),
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
