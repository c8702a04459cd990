"""Run a Great Expectations suite on a warehouse table, the way that works with DuckDB.

GX's SQL datasource fails on DuckDB (GX issues #10738, #11579), so each mart is read
read-only into a pandas DataFrame and validated by the suite's checkpoint (a file context
under ``expectations/``, suites as JSON). Each checkpoint's action updates the Data Docs.
"""

from __future__ import annotations

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


def run_suite(suite: str, warehouse: Path, schema: str = "marts") -> SuiteOutcome:
    """Validate ``schema.suite`` with the checkpoint of the same name; Data Docs are rebuilt."""
    df = read_table(warehouse, f"{schema}.{suite}")
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
    )


def suite_names(root: Path = GX_ROOT) -> list[str]:
    """The suites kept under ``expectations/expectations/*.json``; each validates the mart of its name."""
    return sorted(p.stem for p in (root / "expectations").glob("*.json"))
