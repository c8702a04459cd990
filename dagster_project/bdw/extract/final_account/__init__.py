"""Parsers of the final-account tables 公开01–09 (07 excepted) and their prose explanation.

:func:`extract` finds the tables by their ``公开NN表`` markers (:mod:`.sections`), parses each on
its own (:mod:`.tables` for 02/03/05/08/09, :mod:`.economic` for 06, :mod:`.balance` for 01/04)
and reads the facts of the 第三部分 explanation (:mod:`.narrative`). A table that cannot be
parsed yields one :class:`~bdw.extract.result.ExtractionIssue` and no rows; the others still load.
For a final account it also records which of the nine tables are printed and readable
(:mod:`.completeness`) and every place the document names its department and year
(:mod:`..mentions`), for the document-level quality rules.
"""

from __future__ import annotations

from ..mentions import COVER, DEPARTMENT, read_mentions
from ..metadata import FINAL_ACCOUNT, DocumentMeta, cover_department
from ..prose import sentences
from ..result import ExtractionIssue, ExtractionResult
from ..source import SourceDocument
from .balance import parse_balance_table
from .completeness import FUND_TABLES, NINE, describe_tables
from .economic import parse_basic_table
from .execution import ExecutionReader
from .grid import TableError
from .narrative import Narrative
from .sections import TableBlock, locate_tables, narrative_span
from .shares import ShareReader
from .subjects import ECONOMIC, class_codes, first_printings
from .tables import Parsed, is_empty_fund_table, parse_subject_table

EXTRACTOR = "final_account"
SUBJECT_TABLES = ("02", "03", "05", "08", "09")


def extract(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """Every figure of tables 01–06, 08, 09 and the prose facts; empty for other documents."""
    result = ExtractionResult()
    located = locate_tables(doc)
    if meta.document_kind == FINAL_ACCOUNT:
        _report_missing(located, doc, result)
    blocks = {code: block for code, block in located.items() if code != "07"}
    parsed: dict[str, Parsed] = {}
    failed: dict[str, ExtractionIssue] = {}
    for code in sorted(blocks, key=_parse_order):
        outcome = _parse(blocks[code], meta, parsed)
        if isinstance(outcome, ExtractionIssue):
            result.issues.append(outcome)
            failed[code] = outcome
        elif outcome is not None:
            parsed[code] = outcome
    for code in sorted(parsed):
        result.extend(parsed[code].result)
    subjects = first_printings(parsed.values())
    for row in subjects:
        result.add("subject", **row)
    if blocks or meta.document_kind == FINAL_ACCOUNT:
        _read_narrative(doc, blocks, subjects, result)
    if meta.document_kind == FINAL_ACCOUNT:
        describe_tables(doc, meta, located, parsed, failed, result)
        _add_mentions(doc, result)
    return result


def _add_mentions(doc: SourceDocument, result: ExtractionResult) -> None:
    """Every place the document names its department and year, and every blemish (``document_mention``)."""
    cover = cover_department(doc)
    if cover:
        result.add("document_mention", mention_kind=DEPARTMENT, place=COVER, found_text=cover[0], year_found=None,
                   year_role=None, context=doc.line(cover[1]).strip()[:120], source_line=cover[1])
    for m in read_mentions(doc):
        result.add("document_mention", mention_kind=m.kind, place=m.place, found_text=m.found, year_found=m.year,
                   year_role=m.role, context=m.context, source_line=m.line)


def _report_missing(located: dict[str, TableBlock], doc: SourceDocument, result: ExtractionResult) -> None:
    """A final account prints all nine tables: each one not found is an issue (e.g. a document cut short)."""
    for code in NINE:
        if code not in located:
            result.issues.append(ExtractionIssue(
                EXTRACTOR, code, len(doc.lines), f"table {code} (its 公开{code}表 marker or title)",
                f"table {code} was not found in the document ({len(doc.lines)} lines): cut short, or not printed"))


def _parse_order(code: str) -> tuple[int, str]:
    """Subject tables first: their printed codes name the classes of tables 01 and 04."""
    return (0 if code in SUBJECT_TABLES else 1 if code == "06" else 2, code)


def _parse(block: TableBlock, meta: DocumentMeta, parsed: dict[str, Parsed]) -> Parsed | ExtractionIssue | None:
    """One table's rows, ``None`` for an empty 08/09, or the issue that stopped it."""
    try:
        if not block.complete:
            raise TableError(block.last_line or block.start_line, f"the rest of table {block.code} up to its note "
                             "(注：) or the next table", "the document ends inside the table: it is cut short")
        if block.code in FUND_TABLES and is_empty_fund_table(block):
            return None
        unit = block.unit or meta.reported_unit
        if unit is None:
            raise TableError(block.start_line, "a unit label (单位：元 or 单位：万元)", "no amount unit is printed")
        if block.code in SUBJECT_TABLES:
            return parse_subject_table(block, unit)
        if block.code == "06":
            return parse_basic_table(block, unit)
        printed = (row for table in parsed.values() for row in table.subjects)
        return parse_balance_table(block, unit, class_codes(printed))
    except TableError as error:
        return ExtractionIssue(EXTRACTOR, block.code, error.line, error.expected, error.message)
    except Exception as error:  # noqa: BLE001 - a parser bug must not cost the other tables
        return ExtractionIssue(EXTRACTOR, block.code, block.start_line, f"a parsable table {block.code}",
                               f"{type(error).__name__}: {error}")


def _read_narrative(doc: SourceDocument, blocks: dict[str, TableBlock], subjects: list[dict],
                    result: ExtractionResult) -> None:
    after = max((block.last_line for block in blocks.values()), default=0)
    span = narrative_span(doc, after)
    if span is None:
        return
    classes = class_codes(subjects)
    economic = {row["subject_name"].replace(" ", ""): row["subject_code"] for row in subjects
                if row["classification"] == ECONOMIC}
    try:
        prose = list(sentences(doc, *span))  # split once, read twice
        Narrative(classes, economic).read(prose, result)
        ShareReader().read(prose, result)
        ExecutionReader(classes, subjects).read(doc, *span, result)
    except Exception as error:  # noqa: BLE001 - the tables already read must still load
        result.issues.append(ExtractionIssue(EXTRACTOR, None, span[0], "a readable 情况说明 section",
                                             f"{type(error).__name__}: {error}"))
