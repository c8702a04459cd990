"""A run's build of the warehouse: its own file, what it was built from, and publishing it.

Every run builds into its own file, ``.warehouse.build/<run_id>/warehouse.duckdb`` (the same file
name as the published warehouse: DuckDB names the catalog after the file, and views refer to
it). dbt always writes through ``.warehouse.build/building/``, a link to the running build's
folder, so dbt's profile — and with it dbt's partial parsing — stays the same from run to run.
The finished file replaces ``BDW_WAREHOUSE`` by ``os.replace``: readers never see a half-built
warehouse. Callers hold the writer lock (:mod:`.lock`) for the whole build.

A build records the fingerprint of its inputs (the staged batches, the documents present, the
dbt project) in ``bdw_meta.build`` and the documents it holds in ``bdw_meta.built_documents``.
A run whose inputs have the same fingerprint as the published warehouse's has nothing to
rebuild: :func:`append_ingest_log` adds the run's ``ingest_log`` rows to a copy of the published
warehouse and publishes that. Otherwise a run builds incrementally on a copy of the published
warehouse (the marts re-read only the documents it does not hold: dbt's
``int_document_change``), or from nothing when the dbt project changed or a full refresh is asked.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..errors import WarehouseUnusable
from ..settings import Location, Settings
from ..stage.layout import PARTITIONED, dataset_files, ingest_log_path

log = logging.getLogger("bdw")

META = "bdw_meta"
LINK = "building"


def run_file(settings: Settings, run_id: str) -> Path:
    return settings.build_dir / run_id / settings.warehouse.name


def start_build(settings: Settings, run_id: str, from_published: bool) -> Path:
    """The run's own build file: empty, or a copy of the published warehouse (``from_published``).

    Folders left by runs that were killed are removed; the ``building`` link points at this run's.
    """
    settings.build_dir.mkdir(parents=True, exist_ok=True)
    for stale in settings.build_dir.iterdir():
        if stale.is_dir() and not stale.is_symlink() and stale.name not in (run_id, "logs", "dbt-target", "dbt-parse"):
            shutil.rmtree(stale, ignore_errors=True)
    target = run_file(settings, run_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    if from_published and settings.warehouse.exists():
        shutil.copyfile(settings.warehouse, target)
    link = settings.build_dir / LINK
    temporary = settings.build_dir / f".{LINK}.{run_id}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(run_id, target_is_directory=True)
    os.replace(temporary, link)
    return target


def finish_build(settings: Settings, run_id: str, fingerprint: str, dbt_fingerprint: str) -> Path:
    """Stamp the run's build and publish it by atomic rename.

    The stamp: the fingerprint of its inputs and of the dbt project, and the documents it holds
    (``bdw_meta.built_documents``: what the next incremental build compares with).
    """
    build = run_file(settings, run_id)
    if not build.exists():
        raise WarehouseUnusable(f"dbt finished but produced no warehouse at {build}")
    with duckdb.connect(str(build)) as con:
        con.execute(f"create schema if not exists {META}")
        con.execute(f"create or replace table {META}.build as select ? as inputs_fingerprint, ? as dbt_fingerprint, "
                    "? as run_id, now() as built_at", [fingerprint, dbt_fingerprint, run_id])
        con.execute(f"create or replace table {META}.built_documents as "
                    "select document_id, batch_id from intermediate.int_current_document")
    settings.warehouse.parent.mkdir(parents=True, exist_ok=True)
    os.replace(build, settings.warehouse)
    shutil.rmtree(build.parent, ignore_errors=True)
    (settings.build_dir / LINK).unlink(missing_ok=True)
    log.debug("published warehouse %s", settings.warehouse)
    return settings.warehouse


@dataclass(frozen=True)
class PublishedBuild:
    inputs_fingerprint: str
    dbt_fingerprint: str
    run_id: str


def published_build(warehouse: Path) -> PublishedBuild | None:
    """The stamp of the published warehouse's build, or None (none yet, or built before stamps)."""
    if not warehouse.exists():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            row = con.execute(f"select inputs_fingerprint, dbt_fingerprint, run_id from {META}.build").fetchone()
    except duckdb.Error:  # built before builds were stamped, or unreadable: build again
        return None
    return PublishedBuild(*row) if row else None


def _staged_batches(staged_dir: Location) -> Iterable[str]:
    """Every staged Parquet file but the ingest logs, with its size: batches are written once, never changed
    (a duplicate's rows removed from a batch's file change its size)."""
    for dataset in PARTITIONED:
        for path in dataset_files(staged_dir, dataset):
            yield f"{path.relative_to(staged_dir).as_posix()}\0{path.stat().st_size}"


def _register_ingest_log(con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str) -> None:
    """The run's ``ingest_log`` rows as the relation ``ingest`` of ``con`` (read where the staged folder is)."""
    path = ingest_log_path(settings.staged_dir, run_id)
    if not isinstance(path, Path):  # a staged folder on an fsspec filesystem: DuckDB reads it through that
        con.register_filesystem(path.fs)
    con.read_parquet(str(path)).create_view("ingest")


def inputs_fingerprint(settings: Settings, run_id: str, dbt_fingerprint: str) -> str:
    """What a build of this run would be built from: staged batches, documents present, dbt project."""
    digest = hashlib.sha256(dbt_fingerprint.encode())
    for entry in _staged_batches(settings.staged_dir):
        digest.update(entry.encode() + b"\n")
    with duckdb.connect() as con:
        _register_ingest_log(con, settings, run_id)
        present = con.execute("select source_file, document_id from ingest where status in ('loaded', 'unchanged') "
                              "order by all").fetchall()
    for source_file, document_id in present:
        digest.update(f"{source_file}\0{document_id}\n".encode())
    return digest.hexdigest()


def append_ingest_log(settings: Settings, run_id: str, published: PublishedBuild) -> Path:
    """Publish the published warehouse with this run's ``ingest_log`` rows added, nothing rebuilt."""
    build = start_build(settings, run_id, from_published=True)
    with duckdb.connect(str(build)) as con:
        _register_ingest_log(con, settings, run_id)
        con.execute("insert into marts.ingest_log select run_id, source_file, sha256, document_id, status, reason, "
                    "logged_at from ingest")
    return finish_build(settings, run_id, published.inputs_fingerprint, published.dbt_fingerprint)


def last_logged_files(warehouse: Path) -> dict[str, str | None]:
    """``source_file`` → ``sha256`` of every file the published warehouse's latest run logged."""
    if not warehouse.exists():
        return {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(con.execute("select source_file, sha256 from marts.ingest_log where run_id = "
                                "(select arg_max(run_id, logged_at) from marts.ingest_log)").fetchall())
