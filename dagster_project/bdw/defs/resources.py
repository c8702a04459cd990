"""bdw's settings as a Dagster resource, so assets, checks and the sensor get them by parameter."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

import dagster as dg

from ..settings import Settings, location
from ..warehouse.lock import writer_lock

_PATHS = ("raw_dir", "staged_dir", "warehouse", "report_dir")


class BdwResource(dg.ConfigurableResource):
    """Where bdw's files are and how it runs: a :class:`~bdw.settings.Settings` as Dagster config."""

    raw_dir: str
    staged_dir: str
    warehouse: str
    report_dir: str
    max_file_bytes: int
    file_timeout_s: float
    file_memory_mb: int
    workers: int
    gx_keep_runs: int
    duckdb_memory_limit: str
    cluster: str | None = None  # a Dask scheduler's address: extraction runs on its workers

    @classmethod
    def from_settings(cls, settings: Settings) -> BdwResource:
        names = cls.model_fields.keys()
        values = {f.name: getattr(settings, f.name) for f in fields(settings) if f.name in names}
        return cls(**{name: str(value) if name in _PATHS else value for name, value in values.items()})

    def settings(self) -> Settings:
        values = {name: getattr(self, name) for name in type(self).model_fields}
        return Settings(**{k: location(v) if k in _PATHS else v for k, v in values.items()})


class WriterLockResource(dg.ConfigurableResource):
    """The warehouse's writer lock, held from the start of a run to its end, whoever started it.

    Dagster sets a resource up once per run when the run executes in one process (the job's
    executor), so the assets that write (extraction, dbt, the report) share one hold of the lock.
    A run that finds it held fails at once, naming the other writer.
    """

    warehouse: str

    @contextmanager
    def yield_for_execution(self, context):
        with writer_lock(Path(self.warehouse)):
            yield self
