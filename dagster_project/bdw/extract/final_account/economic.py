"""Table 06 一般公共预算财政拨款基本支出决算表: economic subjects in side-by-side column groups.

The header repeats (科目编码, 科目名称, 金额) two or three times; each group of a row is one
economic subject. The code may be split over 类/款 cells (``301 | 01``). The footer prints
人员经费合计 / 公用经费合计 / 合计 with their amounts anywhere to the right of the label (or in
the label's own cell), so it is read label by label rather than by group.
"""

from __future__ import annotations

from dataclasses import dataclass

from .grid import (
    Figure,
    TableError,
    amount_of,
    header_labels,
    is_blank,
    is_figure,
    is_index_row,
    split_trailing_amount,
)
from .sections import Row, TableBlock
from .subjects import ECONOMIC, TOTAL, is_economic_code, level_of, normalize_name
from .tables import Parsed

FOOTERS = {
    "人员经费合计": "PERSONNEL_TOTAL",
    "人员经费": "PERSONNEL_TOTAL",
    "公用经费合计": "PUBLIC_TOTAL",
    "公用经费": "PUBLIC_TOTAL",
    "日常公用经费合计": "PUBLIC_TOTAL",
    "合计": TOTAL,
    "总计": TOTAL,
    "基本支出合计": TOTAL,
}


@dataclass(frozen=True)
class Group:
    """One (code, name, amount) column group: code cells, name cell and amount cell positions."""

    code: range
    name: int
    amount: int


def _groups(row: Row) -> list[Group]:
    """The column groups a header row names, empty when it is not the 编码/名称/金额 header."""
    cells = [cell.replace(" ", "") for cell in row.cells]
    groups = []
    for start, cell in enumerate(cells):
        if "编码" not in cell:
            continue
        name = next((i for i in range(start + 1, len(cells)) if "名称" in cells[i]), None)
        amount = next((i for i in range(start + 1, len(cells)) if any(w in cells[i] for w in ("金额", "决算数"))),
                      None)
        if name is None or amount is None or amount < name:
            return []
        groups.append(Group(range(start, name), name, amount))
    ends = [g.amount for g in groups]
    starts = [g.code.start for g in groups]
    return groups if all(e < s for e, s in zip(ends, starts[1:])) else []


def _footer_key(text: str) -> str | None:
    label, _ = split_trailing_amount(text)
    return FOOTERS.get(label.replace(" ", ""))


def _read_footer(out: Parsed, row: Row, unit: str) -> None:
    """人员经费合计 … 公用经费合计 … : each label takes the first figure after it (or its own)."""
    cells = row.cells
    used: set[int] = set()
    labels = [i for i, cell in enumerate(cells) if _footer_key(cell)]
    for n, index in enumerate(labels):
        label, own = split_trailing_amount(cells[index])
        stop = labels[n + 1] if n + 1 < len(labels) else len(cells)
        position = next((p for p in range(index + 1, stop) if is_figure(cells[p])), None)
        text = own or (cells[position] if position is not None else "")
        if position is not None and not own:
            used.add(position)
        if text:
            out.result.add("expenditure", table_code="06", classification=ECONOMIC, subject_code=_footer_key(label),
                           subject_name=normalize_name(label), subject_level=0, expenditure_type="basic",
                           fund_type="general_public_budget", **Figure(text, unit, row.line).columns())
    stray = [c for i, c in enumerate(cells) if i not in used and i not in labels and not is_blank(c)]
    if stray:
        raise TableError(row.line, "one amount after each of 人员经费合计 / 公用经费合计 / 合计",
                         f"unexpected cells in the footer row: {stray}")


def _read_groups(out: Parsed, row: Row, groups: list[Group], unit: str) -> None:
    cells = row.cells + [""] * (groups[-1].amount + 1 - len(row.cells))
    beyond = [c for c in cells[groups[-1].amount + 1 :] if not is_blank(c)]
    if beyond:
        raise TableError(row.line, f"{len(groups)} groups of 科目编码 | 科目名称 | 金额",
                         f"cells beyond the last column group: {beyond}")
    for group in groups:
        code = "".join(cells[p].replace(" ", "") for p in group.code)
        name = normalize_name(cells[group.name])
        text = cells[group.amount]
        if not is_blank(text) and not is_figure(text):
            raise TableError(row.line, "an amount in the 金额 column", f"{text!r} in the 金额 column of {code or name}")
        if not code:
            if name or (amount_of(text) or 0) != 0:
                raise TableError(row.line, "an economic subject code (3 or 5 digits) before each name",
                                 f"group without a code: {name!r} {text!r}")
            continue  # an empty group printed with a zero: padding
        if not is_economic_code(code):
            raise TableError(row.line, "an economic subject code (3 or 5 digits, starting with 3)",
                             f"{code!r} in the code column")
        out.subject(ECONOMIC, code, name, row.line)
        if not is_blank(text):
            out.result.add("expenditure", table_code="06", classification=ECONOMIC, subject_code=code,
                           subject_name=name, subject_level=level_of(code), expenditure_type="basic",
                           fund_type="general_public_budget", **Figure(text, unit, row.line).columns())


def parse_basic_table(block: TableBlock, unit: str) -> Parsed:
    """Every figure of table 06."""
    out = Parsed()
    groups: list[Group] = []
    pending: list[Row] = []  # header rows read so far: 编码, 名称 and 金额 may sit on different rows
    for row in block.rows:
        if is_index_row(row.cells):
            continue
        header = _groups(row)
        if header:
            groups, pending = header, []
            continue
        if any(_footer_key(cell) for cell in row.cells):
            _read_footer(out, row, unit)
        elif not any(is_figure(cell) for cell in row.cells):
            pending.append(row)  # group titles (人员经费 | 公用经费) or other header text
            stacked = _groups(Row(row.line, header_labels(pending)))
            if stacked:  # 经济分类 / 科目编码 / 类 | 款 over 科目名称 and 决算数 spanning the rows
                groups, pending = stacked, []
            continue
        elif not groups:
            raise TableError(row.line, "a header of 科目编码 | 科目名称 | 金额 column groups",
                             "figures before any column header")
        else:
            _read_groups(out, row, groups, unit)
    if not groups:
        raise TableError(block.start_line, "a header of 科目编码 | 科目名称 | 金额 column groups",
                         "no column header found")
    return out
