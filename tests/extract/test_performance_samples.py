"""Shared loading for the performance/three-public tests (no tests here): each sample read once."""

from __future__ import annotations

from functools import cache

from bdw.extract.document import document_from_bytes
from bdw.extract.metadata import read_metadata
from bdw.extract.performance import extract
from bdw.extract.result import ExtractionResult
from tests import conftest

SAMPLES = {
    "000": "000_ababedf1869e2353.txt",
    "001": "001_d19904a04800f4dd.txt",
    "002": "002_66a8595c7102542c.txt",
    "003": "003_fe244c6e34d881f1.txt",
    "004": "004_a15be56197084065.txt",
}


def sample_bytes(sample: str) -> bytes:
    return conftest.sample_bytes(SAMPLES[sample])


def run_bytes(data: bytes, name: str = "test.txt") -> ExtractionResult:
    doc = document_from_bytes(data, name)
    return extract(doc, read_metadata(doc))


@cache
def run(sample: str) -> ExtractionResult:
    return run_bytes(sample_bytes(sample), SAMPLES[sample])


def projects(sample: str) -> dict[str, dict]:
    return {row["project_key"]: row for row in run(sample).rows.get("project_performance", [])}


def indicator(sample: str, line: int) -> dict:
    rows = [row for row in run(sample).rows.get("performance_indicator", []) if row["source_line"] == line]
    assert len(rows) == 1, f"expected one indicator on line {line}, found {len(rows)}"
    return rows[0]
