"""Where things are: paths from environment variables with defaults relative to the repository root.

The same variables drive ``bdw run``, ``dagster dev``, dbt (``profiles.yml`` via ``env_var``) and
the quality suites, so every entry point sees the same files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = REPO_ROOT / "dbt"
GX_ROOT = REPO_ROOT / "expectations"


def _path(variable: str, default: str) -> Path:
    value = os.environ.get(variable) or default
    path = Path(value)
    return (path if path.is_absolute() else REPO_ROOT / path).resolve()


@dataclass(frozen=True)
class Settings:
    raw_dir: Path
    staged_dir: Path
    warehouse: Path
    report_dir: Path
    max_file_bytes: int

    @property
    def build_warehouse(self) -> Path:
        """Where dbt builds the next warehouse before it is published by an atomic rename.

        Same file name in a sibling folder, so DuckDB's catalog name (taken from the file name)
        is the same in the build and in the published file.
        """
        return self.warehouse.parent / f".{self.warehouse.stem}.build" / self.warehouse.name

    def dbt_env(self) -> dict[str, str]:
        """Environment for dbt: absolute paths, dbt writing into the build file."""
        return {
            "BDW_RAW_DIR": str(self.raw_dir),
            "BDW_STAGED_DIR": str(self.staged_dir),
            "BDW_WAREHOUSE": str(self.warehouse),
            "BDW_DBT_DATABASE": str(self.build_warehouse),
        }


def settings() -> Settings:
    """Read the settings now (not at import), so tests and callers can change the environment."""
    return Settings(
        raw_dir=_path("BDW_RAW_DIR", "data/raw"),
        staged_dir=_path("BDW_STAGED_DIR", "data/staged"),
        warehouse=_path("BDW_WAREHOUSE", "data/warehouse.duckdb"),
        report_dir=_path("BDW_REPORT_DIR", "data/report"),
        max_file_bytes=int(os.environ.get("BDW_MAX_FILE_BYTES", 50 * 1024 * 1024)),
    )
