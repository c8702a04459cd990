"""The ``bdw`` command: ``bdw run`` materializes everything in-process and prints a summary."""

from __future__ import annotations

import argparse
import fcntl
import logging
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger("bdw")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


class WarehouseLocked(Exception):
    pass


@contextmanager
def writer_lock(warehouse: Path):
    """One writer at a time: a second ``bdw run`` on the same warehouse refuses instead of corrupting it."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WarehouseLocked(
                f"another bdw run is writing {warehouse} (lock {lock_path}); wait for it to finish and run again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("bdw %(asctime)s %(message)s", datefmt="%H:%M:%S"))
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    log.propagate = False


def _apply_path_options(args: argparse.Namespace) -> None:
    for option, variable in (("raw", "BDW_RAW_DIR"), ("staged", "BDW_STAGED_DIR"), ("warehouse", "BDW_WAREHOUSE")):
        value = getattr(args, option, None)
        if value:
            os.environ[variable] = str(Path(value).resolve())


def run_pipeline(verbose: bool = False):
    """Materialize every asset and run every check in this process; return the Dagster result."""
    import dagster as dg

    from .definitions import defs

    job = defs.resolve_job_def("bdw_all")
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    return job.execute_in_process(
        instance=instance,
        raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "DEBUG" if verbose else "WARNING"}}}},
    )


def summarize(result, elapsed: float) -> list[str]:
    """The closing summary: files by status, checks failed, where the warehouse and the results are."""
    from .analyst import connect
    from .config import settings
    from .extract.pipeline import STATUSES
    from .quality.gx_runner import context as gx_context

    cfg = settings()
    lines = [f"run {result.run_id[:8]} {'succeeded' if result.success else 'FAILED'} in {elapsed:.1f} s"]
    if cfg.warehouse.exists():
        with connect(cfg.warehouse) as con:
            counts = dict(con.execute(
                "select status, count(*) from marts.ingest_log where run_id = ? group by status", [result.run_id]
            ).fetchall())
            documents = con.execute("select count(*) from marts.dim_document").fetchone()[0]
        lines.append("files: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES))
        lines.append(f"documents in the warehouse: {documents}")
        if counts.get("rejected"):
            lines.append("  rejected files and why: select source_file, reason from marts.ingest_log "
                         f"where run_id = '{result.run_id}' and status = 'rejected'")
    evaluations = result.get_asset_check_evaluations()
    failed = [e for e in evaluations if not e.passed]
    lines.append(f"quality checks: {len(evaluations) - len(failed)} passed, {len(failed)} failed")
    for evaluation in failed:
        lines.append(f"  failed: {evaluation.asset_key.to_user_string()} · {evaluation.check_name}")
    lines.append(f"warehouse: {cfg.warehouse}")
    docs = Path(gx_context().root_directory) / "uncommitted" / "data_docs" / "local_site" / "index.html"
    lines.append(f"data-quality results (GX Data Docs): {docs}")
    lines.append(f"data-quality report (HTML): {cfg.report_dir / 'index.html'}")
    return lines


def cmd_run(args: argparse.Namespace) -> int:
    from .config import settings

    _apply_path_options(args)
    cfg = settings()
    if not cfg.raw_dir.is_dir():
        log.error("raw folder %s does not exist: set BDW_RAW_DIR or pass --raw", cfg.raw_dir)
        return EXIT_USAGE
    if not any(path.is_file() or path.is_symlink() for path in cfg.raw_dir.rglob("*")):
        log.error("no documents found under %s: put .txt or .pdf files there, or set BDW_RAW_DIR", cfg.raw_dir)
        return EXIT_USAGE
    log.info("raw %s → staged %s → warehouse %s", cfg.raw_dir, cfg.staged_dir, cfg.warehouse)
    started = time.perf_counter()
    try:
        with writer_lock(cfg.warehouse):
            result = run_pipeline(verbose=args.verbose)
    except WarehouseLocked as locked:
        log.error("%s", locked)
        return EXIT_LOCKED
    for failure in result.all_node_events:
        if failure.is_step_failure:
            log.error("step %s failed: %s", failure.step_key, failure.event_specific_data.error.message.strip())
    for line in summarize(result, time.perf_counter() - started):
        log.info("%s", line)
    return EXIT_OK if result.success else EXIT_FAILED


def ui_command(host: str, port: int) -> list[str]:
    """The ``dagster dev`` command line for the bdw code location (localhost unless told otherwise)."""
    dagster = Path(sys.executable).parent / "dagster"
    return [str(dagster), "dev", "-m", "bdw.definitions", "--host", host, "--port", str(port)]


def cmd_ui(args: argparse.Namespace) -> int:
    from .config import REPO_ROOT

    _apply_path_options(args)
    os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT / ".dagster_home"))
    Path(os.environ["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    log.info("Dagster UI on http://%s:%d (DAGSTER_HOME=%s)", args.host, args.port, os.environ["DAGSTER_HOME"])
    command = ui_command(args.host, args.port)
    os.execv(command[0], command)
    return EXIT_OK  # pragma: no cover - execv does not return


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bdw", description="Budget-disclosure warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract → stage → dbt build → quality checks, for every raw document")
    run.add_argument("--raw", help="raw folder (default BDW_RAW_DIR or data/raw)")
    run.add_argument("--staged", help="staged folder (default BDW_STAGED_DIR or data/staged)")
    run.add_argument("--warehouse", help="DuckDB file (default BDW_WAREHOUSE or data/warehouse.duckdb)")
    run.add_argument("-v", "--verbose", action="store_true", help="show Dagster's own log")
    run.set_defaults(func=cmd_run)
    ui = sub.add_parser("ui", help="the Dagster UI (dagster dev) with schedule and sensor, on 127.0.0.1")
    ui.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    ui.add_argument("--port", type=int, default=3000)
    ui.add_argument("--raw", help="raw folder (default BDW_RAW_DIR or data/raw)")
    ui.add_argument("--warehouse", help="DuckDB file (default BDW_WAREHOUSE or data/warehouse.duckdb)")
    ui.set_defaults(func=cmd_ui)
    from . import analyst
    from .quality import report

    analyst.register(sub)
    report.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup_logging(getattr(args, "verbose", False))
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
