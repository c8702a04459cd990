"""Finding the tables 公开01–09 in a document and cutting out their bodies.

A table starts at its ``公开NN表`` marker (or, in a document that prints no markers, at a line
that is exactly one of its titles: :data:`TITLE_VARIANTS` holds the names other templates print,
e.g. the 2024 Shanghai template's ``财政拨款“三公”经费支出决算表`` for 07). Tables outside the
nine (:data:`OTHER_TITLES`: 机关运行经费, 政府采购 …) are recognised by their titles and never read
as one of the nine. Its body is the tab-separated rows that follow, across page
noise (page numbers, 续表, repeated titles, unit and organisation labels, blank lines); it ends
at the first other text line (a ``注：`` note, the next title, a part heading). A body that runs
into the end of the document is flagged as cut short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..numbers import clean_cell
from ..prose import strip_markup
from ..source import SourceDocument

TITLES: dict[str, str] = {
    "01": "收入支出决算总表",
    "02": "收入决算表",
    "03": "支出决算表",
    "04": "财政拨款收入支出决算总表",
    "05": "一般公共预算财政拨款支出决算表",
    "06": "一般公共预算财政拨款基本支出决算表",
    "07": "一般公共预算财政拨款“三公”经费支出决算表",
    "08": "政府性基金预算财政拨款收入支出决算表",
    "09": "国有资本经营预算财政拨款支出决算表",
}

# Titles other templates print for the same tables (compared after :func:`title_of`: no ordinal,
# year, spaces or quotes). Each names the table by content, never by its position in a list.
TITLE_VARIANTS: dict[str, tuple[str, ...]] = {
    "01": ("收入支出决算表",),
    "04": ("财政拨款收支决算总表", "财政拨款收入支出决算表"),
    "05": ("一般公共预算财政拨款支出决算明细表", "一般公共预算财政拨款收入支出决算表"),
    "06": ("一般公共预算财政拨款基本支出决算明细表",),
    "07": ("财政拨款“三公”经费支出决算表", "一般公共预算财政拨款“三公”经费支出决算明细表"),
    "08": ("政府性基金预算财政拨款支出决算表",),
    "09": ("国有资本经营预算财政拨款收入支出决算表",),
}
# Tables some templates print that are none of the nine: skipped on purpose (their figures are
# read from the prose where the narrative parser knows them, e.g. 机关运行经费).
OTHER_TITLES = (
    "机关运行经费支出决算表",
    "机关运行经费支出情况表",
    "政府采购情况表",
    "政府采购支出情况表",
    "国有资产占用情况表",
    "国有资产使用情况表",
    "一般公共预算财政拨款项目支出决算表",
    "项目支出决算表",
    "部门决算单位构成",
)

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
_MARKER = re.compile(r"公开\s*0?([1-9])\s*表")
_UNIT = re.compile(r"单位\s*[：:]\s*(亿元|万元|元)(?![\u4e00-\u9fff])")
_UNIT_ALONE = re.compile(r"^[（(]\s*(?:金额)?(?:单位\s*[：:]\s*)?(亿元|万元|元)\s*[）)]$")
_PAGE = re.compile(
    r"^(?:[-—–－]\s*)?(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[-—–－])?$|^\d{1,4}\s*/\s*\d{1,4}$|^(?:第\s*\d+\s*页\s*)?共\s*\d+\s*页$"
)
_CONTINUED = re.compile(r"^[(（]?(?:续表?|续上表|接上表|上接)[)）]?[：:]?\s*\d*$|续表")
_ORG_LABEL = re.compile(r"^(?:编制|填报|公开|预算|决算)?(?:单位|部门)(?:名称)?(?:[（(]盖章[）)])?\s*[：:]")
_RULE = re.compile(r"^[-=_*~·.\s]{3,}$")
_HEADING_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{4}\s*年度?)\s*")
_PART = re.compile(r"^第[一二三四五六七八九十]部分")
_TITLE_SCAN = 6  # lines after a bare title within which its first table row must appear


@dataclass
class Row:
    """One tab-separated line of a table body: its 1-based line number and cleaned cells."""

    line: int
    cells: list[str]


@dataclass
class TableBlock:
    """The printed extent of one table."""

    code: str
    start_line: int  # the marker (or title) line
    rows: list[Row] = field(default_factory=list)
    unit: str | None = None
    last_line: int = 0  # the last line that belongs to the table
    complete: bool = True  # False when the document ends inside the body
    trailer: str = ""  # the text line that ended the body (a note, a heading …)


def clean_line(text: str) -> str:
    """A line's text for matching: as :func:`strip_markup`, full-width digits and marks made ASCII."""
    return clean_cell(strip_markup(text))


def cells_of(text: str) -> list[str]:
    """The cells of a tab-separated line as printed (no tags; inner runs of spaces collapsed)."""
    return [" ".join(strip_markup(cell).split()) for cell in text.split("\t")]


def title_of(text: str) -> str:
    """A heading reduced for exact comparison with :data:`TITLES` (no ordinal, year, spaces or quotes)."""
    text = clean_line(text).replace(" ", "").translate(_QUOTES)
    previous = None
    while previous != text:
        previous, text = text, _HEADING_PREFIX.sub("", text)
    return text


@cache
def titles_of(code: str) -> frozenset[str]:
    """Every title table ``code`` is printed under, reduced as :func:`title_of` reduces a heading."""
    return frozenset(title_of(title) for title in (TITLES[code], *TITLE_VARIANTS.get(code, ())))


@cache
def _title_index() -> dict[str, str]:
    """Reduced title → table code (the first code in table order, when two share a title)."""
    index: dict[str, str] = {}
    for code in TITLES:
        for title in titles_of(code):
            index.setdefault(title, code)
    return index


@cache
def _other_titles() -> frozenset[str]:
    return frozenset(title_of(title) for title in OTHER_TITLES)


def title_code(text: str) -> str | None:
    """The table code a heading line names exactly (``'财政拨款“三公”经费支出决算表'`` → ``'07'``), else None."""
    return _title_index().get(title_of(text))


def is_other_table(text: str) -> bool:
    """A heading that names a table outside the nine (机关运行经费支出决算表 …)."""
    return title_of(text) in _other_titles()


def unit_in(text: str) -> str | None:
    """The amount unit a label line names (``单位：万元``, ``金额单位：元``, ``（万元）``)."""
    line = clean_line(text)
    match = _UNIT.search(line) or _UNIT_ALONE.match(line.replace(" ", ""))
    return match.group(1) if match else None


def _marker_code(text: str) -> str | None:
    line = clean_line(text)
    match = _MARKER.search(line)
    if not match or len(line) > 60 or "。" in line or "，" in line:
        return None
    return f"0{match.group(1)}"


def _is_noise(text: str, code: str) -> bool:
    """Page furniture that may sit inside a table body without ending it."""
    line = clean_line(text)
    compact = line.replace(" ", "")
    return (
        not compact
        or bool(_PAGE.match(compact))
        or (len(compact) <= 20 and bool(_CONTINUED.search(compact)))
        or bool(_ORG_LABEL.match(compact))
        or unit_in(line) is not None
        or bool(_RULE.match(line))
        or _marker_code(line) == code
        or _continued_title(title_of(line), code)
    )


def _continued_title(title: str, code: str) -> bool:
    """The table's own title printed again on a continuation page (maybe with （续）)."""
    for suffix in ("（续）", "(续)", "（续表）", "(续表)"):
        title = title.removesuffix(suffix)
    return title in titles_of(code)


def _is_row(text: str) -> bool:
    return "\t" in text and any(clean_cell(cell) for cell in text.split("\t"))


def _read_body(doc: SourceDocument, block: TableBlock, first: int) -> None:
    """Collect the rows of ``block`` from line ``first`` on; set its end and completeness."""
    block.last_line = first - 1
    for number, text in doc.numbered(first):
        if _is_row(text):
            other = _marker_code(text.replace("\t", " "))
            if other and other != block.code:
                block.trailer = clean_line(text)
                return
            block.rows.append(Row(number, cells_of(text)))
            block.last_line = number
            continue
        if block.unit is None and not block.rows:
            block.unit = unit_in(text)
        if not is_other_table(text) and _is_noise(text, block.code):
            continue
        block.trailer = clean_line(text)
        return
    block.complete = False


def _unit_before(doc: SourceDocument, line: int, floor: int) -> str | None:
    """A unit label printed just above the marker (between the previous table and it)."""
    for number in range(line - 1, max(floor, line - 8), -1):
        unit = unit_in(doc.line(number))
        if unit:
            return unit
    return None


def _starts(doc: SourceDocument) -> list[tuple[int, str]]:
    """``(line, code)`` of every table start: the markers, else exact titles followed by rows."""
    markers = [(n, code) for n, text in doc.numbered() if (code := _marker_code(text))]
    if markers:
        return markers
    starts = []
    for number, text in doc.numbered():
        code = title_code(text) if "\t" not in text else None
        if code and any(_is_row(t) for _, t in doc.numbered(number + 1, number + _TITLE_SCAN)):
            starts.append((number, code))
    return starts


def locate_tables(doc: SourceDocument) -> dict[str, TableBlock]:
    """Every table the document prints, by code; a repeated marker continues its table."""
    blocks: dict[str, TableBlock] = {}
    floor = 0
    for line, code in _starts(doc):
        if line <= floor:
            continue  # inside the body of the previous table (a repeated marker)
        block = blocks.get(code)
        if block is None:
            block = blocks[code] = TableBlock(code=code, start_line=line)
            _read_body(doc, block, line + 1)
            block.unit = block.unit or _unit_before(doc, line, floor)
        else:  # a continuation page printed after other text
            part = TableBlock(code=code, start_line=line)
            _read_body(doc, part, line + 1)
            block.rows.extend(part.rows)
            block.last_line, block.complete, block.trailer = part.last_line, part.complete, part.trailer
        floor = max(block.last_line, line)
    return blocks


def narrative_span(doc: SourceDocument, after: int) -> tuple[int, int] | None:
    """First and last line of the prose explanation (第三部分 …情况说明) printed after line ``after``."""
    start = None
    for number, text in doc.numbered(after + 1):
        line = clean_line(text).replace(" ", "")
        if start is None:
            # the heading may wrap: 第三部分…决算情况 / 说明
            wrapped = line.endswith(("情况", "情况说")) and number < len(doc.lines)
            heading = line + clean_line(doc.line(number + 1)).replace(" ", "") if wrapped else line
            if _PART.match(line) and "情况说明" in heading and "...." not in line and "\t" not in text:
                start = number
        elif _PART.match(line) or line in ("名词解释", "附件"):
            return start, number - 1
    return (start, len(doc.lines)) if start else None
