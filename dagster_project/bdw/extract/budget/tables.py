"""Budget tables by subject and column: B02 收入预算总表, B03 支出预算总表, B05–B07 (功能分类) and B08
(一般公共预算基本支出 by 部门预算经济分类).

Each row is a subject (a function or economic code with its name, split over 类 | 款 | 项 cells or
not, or 合计) and each figure column a kind of income or expenditure, named by the header rows
printed above the first figure (two-level headers such as 基本支出 over 人员经费 | 公用经费 are
read top to bottom). Figures are matched to columns by position; a row printed with its leading
cells dropped is matched by its figure count. A header printed again on a continuation page is
skipped. A row that fits neither way, a label that is no subject, or a figure under an unknown
column stops the table (:class:`TableError`): a table is never loaded half.

Blank cells and dashes are figures not printed (no row: NULL, never 0). A table printed empty
(``无`` and a blank 合计, with a note that says so) yields no figures and no error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..final_account.grid import Figure, TableError, header_labels, is_blank, is_figure, is_index_row
from ..final_account.subjects import (
    ECONOMIC,
    FUNCTION,
    TOTAL,
    is_economic_code,
    is_function_code,
    level_of,
    parent_of,
    split_code,
)
from ..result import ExtractionResult
from ..rows import Row
from .columns import LABEL, UNKNOWN, expenditure_column, income_column
from .sections import BudgetTable

_TOTAL_NAMES = {"合计", "总计", "合计数", "小计"}
_EMPTY_NAMES = {"无", "-", "—"}


@dataclass(frozen=True)
class Spec:
    """What one subject table holds: its classification, column vocabulary, required column and fund."""

    classification: str
    classify: Callable[[str], str | None]
    required: str  # the column every table of this kind prints (its total)
    fund_type: str | None  # None: an income table
    total_as: str = "total"  # what a 合计/小计 column means (B08: the basic total)


SPECS: dict[str, Spec] = {
    "B02": Spec(FUNCTION, income_column, "total", None),
    "B03": Spec(FUNCTION, expenditure_column, "total", "all"),
    "B05": Spec(FUNCTION, expenditure_column, "total", "general_public_budget"),
    "B06": Spec(FUNCTION, expenditure_column, "total", "government_fund"),
    "B07": Spec(FUNCTION, expenditure_column, "total", "state_capital"),
    "B08": Spec(ECONOMIC, expenditure_column, "basic", "general_public_budget", total_as="basic"),
}


@dataclass
class Columns:
    kinds: list[str | None]
    labels: list[str]
    label_end: int  # the first figure column


@dataclass
class Parsed:
    """What one table yields: its rows per dataset and the subjects it prints."""

    result: ExtractionResult = field(default_factory=ExtractionResult)
    subjects: list[dict] = field(default_factory=list)

    def subject(self, classification: str, code: str, name: str, line: int) -> None:
        self.subjects.append({"classification": classification, "subject_code": code, "subject_name": name,
                              "subject_level": level_of(code), "parent_code": parent_of(code), "source_line": line})


def build_columns(rows: list[Row], spec: Spec) -> Columns | None:
    """The column model of a block of header rows; None when it names no figure column or lacks the required one."""
    labels = header_labels(rows)
    kinds = [spec.classify(label) for label in labels]
    kinds = [spec.total_as if kind == "total" else kind for kind in kinds]
    figures = [i for i, kind in enumerate(kinds) if kind not in (LABEL, None)]
    if not figures or spec.required not in kinds:
        return None
    return Columns(kinds, labels, figures[0])


def _fit(row: Row, columns: Columns) -> tuple[list[str], list[tuple[int, str]]]:
    """Label cells and ``(position, text)`` of the printed figures of a data row, or :class:`TableError`."""
    fitted = _positional(row.cells, columns) or _by_count(row.cells, columns)
    if fitted is None:
        named = " | ".join(label or "·" for label in columns.labels[columns.label_end:])
        raise TableError(row.line, f"a subject code and name followed by {len(columns.kinds) - columns.label_end} "
                         f"figure columns ({named})", f"row does not fit the header: {' | '.join(row.cells)}")
    return fitted


def _positional(cells: list[str], columns: Columns):
    width = len(columns.kinds)
    if any(not is_blank(cell) for cell in cells[width:]):
        return None
    padded = cells[:width] + [""] * (width - len(cells))
    figures = []
    for position in range(columns.label_end, width):
        text = padded[position]
        if is_blank(text):
            continue
        if columns.kinds[position] in (LABEL, None, UNKNOWN) or not is_figure(text):
            return None
        figures.append((position, text))
    label = padded[: columns.label_end]
    if any(is_figure(cell) and not cell.replace(" ", "").isdigit() for cell in label):
        return None  # an amount in a label column: the row is shifted
    return label, figures


def _by_count(cells: list[str], columns: Columns):
    texts = [i for i, cell in enumerate(cells) if cell and not is_figure(cell)]
    if not texts:
        return None
    tail = cells[texts[-1] + 1:]
    if len(tail) != len(columns.kinds) - columns.label_end:
        return None
    figures = []
    for offset, text in enumerate(tail):
        position = columns.label_end + offset
        if is_blank(text):
            continue
        if columns.kinds[position] in (LABEL, None, UNKNOWN):
            return None
        figures.append((position, text))
    return cells[: texts[-1] + 1], figures


def _subject_of(label: list[str], spec: Spec, line: int) -> tuple[str | None, str]:
    """``(code, name)`` of a row: a code of the table's classification, TOTAL for 合计, None for ``无``."""
    code, name = split_code(label)
    compact = name.replace(" ", "").replace("类款项", "")
    if code is None and compact in _TOTAL_NAMES:
        return TOTAL, compact
    if code is None and compact in _EMPTY_NAMES:
        return None, compact
    valid = is_economic_code if spec.classification == ECONOMIC else is_function_code
    if code is None or not valid(code):
        kind = "an economic code (3 or 5 digits, 3…)" if spec.classification == ECONOMIC else \
            "a function code (3, 5 or 7 digits, 2…)"
        raise TableError(line, f"{kind} or 合计 in the label cells",
                         f"row label {' '.join(label).strip()!r} is neither a subject code nor a total")
    return code, name


def _names_subject(row: Row, columns: Columns) -> bool:
    code, name = split_code(row.cells[: columns.label_end])
    return code is not None or name.replace(" ", "") in _TOTAL_NAMES | _EMPTY_NAMES


def parse_subject_table(table: BudgetTable, unit: str) -> Parsed:
    """Every figure of a subject table (B02, B03, B05–B08)."""
    spec = SPECS[table.code]
    out = Parsed()
    columns: Columns | None = None
    pending: list[Row] = []
    for row in table.rows:
        if is_index_row(row.cells):
            continue
        has_figures = any(is_figure(cell) for cell in row.cells)
        if not has_figures and (columns is None or not _names_subject(row, columns)):
            pending.append(row)  # header rows (maybe printed again on a continuation page)
            continue
        if pending:
            columns = build_columns(pending, spec) or columns
            pending = []
        if columns is None:
            raise TableError(row.line, f"a header naming the figure columns (at least {spec.required})",
                             "no header row naming the figure columns was found")
        _emit(out, table.code, spec, row, columns, unit)
    return out


def _emit(out: Parsed, table: str, spec: Spec, row: Row, columns: Columns, unit: str) -> None:
    label, figures = _fit(row, columns)
    code, name = _subject_of(label, spec, row.line)
    if code is None:
        if figures:
            raise TableError(row.line, "figures only on subject rows", f"figures on a row labelled {name!r}")
        return
    if code != TOTAL:
        out.subject(spec.classification, code, name, row.line)
    for position, text in figures:
        kind = columns.kinds[position]
        figure = Figure(text, unit, row.line).columns()
        common = {"table_code": table, "subject_code": code, "subject_name": name}
        if spec.fund_type is None:
            out.result.add("income", **common, income_source=kind, **figure)
        else:
            out.result.add("expenditure", **common, classification=spec.classification,
                           subject_level=level_of(code), expenditure_type=kind, fund_type=spec.fund_type, **figure)
