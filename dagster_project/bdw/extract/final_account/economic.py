"""Table 06 一般公共预算财政拨款基本支出决算表: economic subjects in side-by-side column groups.

The header repeats (科目编码, 科目名称, 金额) two or three times; each group of a row is one
economic subject. The code may be split over 类/款 cells (``301 | 01``). The footer prints
人员经费合计 / 公用经费合计 / 合计 with their amounts anywhere to the right of the label (or in
the label's own cell), so it is read label by label rather than by group.

A row printed without tabs is read group by group in order, which needs no positions: a code,
its name, and at most one amount before the next code (an amount with no code before it is the
padding of an empty group, zero). A wrapped name joins its group (space-aligned: by column); in
a single-spaced row of several groups which name it continues cannot be told, and an issue says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..result import ExtractionIssue
from .grid import (
    EXTRACTOR,
    Figure,
    TableError,
    amount_of,
    header_labels,
    is_blank,
    is_figure,
    is_index_row,
    split_trailing_amount,
)
from .sections import TAB, Row, TableBlock
from .subjects import ECONOMIC, TOTAL, is_economic_code, level_of, normalize_name
from .tables import Parsed
from .wrapped import join_wrapped

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


def _words(row: Row) -> list[str]:
    """A row printed without tabs as its printed cells in order, neighbouring text joined (``合 计``)."""
    words: list[str] = []
    for cell in (cell for cell in row.cells if cell):
        if words and not is_figure(cell) and not is_figure(words[-1]) and not row.positional:
            words[-1] = f"{words[-1]} {cell}"
        else:
            words.append(cell)
    return words


def _starts_economic_row(row: Row) -> bool:
    return any(is_economic_code(cell) or _footer_key(cell) for cell in _words(row))


def _names_columns(row: Row) -> bool:
    text = "".join(row.cells).replace(" ", "")
    return any(word in text for word in ("编码", "名称", "金额", "决算数"))


def _continued_footer(above: Row, runs: list[tuple[int, int]], text: str) -> int | None:
    """The footer label a wrapped piece completes (``人员经费合`` + ``计``); which subject's name
    it continues in a row of several groups cannot be told (``None``)."""
    fits = [index for index, (start, stop) in enumerate(runs)
            if FOOTERS.get((" ".join(above.cells[start:stop]) + text).replace(" ", ""))
            and not FOOTERS.get(" ".join(above.cells[start:stop]).replace(" ", ""))]
    return fits[0] if len(fits) == 1 else None


def _names_groups(rows: list[Row]) -> bool:
    """Header lines printed without tabs naming the groups: 编码 (or 经济分类), 名称 and 金额 (or 决算数)."""
    text = "".join("".join(row.cells) for row in rows).replace(" ", "")
    return ("编码" in text or "经济分类" in text) and "名称" in text and ("金额" in text or "决算数" in text)


def _read_sequence(out: Parsed, row: Row, unit: str) -> None:
    """A row printed without tabs, group by group (module doc)."""
    words = _words(row)
    index = 0
    while index < len(words):
        word = words[index]
        if is_figure(word) and not _starts_group(words, index):
            if (amount_of(word) or 0) != 0:
                raise TableError(row.line, "an economic subject code (3 or 5 digits) and a name before each amount",
                                 f"amount {word!r} with no subject before it")
            index += 1  # the zero printed in an empty group: padding
            continue
        if not _starts_group(words, index):
            raise TableError(row.line, "an economic subject code (3 or 5 digits, starting with 3) before each name",
                             f"{word!r} where a subject code should be")
        code, index = _code_at(words, index)
        name = ""
        if index < len(words) and not is_figure(words[index]):
            name, index = normalize_name(words[index]), index + 1
        text = ""
        if index < len(words) and is_figure(words[index]) and not _starts_group(words, index):
            text, index = words[index], index + 1
        out.subject(ECONOMIC, code, name, row.line)
        if text:
            out.result.add("expenditure", table_code="06", classification=ECONOMIC, subject_code=code,
                           subject_name=name, subject_level=level_of(code), expenditure_type="basic",
                           fund_type="general_public_budget", **Figure(text, unit, row.line).columns())


def _starts_group(words: list[str], index: int) -> bool:
    """An economic code followed by its name (or its 款 part): a number there is a code, not an amount."""
    code, after = _code_at(words, index)
    return is_economic_code(code) and (after >= len(words) or not is_figure(words[after]) or after > index + 1)


def _code_at(words: list[str], index: int) -> tuple[str, int]:
    """The code printed from ``words[index]`` (``301 01`` → ``30101``) and the index after it."""
    code, after = words[index].replace(" ", ""), index + 1
    if len(code) == 3 and after < len(words) and re.fullmatch(r"\d{2}", words[after]):
        code, after = code + words[after], after + 1
    return code, after


def parse_basic_table(block: TableBlock, unit: str) -> Parsed:
    """Every figure of table 06."""
    out = Parsed()
    groups: list[Group] = []
    pending: list[Row] = []  # header rows read so far: 编码, 名称 and 金额 may sit on different rows
    named = False  # a header printed without tabs named the groups (rows without tabs are read in order)
    joined = join_wrapped(block.rows, _starts_economic_row, _names_columns, _continued_footer)
    for row in joined.unplaced:
        out.result.issues.append(ExtractionIssue(
            EXTRACTOR, "06", row.line, "the rest of a name below a row of one subject (or aligned in its column)",
            f"{' '.join(row.cells)!r} continues one of the names of the row above, which one cannot be told "
            "(single-spaced text): those names are kept as printed on their own line"))
    for row in joined.rows:
        if is_index_row(row.cells):
            continue
        header = _groups(row) if row.positional else []
        if header:
            groups, pending = header, []
            continue
        if any(_footer_key(cell) for cell in (row.cells if row.layout == TAB else _words(row))):
            _read_footer(out, row if row.layout == TAB else Row(row.line, _words(row)), unit)
        elif not any(is_figure(cell) for cell in row.cells):
            pending.append(row)  # group titles (人员经费 | 公用经费) or other header text
            stacked = _groups(Row(row.line, header_labels(pending))) if all(r.positional for r in pending) else []
            if stacked:  # 经济分类 / 科目编码 / 类 | 款 over 科目名称 and 决算数 spanning the rows
                groups, pending = stacked, []
            elif row.layout != TAB and _names_groups(pending):
                groups, named, pending = [], True, []  # printed without positions: rows read in order
            continue
        elif not groups and not named:
            raise TableError(row.line, "a header of 科目编码 | 科目名称 | 金额 column groups",
                             "figures before any column header")
        elif row.layout != TAB or not groups:
            _read_sequence(out, row, unit)
        else:
            _read_groups(out, row, groups, unit)
    if not groups and not named:
        raise TableError(block.start_line, "a header of 科目编码 | 科目名称 | 金额 column groups",
                         "no column header found")
    return out
