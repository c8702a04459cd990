"""Run a Great Expectations suite on the warehouse, inside DuckDB: results per rule, Data Docs rebuilt.

The file context under ``expectations/`` has one SQL datasource, ``warehouse``: the published
DuckDB file opened read-only through the ``duckdb+bdw`` dialect (:mod:`bdw.quality.duckdb_dialect`),
its URL given at run time (``runtime_environment``), so the same committed configuration serves
every ``BDW_WAREHOUSE``. GX's SQL execution engine computes every metric with a query in DuckDB:
nothing is loaded into a DataFrame, and only the rows an expectation reports (at most 200 each)
come back into Python.

Suites: the family suites ``dq_<family>`` generated from the rule catalogue
(:mod:`bdw.quality.suites`, brought in step before the first validation of a process), one
expectation per accounting identity; and the structural suites written by hand (``dim_document``,
``ingest_log``). A run validates every suite, then rebuilds the Data Docs once for all their
results, made to work offline (:mod:`bdw.quality.data_docs`); each suite's committed checkpoint
does the same for one suite, by hand.

GX keeps every validation result and renders a Data Docs page for each; left alone, a scheduled
pipeline would grow ``uncommitted/`` and the docs rebuild without bound. Before a suite runs,
only its latest ``BDW_GX_KEEP_RUNS`` results (default 30) and their pages are kept.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..settings import GX_ROOT
from .catalogue import families, read_rules

SAMPLE_ROWS = 5  # failing rows (or values) an outcome carries per rule or expectation
IDENTITY = "expect_identity_to_hold"
DATASOURCE = "warehouse"  # the SQL datasource of great_expectations.yml


@dataclass
class RuleOutcome:
    """One accounting identity of a family suite: how many evaluations failed, and the first of them."""

    check_id: str
    rule_zh: str
    rule_en: str
    table_code: str | None
    failed: int | None  # None: GX could not evaluate the rule (see ``error``)
    rows: list[dict] = field(default_factory=list)
    error: str | None = None

    @property
    def success(self) -> bool:
        return self.failed == 0


@dataclass
class ExpectationOutcome:
    """One expectation of a structural suite (dim_document, ingest_log)."""

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
    table: str
    docs_index: Path
    rules: list[RuleOutcome] = field(default_factory=list)
    expectations: list[ExpectationOutcome] = field(default_factory=list)

    @property
    def failed_rules(self) -> list[RuleOutcome]:
        return [r for r in self.rules if not r.success]

    @property
    def failures(self) -> list[ExpectationOutcome]:
        return [e for e in self.expectations if not e.success]

    @property
    def checked(self) -> int:
        """Expectations in the suite (rules, for a family suite)."""
        return len(self.rules) + len(self.expectations)


def preload() -> threading.Thread:
    """Import GX and bdw's expectation and dialect in a background thread; returns the thread.

    Importing GX takes about 2 s of one core. A run starts it while dbt builds in its own process,
    so the checks that follow find it loaded.
    """

    def load() -> None:
        import great_expectations  # noqa: F401

        from . import duckdb_dialect, identity  # noqa: F401

    thread = threading.Thread(target=load, name="bdw-gx-preload", daemon=True)
    thread.start()
    return thread


@lru_cache(maxsize=4)
def context(warehouse: Path, root: Path = GX_ROOT):
    """The file context under ``root`` whose ``warehouse`` datasource reads ``warehouse`` (read-only).

    The family suites are put in step with the catalogue first; importing :mod:`bdw.quality.identity`
    registers their expectation type with GX.
    """
    import great_expectations as gx

    from . import identity  # noqa: F401  (registers expect_identity_to_hold)
    from .duckdb_dialect import url
    from .suites import write_suites

    write_suites(root)
    return gx.get_context(mode="file", context_root_dir=str(root),
                          runtime_environment={"bdw_warehouse_url": url(warehouse)})


def suite_names(root: Path = GX_ROOT) -> list[str]:
    """Every suite: one per family of the catalogue, and the hand-written ones under ``expectations/``."""
    from .suites import suite_name

    generated = {suite_name(family) for family in families(read_rules())}
    return sorted(generated | {p.stem for p in (root / "expectations").glob("*.json")})


def suite_table(suite: str, root: Path = GX_ROOT) -> str:
    """The mart a suite validates: its ``meta.table``, or its own name; a family suite's is dq_check_result."""
    path = root / "expectations" / f"{suite}.json"
    meta = json.loads(path.read_text(encoding="utf-8")).get("meta", {}) if path.exists() else {}
    return meta.get("table") or ("dq_check_result" if suite.startswith("dq_") else suite)


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


def docs_index(root: Path = GX_ROOT) -> Path:
    return root / "uncommitted" / "data_docs" / "local_site" / "index.html"


def _exception(result) -> str | None:
    """The first line of the exception GX caught while evaluating an expectation, or None."""
    info = result.exception_info or {}
    for item in [info] if "raised_exception" in info else list(info.values()):
        if isinstance(item, dict) and item.get("raised_exception"):
            message = (item.get("exception_message") or "").strip()
            return message.splitlines()[0] if message else "GX could not evaluate the expectation"
    return None


def _rule_outcome(result) -> RuleOutcome:
    kwargs = result.expectation_config.kwargs
    outcome = result.result or {}
    return RuleOutcome(
        check_id=kwargs["check_id"], rule_zh=kwargs["rule_zh"], rule_en=kwargs["rule_en"],
        table_code=kwargs.get("table_code"), failed=outcome.get("observed_value"),
        rows=list((outcome.get("details") or {}).get("unexpected_rows") or [])[:SAMPLE_ROWS],
        error=_exception(result),
    )


def _expectation_outcome(result) -> ExpectationOutcome:
    config = result.expectation_config
    outcome = result.result or {}
    sample = outcome.get("partial_unexpected_list") or (outcome.get("details") or {}).get("unexpected_rows") or []
    return ExpectationOutcome(
        expectation=config.type,
        column=config.kwargs.get("column") or ",".join(config.kwargs.get("column_list") or []) or None,
        success=bool(result.success),
        unexpected_count=outcome.get("unexpected_count", outcome.get("observed_value")),
        why=(config.meta or {}).get("why") or config.description or _exception(result),
        sample=[str(v) for v in sample[:SAMPLE_ROWS]],
    )


def _close(ctx) -> None:
    """Close GX's connections to the warehouse: none may outlive a validation.

    DuckDB refuses a second connection to a file from the same process with another
    configuration (the report's own read-only connection), and a published warehouse should not
    stay open. GX's execution engine holds its own SQLAlchemy engine beside the datasource's.
    """
    datasource = ctx.data_sources.get(DATASOURCE)
    datasource.get_execution_engine().engine.dispose()
    datasource.get_engine().dispose()


def _outcome(suite: str, result, root: Path) -> SuiteOutcome:
    outcome = SuiteOutcome(suite=suite, success=bool(result.success), table=suite_table(suite, root),
                           docs_index=docs_index(root))
    for r in result.results:
        if r.expectation_config.type == IDENTITY:
            outcome.rules.append(_rule_outcome(r))
        else:
            outcome.expectations.append(_expectation_outcome(r))
    return outcome


def _stored_results(ctx, run_name: str) -> list:
    """The identifiers of the validation results stored under ``run_name`` (listing keys reads no result)."""
    return [key for key in ctx.validation_results_store.list_keys() if key.run_id.run_name == run_name]


def run_suites(suites: list[str], warehouse: Path, keep_runs: int, root: Path = GX_ROOT) -> Iterator[SuiteOutcome]:
    """Validate each suite's mart in ``warehouse``, one suite after the other; then the Data Docs, once.

    Each suite's validation definition runs (the committed checkpoints are the by-hand way to run one
    suite with its Data Docs update); its result is stored under one run name shared by the call. The
    Data Docs are then rebuilt once for all of them: their pages and one index, made to work offline.
    A checkpoint per suite would rebuild the index, which reads every kept result, once per suite.
    Only the latest ``keep_runs`` results of each suite (this one included) are kept.
    """
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    from .data_docs import make_offline

    ctx = context(warehouse, root)
    for suite in suites:
        prune_history(suite, max(keep_runs - 1, 0), root)
    started = time.time() - 1  # file times may be coarser than the clock
    run_id = RunIdentifier(run_name=f"bdw-{uuid.uuid4().hex[:12]}")
    try:
        for suite in suites:
            result = ctx.validation_definitions.get(suite).run(result_format="SUMMARY", run_id=run_id)
            yield _outcome(suite, result, root)
    finally:
        _close(ctx)
    identifiers = _stored_results(ctx, run_id.run_name)
    ctx.build_data_docs(resource_identifiers=[*identifiers, *(ExpectationSuiteIdentifier(name=s) for s in suites)])
    make_offline(docs_index(root).parent, since=started)


def run_suite(suite: str, warehouse: Path, keep_runs: int, root: Path = GX_ROOT) -> SuiteOutcome:
    """One suite alone (:func:`run_suites`)."""
    [outcome] = run_suites([suite], warehouse, keep_runs, root)
    return outcome
