"""The dbt project as files: where dbt is installed and a fingerprint of the models, seeds and macros.

Shared by the two ways bdw prepares the project (:mod:`.dbt` parses it for Dagster,
:mod:`.compiled` compiles it for ``bdw check``) without importing dbt or Dagster: a prepared
manifest is reused as long as the fingerprint of the files it was made from is unchanged.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from ..settings import DBT_PROJECT_DIR

_BIN = Path(sys.executable).parent  # dbt is installed next to this Python, found without an activated venv
# `bdw-dbt` is dbt killed together with the process that starts it (bdw.warehouse.dbt_child);
# an install made before that entry point existed has only `dbt` (reinstall: pip install -e .)
DBT_EXECUTABLE = _BIN / "bdw-dbt" if (_BIN / "bdw-dbt").exists() else _BIN / "dbt"
PROJECT_SUFFIXES = (".sql", ".yml", ".yaml", ".csv")  # .csv: seeds (the rule catalogue) are nodes too


def project_fingerprint(project_dir: Path = DBT_PROJECT_DIR) -> str:
    """A hash of the dbt project's models, macros, seeds and settings: every file a manifest is made from."""
    digest = hashlib.sha256()
    for path in sorted(project_dir.rglob("*")):
        relative = path.relative_to(project_dir)
        if (path.is_file() and path.suffix in PROJECT_SUFFIXES and "target" not in relative.parts
                and not path.name.startswith(".")):  # dbt's own .user.yml is no part of the project
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
