"""Time and peak memory of the quality-validation step, before and after issue 21, on one warehouse.

    .venv/bin/python -m bench.gx_step /path/to/warehouse.duckdb

- ``before``: the step as it was: each suite's mart (a family's rows of ``dq_check_result``,
  ``dim_document``, ``ingest_log``) read into a pandas DataFrame and validated by the old
  suites (three expectations per family: ``within_tolerance`` in {true}, ``status`` in the
  three outcomes, ``message`` not null; the structural suites with their main expectations), plus
  the failing rows read for the check's metadata.
  Rebuilt here in an ephemeral GX context, so it renders no Data Docs.
- ``after``: :func:`bdw.quality.gx.run_suites` on every suite, as a run calls it (SQL in DuckDB,
  one expectation per rule, Data Docs rebuilt and made offline) in a copy of ``expectations/``.

Each mode runs in a process of its own; its peak RSS is the kernel's (``wait4``), its time the
wall clock around the whole process, imports included.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD_FAMILIES = ("table", "cross_table", "narrative", "performance")  # the four suites before issue 21


def _before(warehouse: Path) -> dict:
    import duckdb
    import great_expectations as gx

    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_pandas("warehouse")
    evaluated = failed = 0
    suites: dict[str, tuple[str, list, str | None]] = {
        "dim_document": ("select * from marts.dim_document", [
            gx.expectations.ExpectColumnValuesToBeUnique(column="document_id"),
            gx.expectations.ExpectColumnValuesToNotBeNull(column="department_name"),
            gx.expectations.ExpectColumnValuesToNotBeNull(column="fiscal_year")], None),
        "ingest_log": ("select * from marts.ingest_log", [
            gx.expectations.ExpectColumnValuesToNotBeNull(column="source_file"),
            gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=["run_id", "source_file"])], None),
    }
    for family in OLD_FAMILIES:
        suites[f"dq_{family}"] = (
            "select within_tolerance, status, message from marts.dq_check_result where check_family = ?", [
                gx.expectations.ExpectColumnValuesToBeInSet(column="within_tolerance", value_set=[True]),
                gx.expectations.ExpectColumnValuesToBeInSet(column="status", value_set=["pass", "rounding", "fail"]),
                gx.expectations.ExpectColumnValuesToNotBeNull(column="message")], family)
    for name, (sql, expectations, family) in suites.items():
        with duckdb.connect(str(warehouse), read_only=True) as con:
            frame = con.execute(sql, [family] if family else []).df()
            if family:  # the old check's metadata: failing rows read whole, then cut to 50
                con.execute("select document_id, check_id, row_key, message from marts.dq_check_result "
                            "where check_family = ? and status = 'fail'", [family]).df().head(50)
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("all")
        suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=expectations))
        result = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite)).run(
            batch_parameters={"dataframe": frame})
        evaluated += len(result.results)
        failed += sum(not r.success for r in result.results)
        del frame
    return {"suites": len(suites), "expectations": evaluated, "failed": failed}


def _after(warehouse: Path) -> dict:
    sys.path.insert(0, str(ROOT / "dagster_project"))
    from bdw.quality import gx

    root = Path(tempfile.mkdtemp(prefix="bdw-gx-")) / "expectations"
    shutil.copytree(ROOT / "expectations", root, ignore=shutil.ignore_patterns("uncommitted"))
    try:
        outcomes = list(gx.run_suites(gx.suite_names(root), warehouse, keep_runs=30, root=root))
    finally:
        shutil.rmtree(root.parent)
    return {"suites": len(outcomes), "expectations": sum(o.checked for o in outcomes),
            "failed": sum(len(o.failed_rules) + len(o.failures) for o in outcomes)}


def measure(mode: str, warehouse: Path) -> dict:
    """Run one mode in a child process; its wall time, peak RSS and what it validated."""
    started = time.perf_counter()
    env = {**os.environ, "GX_ANALYTICS_ENABLED": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "bench.gx_step", "--mode", mode, str(warehouse)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"gx_step {mode} failed ({status}):\n{output[-3000:]}")
    return {"seconds": round(seconds, 1), "peak_rss_mib": round(usage.ru_maxrss / 1024),
            **json.loads(output.strip().splitlines()[-1])}


def compare(warehouse: Path) -> dict:
    return {mode: measure(mode, warehouse) for mode in ("before", "after")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--mode", choices=("before", "after"), help="run one mode here (what compare() calls)")
    args = parser.parse_args()
    warehouse = args.warehouse.resolve()
    if args.mode:
        print(json.dumps(_before(warehouse) if args.mode == "before" else _after(warehouse)))
        return
    print(json.dumps(compare(warehouse), indent=2))


if __name__ == "__main__":
    main()
