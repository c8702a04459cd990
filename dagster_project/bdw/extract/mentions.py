"""Where a document names itself (its department, its year) and what it prints in their place.

Read from the places a reviewer reads them: the cover, the contents, the part headings (``第二部分
…2024年度部门决算表``, ``第三部分 …情况说明``), the labels above tables (``单位：…``) and the
sentences that say what the document reports on: ``上海市普陀区财政局2024年度收入支出总计…``,
``2024年度“三公”经费…``, ``截至2024年12月31日`` (the reported year), ``与2023年度相比`` (the year
compared with). A year anywhere else (``自2020年11月入选…``, a filing date in a table) is history,
not a claim about the document, and is not read.

Also read: placeholders left from the template (XX, ××, 某某, ＊＊, 【】, 此处填写), doubled
punctuation and repeated words in the prose, and whether the document warns that its figures
carry rounding differences (``尾数误差``). The reading is here; whether a year is the fiscal year
or a name the department's is judged by the dbt rules of family ``document``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .cells import squash
from .numbers import clean_cell
from .prose import document_sentences, paragraphs, strip_markup
from .source import SourceDocument

DEPARTMENT, YEAR, PLACEHOLDER = "department", "year", "placeholder"
DOUBLED_PUNCTUATION, REPEATED_WORD, ROUNDING_NOTE = "doubled_punctuation", "repeated_word", "rounding_note"
COVER, CONTENTS, PART_HEADING, TABLE_LABEL, PROSE, TABLE = (
    "cover", "contents", "part_heading", "table_label", "prose", "table")
REPORTED, PRIOR = "reported", "prior"  # a year the document reports on / the year it compares with

ORG_SUFFIX = r"(?:局|委员会|委|厅|办公室|办|院|中心|所|站|馆|队|校|部|会|处|政府|公司)"
_SPACE = re.compile(r"\s")
_ORG = rf"[\u4e00-\u9fff·・（）()]{{2,40}}?{ORG_SUFFIX}"
_ORG_NAME = re.compile(rf"^{_ORG}(?:[（(]本级[）)])?$")
_SCOPE_SUFFIX = re.compile(r"[（(]本级[）)]$")
_YEAR = r"(?P<year>(?:19|20)\d{2})\s*年"
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_SELF = r"(?:本单位|本部门|我单位|我部门|我局|本局|本级)"
_HEADING_NAME = re.compile(
    rf"^第[一二三四五六七八九十]+部分(?P<name>{_ORG})(?=(?:19|20)\d{{2}}年|概况|部门决算|单位决算)")
_LABEL = re.compile(r"^(?:编制|填报|公开)?(?:单位|部门)(?:名称)?(?:[（(]盖章[）)])?[：:](?P<name>\S+)$")
_CLAUSE = r"(?:^|(?<=[，。；：,;:）)、]))"
_PROSE_NAME = re.compile(
    rf"{_CLAUSE}(?:注[：:])?(?P<name>{_ORG})(?=(?:19|20)\d{{2}}年度|无|共有|部门决算|单位决算|本级决算)")
_PROSE_NAME_FOLLOWERS = ("年度", "无", "共有", "决算")  # one of them follows every name _PROSE_NAME reads
_VERBS = ("纳入", "根据", "按照", "依据")
_COVER_YEAR = re.compile(rf"{_YEAR}(?:度|(?=(?:部门|单位)?(?:决算|预算)))")
_HEADING_YEAR = re.compile(rf"{_YEAR}度?")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_NAMED_YEAR = re.compile(rf"(?:{_ORG})\s*{_YEAR}度")  # 上海市普陀区财政局2024年度…
_NAME_REACH = 40 + 3  # the longest name _ORG matches: 40 characters and the longest suffix
_REPORTED_YEARS = (
    _NAMED_YEAR,
    re.compile(rf"{_SELF}\s*{_YEAR}(?:度|(?!\s*\d{{1,2}}\s*月))"),  # 本单位 2021 年没有…
    re.compile(rf"{_CLAUSE}\s*{_YEAR}度\s*(?=本部门|本单位|我单位|我局|本局|[“\"]|收入|支出|部门|单位|预算绩效|政府采购"
               r"|机关运行|财政拨款|一般公共预算|政府性基金|国有资本|三公|决算|无)"),  # 2024年度“三公”经费…
    re.compile(rf"截至\s*{_YEAR}\s*\d{{1,2}}\s*月\s*(?:\d{{1,2}}\s*日|底|末)"),  # 截至2024年12月31日
    re.compile(rf"(?:的|对)\s*{_YEAR}度\s*(?:\d+\s*个)?项目"),  # 编报绩效目标的2024年度项目
)
_PRIOR_YEAR = re.compile(rf"(?:与|比|较|同)\s*{_YEAR}度?\s*(?:相比|比较|决算|同期|增加|减少|持平|下降|增长|降低|上升)")
_PLACEHOLDERS = re.compile(
    r"(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])|×{2,}|＊{2,}|某某|【\s*】|【[^】]{0,20}(?:填写|名称|[XxＸ×]{2})[^】]{0,20}】"
    r"|此处填写|请填写"
)
_PLACEHOLDER_HINT = re.compile(r"[XxＸｘ×＊某【此请]")  # a character every placeholder above contains
_DOUBLED = re.compile(r"[，。；、：！？]{2,}|,,+|;;+")
_REPEATED = re.compile(r"([\u4e00-\u9fff]{2,4})\1|([的了是在和与及对将为于由把被从向])\2")
_ROUNDING = re.compile(r"尾数误差|尾差|四舍五入")
_CONTEXT = 120  # characters of the sentence or line kept with a mention


@dataclass(frozen=True)
class Mention:
    """One place the document names itself (or a blemish in its text)."""

    kind: str
    place: str
    found: str  # as printed: the name, ``2023年度``, ``XX``, ``。。``
    line: int
    context: str
    year: int | None = None
    role: str | None = None  # years: reported or prior


def org_name(candidate: str) -> str | None:
    """An organisation's full name (``（本级）`` dropped), ``None`` when ``candidate`` is not one."""
    name = re.sub(r"\s+", "", clean_cell(candidate).strip("*# "))
    if _ORG_NAME.match(name):
        return _SCOPE_SUFFIX.sub("", name)
    return None


@dataclass(frozen=True)
class Layout:
    """Where the cover ends and the contents (目录) run, by line."""

    cover_end: int  # first line after the cover
    contents: range  # lines of the contents, empty when none is printed

    def place(self, line: int, text: str) -> str:
        if line < self.cover_end:
            return COVER
        if line in self.contents:
            return CONTENTS
        return PART_HEADING if _PART.match(text) else PROSE


def layout(doc: SourceDocument) -> Layout:
    """The cover runs to the contents (or the first part heading); the contents to the first repeated part."""
    contents_start, first_heading, seen, body = None, None, set(), None
    for number, raw in doc.numbered():
        if "\t" in raw and not _PART.match(squash(strip_markup(raw))):
            continue
        text = squash(strip_markup(raw))
        if contents_start is None and text in ("目录", "目次"):
            contents_start = number
            continue
        part = _PART.match(text)
        if part:
            first_heading = first_heading or number
            if contents_start is not None:
                if part.group(0) in seen:
                    body = number
                    break
                seen.add(part.group(0))
    cover_end = contents_start or first_heading or _nth_text_line(doc, 15)
    contents = range(contents_start, body or contents_start + 1) if contents_start else range(0)
    return Layout(cover_end, contents)


def _nth_text_line(doc: SourceDocument, n: int) -> int:
    count = 0
    for number, text in doc.numbered():
        if text.strip():
            count += 1
            if count == n:
                return number
    return len(doc.lines) + 1


def read_mentions(doc: SourceDocument) -> list[Mention]:
    """Every mention of the department (outside the cover) and the year, and every blemish, in line order."""
    where = layout(doc)
    mentions = [*_self_mentions(doc), *_line_mentions(doc, where)]
    for paragraph in paragraphs(doc, 1, None):
        if where.place(paragraph[0][0], squash(strip_markup(paragraph[0][1]))) == PROSE:
            mentions += _blemishes(paragraph)
    return sorted(mentions, key=lambda m: (m.line, m.kind, m.found))


def department_mentions(doc: SourceDocument) -> list[Mention]:
    """The department as the contents, the part headings, the labels and the prose name it."""
    return [m for m in _self_mentions(doc) if m.kind == DEPARTMENT]


@lru_cache(maxsize=4)
def _self_mentions(doc: SourceDocument) -> tuple[Mention, ...]:
    """The department and the year where the document names them: sentence by sentence, and the labels.

    Read twice per document (its metadata, then its mentions): found once.
    """
    where = layout(doc)
    mentions = []
    for printed, text, lines in document_sentences(doc):
        mentions += _sentence_mentions(printed, text, lines, where.place(lines[0], text.replace(" ", "")))
    return (*mentions, *_label_mentions(doc))


def _sentence_mentions(printed: str, text: str, lines: list[int], place: str) -> list[Mention]:
    compact = _SPACE.sub("", text) if _SPACE.search(text) else text
    context = printed[:_CONTEXT]
    out: list[Mention] = []
    index: Sequence[int] = ()

    def add(kind: str, start: int, end: int, **extra) -> None:
        nonlocal index
        index = index or _positions(text, compact)  # built for the few sentences that mention something
        begin, stop = index[start], index[end - 1] + 1
        out.append(Mention(kind, place, printed[begin:stop], lines[begin], context, **extra))

    if place in (CONTENTS, PART_HEADING):
        heading = _HEADING_NAME.match(compact)
        if heading and org_name(heading.group("name")):
            add(DEPARTMENT, *heading.span("name"))
    if place == PROSE and any(word in compact for word in _PROSE_NAME_FOLLOWERS):
        for match in _PROSE_NAME.finditer(compact):
            if not match.group("name").startswith(_VERBS):  # 纳入…局2024年度…: the object of a verb
                add(DEPARTMENT, *match.span("name"))
    for match, role in _year_matches(compact, place):
        add(YEAR, *match.span("year"), year=int(match.group("year")), role=role)
    return out


def _blemishes(paragraph: list[tuple[int, str]]) -> list[Mention]:
    """Doubled punctuation and words printed twice in a row, in one paragraph (lines joined again)."""
    text = "".join(line for _, line in paragraph)
    lines = [number for number, line in paragraph for _ in line]
    out = []
    for kind, pattern in ((DOUBLED_PUNCTUATION, _DOUBLED), (REPEATED_WORD, _REPEATED)):
        for match in pattern.finditer(text):
            if match.group(0) not in ("！？", "？！"):
                context = text[max(0, match.start() - 30) : match.end() + 30]
                out.append(Mention(kind, PROSE, match.group(0), lines[match.start()], context))
    return out


def _year_matches(compact: str, place: str):
    """``(match, role)`` of every year the sentence claims as the reported year or compares with."""
    if place in (CONTENTS, PART_HEADING):
        yield from ((m, REPORTED) for m in _HEADING_YEAR.finditer(compact))
        return
    if place == COVER:
        yield from ((m, REPORTED) for m in _COVER_YEAR.finditer(compact))
        return
    years = [match.start() for match in _ANY_YEAR.finditer(compact)]
    if not years:  # most sentences: every pattern below needs a year
        return
    seen: set[int] = set()
    for match in _PRIOR_YEAR.finditer(compact):
        seen.add(match.start("year"))
        yield match, PRIOR
    for pattern in _REPORTED_YEARS:
        matches = _named_years(compact, years) if pattern is _NAMED_YEAR else pattern.finditer(compact)
        for match in matches:
            if match.start("year") not in seen:
                seen.add(match.start("year"))
                yield match, REPORTED


def _named_years(compact: str, years: list[int]):
    """``_NAMED_YEAR.finditer(compact)``, searched only from where a name could end at a year.

    The name (:data:`_ORG`) is matched lazily from every position, which made the plain scan the
    dearest step of reading prose; a match starts at most :data:`_NAME_REACH` characters before its
    year, so each search starts there (``compact`` has no spaces) and finds the same match.
    """
    position = 0
    for year in years:
        if year < position:
            continue
        match = _NAMED_YEAR.search(compact, max(position, year - _NAME_REACH))
        if match is None:
            return
        yield match
        position = match.end()


def _positions(text: str, compact: str) -> Sequence[int]:
    """For each character of ``compact`` (``text`` without spaces), its index in ``text``."""
    if compact is text:
        return range(len(text))
    return [i for i, c in enumerate(text) if not c.isspace()]


def _label_mentions(doc: SourceDocument) -> list[Mention]:
    """``单位：宁德市医疗保障局（本级）`` above a table (a unit label such as ``单位：万元`` names no one)."""
    out = []
    for number, raw in doc.numbered():
        if "\t" in raw:
            continue
        match = _LABEL.match(squash(strip_markup(raw)))
        name = org_name(match.group("name")) if match else None
        if name:
            out.append(Mention(DEPARTMENT, TABLE_LABEL, match.group("name"), number, strip_markup(raw)[:_CONTEXT]))
    return out


def _line_mentions(doc: SourceDocument, where: Layout) -> list[Mention]:
    """Placeholders (in prose and tables) and the rounding note, line by line."""
    out = []
    for number, raw in doc.numbered():
        text = strip_markup(raw).replace("\t", " | ")
        place = TABLE if "\t" in raw else where.place(number, squash(strip_markup(raw)))
        for match in _PLACEHOLDERS.finditer(text) if _PLACEHOLDER_HINT.search(text) else ():
            out.append(Mention(PLACEHOLDER, place, match.group(0), number, text[:_CONTEXT]))
        if _ROUNDING.search(text):
            out.append(Mention(ROUNDING_NOTE, place, _ROUNDING.search(text).group(0), number, text[:_CONTEXT]))
    return out
