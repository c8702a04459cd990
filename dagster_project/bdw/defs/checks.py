"""Great Expectations suites as Dagster asset checks on the marts they validate.

One op, ``gx_suites``, validates the selected suites and reports one check per suite:
``gx_dq_<family>`` on ``marts/dq_check_result`` for each family of the rule catalogue (one
expectation per accounting identity), ``gx_dim_document`` and ``gx_ingest_log`` on their marts.
A failed expectation is a finding about the documents, not a crash: the check reports it
(severity WARN) and the run goes on. A family check's metadata lists, per failing rule, the count
of failed evaluations and the first few with their figures and lines (``failures``);
``failed_rules`` names them, with their meaning and count, for the run summary.
"""

import logging

import dagster as dg

from ..present.progress import Bar
from ..quality import gx
from .resources import BdwResource

log = logging.getLogger("bdw")


def _rule_metadata(rule: gx.RuleOutcome) -> dict:
    return {"check_id": rule.check_id, "rule_zh": rule.rule_zh, "rule_en": rule.rule_en, "table": rule.table_code,
            "failed": rule.failed, "first_rows": rule.rows, **({"error": rule.error} if rule.error else {})}


def _metadata(outcome: gx.SuiteOutcome) -> dict:
    metadata = {"expectations": outcome.checked, "data_docs": dg.MetadataValue.path(str(outcome.docs_index))}
    if outcome.rules:
        failed = outcome.failed_rules
        metadata.update({
            "rules": len(outcome.rules),
            "rules_failed": len(failed),
            "failed_evaluations": sum(r.failed or 0 for r in failed),
            "failed_rules": dg.MetadataValue.json([{"check_id": r.check_id, "rule_zh": r.rule_zh,
                                                    "failed": r.failed} for r in failed]),
            "failures": dg.MetadataValue.json([_rule_metadata(r) for r in failed]),
        })
    if outcome.expectations:
        metadata.update({
            "failed": len(outcome.failures),
            "failed_expectations": dg.MetadataValue.json([
                {"expectation": f.expectation, "column": f.column, "unexpected_count": f.unexpected_count,
                 "sample": f.sample, "why": f.why} for f in outcome.failures
            ]),
        })
    return metadata


def _log(outcome: gx.SuiteOutcome) -> None:
    for rule in outcome.failed_rules:
        first = rule.rows[0] if rule.rows else {}
        log.debug("GX %s: %s (%s) failed in %s evaluation(s), e.g. document %s row %s: reported %s, computed %s "
                    "(line %s)%s", outcome.suite, rule.check_id, rule.rule_zh, rule.failed, first.get("document_id"),
                    first.get("row_key"), first.get("reported"), first.get("computed"), first.get("source_line"),
                    f" — {rule.error}" if rule.error else "")
    for failure in outcome.failures:
        log.debug("GX %s: %s on %s failed for %s rows (e.g. %s)%s", outcome.suite, failure.expectation,
                    failure.column, failure.unexpected_count, failure.sample[:3],
                    f" — {failure.why}" if failure.why else "")
    failed = len(outcome.failed_rules) + len(outcome.failures)
    log.debug("GX suite %s: %d/%d expectations passed", outcome.suite, outcome.checked - failed, outcome.checked)


def _description(suite: str, table: str) -> str:
    return (f"Great Expectations suite `{suite}` (expectations/expectations/{suite}.json) on marts.{table}, "
            "validated in DuckDB.")


def _spec(suite: str) -> dg.AssetCheckSpec:
    table = gx.suite_table(suite)
    return dg.AssetCheckSpec(name=f"gx_{suite}", asset=dg.AssetKey(["marts", table]),
                             description=_description(suite, table), blocking=False)


def gx_checks() -> list[dg.AssetChecksDefinition]:
    """One op validates every selected suite: GX's context is made once and the Data Docs built once."""
    specs = {suite: _spec(suite) for suite in gx.suite_names()}

    @dg.multi_asset_check(specs=list(specs.values()), name="gx_suites", can_subset=True,
                          description="Great Expectations suites on the marts, validated in DuckDB.")
    def gx_suites(context: dg.AssetCheckExecutionContext, bdw: BdwResource):
        settings = bdw.settings()
        selected = {key.name for key in context.selected_asset_check_keys}
        suites = [suite for suite, spec in specs.items() if spec.name in selected]
        bar, findings = Bar("checks", "suites"), []
        for outcome in gx.run_suites(suites, settings.warehouse, settings.gx_keep_runs):
            _log(outcome)
            if not outcome.success:
                findings.append(outcome.suite)
            bar(bar.done + 1, len(suites), outcome.suite)
            spec = specs[outcome.suite]
            yield dg.AssetCheckResult(asset_key=spec.asset_key, check_name=spec.name, passed=outcome.success,
                                      severity=dg.AssetCheckSeverity.WARN, metadata=_metadata(outcome))
        bar.finish(f"findings in {', '.join(findings)}" if findings else "no findings")

    return [gx_suites]
