"""The ``bdw`` command: parse the arguments, call the stage that does the work, map errors to exit codes.

``bdw run`` materializes every asset in this process and prints a summary; ``bdw ui`` starts the
Dagster UI; ``sql``, ``export``, ``docs``, ``overview`` and ``report`` read the published
warehouse; ``bdw check`` judges the files it is given without a warehouse (and without importing
Dagster, dbt or Great Expectations); ``bdw prepare`` compiles the dbt manifests ahead of time. A
mistake a person can fix is one line on stderr and an exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import signal
import sys
import time
from contextlib import contextmanager, nullcontext, redirect_stderr, redirect_stdout
from datetime import datetime
from pathlib import Path

import duckdb

from .errors import BdwError, UsageError, WarehouseLocked, WarehouseMissing
from .settings import REPO_ROOT, Settings

log = logging.getLogger("bdw")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_FINDINGS = 0, 1, 2, 3, 4
LOGGED_COMMANDS = ("run", "ui", "report")  # they log their progress: an error is one more log line


def exit_code(error: Exception) -> int:
    if isinstance(error, UsageError | WarehouseMissing):
        return EXIT_USAGE
    if isinstance(error, WarehouseLocked):
        return EXIT_LOCKED
    return EXIT_FAILED


FORMAT = logging.Formatter("bdw %(asctime)s %(message)s", datefmt="%H:%M:%S")
KEEP_LOGS = 20  # tool logs of the latest runs kept under the build folder


def _setup_logging(verbose: bool, stream=sys.stdout) -> None:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(FORMAT)
    handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG)
    log.propagate = False


@contextmanager
def _tools_logged_to(path: Path):
    """dbt's and Dagster's output (and bdw's own details) into ``path``; only bdw's lines on the terminal."""
    from .present import progress

    path.parent.mkdir(parents=True, exist_ok=True)
    for old in sorted(path.parent.glob("run-*.log"))[:-KEEP_LOGS]:
        old.unlink(missing_ok=True)
    with open(path, "w", encoding="utf-8") as sink, redirect_stdout(sink), redirect_stderr(sink):
        details = logging.StreamHandler(sink)
        details.setFormatter(FORMAT)
        log.addHandler(details)
        progress.console = log.handlers[0].stream  # the terminal handler's stream (bars only if a tty)
        try:
            yield
        finally:
            progress.console = None
            log.removeHandler(details)


def _settings(args: argparse.Namespace) -> Settings:
    """The environment's settings with the paths given on the command line."""
    return Settings.from_env().with_paths(raw_dir=getattr(args, "raw", None), staged_dir=getattr(args, "staged", None),
                                          warehouse=getattr(args, "warehouse", None))


# --- bdw run ---------------------------------------------------------------------------------

def run_pipeline(settings: Settings, verbose: bool = False, full_refresh: bool = False):
    """Materialize every asset and run every check in this process; return the Dagster result."""
    import dagster as dg

    from .definitions import build_definitions
    from .defs.dbt import FULL_REFRESH_TAG

    job = build_definitions(settings).resolve_job_def("bdw_all")
    instance = (dg.DagsterInstance.from_config(str(settings.dagster_home)) if settings.dagster_home
                else dg.DagsterInstance.ephemeral())
    return job.execute_in_process(
        instance=instance,
        raise_on_error=False,
        tags={FULL_REFRESH_TAG: "true"} if full_refresh else None,
        run_config={"loggers": {"console": {"config": {"log_level": "DEBUG" if verbose else "INFO"}}}},
    )


def cmd_run(args: argparse.Namespace) -> int:
    from .present.summary import RunOutcome, failed_rules, summary_lines
    from .warehouse.lock import writer_lock
    from .warehouse.parse import start_parse

    settings = _settings(args)
    if not settings.raw_dir.is_dir():
        raise UsageError(f"raw folder {settings.raw_dir} does not exist: set BDW_RAW_DIR or pass --raw")
    if not any(path.is_file() or path.is_symlink() for path in settings.raw_dir.rglob("*")):
        raise UsageError(f"no documents found under {settings.raw_dir}: put .txt or .pdf files there, "
                         "or set BDW_RAW_DIR")
    if settings.cluster:  # before the lock and the run: an unreachable scheduler leaves everything as it was
        from .stage.cluster import connect

        connect(settings.cluster).close()
    log.info("raw %s → staged %s → warehouse %s", settings.raw_dir, settings.staged_dir, settings.warehouse)
    started = time.perf_counter()
    tool_log = settings.log_dir / f"run-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    with writer_lock(settings.warehouse), (nullcontext() if args.verbose else _tools_logged_to(tool_log)):
        # a new warehouse's first dbt parse, beside the import of Dagster and dbt and the extraction
        # (the extraction asset starts it too, for runs launched from Dagster; it is started once)
        start_parse(settings)
        result = run_pipeline(settings, verbose=args.verbose, full_refresh=args.full_refresh)
    for failure in result.all_node_events:
        if failure.is_step_failure:
            error = failure.event_specific_data.error
            while error.cause is not None:  # Dagster wraps the error the step raised: show that one
                error = error.cause
            log.error("step %s failed: %s", failure.step_key, error.message.strip())
    evaluations = result.get_asset_check_evaluations()
    failed = {f"{e.asset_key.to_user_string()} · {e.check_name}": e for e in evaluations if not e.passed}
    outcome = RunOutcome(
        run_id=result.run_id, succeeded=result.success, elapsed_s=time.perf_counter() - started,
        checks_passed=sum(1 for e in evaluations if e.passed), checks_failed=list(failed),
        rules_failed={name: failed_rules({k: v.value for k, v in e.metadata.items()}) for name, e in failed.items()},
    )
    for line in summary_lines(settings, outcome):
        log.info("%s", line)
    if not args.verbose:
        log.info("tool logs (dbt, Dagster): %s", tool_log)
    return EXIT_OK if result.success else EXIT_FAILED


# --- bdw ui ----------------------------------------------------------------------------------

def ui_command(host: str, port: int) -> list[str]:
    """The ``dagster dev`` command line for the bdw code location (localhost unless told otherwise)."""
    dagster = Path(sys.executable).parent / "dagster"
    return [str(dagster), "dev", "-m", "bdw.definitions", "--host", host, "--port", str(port)]


def exposure_warning(host: str, port: int) -> str | None:
    """A warning when ``host`` is not this machine only: the Dagster UI has no login of its own."""
    if host.lower() == "localhost":
        return None
    try:
        if ipaddress.ip_address(host.strip("[]")).is_loopback:
            return None
    except ValueError:
        pass  # a host name other than localhost: it may be reachable from elsewhere
    return (f"WARNING: the Dagster UI will listen on {host}:{port}, reachable from other machines, and it has no "
            "login: anyone who can reach it can launch runs, stop the schedule and the sensor, and read run "
            "logs. Keep the default 127.0.0.1 and use an SSH tunnel (ssh -L 3000:127.0.0.1:3000 host), or put "
            "a proxy that asks for a login in front of it")


def cmd_ui(args: argparse.Namespace) -> int:
    settings = _settings(args)
    home = settings.dagster_home or REPO_ROOT / ".dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    warning = exposure_warning(args.host, args.port)
    if warning:
        log.warning("%s", warning)
    log.info("Dagster UI on http://%s:%d (DAGSTER_HOME=%s)", args.host, args.port, home)
    command = ui_command(args.host, args.port)
    # started as `nohup bdw ui &`, the process inherits SIGINT ignored, and `dagster dev` gives SIGTERM
    # SIGINT's handler: it would ignore `kill` too. With SIGINT at its default, both stop it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execve(command[0], command, {**os.environ, **settings.environ(), "DAGSTER_HOME": str(home)})
    return EXIT_OK  # pragma: no cover - execve does not return


# --- the commands that read the warehouse ----------------------------------------------------

def cmd_sql(args: argparse.Namespace) -> int:
    from .present.sql import all_rows, format_table, open_query, run_query, write_csv, write_json_lines
    from .warehouse.connection import connect

    if args.max_rows < 0:
        raise UsageError("--max-rows must be 0 (all rows) or more")
    with connect(_settings(args).warehouse) as con:
        if args.csv or args.json:  # every row, streamed; --max-rows is for the table on a screen
            columns, cursor = open_query(con, args.query)
            if args.csv and args.bom:
                sys.stdout.write("\ufeff")  # so Excel reads the UTF-8 (Chinese text) as UTF-8
            (write_csv if args.csv else write_json_lines)(sys.stdout, columns, all_rows(cursor))
            return EXIT_OK
        columns, rows, cut = run_query(con, args.query, args.max_rows)
    print("\n".join(format_table(columns, rows)))
    print(f"… {cut} more row(s) not shown ({len(rows) + cut} in all): use --max-rows N, or 0 for all"
          if cut else f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from .present.export import export_marts

    for path in export_marts(_settings(args).warehouse, args.format, Path(args.out).resolve()):
        print(path)
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    from .present.docs import serve
    from .warehouse.dbt import generate_docs

    index = generate_docs(_settings(args))
    print(f"dbt docs: {index}")
    print(f"  opens from disk without a server: {index.with_name('static_index.html')}")
    if args.serve:
        serve(index.parent, args.port)
    return EXIT_OK


def cmd_overview(args: argparse.Namespace) -> int:
    from .present.overview import write_overview

    settings = _settings(args)
    print(write_overview(settings.warehouse, Path(args.out).resolve() if args.out else settings.report_dir))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from .present.findings import write_report
    from .warehouse.connection import connect

    settings = _settings(args)
    connect(settings.warehouse).close()  # missing or locked: say so before writing anything
    started = time.perf_counter()
    index = write_report(settings.warehouse, Path(args.out).resolve() if args.out else settings.report_dir,
                         settings.raw_dir, settings.workers)
    log.info("data-quality report: %s (%.1f s)", index, time.perf_counter() - started)
    return EXIT_OK


# --- bdw check, bdw prepare --------------------------------------------------------------------

def cmd_check(args: argparse.Namespace) -> int:
    import json

    from .present.check import as_json, check_files, text_lines, write_html

    verdict = check_files(args.files, _settings(args))
    if args.json:
        print(json.dumps(as_json(verdict), ensure_ascii=False, indent=1))
    else:
        print("\n".join(text_lines(verdict)))
    if args.html:
        index = write_html(verdict, Path(args.html).resolve())
        print(f"report page: {index}", file=sys.stderr if args.json else sys.stdout)
    if verdict.unreadable:
        return EXIT_FAILED
    return EXIT_FINDINGS if verdict.fails else EXIT_OK


def cmd_prepare(args: argparse.Namespace) -> int:
    from .warehouse.compiled import prepare
    from .warehouse.dbt import dbt_project

    print(f"dbt manifest (Dagster): {dbt_project(_settings(args)).manifest_path}")
    print(f"compiled checks (bdw check): {prepare()}")
    return EXIT_OK


# --- the parser ------------------------------------------------------------------------------

def _path_options(parser: argparse.ArgumentParser, *names: str) -> None:
    helps = {"raw": "raw folder (default BDW_RAW_DIR or data/raw)",
             "staged": "staged folder (default BDW_STAGED_DIR or data/staged)",
             "warehouse": "DuckDB file (default BDW_WAREHOUSE or data/warehouse.duckdb)"}
    for name in names:
        parser.add_argument(f"--{name}", help=helps[name])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bdw", description="Budget-disclosure warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract → stage → dbt build → quality checks, for every raw document")
    _path_options(run, "raw", "staged", "warehouse")
    run.add_argument("-v", "--verbose", action="store_true", help="print dbt's and Dagster's own logs")
    run.add_argument("--full-refresh", action="store_true",
                     help="build every mart from nothing instead of only the documents that changed")
    run.set_defaults(func=cmd_run)

    ui = sub.add_parser("ui", help="the Dagster UI (dagster dev) with schedule and sensor, on 127.0.0.1")
    ui.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    ui.add_argument("--port", type=int, default=3000)
    _path_options(ui, "raw", "warehouse")
    ui.set_defaults(func=cmd_ui)

    sql = sub.add_parser("sql", help="run one read-only query on the warehouse and print the result")
    sql.add_argument("query", help='e.g. "select * from marts.dim_document"')
    form = sql.add_mutually_exclusive_group()
    form.add_argument("--csv", action="store_true", help="print every row as CSV instead of an aligned table")
    form.add_argument("--json", action="store_true", help="print every row as JSON lines (one object per row)")
    sql.add_argument("--bom", action="store_true", help="with --csv: start with a UTF-8 BOM, for Excel")
    sql.add_argument("--max-rows", type=int, default=50, help="rows of the aligned table (default 50, 0 for all)")
    sql.set_defaults(func=cmd_sql)

    export = sub.add_parser("export", help="write every mart as Parquet, CSV or one Excel workbook")
    export.add_argument("--format", required=True, help="parquet, csv or xlsx")
    export.add_argument("--out", required=True, help="output folder (created if missing)")
    export.set_defaults(func=cmd_export)

    docs = sub.add_parser("docs", help="build the dbt docs (tables, columns, lineage) into dbt/target")
    docs.add_argument("--serve", action="store_true", help="then serve them on http://127.0.0.1:PORT/")
    docs.add_argument("--port", type=int, default=8080, help="port for --serve (default 8080)")
    docs.set_defaults(func=cmd_docs)

    overview = sub.add_parser("overview", help="write overview.html: documents, spending, 三公, indicators")
    overview.add_argument("--out", help="output folder (default BDW_REPORT_DIR or data/report)")
    overview.set_defaults(func=cmd_overview)

    report = sub.add_parser("report", help="write the data-quality report (index.html + one page per document)")
    report.add_argument("--out", help="output folder (default BDW_REPORT_DIR or data/report)")
    report.set_defaults(func=cmd_report)

    check = sub.add_parser("check", help="judge documents without a warehouse: every identity, the findings, "
                                         "exit 4 when one fails")
    check.add_argument("files", nargs="+", metavar="FILE", help=".pdf or .txt documents")
    check.add_argument("--json", action="store_true", help="print the findings as JSON (every evaluation)")
    check.add_argument("--html", metavar="OUT", help="also write the report page: OUT/index.html and one page "
                                                      "per document")
    check.set_defaults(func=cmd_check)

    prepare = sub.add_parser("prepare", help="compile the dbt manifests (Dagster's and bdw check's) ahead of time")
    prepare.set_defaults(func=cmd_prepare)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # bdw check prints its findings (or JSON) on stdout: its progress goes to stderr
    _setup_logging(getattr(args, "verbose", False), sys.stderr if args.command == "check" else sys.stdout)
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader went away (`bdw sql … | head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return EXIT_OK
    except BdwError as error:
        if args.command in LOGGED_COMMANDS:
            log.error("%s", error)
        else:
            print(f"bdw {args.command}: {error}", file=sys.stderr)
        return exit_code(error)
    except (duckdb.Error, OSError) as error:  # a bad query, a folder that cannot be written
        print(f"bdw {args.command}: {' '.join(str(error).split())}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
