"""Test helpers: read the samples, run the final-account extractor, and re-render documents.

The re-renderings change how a document is printed (unit, page breaks, line endings, encoding)
but not what it says, so the extractor must return the same figures.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from bdw.extract.document import document_from_bytes
from bdw.extract.final_account import extract
from bdw.extract.metadata import read_metadata
from tests.conftest import RAW

NINGDE = "000_ababedf1869e2353.txt"  # 宁德 2021, 万元
GUYUAN = "004_a15be56197084065.txt"  # 固原 2020, 元

_DECIMAL_CELL = re.compile(r"^((?:.*\s)?(?:<b>)?)(\d+\.\d+)(</b>)?$")  # a decimal, maybe after a label


def raw_text(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def run_bytes(data: bytes, name: str = "sample.txt"):
    """Read bytes the way the pipeline does and run the final-account extractor."""
    doc = document_from_bytes(data, name)
    return extract(doc, read_metadata(doc))


def run_text(text: str, name: str = "sample.txt"):
    return run_bytes(text.encode("utf-8"), name)


def run_sample(name: str):
    return run_bytes((RAW / name).read_bytes(), name)


def figure_key(dataset: str, row: dict) -> tuple:
    """What identifies one figure of a dataset (everything but the amount and how it was printed)."""
    if dataset == "expenditure":
        return (row["table_code"], row["subject_code"], row["expenditure_type"], row["fund_type"], row["source_line"])
    if dataset == "income":
        return (row["table_code"], row["subject_code"], row["subject_name"], row["income_source"], row["source_line"])
    if dataset == "summary_line":
        return (row["table_code"], row["side"], row["line_key"], row["fund_type"], row["source_line"])
    return (row["metric_key"], row["subject_code"], row["text"], row["source_line"])


def figures(result, datasets=("expenditure", "income", "summary_line")) -> dict[tuple, Decimal]:
    """``{(dataset, *figure_key): amount_yuan}`` for every figure of a result."""
    out = {}
    for dataset in datasets:
        for row in result.rows.get(dataset, []):
            key = (dataset, *figure_key(dataset, row))
            assert key not in out, f"two figures with the same key {key}"
            out[key] = row["amount_yuan"]
    return out


def _rewrite_cells(text: str, first: int, last: int, convert) -> str:
    """Apply ``convert`` to every decimal figure of the tab rows between lines ``first`` and ``last``."""
    lines = text.split("\n")
    for index in range(first - 1, last):
        if "\t" not in lines[index]:
            continue
        cells = lines[index].split("\t")
        for position, cell in enumerate(cells):
            match = _DECIMAL_CELL.match(cell.strip())
            if match:
                cells[position] = f"{match.group(1) or ''}{convert(Decimal(match.group(2)))}{match.group(3) or ''}"
        lines[index] = "\t".join(cells)
    return "\n".join(lines)


def wan_to_yuan(text: str, first: int, last: int) -> str:
    """万元 tables between two lines rewritten in 元 with thousands separators (exact)."""
    text = _rewrite_cells(text, first, last, lambda value: f"{value * 10000:,.2f}")
    lines = text.split("\n")
    for index in range(first - 1, last):
        lines[index] = lines[index].replace("单位：万元", "单位：元")
    return "\n".join(lines)


def yuan_to_wan(text: str, first: int, last: int) -> str:
    """元 tables between two lines rewritten in 万元, rounded to 2 decimals (±50 元)."""
    def convert(value: Decimal) -> str:
        return str((value / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    text = _rewrite_cells(text, first, last, convert)
    lines = text.split("\n")
    for index in range(first - 1, last):
        lines[index] = lines[index].replace("金额单位：元", "金额单位：万元")
    return "\n".join(lines)


def insert_lines(text: str, after: int, new_lines: list[str]) -> str:
    """``new_lines`` inserted after 1-based line ``after``."""
    lines = text.split("\n")
    return "\n".join(lines[:after] + new_lines + lines[after:])


def shift_lines(figs: dict[tuple, Decimal], after: int, by: int) -> dict[tuple, Decimal]:
    """Figure keys as they read once ``by`` lines are inserted after line ``after``."""
    shifted = {}
    for key, value in figs.items():
        line = key[-1]
        shifted[(*key[:-1], line + by if line > after else line)] = value
    return shifted
