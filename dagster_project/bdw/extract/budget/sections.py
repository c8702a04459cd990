"""Finding the budget tables B01–B09 in a document by their titles, and cutting out their bodies.

The 2026 Shanghai template prints nine tables, each under a title line such as
``2026年部门财务收支预算总表`` (the department edition) or ``2026年预算单位财务收支预算总表`` (the
unit edition, 单位预算), followed by an ``编制部门：… 单位：元`` line and the ruled table. A title
maps to its code once reduced (no ordinal, year, edition word, spaces or quotes); titles the
templates print for other tables (项目支出预算表, 政府采购预算表 …) are recognised and skipped.
Final-account titles (…决算表) never match: every budget title names 预算.

A table's body is the tab rows after its title, across page furniture (page numbers, 续表, the
title printed again, unit and organisation labels, blank lines); it ends at the first other text
line: a ``注：`` note (kept: it says when a table is empty on purpose), the next title, prose.
A body that runs into the end of the document is flagged as cut short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..final_account.sections import cells_of, clean_line, title_of, unit_in
from ..rows import Row
from ..source import SourceDocument

TITLES: dict[str, str] = {
    "B01": "财务收支预算总表",
    "B02": "收入预算总表",
    "B03": "支出预算总表",
    "B04": "财政拨款收支预算总表",
    "B05": "一般公共预算支出功能分类预算表",
    "B06": "政府性基金预算支出功能分类预算表",
    "B07": "国有资本经营预算支出功能分类预算表",
    "B08": "一般公共预算基本支出部门预算经济分类预算表",
    "B09": "“三公”经费和机关运行经费预算表",
}
# Other printings of the same tables (compared after reduction), each naming the table by content.
TITLE_VARIANTS: dict[str, tuple[str, ...]] = {
    "B01": ("收支预算总表", "财务收支总表"),
    "B04": ("财政拨款收支总表", "财政拨款收入支出预算总表"),
    "B05": ("一般公共预算支出预算表", "一般公共预算拨款支出预算表", "一般公共预算支出功能分类表"),
    "B06": ("政府性基金预算支出预算表", "政府性基金预算拨款支出预算表", "政府性基金预算支出功能分类表"),
    "B07": ("国有资本经营预算支出预算表", "国有资本经营预算拨款支出预算表", "国有资本经营预算支出功能分类表"),
    "B08": ("一般公共预算基本支出经济分类预算表", "一般公共预算基本支出预算表",
            "一般公共预算基本支出部门预算经济分类表"),
    "B09": ("“三公”经费和机关运行费预算表", "“三公”经费预算表", "一般公共预算“三公”经费支出预算表",
            "“三公”经费和机关运行经费预算情况表"),
}
# Tables some budget templates print beside the nine: recognised so they end a body, never read.
OTHER_TITLES = ("项目支出预算表", "政府采购预算表", "部门预算项目绩效目标表", "项目绩效目标表",
                "一般公共预算支出经济分类预算表", "政府购买服务预算表")

_EDITION = re.compile(r"^(?:预算单位|部门|单位|区级|市级|县级)+")
_CONTINUED = ("（续）", "(续)", "（续表）", "(续表)", "续表", "续")
_PAGE = re.compile(r"^(?:[-—–－]\s*)?(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[-—–－])?$|^\d{1,4}\s*/\s*\d{1,4}$"
                   r"|^(?:第\s*\d+\s*页\s*)?共\s*\d+\s*页$")
_BREAK = "<<page>>"  # the page-break line of a text rendering (tests/pdf_render.py prints it as a new page)
_CONTINUED_LINE = re.compile(r"^[(（]?(?:续表?|续上表|接上表|上接)[)）]?[：:]?\s*\d*$")
_ORG_LABEL = re.compile(r"^(?:编制|填报|公开|预算|主管)?(?:单位|部门)(?:名称)?(?:[（(]盖章[）)])?\s*[：:]")
_NOTE = re.compile(r"^注\s*[:：]")
_TITLE_SCAN = 8  # lines after a title within which its first table row must appear (else: a contents entry)


@dataclass
class BudgetTable:
    """The printed extent of one budget table: its rows, unit, and the note printed under it."""

    code: str
    start_line: int  # the title line
    rows: list[Row] = field(default_factory=list)
    unit: str | None = None
    unit_line: int | None = None
    note: str = ""  # the 注：… line under the table (e.g. "本表为空表")
    last_line: int = 0
    complete: bool = True  # False when the document ends inside the body


def reduce_title(text: str) -> str:
    """A heading reduced for comparison: :func:`title_of` (no ordinal, year, quotes) and no edition word."""
    title = title_of(text)
    for suffix in _CONTINUED:
        title = title.removesuffix(suffix)
    return _EDITION.sub("", title)


@cache
def _title_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, title in TITLES.items():
        for printed in (title, *TITLE_VARIANTS.get(code, ())):
            index.setdefault(reduce_title(printed), code)
    return index


@cache
def _other_titles() -> frozenset[str]:
    return frozenset(reduce_title(title) for title in OTHER_TITLES)


def title_code(text: str) -> str | None:
    """The B-code a title line names (``'2026年部门收入预算总表'`` → ``'B02'``), else None."""
    if "\t" in text or "…" in text or "...." in text:  # a table row or a contents entry
        return None
    return _title_index().get(reduce_title(text))


def is_other_table(text: str) -> bool:
    return "\t" not in text and reduce_title(text) in _other_titles()


def is_page_furniture(text: str) -> bool:
    """A page number or a page break (``- 9 -``, ``第9页``, ``<<page>>``, a form feed): no content."""
    if "\t" in text:
        return False
    compact = clean_line(text.replace("\f", "")).replace(" ", "")
    return text.strip() == _BREAK or (not compact and "\f" in text) or bool(_PAGE.match(compact))


def _is_row(text: str) -> bool:
    return "\t" in text and any(clean_line(cell) for cell in text.split("\t"))


def _is_furniture(text: str, code: str) -> bool:
    """Page furniture that may sit inside a table body without ending it."""
    line = clean_line(text)
    compact = line.replace(" ", "")
    return (not compact or is_page_furniture(text) or bool(_CONTINUED_LINE.match(compact))
            or bool(_ORG_LABEL.match(compact)) or unit_in(line) is not None or title_code(text) == code)


def _read_body(doc: SourceDocument, table: BudgetTable) -> None:
    table.last_line = table.start_line
    for number, text in doc.numbered(table.start_line + 1):
        if _is_row(text):
            table.rows.append(Row(number, cells_of(text)))
            table.last_line = number
            continue
        if table.unit is None and not table.rows and unit_in(text):
            table.unit, table.unit_line = unit_in(text), number
        if _is_furniture(text, table.code) and not is_other_table(text):
            continue
        if _NOTE.match(clean_line(text)):
            table.note = clean_line(text)
            table.last_line = number
        return
    table.complete = False


def locate_tables(doc: SourceDocument) -> dict[str, BudgetTable]:
    """Every budget table the document prints, by code; a title printed again continues its table."""
    tables: dict[str, BudgetTable] = {}
    floor = 0
    for number, text in doc.numbered():
        if number <= floor:
            continue
        code = title_code(text)
        if code is None or not any(_is_row(t) for _, t in doc.numbered(number + 1, number + _TITLE_SCAN)):
            continue
        part = BudgetTable(code, number)
        _read_body(doc, part)
        table = tables.setdefault(code, part)
        if table is not part:  # the same title again after other text: a continuation
            table.rows.extend(part.rows)
            table.last_line, table.complete = part.last_line, part.complete
            table.note = table.note or part.note
        floor = part.last_line
    return tables
