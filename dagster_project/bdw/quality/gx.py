"""Run a Great Expectations suite on a warehouse table, the way that works with DuckDB.

GX's SQL datasource fails on DuckDB (GX issues #10738, #11579), so each mart is read
read-only into a pandas DataFrame and validated by the suite's checkpoint (a file context
under ``expectations/``, suites as JSON). Each checkpoint's action updates the Data Docs.

GX keeps every validation result and renders a Data Docs page for each; left alone, a scheduled
pipeline would grow ``uncommitted/`` and the docs rebuild without bound. Before a suite runs,
only its latest ``BDW_GX_KEEP_RUNS`` results (default 30) and their pages are kept.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..settings import GX_ROOT
from ..warehouse.connection import connect

SAMPLE_ROWS = 5


@dataclass
class ExpectationOutcome:
    expectation: str
    column: str | None
    success: bool
    unexpected_count: int | None
    why: str | None
    sample: list = field(default_factory=list)


@dataclass
class SuiteOutcome:
    suite: str
    success: bool
    evaluated_rows: int
    expectations: list[ExpectationOutcome]
    docs_index: Path
    table: str = ""
    failing_rows: list[dict] = field(default_factory=list)

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [e for e in self.expectations if not e.success]


@lru_cache(maxsize=1)
def context(root: Path = GX_ROOT):
    import great_expectations as gx

    return gx.get_context(mode="file", context_root_dir=str(root))


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_table(warehouse: Path, table: str, columns: list[str] | None = None, where: dict | None = None):
    """Read ``table`` (e.g. ``marts.dim_document``) read-only into pandas; never holds a write lock.

    Only ``columns`` (all when None) and only rows matching ``where`` (column → value), both
    pushed down to DuckDB so a large mart never travels whole into pandas.
    """
    select = ", ".join(_quoted(c) for c in columns) if columns else "*"
    conditions = " and ".join(f"{_quoted(c)} = ?" for c in (where or {}))
    sql = f"select {select} from {table}" + (f" where {conditions}" if conditions else "")
    with connect(warehouse) as con:
        return con.execute(sql, list((where or {}).values())).df()


def _suite_spec(suite: str, root: Path = GX_ROOT) -> dict:
    """The suite's JSON (``expectations/expectations/<suite>.json``), or {} when there is none."""
    path = root / "expectations" / f"{suite}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _suite_columns(spec: dict) -> list[str] | None:
    """The columns a suite's expectations read, or None (all) when one has a row condition."""
    columns: list[str] = []
    for expectation in spec.get("expectations", []):
        kwargs = expectation.get("kwargs", {})
        if kwargs.get("row_condition"):
            return None
        for column in [kwargs.get("column"), *(kwargs.get("column_list") or [])]:
            if column and column not in columns:
                columns.append(column)
    return columns or None


def suite_meta(suite: str, root: Path = GX_ROOT) -> dict:
    """The suite's ``meta``: ``table`` (the mart it validates, default: the suite's name) and
    ``filter`` (column → value: only those rows, e.g. one ``check_family`` of ``dq_check_result``)."""
    return _suite_spec(suite, root).get("meta") or {}


def suite_table(suite: str) -> str:
    return suite_meta(suite).get("table") or suite


def prune_history(suite: str, keep: int, root: Path = GX_ROOT) -> int:
    """Delete all but the latest ``keep`` validation results of ``suite`` and their Data Docs pages.

    Results live in ``uncommitted/validations/<suite>/<run name>/<run time>/`` and their pages in
    ``uncommitted/data_docs/local_site/validations/`` under the same path; run times sort by name.
    Returns how many runs were deleted.
    """
    uncommitted = root / "uncommitted"
    store = uncommitted / "validations" / suite
    runs = sorted((d for d in store.glob("*/*") if d.is_dir()), key=lambda d: d.name) if store.is_dir() else []
    stale = runs[: max(len(runs) - keep, 0)]
    for run in stale:
        relative = run.relative_to(uncommitted / "validations")
        for directory in (run, uncommitted / "data_docs" / "local_site" / "validations" / relative):
            if directory.is_dir():
                shutil.rmtree(directory)
    return len(stale)


def run_suite(suite: str, warehouse: Path, keep_runs: int, schema: str = "marts") -> SuiteOutcome:
    """Validate ``schema.<table>`` (rows matching the suite's filter) with the suite's checkpoint; Data Docs rebuilt.

    Only the latest ``keep_runs`` results of the suite (this one included) are kept.
    """
    spec = _suite_spec(suite)  # read once: its meta names the rows, its expectations the columns
    meta = spec.get("meta") or {}
    table = meta.get("table") or suite
    where = meta.get("filter") or {}
    df = read_table(warehouse, f"{schema}.{table}", _suite_columns(spec), where)
    ctx = context()
    prune_history(suite, max(keep_runs - 1, 0), Path(ctx.root_directory))
    result = ctx.checkpoints.get(suite).run(batch_parameters={"dataframe": df})
    outcomes = []
    for run_result in result.run_results.values():
        for r in run_result.results:
            cfg = r.expectation_config
            outcomes.append(ExpectationOutcome(
                expectation=cfg.type,
                column=cfg.kwargs.get("column") or ",".join(cfg.kwargs.get("column_list") or []) or None,
                success=bool(r.success),
                unexpected_count=(r.result or {}).get("unexpected_count"),
                why=(cfg.meta or {}).get("why"),
                sample=[str(v) for v in ((r.result or {}).get("partial_unexpected_list") or [])[:SAMPLE_ROWS]],
            ))
    return SuiteOutcome(
        suite=suite,
        success=bool(result.success),
        evaluated_rows=len(df),
        expectations=outcomes,
        docs_index=Path(ctx.root_directory) / "uncommitted" / "data_docs" / "local_site" / "index.html",
        table=table,
        failing_rows=_failing_rows(warehouse, f"{schema}.{table}", where) if table == "dq_check_result" else [],
    )


def _failing_rows(warehouse: Path, table: str, where: dict, limit: int = 50) -> list[dict]:
    """For ``dq_check_result``: the first failed checks, each with its rule, row and message."""
    df = read_table(warehouse, table, ["document_id", "check_id", "row_key", "message"], {**where, "status": "fail"})
    return df.head(limit).to_dict("records")


def suite_names(root: Path = GX_ROOT) -> list[str]:
    """The suites under ``expectations/expectations/*.json``; each validates the mart its meta names (or its own)."""
    return sorted(p.stem for p in (root / "expectations").glob("*.json"))
