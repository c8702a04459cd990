"""Every figure printed in tables 01–06 becomes exactly one row.

The figures are counted here by a deliberately simple, independent rule: from the table's
``公开NN表`` marker to its ``注`` line, every tab cell that is a decimal number (``930.50``,
``46310.4``, ``00.00``), a bare ``0``, or a decimal at the end of a label cell
(``公用经费合计 127989.14``); column-index rows (栏次, ``1 2 3 …``) are left out. Codes and 行次
are integers and so never counted. The few printed cells that hold no figure of any line are
listed by hand below.
"""

from __future__ import annotations

import re

import pytest

from .rerender import GUYUAN, NINGDE, raw_text, run_sample

_FIGURE = re.compile(r"^(?:\d[\d,]*\.\d+|0)$")
_LABEL_FIGURE = re.compile(r"\S\s+\d[\d,]*\.\d+$")
_TAG = re.compile(r"<[^>]+>")

# Printed cells that are no figure of any line, read off the documents by hand.
NOT_FIGURES = {
    (NINGDE, "04"): 9,  # lines 243–245: 0.00 ×3 under the fund columns beside an empty label
    (NINGDE, "06"): 5,  # lines 319–322: 0.00 in column groups with no code and no name
    (GUYUAN, "02"): 15,  # lines 154–168: the "其中：教育收费" column (part of 事业收入, not a source)
}


def printed_figures(text: str, table: str) -> int:
    lines = text.split("\n")
    marker = re.compile(rf"公开\s*{table}\s*表")
    start = next(i for i, line in enumerate(lines) if marker.search(line))
    count = 0
    for line in lines[start + 1 :]:
        if line.strip().startswith("注"):
            break
        if "\t" not in line:
            continue
        cells = [_TAG.sub("", cell).strip() for cell in line.split("\t")]
        if any("栏次" in cell for cell in cells):
            continue
        integers = [int(cell) for cell in cells if cell.isdigit()]
        if len(integers) >= 2 and integers == list(range(1, len(integers) + 1)):
            continue
        count += sum(1 for cell in cells if _FIGURE.match(cell) or _LABEL_FIGURE.search(cell))
    return count


def emitted_figures(result, table: str) -> int:
    rows = [row for dataset in ("expenditure", "income") for row in result.rows.get(dataset, [])
            if row["table_code"] == table]
    # 本年支出合计 is both an expenditure row (TOTAL) and a summary line: count the figure once.
    summary = [row for row in result.rows.get("summary_line", [])
               if row["table_code"] == table and row["line_key"] != "expenditure_total"]
    return len(rows) + len(summary)


@pytest.mark.parametrize("document", [NINGDE, GUYUAN])
@pytest.mark.parametrize("table", ["01", "02", "03", "04", "05", "06"])
def test_every_printed_figure_is_one_row(document, table):
    printed = printed_figures(raw_text(document), table)
    assert printed > 0
    expected = printed - NOT_FIGURES.get((document, table), 0)
    assert emitted_figures(run_sample(document), table) == expected
