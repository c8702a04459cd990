"""Which of the nine tables a final account prints, whether each could be read, whether an empty one says so.

One ``document_table`` row per table 公开01–09 of a final account: ``printed`` (figures were read),
``empty`` (07 printed without a figure; 08/09 with nothing but zeros, as when the
department has no such funds), ``unreadable`` (printed, but its parser stopped: the reason is in
``problem`` and in ``extraction_errors``) or ``missing`` (neither its 公开NN表 marker nor its
title was found). An empty table should say so: the template asks for a note under it (``…本年度
没有政府性基金预算财政拨款收入和支出，故本表无数据``) or the explanation says it (``…2024年度无
“三公”经费财政拨款支出``); the first such statement found is kept with its line. Whether a
missing table or an unstated empty one is a finding is decided by the dbt rules (family
``document``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..metadata import DocumentMeta
from ..prose import document_sentences, strip_markup
from ..result import ExtractionIssue, ExtractionResult
from ..source import SourceDocument
from .sections import TableBlock
from .tables import Parsed
from .three_public import table_07

PRINTED, EMPTY, UNREADABLE, MISSING = "printed", "empty", "unreadable", "missing"
NINE = ("01", "02", "03", "04", "05", "06", "07", "08", "09")
FUND_TABLES = ("08", "09")
_FIGURE_DATASETS = ("expenditure", "income", "summary_line", "three_public")

# What says that table NN is empty: in the note right under it, or anywhere in the prose.
_NO_DATA = re.compile(r"本表(?:无数据|为空表?|无内容)|无相关数据")
_ZERO = r"[^。；;]{0,24}?(?:收入|支出|决算)(?:数)?(?:为)?\s*0(?:\.0+)?\s*(?:万元|元)"  # …本年支出0元
_NO_FUNDS = {
    "07": re.compile(r"(?:无|没有|未发生|未安排)[^，。；,;]{0,10}[“\"]?三公|三公[”\"]?经费" + _ZERO),
    "08": re.compile(r"(?:无|没有)\s*(?:使用)?\s*政府性基金|政府性基金" + _ZERO),
    "09": re.compile(r"(?:无|没有)\s*(?:使用)?\s*国有资本经营|国有资本经营" + _ZERO),
}
_NOTE_SCAN = 6  # lines under a table in which its note is looked for


def describe_tables(doc: SourceDocument, meta: DocumentMeta, located: Mapping[str, TableBlock],
                    parsed: Mapping[str, Parsed], failed: Mapping[str, ExtractionIssue],
                    result: ExtractionResult) -> None:
    """Add one ``document_table`` row per table 01–09 to ``result``."""
    for code in NINE:
        block = located.get(code)
        if block is None:
            result.add("document_table", table_code=code, status=MISSING, title=None, figures=0, blank_cells=0,
                       empty_statement=None, empty_statement_line=None,
                       problem="neither its 公开表 marker nor its title was found", source_line=None)
            continue
        rows = table_07(doc, meta) if code == "07" else parsed[code].result if code in parsed else ExtractionResult()
        issue = failed.get(code) or (rows.issues[0] if rows.issues else None)
        figures = [row for dataset in _FIGURE_DATASETS for row in rows.rows.get(dataset, [])]
        if issue is not None:
            status = UNREADABLE
        elif (code == "07" and not figures) or (code in FUND_TABLES and not any(r["amount_yuan"] for r in figures)):
            status = EMPTY  # 07 without a figure; 08/09 with nothing but zeros (no such funds)
        else:
            status = PRINTED
        statement = _statement(doc, code, block, located) if code in _NO_FUNDS else None
        title = strip_markup(doc.line(block.start_line))[:60]
        result.add("document_table", table_code=code, status=status, title=title, figures=len(figures),
                   blank_cells=len(rows.rows.get("blank_cell", [])),
                   empty_statement=statement[1] if statement else None,
                   empty_statement_line=statement[0] if statement else None,
                   problem=issue.message if issue else None, source_line=block.start_line)


def _statement(doc: SourceDocument, code: str, block: TableBlock,
               located: Mapping[str, TableBlock]) -> tuple[int, str] | None:
    """``(line, text)`` of the first statement that table ``code`` is empty: its note, else the prose."""
    following = [other.start_line for other in located.values() if other.start_line > block.start_line]
    note_end = min([*following, block.last_line + _NOTE_SCAN])
    for number, raw in doc.numbered(block.last_line + 1, note_end):
        text = strip_markup(raw)
        if "\t" not in raw and (_NO_DATA.search(text) or _NO_FUNDS[code].search(text)):
            return number, text[:120]
    tables = [range(b.start_line, b.last_line + 1) for b in located.values()]
    for printed, text, lines in document_sentences(doc):
        match = _NO_FUNDS[code].search(text)
        if match and not any(lines[0] in span for span in tables):
            return lines[match.start()], printed[:120]
    return None
