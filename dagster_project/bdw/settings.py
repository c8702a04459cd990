"""Every setting bdw reads, read in one place: environment variables with defaults, then passed down.

:meth:`Settings.from_env` is the only reader of ``BDW_*`` variables. The command line overrides
paths with :meth:`Settings.with_paths`; Dagster gets them as a resource
(:class:`bdw.defs.resources.BdwResource`), dbt as ``--vars`` (:meth:`Settings.dbt_vars`), a
child process (``dagster dev``) as an environment (:meth:`Settings.environ`). No module writes
``os.environ``.

The raw and the staged folders are local paths or fsspec URLs (:func:`location`): ``file://``
is a local path; any other scheme (``s3://``, ``gs://``, ``memory://`` …) a
:class:`upath.UPath` over its fsspec filesystem, so the stages read and write them through the
pathlib interface they share. The warehouse and the report stay local files (DuckDB's file, its
lock and the atomic rename of a build need a local filesystem).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import unquote, urlsplit

from .errors import UsageError

if TYPE_CHECKING:
    from upath import UPath

REPO_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = REPO_ROOT / "dbt"
GX_ROOT = REPO_ROOT / "expectations"

# variable → (Settings field, default); paths are relative to the repository root
PATHS = {
    "BDW_RAW_DIR": ("raw_dir", "data/raw"),
    "BDW_STAGED_DIR": ("staged_dir", "data/staged"),
    "BDW_WAREHOUSE": ("warehouse", "data/warehouse.duckdb"),
    "BDW_REPORT_DIR": ("report_dir", "data/report"),
}


URL_PATHS = ("raw_dir", "staged_dir")  # the fields that may name a location on another filesystem

# A folder of files: a local path, or a UPath on an fsspec filesystem (both speak pathlib's interface).
Location: TypeAlias = "Path | UPath"


def _path(value: str | os.PathLike) -> Path:
    path = Path(value)
    return (path if path.is_absolute() else REPO_ROOT / path).resolve()


def is_url(value: str | os.PathLike) -> bool:
    """Whether ``value`` is a URL (``scheme://…``), not a path."""
    return "://" in str(value)


def location(value: str | os.PathLike) -> Location:
    """A folder named by a path (relative to the repository root) or an fsspec URL.

    ``file:///data/raw`` is the local path ``/data/raw``; another scheme gives a :class:`upath.UPath`
    (the scheme's fsspec implementation must be installed: ``s3fs`` for ``s3://``, ``gcsfs`` for ``gs://``).
    """
    if not is_url(value):
        return _path(value)
    url = urlsplit(str(value))
    if url.scheme == "file":
        return _path(unquote(url.path))
    from upath import UPath

    try:
        return UPath(str(value))
    except (ImportError, ValueError) as error:  # no fsspec implementation of this scheme is installed
        raise UsageError(f"cannot open {value}: {error}") from None


def _local(variable: str, value: str | os.PathLike) -> Path:
    if is_url(value) and urlsplit(str(value)).scheme != "file":
        raise UsageError(f"{variable}={value}: must be a local path (DuckDB writes it and renames it in place)")
    return location(value)


@dataclass(frozen=True)
class Settings:
    raw_dir: Location  # a local path or an fsspec URL
    staged_dir: Location  # a local path or an fsspec URL (shared by the driver, every worker and dbt)
    warehouse: Path
    report_dir: Path
    max_file_bytes: int = 50 * 1024 * 1024  # BDW_MAX_FILE_BYTES: larger files are rejected, not read
    file_timeout_s: float = 120.0  # BDW_FILE_TIMEOUT_S: wall time one file's extraction may take
    file_memory_mb: int = 2048  # BDW_FILE_MEMORY_MB: memory one file's extraction may take
    workers: int = os.cpu_count() or 1  # BDW_WORKERS: extraction processes
    gx_keep_runs: int = 30  # BDW_GX_KEEP_RUNS: validation results kept per suite
    duckdb_memory_limit: str = "900MB"  # BDW_DUCKDB_MEMORY_LIMIT: what dbt's DuckDB may use before spilling
    dagster_home: Path | None = None  # DAGSTER_HOME: run history; None = an ephemeral instance
    cluster: str | None = None  # BDW_CLUSTER: a Dask scheduler's address; None = extract in local processes

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        paths = {field: _path_of(field, variable, env.get(variable) or default)
                 for variable, (field, default) in PATHS.items()}
        return cls(
            **paths,
            max_file_bytes=int(env.get("BDW_MAX_FILE_BYTES") or cls.max_file_bytes),
            file_timeout_s=float(env.get("BDW_FILE_TIMEOUT_S") or cls.file_timeout_s),
            file_memory_mb=int(env.get("BDW_FILE_MEMORY_MB") or cls.file_memory_mb),
            workers=int(env.get("BDW_WORKERS") or cls.workers),
            gx_keep_runs=int(env.get("BDW_GX_KEEP_RUNS") or cls.gx_keep_runs),
            duckdb_memory_limit=env.get("BDW_DUCKDB_MEMORY_LIMIT") or cls.duckdb_memory_limit,
            dagster_home=_path(env["DAGSTER_HOME"]) if env.get("DAGSTER_HOME") else None,
            cluster=env.get("BDW_CLUSTER") or None,
        )

    def with_paths(self, **paths: str | os.PathLike | None) -> Settings:
        """These settings with the paths given (``raw_dir=…``; ``None`` keeps the current one)."""
        variables = {field: variable for variable, (field, _) in PATHS.items()}
        return replace(self, **{field: _path_of(field, variables[field], value) for field, value in paths.items()
                                if value})

    @property
    def build_dir(self) -> Path:
        """Where runs build the next warehouse (one folder per run) before publishing it."""
        return self.warehouse.parent / f".{self.warehouse.stem}.build"

    @property
    def dbt_database(self) -> Path:
        """The path dbt writes: always the same (a link to the running build's folder), so that dbt's
        profile, and with it its partial parsing, is the same from run to run."""
        return self.build_dir / "building" / self.warehouse.name

    @property
    def log_dir(self) -> Path:
        """Where ``bdw run`` writes the tools' own logs (dbt's, Dagster's), one file per run."""
        return self.build_dir / "logs"

    def dbt_vars(self, database: Path | None = None) -> dict[str, object]:
        """dbt's ``--vars``: where the staged Parquet is and which DuckDB file to build (the build file).

        A staged folder on another filesystem comes with its fsspec filesystem (``filesystems``), which
        dbt-duckdb registers with DuckDB: DuckDB then reads it without an extension of its own.
        """
        values: dict[str, object] = {
            "staged_dir": str(self.staged_dir),
            "database": str(database or self.dbt_database),
            "duckdb_memory_limit": self.duckdb_memory_limit,
        }
        if not isinstance(self.staged_dir, Path):
            values["filesystems"] = [{"fs": self.staged_dir.protocol, **self.staged_dir.storage_options}]
        return values

    def environ(self) -> dict[str, str]:
        """These settings as environment variables, for a child process that reads them back."""
        env = {variable: str(getattr(self, field)) for variable, (field, _) in PATHS.items()}
        env.update(BDW_MAX_FILE_BYTES=str(self.max_file_bytes), BDW_FILE_TIMEOUT_S=str(self.file_timeout_s),
                   BDW_FILE_MEMORY_MB=str(self.file_memory_mb), BDW_WORKERS=str(self.workers),
                   BDW_GX_KEEP_RUNS=str(self.gx_keep_runs), BDW_DUCKDB_MEMORY_LIMIT=self.duckdb_memory_limit)
        if self.dagster_home:
            env["DAGSTER_HOME"] = str(self.dagster_home)
        if self.cluster:
            env["BDW_CLUSTER"] = self.cluster
        return env


def _path_of(field: str, variable: str, value: str | os.PathLike) -> Location:
    return location(value) if field in URL_PATHS else _local(variable, value)
