"""Run a Great Expectations suite on a warehouse table, the way that works with DuckDB.

GX's SQL datasource fails on DuckDB (GX issues #10738, #11579), so each mart is read
read-only into a pandas DataFrame and validated by the suite's checkpoint (a file context
under ``expectations/``, suites as JSON). Each checkpoint's action updates the Data Docs.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb

from ..config import GX_ROOT

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

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


def read_table(warehouse: Path, table: str):
    """Read ``table`` (e.g. ``marts.dim_document``) read-only into pandas; never holds a write lock."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(f"select * from {table}").df()  # table names come from the suite list, not from documents


def suite_meta(suite: str, root: Path = GX_ROOT) -> dict:
    """The suite's ``meta``: ``table`` (the mart it validates, default: the suite's name) and
    ``filter`` (column → value: only those rows, e.g. one ``check_family`` of ``dq_check_result``)."""
    path = root / "expectations" / f"{suite}.json"
    return (json.loads(path.read_text(encoding="utf-8")).get("meta") or {}) if path.exists() else {}


def suite_table(suite: str) -> str:
    return suite_meta(suite).get("table") or suite


def run_suite(suite: str, warehouse: Path, schema: str = "marts") -> SuiteOutcome:
    """Validate ``schema.<table>`` (rows matching the suite's filter) with the suite's checkpoint; Data Docs rebuilt."""
    meta = suite_meta(suite)
    table = meta.get("table") or suite
    df = read_table(warehouse, f"{schema}.{table}")
    for column, value in (meta.get("filter") or {}).items():
        df = df[df[column] == value].reset_index(drop=True)
    ctx = context()
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
        failing_rows=_failing_rows(df),
    )


def _failing_rows(df, limit: int = 50) -> list[dict]:
    """For ``dq_check_result``: the failed checks, each with its rule, row and message."""
    if "status" not in df.columns or "check_id" not in df.columns:
        return []
    failed = df[df["status"] == "fail"].head(limit)
    return [{"document_id": r.document_id, "check_id": r.check_id, "row_key": r.row_key, "message": r.message}
            for r in failed.itertuples()]


def suite_names(root: Path = GX_ROOT) -> list[str]:
    """The suites under ``expectations/expectations/*.json``; each validates the mart its meta names (or its own)."""
    return sorted(p.stem for p in (root / "expectations").glob("*.json"))
