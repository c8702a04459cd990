"""GX keeps a bounded history: old validation results and their Data Docs pages are pruned."""

from __future__ import annotations

from pathlib import Path

from bdw.quality.gx import prune_history


def _run(root: Path, suite: str, stamp: str) -> tuple[Path, Path]:
    result = root / "uncommitted" / "validations" / suite / "__none__" / stamp / "warehouse-x.json"
    page = root / "uncommitted" / "data_docs" / "local_site" / "validations" / suite / "__none__" / stamp / "w.html"
    for path in (result, page):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}")
    return result, page


def test_only_the_latest_runs_and_their_pages_are_kept(tmp_path):
    stamps = [f"20261122T0{h}0000.000000Z" for h in range(5)]
    runs = [_run(tmp_path, "dq_table", s) for s in reversed(stamps)]  # created out of order
    other = _run(tmp_path, "dq_narrative", stamps[0])
    assert prune_history("dq_table", 2, tmp_path) == 3
    kept = sorted(p.parent.name for p in (tmp_path / "uncommitted" / "validations" / "dq_table").rglob("*.json"))
    assert kept == stamps[-2:]
    pages = sorted(p.parent.name for p in (tmp_path / "uncommitted" / "data_docs").rglob("w.html")
                   if "dq_table" in p.parts)
    assert pages == stamps[-2:]
    assert all(path.exists() for path in other)  # another suite's history is its own
    assert prune_history("dq_table", 2, tmp_path) == 0
    assert prune_history("never_ran", 2, tmp_path) == 0
    assert len(runs) == 5
