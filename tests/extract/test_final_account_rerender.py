"""The same documents printed differently must give the same figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .rerender import (
    GUYUAN,
    NINGDE,
    RAW,
    figures,
    insert_lines,
    raw_text,
    run_bytes,
    run_sample,
    run_text,
    shift_lines,
    wan_to_yuan,
    yuan_to_wan,
)

ALL = ("expenditure", "income", "summary_line", "narrative_fact")


@pytest.fixture(scope="module")
def originals():
    return {name: run_sample(name) for name in (NINGDE, GUYUAN)}


def test_wan_tables_reprinted_in_yuan_with_thousands_separators(originals):
    text = wan_to_yuan(raw_text(NINGDE), 95, 385)  # tables 01–09 of 宁德
    assert "9,305,000.00" in text and "单位：万元" not in "\n".join(text.split("\n")[94:385])
    result = run_text(text)
    assert not result.issues
    assert figures(result) == figures(originals[NINGDE])
    units = {row["reported_unit"] for row in result.rows["expenditure"]}
    assert units == {"元"}


def test_yuan_tables_reprinted_in_wan(originals):
    text = yuan_to_wan(raw_text(GUYUAN), 100, 365)  # tables 01–09 of 固原, rounded to 0.01 万元
    result = run_text(text)
    assert not result.issues
    before, after = figures(originals[GUYUAN]), figures(result)
    assert before.keys() == after.keys()
    for key, amount in before.items():
        assert abs(after[key] - amount) <= Decimal(50), key
    assert {row["reported_unit"] for row in result.rows["income"]} == {"万元"}


@pytest.mark.parametrize(("document", "after", "header", "unit"), [
    (NINGDE, 190, (181, 182), "单位：万元"),
    (GUYUAN, 190, (179, 181), "金额单位：元"),
])
def test_table_03_broken_across_pages(originals, document, after, header, unit):
    """A page number, 续表, the marker and unit again and the repeated header, mid-table."""
    text = raw_text(document)
    lines = text.split("\n")
    page_break = ["", "- 8 -", "", "续表", "公开 03 表（续）", unit, *lines[header[0] - 1 : header[1]], ""]
    result = run_text(insert_lines(text, after, page_break))
    assert not result.issues
    expected = shift_lines(figures(originals[document], ALL), after, len(page_break))
    assert figures(result, ALL) == expected
    assert len([r for r in result.rows["expenditure"] if r["table_code"] == "03"]) == len(
        [r for r in originals[document].rows["expenditure"] if r["table_code"] == "03"])


@pytest.mark.parametrize("document", [NINGDE, GUYUAN])
def test_crlf_line_endings(originals, document):
    data = (RAW / document).read_bytes().replace(b"\n", b"\r\n")
    result = run_bytes(data, document)
    assert result.rows == originals[document].rows


@pytest.mark.parametrize("document", [NINGDE, GUYUAN])
def test_gb18030_bytes(originals, document):
    data = raw_text(document).encode("gb18030")
    result = run_bytes(data, document)
    assert result.rows == originals[document].rows


def test_row_with_leading_cells_dropped_on_a_continuation_page(originals):
    """A continuation row printed without its empty leading cells still maps figures to columns."""
    lines = raw_text(GUYUAN).split("\n")
    assert lines[194] == "\t2101504\t信息化建设\t1818019.76\t0.00\t1818019.76\t0.00\t0.00\t0.00"
    lines[194] = "2101504\t信息化建设\t1818019.76\t0.00\t1818019.76\t0.00\t0.00\t0.00"
    result = run_text("\n".join(lines))
    assert not result.issues
    assert figures(result) == figures(originals[GUYUAN])
