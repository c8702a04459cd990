"""Document-level facts read from the text: department, fiscal year, kind, reported unit.

Never from the file name. The title block (the first lines with text) is read first; labelled
lines such as ``项目单位：…``, ``填报单位：…`` or a budget's ``预算主管部门：…`` are the fallback. The
department is the name most places agree on: the cover, the contents, the part headings, the labels
above tables and the prose that names the document's own department (:mod:`.mentions`), so a cover
title wrapped over two lines (``上海市普陀区规划和自然`` / ``资源局``) never yields a truncated name.

The kind comes from the title block: a self-evaluation (绩效自评), a final account (部门决算 /
单位决算) or a budget (部门预算 / 单位预算), named outright or by the tables it lists. A
disclosure of another kind (a government's budget or final account, a report on the execution
of the budget, an audit report) is rejected with a reason that names it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .mentions import department_mentions, org_name
from .numbers import clean_cell
from .source import RejectedFile, SourceDocument

FINAL_ACCOUNT = "final_account"
PERFORMANCE_REPORT = "performance_report"
BUDGET = "budget"

TITLE_LINES = 15  # how many non-blank lines count as the title block

_LABELLED = re.compile(
    r"^(?:项目单位|填报单位|单位名称|预算单位|部门名称|部门（单位）名称|主管部门|预算主管部门|编制部门|编制单位|单位)"
    r"\s*(?:[（(]盖章[）)])?\s*[：:]\s*(\S+)"
)
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_BARE_YEAR = re.compile(r"^[（(]?\s*(?:20|19)\d{2}\s*[）)]?$")
_YEAR_PREFIX = re.compile(r"^[(（]?\s*(?:20|19)\d{2}\s*年度?\s*[)）]?")
_TITLE_TAIL = re.compile(
    r"(?:部门决算.*|单位决算.*|整体支出.*|部门整体.*|项目支出.*|绩效自评.*|决算.*|[(（]\s*(?:20|19)\d{2}\s*年度?\s*[)）]"
    r"|(?:(?:20|19)\d{2}\s*年度?)?(?:区级|市级|县级|省级)?(?:部门|单位)预算.*)$"
)
_UNIT_LABEL = re.compile(r"(?:金额)?单位\s*[：:]\s*(万元|元)\s*$")
_UNIT_PAREN = re.compile(r"[（(]\s*(万元|元)\s*[）)]")
_UNIT_AFTER_NUMBER = re.compile(r"\d\s*(万元|元)")

_PERFORMANCE_MARKERS = ("绩效自评", "自评表", "自评报告", "绩效评价")
_FINAL_ACCOUNT_TITLES = ("部门决算", "单位决算")
_BUDGET_TITLES = ("部门预算", "单位预算")
# Tables a title block lists (a contents page), when the document is not named outright.
_FINAL_ACCOUNT_TABLES = ("收入支出决算总表", "决算表")
_BUDGET_TABLES = ("财务收支预算总表", "收支预算总表", "收入预算总表", "支出预算总表", "功能分类预算表")

# Disclosures bdw does not read yet, by what their titles print: (what the file is, title pattern).
# Checked after the department-level titles above, so a department's own budget or final
# account that mentions them is never taken for one; the first that matches names the file.
OTHER_KINDS: tuple[tuple[str, re.Pattern], ...] = (
    ("审计报告 (an audit report)", re.compile(r"审计(?:工作)?报告")),
    ("预算执行报告 (a report on the execution of a government budget)",
     re.compile(r"预算执行(?:情况)?.{0,40}报告|预算执行报告")),
    ("政府决算 (a government's final account)", re.compile(r"总决算|本级决算|政府决算|[区市县省]级决算")),
    ("政府预算 (a government's budget)", re.compile(r"总预算|本级预算|政府预算|预算草案|[区市县省]级预算")),
)


@dataclass(frozen=True)
class DocumentMeta:
    department_name: str
    department_line: int
    fiscal_year: int
    fiscal_year_line: int
    document_kind: str
    reported_unit: str | None


def _title_block(doc: SourceDocument) -> list[tuple[int, str]]:
    block = []
    for number, text in doc.numbered():
        cell = clean_cell(text).lstrip("#").strip()
        if cell:
            block.append((number, cell))
            if len(block) == TITLE_LINES:
                break
    return block


def _title_core(cell: str) -> str:
    """A title line without spaces, the year before it and the words after the name (部门决算 …)."""
    return _TITLE_TAIL.sub("", _YEAR_PREFIX.sub("", cell.replace(" ", "")))


def cover_department(doc: SourceDocument) -> tuple[str, int] | None:
    """The department's name on the cover and its line: a title line, or two that one name was wrapped
    over (``上海市普陀区规划和自然`` / ``资源局``); else the first labelled line (``项目单位：…``)."""
    block = [(number, cell) for number, cell in _title_block(doc) if "\t" not in doc.line(number)]
    for index, (number, cell) in enumerate(block):
        core = _title_core(cell)
        name = org_name(core)
        if name:
            return name, number
        if core and index + 1 < len(block):
            joined = org_name(core + _title_core(block[index + 1][1]))
            if joined:
                return joined, number
    for number, text in doc.numbered():
        match = _LABELLED.match(clean_cell(text))
        if match:
            name = org_name(match.group(1))
            if name:
                return name, number
    return None


def find_department(doc: SourceDocument) -> tuple[str, int] | None:
    """The department's full name and the line it is first printed on: the name most places agree on.

    A place agrees with a name when it prints the name or an abbreviation of it (``普陀区财政局`` for
    ``上海市普陀区财政局``, a cover cut to ``资源局``). Ties go to the name printed in full most
    often, then to the one printed first.
    """
    cover = cover_department(doc)
    printed = [cover] if cover else []
    printed += [(name, m.line) for m in department_mentions(doc) if (name := org_name(m.found))]
    if not printed:
        return None
    names = [name for name, _ in printed]

    def standing(name: str) -> tuple[int, int, int]:
        support = sum(1 for other in names if name.endswith(other))
        return support, names.count(name), -min(line for other, line in printed if other == name)

    best = max(dict.fromkeys(names), key=standing)
    return best, min(line for name, line in printed if name == best)


def find_fiscal_year(doc: SourceDocument) -> tuple[int, int] | None:
    """The fiscal year the document reports on, from its title block."""
    block = _title_block(doc)
    for number, cell in block:
        match = _YEAR.search(cell)
        if match:
            return int(match.group(1)), number
    # A PDF may set the year apart from its title (``年度部门决算`` with ``2024`` on its own line,
    # in another font): a bare year next to a line that starts with 年.
    for index, (number, cell) in enumerate(block):
        if _BARE_YEAR.match(cell):
            around = [block[i][1] for i in (index - 1, index + 1) if 0 <= i < len(block)]
            if any(text.lstrip("（(").startswith("年") for text in around):
                return int(cell.strip(" （）()")), number
    return None


def find_kind(doc: SourceDocument) -> str | None:
    """The document kind its title block names (else its body); :class:`RejectedFile` for a kind bdw does not read."""
    block = _title_block(doc)
    title = " ".join(cell for _, cell in block).replace(" ", "")
    for markers, kind in ((_PERFORMANCE_MARKERS, PERFORMANCE_REPORT), (_FINAL_ACCOUNT_TITLES, FINAL_ACCOUNT),
                          (_BUDGET_TITLES, BUDGET)):
        if any(marker in title for marker in markers):
            return kind
    _reject_other_kind(doc, block)
    for markers, kind in ((_FINAL_ACCOUNT_TABLES, FINAL_ACCOUNT), (_BUDGET_TABLES, BUDGET)):
        if any(marker in title for marker in markers):
            return kind
    body = "\n".join(doc.lines)
    compact = body.replace(" ", "")
    if "预算公开" in compact or any(marker in compact for marker in _BUDGET_TABLES[:2]):
        return BUDGET  # before 公开01表: a budget's tables may be marked "预算公开01表"
    if "公开01表" in compact or "收入支出决算总表" in body:
        return FINAL_ACCOUNT
    if any(marker in body for marker in _PERFORMANCE_MARKERS):
        return PERFORMANCE_REPORT
    return None


def _reject_other_kind(doc: SourceDocument, block: list[tuple[int, str]]) -> None:
    """Raise :class:`RejectedFile` naming the kind when a title line names a disclosure bdw does not read."""
    for number, cell in block:
        text = cell.replace(" ", "")
        for kind, pattern in OTHER_KINDS:
            if pattern.search(text):
                raise RejectedFile(
                    f"{doc.source_file}: a {kind}, which bdw does not read yet (line {number}: {cell[:60]!r}); "
                    "bdw reads department final accounts (部门决算), budgets (部门预算) and performance "
                    "self-evaluations (绩效自评)")


def find_reported_unit(doc: SourceDocument) -> str | None:
    """The amount unit the document prints: the first unit label, else the unit most used after numbers."""
    for _, text in doc.numbered():
        cell = clean_cell(text)
        match = _UNIT_LABEL.search(cell)
        if match:
            return match.group(1)
    for _, text in doc.numbered():
        match = _UNIT_PAREN.search(clean_cell(text))
        if match:
            return match.group(1)
    counts = Counter(m.group(1) for text in doc.lines for m in _UNIT_AFTER_NUMBER.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def read_metadata(doc: SourceDocument) -> DocumentMeta:
    """Department, year, kind and unit; raises :class:`RejectedFile` when the text is not a disclosure."""
    kind = find_kind(doc)
    if kind is None:
        raise RejectedFile(
            "not a budget disclosure: no 部门决算 / 决算表 / 部门预算 / 预算表 / 绩效自评 title was found in the text"
        )
    department = find_department(doc)
    if department is None:
        raise RejectedFile(
            f"{doc.source_file}: no department name found (expected a title line such as "
            "'某某市医疗保障局' or a '项目单位：…' line within the document)"
        )
    year = find_fiscal_year(doc)
    if year is None:
        raise RejectedFile(
            f"{doc.source_file}: no fiscal year found in the first {TITLE_LINES} lines with text "
            "(expected a title such as '2021 年度 … 部门决算')"
        )
    return DocumentMeta(
        department_name=department[0],
        department_line=department[1],
        fiscal_year=year[0],
        fiscal_year_line=year[1],
        document_kind=kind,
        reported_unit=find_reported_unit(doc),
    )
