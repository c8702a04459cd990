"""Great Expectations suites as Dagster asset checks on the marts they validate.

A failed expectation is a finding about the documents, not a crash: the check reports it
(severity WARN, failing rows in the metadata) and the run goes on.
"""

import logging

import dagster as dg

from ..present.progress import Bar
from ..quality import gx
from .resources import BdwResource

log = logging.getLogger("bdw")
_BARS: dict[str, tuple[Bar, list[str]]] = {}  # run id → the checks bar and the suites with findings so far


def _progress(run_id: str, suite: str, passed: bool) -> None:
    bar, findings = _BARS.setdefault(run_id, (Bar("checks", "suites"), []))
    if not passed:
        findings.append(suite)
    total = len(gx.suite_names())
    bar(bar.done + 1, total, suite)
    if bar.done == total:
        bar.finish(f"findings in {', '.join(findings)}" if findings else "no findings")
        del _BARS[run_id]


def _gx_check(suite: str) -> dg.AssetChecksDefinition:
    table = gx.suite_table(suite)

    @dg.asset_check(
        asset=dg.AssetKey(["marts", table]),
        name=f"gx_{suite}",
        description=f"Great Expectations suite `{suite}` (expectations/expectations/{suite}.json) on marts.{table}.",
        blocking=False,
    )
    def _check(context: dg.AssetCheckExecutionContext, bdw: BdwResource) -> dg.AssetCheckResult:
        settings = bdw.settings()
        outcome = gx.run_suite(suite, settings.warehouse, settings.gx_keep_runs)
        failures = outcome.failures
        for failure in failures:
            log.debug("GX %s: %s on %s failed for %s rows (e.g. %s)%s", suite, failure.expectation,
                        failure.column, failure.unexpected_count, failure.sample[:3],
                        f" — {failure.why}" if failure.why else "")
        log.debug("GX suite %s: %d/%d expectations passed on %d rows", suite,
                 len(outcome.expectations) - len(failures), len(outcome.expectations), outcome.evaluated_rows)
        _progress(context.run.run_id, suite, outcome.success)
        return dg.AssetCheckResult(
            passed=outcome.success,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "rows_evaluated": outcome.evaluated_rows,
                "expectations": len(outcome.expectations),
                "failed": len(failures),
                "failures": dg.MetadataValue.json([
                    {"expectation": f.expectation, "column": f.column, "unexpected_count": f.unexpected_count,
                     "sample": f.sample, "why": f.why}
                    for f in failures
                ]),
                "data_docs": dg.MetadataValue.path(str(outcome.docs_index)),
                **({"failing_checks": dg.MetadataValue.json(outcome.failing_rows)} if outcome.failing_rows else {}),
            },
        )

    return _check


def gx_checks() -> list[dg.AssetChecksDefinition]:
    return [_gx_check(suite) for suite in gx.suite_names()]
