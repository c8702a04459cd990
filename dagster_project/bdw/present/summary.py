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
        if counts.get("rejected"):
            lines.append("  rejected files and why: select source_file, reason from marts.ingest_log "
                         f"where run_id = '{outcome.run_id}' and status = 'rejected'")
    if outcome.checks_passed or outcome.checks_failed:
        lines.append(f"quality checks: {outcome.checks_passed} passed, {len(outcome.checks_failed)} failed")
    elif outcome.succeeded:
        lines.append("quality checks: not run (nothing was rebuilt); the last results stand in marts.dq_check_result")
    lines.extend(f"  failed: {name}" for name in outcome.checks_failed)
    lines.append(f"warehouse: {settings.warehouse}")
    lines.append(f"data-quality results (GX Data Docs): {DATA_DOCS}")
    lines.append(f"data-quality report (HTML): {settings.report_dir / 'index.html'}")
    return lines
