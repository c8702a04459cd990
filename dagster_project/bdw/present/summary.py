"""The lines a run ends with: files by status, documents, quality checks, where everything is."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..extract.pipeline import STATUSES
from ..settings import GX_ROOT, Settings
from ..warehouse.connection import connect

DATA_DOCS = GX_ROOT / "uncommitted" / "data_docs" / "local_site" / "index.html"


@dataclass
class RunOutcome:
    """What a run did, in the terms a person reads (no orchestration types)."""

    run_id: str
    succeeded: bool
    elapsed_s: float
    checks_passed: int = 0
    checks_failed: list[str] = field(default_factory=list)  # "asset · check" of each failed check
    rules_failed: dict[str, list[dict]] = field(default_factory=dict)  # failed check → its failed rules


def failed_rules(metadata: dict) -> list[dict]:
    """The rules a failed check names in its ``failed_rules`` metadata (check_id, rule_zh, failed), or []."""
    rules = metadata.get("failed_rules")
    return [r for r in rules if isinstance(r, dict) and r.get("check_id")] if isinstance(rules, list) else []


SHOWN_RULES = 6  # failed rules named in the summary, most failing evaluations first; the report has all


def _failed_lines(outcome: RunOutcome) -> list[str]:
    """A line per failed rule (check_id, meaning, count), the most failing first, at most SHOWN_RULES;
    a failed check that names no rule, by its name."""
    lines = [f"  failed: {check}" for check in outcome.checks_failed if not outcome.rules_failed.get(check)]
    rules = sorted((rule for check in outcome.checks_failed for rule in outcome.rules_failed.get(check) or []),
                   key=lambda rule: (-(rule.get("failed") or 0), rule["check_id"]))
    for rule in rules[:SHOWN_RULES]:
        count = rule.get("failed")
        counted = "not evaluated" if count is None else f"{count} failing evaluation{'' if count == 1 else 's'}"
        lines.append(f"  failed: {rule['check_id']} ({rule.get('rule_zh', '')}): {counted}")
    if len(rules) > SHOWN_RULES:
        lines.append(f"  … and {len(rules) - SHOWN_RULES} more failing rules: see the data-quality report")
    return lines


SHOWN_FILES = 10  # rejected files and documents with problems named in the summary; the report has all

_DOCUMENT_PROBLEMS = """
    with loaded as (
        select distinct document_id, source_file from marts.ingest_log where run_id = ? and status = 'loaded'
    ), tables as (
        select document_id, string_agg(table_code || ' ' || status, ', ' order by table_code) as tables
        from marts.dim_document_table where status in ('missing', 'unreadable') group by document_id
    ), findings as (
        select document_id, string_agg(distinct check_id, ', ' order by check_id) as rules
        from marts.dq_check_result where check_family = 'document' and status = 'fail' group by document_id
    )
    select l.source_file, t.tables, f.rules from loaded l
    left join tables t using (document_id) left join findings f using (document_id)
    where t.tables is not null or f.rules is not null order by l.source_file"""


def _reviewer_lines(con, run_id: str) -> list[str]:
    """What a reviewer must not need SQL for: the files this run rejected and why, and the documents it
    loaded that miss a table, print one that cannot be read, or fail a document-level rule."""
    lines = []
    rejected = con.execute("select source_file, reason from marts.ingest_log where run_id = ? and status = 'rejected' "
                           "order by source_file", [run_id]).fetchall()
    lines += [f"  rejected: {source_file}: {reason}" for source_file, reason in rejected[:SHOWN_FILES]]
    if len(rejected) > SHOWN_FILES:
        lines.append(f"  … and {len(rejected) - SHOWN_FILES} more rejected files: select source_file, reason from "
                     f"marts.ingest_log where run_id = '{run_id}' and status = 'rejected'")
    problems = con.execute(_DOCUMENT_PROBLEMS, [run_id]).fetchall()
    for source_file, tables, rules in problems[:SHOWN_FILES]:
        said = ([f"tables {tables}"] if tables else []) + ([f"document findings {rules}"] if rules else [])
        lines.append(f"  document: {source_file}: {'; '.join(said)}")
    if len(problems) > SHOWN_FILES:
        lines.append(f"  … and {len(problems) - SHOWN_FILES} more documents with missing or unreadable tables or "
                     "document findings: see the data-quality report")
    return lines


def summary_lines(settings: Settings, outcome: RunOutcome) -> list[str]:
    lines = [f"run {outcome.run_id[:8]} {'succeeded' if outcome.succeeded else 'FAILED'} in {outcome.elapsed_s:.1f} s"]
    if settings.warehouse.exists():
        with connect(settings.warehouse) as con:
            counts = dict(con.execute(
                "select status, count(*) from marts.ingest_log where run_id = ? group by status", [outcome.run_id]
            ).fetchall())
            documents = con.execute("select count(*) from marts.dim_document").fetchone()[0]
            lines.append("files: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES))
            lines.append(f"documents in the warehouse: {documents}")
            lines.extend(_reviewer_lines(con, outcome.run_id))
    rules = sum(len(r) for r in outcome.rules_failed.values())
    if outcome.checks_passed or outcome.checks_failed:
        lines.append(f"quality checks: {outcome.checks_passed} passed, {len(outcome.checks_failed)} failed"
                     + (f" ({rules} accounting identit{'y' if rules == 1 else 'ies'} failing)" if rules else ""))
    elif outcome.succeeded:
        lines.append("quality checks: not run (nothing was rebuilt); the last results stand in marts.dq_check_result")
    lines.extend(_failed_lines(outcome))
    lines.append(f"warehouse: {settings.warehouse}")
    lines.append(f"data-quality results (GX Data Docs): {DATA_DOCS}")
    lines.append(f"data-quality report (HTML): {settings.report_dir / 'index.html'}")
    return lines
