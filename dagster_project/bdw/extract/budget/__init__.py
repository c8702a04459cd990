"""Parsers of a budget (部门预算 / 单位预算): tables B01–B09 and the prose around them.

:func:`extract` finds the tables by their titles (:mod:`.sections`), parses each on its own
(:mod:`.tables` for B02, B03, B05–B08, :mod:`.balance` for B01 and B04, :mod:`.three_public` for
B09) and reads the 编制说明 and 其他相关情况说明 (:mod:`.narrative`). Every figure goes into the
fact datasets the final accounts use, with table codes ``B01``…``B09``. A table that cannot be
parsed yields one :class:`~bdw.extract.result.ExtractionIssue` and no rows; the others still load.
"""

from __future__ import annotations

from ..final_account.grid import TableError
from ..final_account.subjects import class_codes, first_printings
from ..metadata import DocumentMeta
from ..result import ExtractionIssue, ExtractionResult
from ..source import SourceDocument
from .balance import parse_balance_table
from .narrative import BudgetProse
from .sections import TITLES, BudgetTable, locate_tables
from .tables import SPECS, Parsed, parse_subject_table
from .three_public import parse_three_public_table

EXTRACTOR = "budget"
BALANCE_TABLES = ("B01", "B04")


def extract(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """Every figure of tables B01–B09 and the prose facts of one budget."""
    result = ExtractionResult()
    tables = locate_tables(doc)
    for code in TITLES:
        if code not in tables:
            result.issues.append(ExtractionIssue(
                EXTRACTOR, code, len(doc.lines), f"table {code} ({TITLES[code]}) under its title",
                f"table {code} ({TITLES[code]}) was not found in the document ({len(doc.lines)} lines): "
                "cut short, or not printed"))
    parsed: dict[str, Parsed] = {}
    for code in sorted(tables, key=lambda code: (code in BALANCE_TABLES, code)):  # subject tables name the classes
        outcome = _parse(tables[code], meta, parsed)
        if isinstance(outcome, ExtractionIssue):
            result.issues.append(outcome)
        else:
            parsed[code] = outcome
    for code in sorted(parsed):
        result.extend(parsed[code].result)
    subjects = first_printings(parsed.values())
    for row in subjects:
        result.add("subject", **row)
    try:
        BudgetProse(subjects, class_codes(subjects)).read(doc, result)
    except Exception as error:  # noqa: BLE001 - the tables already read must still load
        result.issues.append(ExtractionIssue.crash(EXTRACTOR, None, "a readable 编制说明", error))
    return result


def _parse(table: BudgetTable, meta: DocumentMeta, parsed: dict[str, Parsed]) -> Parsed | ExtractionIssue:
    try:
        if not table.complete:
            raise TableError(table.last_line or table.start_line, f"the rest of table {table.code} up to the next "
                             "title or text", "the document ends inside the table: it is cut short")
        unit = table.unit or meta.reported_unit
        if unit is None:
            raise TableError(table.start_line, "a unit label (单位：元 or 单位：万元)", "no amount unit is printed")
        if table.code in SPECS:
            return parse_subject_table(table, unit)
        if table.code == "B09":
            return parse_three_public_table(table, unit)
        printed = [row for table_rows in parsed.values() for row in table_rows.subjects]
        return parse_balance_table(table, unit, class_codes(printed))
    except TableError as error:
        return ExtractionIssue(EXTRACTOR, table.code, error.line, error.expected, error.message)
    except Exception as error:  # noqa: BLE001 - a parser bug must not cost the other tables
        return ExtractionIssue(EXTRACTOR, table.code, table.start_line, f"a parsable table {table.code}",
                               f"{type(error).__name__}: {error}")
