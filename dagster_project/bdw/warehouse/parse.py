"""A warehouse's first dbt parse, started early in a process of its own, and the ``--vars`` of every dbt command.

Without dagster-dbt, Dagster or dbt imported (the standard library and the settings only), so that
``bdw run`` starts the parse before it imports them: the parse (about 4 s) then runs beside the
start of the run and extraction instead of after them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from ..settings import DBT_PROJECT_DIR, Settings
from .project import DBT_EXECUTABLE


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
    build of every warehouse parses from nothing. Started by ``bdw run`` before it imports Dagster
    and dbt (and by the extraction asset, for runs launched from Dagster), the parse runs beside
    them and extraction; :func:`await_parse` installs its result for the build. Does nothing when a parse is
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
