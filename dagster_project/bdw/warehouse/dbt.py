"""dbt, the only writer of the warehouse: the project and the one way bdw calls it.

Every call goes through dagster-dbt's :class:`DbtCliResource` (the Dagster asset, the manifest,
``bdw docs``), with the paths as ``--vars`` from :class:`~bdw.settings.Settings`; the executable is
``bdw-dbt``, which dies with its parent. Only ``bdw check``'s compile (:mod:`.compiled`) and the
early parse (:func:`start_parse`) run dbt without dagster-dbt. Where dbt builds and how the build
is published: :mod:`.build`.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shutil
import subprocess
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


PARTIAL_PARSE = "partial_parse.msgpack"
_PARSES: dict[Path, subprocess.Popen] = {}  # build folder → its early dbt parse, while it runs


def build_target(settings: Settings) -> Path:
    """The target folder of a warehouse's dbt builds: its partial parse is kept there from run to run."""
    return settings.build_dir / "dbt-target"


def start_parse(settings: Settings) -> None:
    """Parse the dbt project for this warehouse in the background, when its builds have no partial parse yet.

    dbt re-parses the whole project (about 4 s) whenever ``--vars`` or the profile differ from
    those of the partial parse it finds, and they name the warehouse's own files; so the first
    build of every warehouse parses from nothing. Started before extraction, the parse runs beside
    it; :func:`await_parse` installs its result for the build. Does nothing when a parse is
    already there or running.
    """
    if (build_target(settings) / PARTIAL_PARSE).exists() or settings.build_dir in _PARSES:
        return
    scratch = settings.build_dir / "dbt-parse"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    command = [str(DBT_EXECUTABLE), "--no-use-colors", "--quiet", "parse", "--profiles-dir", str(DBT_PROJECT_DIR),
               "--target-path", str(scratch), "--log-path", str(scratch), *vars_args(settings)]
    _PARSES[settings.build_dir] = subprocess.Popen(command, cwd=DBT_PROJECT_DIR, stdin=subprocess.DEVNULL,
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def await_parse(settings: Settings) -> None:
    """Wait for this process's early parse of the warehouse, if any, and install it where builds look for it.

    A failed parse installs nothing: the build then parses by itself, and says why.
    """
    process = _PARSES.pop(settings.build_dir, None)
    if process is None:
        return
    scratch = settings.build_dir / "dbt-parse"
    target = build_target(settings)
    if process.wait() == 0 and (scratch / PARTIAL_PARSE).exists() and not (target / PARTIAL_PARSE).exists():
        target.mkdir(parents=True, exist_ok=True)
        os.replace(scratch / PARTIAL_PARSE, target / PARTIAL_PARSE)
    shutil.rmtree(scratch, ignore_errors=True)


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
