"""Finding the tables 公开01–09 in a document and cutting out their bodies.

A table starts at its ``公开NN表`` marker (or, in a document that prints no markers, at a line
that is exactly one of its titles: :data:`TITLE_VARIANTS` holds the names other templates print,
e.g. the 2024 Shanghai template's ``财政拨款“三公”经费支出决算表`` for 07). Tables outside the
nine (:data:`OTHER_TITLES`: 机关运行经费, 政府采购 …) are recognised by their titles and never read
as one of the nine. Its body is the table lines that follow, across page noise (page numbers,
续表, repeated titles, unit and organisation labels, blank lines); it ends at the first line that
is no table line: a ``注：`` note, the next title or marker, a part heading, a sentence. A body
that runs into the end of the document is flagged as cut short.

A table line is a tab-separated row, or a line printed without tabs (header lines, rows of a
space-aligned or single-spaced rendering, a wrapped label): :mod:`..layout` turns those into
cells, by column position when the rendering aligns them (:attr:`Row.positional`), else in
order only. Page breaks (a form feed, page furniture) part a body: each part's columns are
found on its own, as a tool lays out every page anew.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .. import layout
from ..numbers import clean_cell, parse_amount
from ..prose import strip_markup, without_tags
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
_NOTE = re.compile(r"^(?:注|备注|说明)\s*\d*\s*[：:.．、]")
_SENTENCE = re.compile(r"[。；！？]|，.*，")  # prose: a full stop, or a clause list (tables print neither)
_SECTION_HEADING = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[、.．)）]).*(?:说明|情况|解释|事项)$")
_TITLE_SCAN = 40  # lines after a bare title within which its first table row must appear
# Words the header of every table 01–09 prints (项目 | 决算数, 科目编码 | 科目名称 …), and no row label.
_HEADER_WORDS = ("项目", "科目", "编码", "名称", "金额", "决算数", "行次", "栏次", "本年", "小计")


TAB, ALIGNED, SPACED = "tab", "aligned", "spaced"  # how a row was printed


@dataclass
class Row:
    """One line of a table body: its 1-based line number and cleaned cells.

    ``layout``: :data:`TAB` (cells between tabs), :data:`ALIGNED` (a space-aligned line cut at
    the table's columns) or :data:`SPACED` (a single-spaced line: its empty cells vanished, its
    cells are its words in order and only the table parser can say which column each is).
    ``part``: the page part of the table the line is printed in.
    """

    line: int
    cells: list[str]
    layout: str = TAB
    part: int = 0

    @property
    def positional(self) -> bool:
        """Whether the cells sit under the header's columns (not a single-spaced line)."""
        return self.layout != SPACED


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


@lru_cache(maxsize=1 << 14)  # every line is tried as a title by the table finder and by table 07's
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


def _has_figure(text: str) -> bool:
    return any(_is_figure_word(word) for word in strip_markup(text).split())


def _prints_amount(text: str) -> bool:
    """A line printing an amount or a code (decimals, thousands or three digits and more), not only
    the small integers of a column-index or 行次 row: its words mark where the columns are."""
    return any(parse_amount(word) is not None and ("." in word or "," in word or len(word) >= 3)
               for word in strip_markup(text).split())


def _ends_body(text: str) -> bool:
    """A line printed without tabs that no table prints: a note, a title, a heading, a sentence."""
    line = clean_line(text)
    compact = line.replace(" ", "")
    return (
        bool(_NOTE.match(compact))
        or _marker_code(line) is not None
        or title_code(line) is not None
        or is_other_table(line)
        or bool(_PART.match(compact))
        or bool(_SENTENCE.search(strip_markup(text)))
        or (bool(_SECTION_HEADING.match(compact)) and not _has_figure(text))
    )


@dataclass
class _BodyLine:
    number: int
    text: str
    tabbed: bool
    part: int  # page part of the body the line is printed in


def _read_body(doc: SourceDocument, block: TableBlock, first: int) -> None:
    """Collect the rows of ``block`` from line ``first`` on; set its end and completeness."""
    block.last_line = first - 1
    lines: list[_BodyLine] = []
    part = 0
    for number, text in doc.numbered(first):
        if _is_row(text):
            other = _marker_code(text.replace("\t", " "))
            if other and other != block.code:
                block.trailer = clean_line(text)
                break
            part += text.startswith("\f")
            lines.append(_BodyLine(number, text, True, part))
            block.last_line = number
            continue
        if block.unit is None and not lines:
            block.unit = unit_in(text)
        if not is_other_table(text) and _is_noise(text, block.code):
            if text.strip() and lines:  # page furniture: the rest is printed on another page
                part += 1
            continue
        if not _ends_body(text):  # a table line printed without tabs
            part += text.startswith("\f")
            lines.append(_BodyLine(number, text, False, part))
            block.last_line = number
            continue
        block.trailer = clean_line(text)
        break
    else:
        block.complete = False
    block.rows = _rows_of(lines)


def _rows_of(lines: list[_BodyLine]) -> list[Row]:
    """The body's rows: tab lines cut at their tabs, the others by :mod:`..layout`."""
    plain = [line for line in lines if not line.tabbed]
    if plain and layout.is_space_aligned([line.text for line in plain], _is_figure_word):
        rows = _aligned_rows(plain)
    else:
        rows = {line.number: _spaced_row(line) for line in plain}
    return [rows[line.number] if not line.tabbed else Row(line.number, cells_of(line.text)) for line in lines]


def _spaced_row(line: _BodyLine) -> Row:
    return Row(line.number, layout.spaced_cells(strip_markup(line.text)), SPACED, line.part)


def _aligned_rows(plain: list[_BodyLine]) -> dict[int, Row]:
    """Space-aligned lines cut at their columns, page part by page part (one CJK width for all).

    A part printed without a header of its own takes the previous part's columns; when those
    cannot be told, and for a line off its part's columns, the line is read as single-spaced.
    """
    parts = []
    for part in sorted({line.part for line in plain}):
        members = [line for line in plain if line.part == part]
        data = [_prints_amount(line.text) for line in members]
        if not any(data):  # an empty table prints zeros only: they mark the columns
            data = [_has_figure(line.text) for line in members]
        parts.append((members, [without_tags(line.text) for line in members], data))  # the indent kept
    wide = layout.cjk_width([(texts, data) for _, texts, data in parts])
    rows: dict[int, Row] = {}
    previous: layout.AlignedPart | None = None
    for members, texts, data in parts:
        cut = layout.aligned_cells(texts, data, _is_figure_word, wide)
        if previous is not None and not _prints_header(members):
            cut = layout.follow_columns(cut, previous) or layout.AlignedPart([None] * len(members), [], [])
        for line, cells in zip(members, cut.cells):
            rows[line.number] = (Row(line.number, [" ".join(cell.split()) for cell in cells], ALIGNED, line.part)
                                 if cells is not None else _spaced_row(line))
        previous = cut if cut.spans else previous
    return rows


def _prints_header(lines: list[_BodyLine]) -> bool:
    """Whether a page part starts with header lines of its own (before its first figure)."""
    for line in lines:
        if _has_figure(line.text):
            return False
        if any(word in clean_line(line.text).replace(" ", "") for word in _HEADER_WORDS):
            return True
    return False


def _is_figure_word(word: str) -> bool:
    return parse_amount(word) is not None


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
        if code and _table_follows(doc, number, code):
            starts.append((number, code))
    return starts


def _table_follows(doc: SourceDocument, title: int, code: str) -> bool:
    """Whether a table follows the title line ``title`` before any line that ends a table (the
    next title, a note, a sentence): a tab row, a line printing figures, or a header line (an
    empty table, 08/09, prints its header and no figure) — printed with or without tabs."""
    for _, text in doc.numbered(title + 1, title + _TITLE_SCAN):
        if _is_row(text):
            return True
        if not text.strip() or (_is_noise(text, code) and not is_other_table(text)):
            continue
        if _ends_body(text):
            return False
        if _has_figure(text) or any(word in clean_line(text).replace(" ", "") for word in _HEADER_WORDS):
            return True
    return False


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
            block.unit = block.unit or unit_in(doc.line(line)) or _unit_before(doc, line, floor)
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
