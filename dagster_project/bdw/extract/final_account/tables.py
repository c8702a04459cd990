"""Tables by subject and column: 02 收入决算表, 03 支出决算表, 05, 08 and 09.

Each row is a function subject (code and name, or 合计) and each figure column a kind of
income or expenditure, named by the header printed above it. Columns are matched to figures by
position; a row printed with fewer leading cells (a continuation page) is matched by its figure
count instead. A row that fits neither way stops the table.

Single-spaced text keeps no positions: its header is read as the figure columns' labels in
order (a group label over sub-labels on the next line, ``本年支出`` / ``小计 基本支出 项目支出``,
only when it is the line's one label), and its rows as a code and/or a name followed by amounts.
A row printing every figure column is read in order; one printing fewer amounts is ambiguous
(its blanks left no trace): its figures are not loaded and an issue names its line, the rest of
the table loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..cells import squash
from ..result import ExtractionResult
from .grid import (
    AmbiguousRow,
    Figure,
    TableError,
    ambiguous_row,
    amount_of,
    header_labels,
    is_blank,
    is_figure,
    is_index_row,
)
from .sections import SPACED, TAB, Row, TableBlock
from .subjects import FUNCTION, TOTAL, is_function_code, level_of, parent_of, split_code
from .wrapped import join_wrapped

LABEL = "label"  # code / name columns
SKIP = "skip"  # printed figures this dataset does not hold (其中 columns, 08's balances)
UNKNOWN = "unknown"  # a header nobody recognised: figures under it stop the table

_LABEL_WORDS = ("科目", "编码", "名称", "功能分类", "栏次", "类款项")
_TOTAL_NAMES = {"合计", "总计", "合计数", "小计"}
_PART_CODE = re.compile(r"^\d{2}$|^2\d{2}(?:\d{2}){0,2}$")


def _is_label(label: str) -> bool:
    return any(word in label for word in _LABEL_WORDS) or label in ("项目", "项", "类", "款", "类款")


def income_column(label: str) -> str | None:
    """The income source a 02 column holds."""
    if not label:
        return None
    if _is_label(label):
        return LABEL
    if "其中" in label:
        return SKIP
    for word, kind in (
        ("一般公共预算", "general_public_budget"),
        ("政府性基金", "government_fund"),
        ("国有资本", "state_capital"),
        ("上级补助", "superior_subsidy"),
        ("附属", "subsidiary_remit"),
        ("弥补", UNKNOWN),
        ("事业", "business"),
        ("经营", "operating"),
        ("其他收入", "other"),
        ("财政拨款", "fiscal_appropriation"),
        ("合计", "total"),
        ("本年收入", "total"),
    ):
        if word in label:
            return kind
    return UNKNOWN


def expenditure_column(label: str) -> str | None:
    """The expenditure type a 03/05/08/09 column holds (``'income'`` for 08's 本年收入)."""
    if not label:
        return None
    if _is_label(label):
        return LABEL
    if "其中" in label or "年初" in label or "年末" in label:
        return SKIP
    if "本年收入" in label:
        return "income"
    for word, kind in (
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("上缴上级", "upper_remit"),
        ("经营支出", "operating"),
        ("附属单位", "subsidiary"),
        ("合计", "total"),
        ("小计", "total"),
        ("本年支出", "total"),
    ):
        if word in label:
            return kind
    return UNKNOWN


@dataclass(frozen=True)
class Spec:
    """What one subject table holds: its column vocabulary, required columns and fund."""

    classify: Callable[[str], str | None]
    required: frozenset[str]
    fund_type: str | None  # None for the income table 02


SPECS: dict[str, Spec] = {
    "02": Spec(income_column, frozenset({"total"}), None),
    "03": Spec(expenditure_column, frozenset({"total", "basic", "project"}), "all"),
    "05": Spec(expenditure_column, frozenset({"total", "basic", "project"}), "general_public_budget"),
    "08": Spec(expenditure_column, frozenset({"total"}), "government_fund"),
    "09": Spec(expenditure_column, frozenset({"total"}), "state_capital"),
}


@dataclass
class Columns:
    """The column model of a header: a kind per position, and where the figures start.

    ``positional``: the header gave positions (tab or space-aligned); ``False`` when it was read
    from single-spaced text, which gives the figure columns in order only.
    """

    kinds: list[str | None]
    labels: list[str]
    label_end: int
    positional: bool = True

    @property
    def figure_count(self) -> int:
        return len(self.kinds) - self.label_end

    def figure_positions(self) -> list[int]:
        """The positions that print figures, left to right (unlabelled gaps left out)."""
        return [p for p in range(self.label_end, len(self.kinds)) if self.kinds[p] not in (LABEL, None)]


@dataclass
class Parsed:
    """What one table yields: its rows per dataset and the subjects it prints."""

    result: ExtractionResult = field(default_factory=ExtractionResult)
    subjects: list[dict] = field(default_factory=list)

    def subject(self, classification: str, code: str, name: str, line: int) -> None:
        self.subjects.append({
            "classification": classification,
            "subject_code": code,
            "subject_name": name,
            "subject_level": level_of(code),
            "parent_code": parent_of(code),
            "source_line": line,
        })


def build_columns(rows: list[Row], spec: Spec) -> Columns | None:
    """The column model of a header block, or ``None`` when it lacks a required column.

    Rows that keep positions are read by position; a header printed single-spaced (or a tab
    table whose header lines carry no tabs) is read in order (:func:`spaced_columns`).
    """
    positional = [row for row in rows if row.positional and len(row.cells) > 1]
    if positional:
        labels = header_labels(positional)
        kinds = [spec.classify(label) for label in labels]
        figures = [i for i, kind in enumerate(kinds) if kind not in (LABEL, None)]
        if figures and spec.required <= set(kinds):
            return Columns(kinds, labels, figures[0])
    if all(row.layout == TAB for row in rows):
        return None
    # printed without tabs: the labels in order (a space-aligned header may sit off its columns:
    # pdftotext centres it); each row's figure cells are then matched to them by count
    return spaced_columns([Row(row.line, " ".join(row.cells).split(), SPACED) for row in rows], spec)


_MAX_PIECES = 6  # words of one header label a single-spaced line may have split (``上级补 助收入``)


def header_words(words: list[str], classify: Callable[[str], str | None]) -> list[tuple[str, str | None]]:
    """A single-spaced header line cut into its labels, each with the kind ``classify`` gives it.

    A label may have been printed over several words (``上级补 助收入``, ``项 目``): of all ways to
    join neighbouring words, the one with fewest unrecognised labels, then most labels, wins.
    """
    words = _close_letter_spacing(words)
    best: list[tuple[tuple[int, int], list[tuple[str, str | None]]]] = [((0, 0), [])]
    for end in range(1, len(words) + 1):
        options = []
        for start in range(max(0, end - _MAX_PIECES), end):
            label = "".join(words[start:end])
            kind = classify(squash(label))
            (unknown, count), labels = best[start]
            options.append(((unknown + (kind in (UNKNOWN, None)), count - 1), [*labels, (label, kind)]))
        best.append(min(options, key=lambda option: option[0]))
    return best[-1][1]


def _close_letter_spacing(words: list[str]) -> list[str]:
    """Neighbouring one-character CJK words joined: a letter-spaced label (``项 目``, ``类 款 项``)."""
    out: list[str] = []
    previous_single = False
    for word in words:
        single = len(word) == 1 and not word.isascii()
        if single and previous_single:
            out[-1] += word
        else:
            out.append(word)
        previous_single = single
    return out


def spaced_columns(rows: list[Row], spec: Spec) -> Columns | None:
    """The figure columns a header printed without positions names, in order (see the module doc).

    A second line of figure labels refines the first only when the first names one group
    (``本年支出`` over ``小计 基本支出 项目支出``); any other layout over several lines cannot be
    placed without positions and raises :class:`TableError`.
    """
    lines = []
    for row in rows:
        labels = [(label, kind) for label, kind in header_words(row.cells, spec.classify) if kind not in (LABEL, None)]
        if labels:
            lines.append((row, labels))
    if not lines:
        return None
    figures = lines[0][1]
    if len(lines) == 2 and len(lines[0][1]) == 1:
        group = lines[0][1][0][0]
        figures = [(group + label, spec.classify(squash(group + label))) for label, _ in lines[1][1]]
    elif len(lines) > 1:
        raise TableError(lines[1][0].line, "a header whose figure columns can be told apart without positions "
                         "(tabs or aligned columns)",
                         "the header names figure columns over several lines ("
                         + " / ".join(" ".join(label for label, _ in labels) for _, labels in lines)
                         + ") and its text keeps no positions: which column sits under which cannot be told")
    kinds = [LABEL, *(kind for _, kind in figures)]
    if not spec.required <= set(kinds):
        return None
    return Columns(kinds, ["", *(label for label, _ in figures)], 1, positional=False)


def _positional(cells: list[str], columns: Columns) -> tuple[list[str], list[tuple[int, str]]] | None:
    width = len(columns.kinds)
    if any(not is_blank(cell) for cell in cells[width:]):
        return None
    padded = cells[:width] + [""] * (width - len(cells))
    label = padded[: columns.label_end]
    if any(is_figure(cell) and not _PART_CODE.match(cell) for cell in label):
        return None
    figures = []
    for position in range(columns.label_end, width):
        text = padded[position]
        if is_blank(text):
            continue
        if columns.kinds[position] in (LABEL, None, UNKNOWN) or not is_figure(text):
            return None
        figures.append((position, text))
    return label, figures


def _by_count(cells: list[str], columns: Columns) -> tuple[list[str], list[tuple[int, str]]] | None:
    """A row whose leading cells were dropped: the cells after its last text cell are the figures."""
    texts = [i for i, cell in enumerate(cells) if cell and not is_figure(cell)]
    if not texts:
        return None
    tail = cells[texts[-1] + 1 :]
    if len(tail) != columns.figure_count:
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


def _in_order(row: Row, columns: Columns) -> tuple[list[str], list[tuple[int, str]]] | None:
    """A single-spaced row: its code and name, then one amount per figure column, in order.

    ``None`` when a word among the amounts is no figure or there are more amounts than columns;
    :class:`AmbiguousRow` when there are fewer (which columns are blank cannot be told).
    """
    cells = row.cells
    code_end = _code_words(cells)
    first_amount = len(cells)
    while first_amount > code_end and is_figure(cells[first_amount - 1]):
        first_amount -= 1
    label, amounts = cells[:first_amount], cells[first_amount:]
    positions = columns.figure_positions()
    if len(amounts) > len(positions):
        return None
    if len(amounts) < len(positions):
        subject_of(label, row.line)  # a row that is no subject stops the table as it would anyway
        raise ambiguous_row(row.line, len(amounts), [columns.labels[p] for p in positions], label)
    figures = []
    for position, text in zip(positions, amounts):
        if columns.kinds[position] == UNKNOWN:
            return None
        figures.append((position, text))
    return label, figures


def _code_words(cells: list[str]) -> int:
    """How many leading words print a function code (``208``, ``201 06 01``): never amounts."""
    if not cells or not is_function_code(cells[0]):
        return 0
    end = 1
    while end < len(cells) and len(cells[0]) < 7 and re.fullmatch(r"\d{2}", cells[end]) and end < 3:
        end += 1
    return end


def _right_aligned(cells: list[str], columns: Columns) -> tuple[list[str], list[tuple[int, str]]] | None:
    """A row that keeps its cells (tabs) under a header read in order: its last cells are the
    figure columns (an empty name cell before them, ``合计 | | 946.44 …``, stays a label cell)."""
    count = columns.figure_count
    if len(cells) <= count:
        return None
    head, tail = cells[:-count], cells[-count:]
    if any(is_figure(cell) and not _PART_CODE.match(cell) for cell in head):
        return None
    figures = []
    for offset, text in enumerate(tail):
        if is_blank(text):
            continue
        position = columns.label_end + offset
        if columns.kinds[position] in (LABEL, None, UNKNOWN) or not is_figure(text):
            return None
        figures.append((position, text))
    return head, figures


def fit_row(row: Row, columns: Columns) -> tuple[list[str], list[tuple[int, str]]]:
    """Label cells and ``(position, text)`` figures of a data row, or :class:`TableError`
    (:class:`AmbiguousRow` for a single-spaced row printing fewer amounts than there are columns)."""
    if not row.positional:
        fitted = _in_order(row, columns)
    elif not columns.positional:
        fitted = _by_count(row.cells, columns) or _right_aligned(row.cells, columns)
    else:
        fitted = _positional(row.cells, columns) or _by_count(row.cells, columns)
    if fitted is None:
        named = " | ".join(label or "·" for label in columns.labels[columns.label_end :])
        raise TableError(
            row.line,
            f"a subject code and name followed by {columns.figure_count} figure columns ({named})",
            f"row does not fit the header: {' | '.join(row.cells)}",
        )
    return fitted


def subject_of(label_cells: list[str], line: int) -> tuple[str, str]:
    """``(subject_code, subject_name)`` of a row: a printed function code, or TOTAL for 合计."""
    code, name = split_code(label_cells)
    compact = name.replace(" ", "").replace("栏次", "").replace("类款项", "")
    if code is None and compact in _TOTAL_NAMES:
        return TOTAL, compact
    if code is None or not is_function_code(code):
        raise TableError(line, "a function subject code (3, 5 or 7 digits) or 合计 in the label cells",
                         f"row label {' '.join(label_cells).strip()!r} is neither a subject code nor a total")
    return code, name


def is_empty_fund_table(block: TableBlock) -> bool:
    """08/09 printed without subjects: only a 合计 of zeros (or nothing), as when no such funds exist."""
    for row in block.rows:
        if is_index_row(row.cells):
            continue
        for cell in row.cells:
            if is_function_code(cell.split(" ")[0]):
                return False
            value = amount_of(cell)
            if value is not None and value != 0:
                return False
    return True


def parse_subject_table(block: TableBlock, unit: str) -> Parsed:
    """Every figure of table 02, 03, 05, 08 or 09."""
    spec = SPECS[block.code]
    out = Parsed()
    columns: Columns | None = None
    pending: list[Row] = []
    joined = join_wrapped(block.rows, _starts_subject_row, lambda row: _is_header_line(row, spec))
    for row in joined.unplaced:  # a single-spaced table has one label per row: never happens there
        raise TableError(row.line, "a row of figures or the rest of the label above", "a wrapped label with no row")
    for row in joined.rows:
        if is_index_row(row.cells):
            continue
        has_figures = any(is_figure(cell) for cell in row.cells)
        if columns is None and not has_figures:
            pending.append(row)
            continue
        if columns is not None and not has_figures and not _names_subject(row, columns):
            pending.append(row)  # a repeated header (continuation page) or stray text
            continue
        if pending:
            columns = build_columns(pending, spec) or columns
            pending = []
        if columns is None:
            raise TableError(row.line, _expected_header(spec), "no header row naming the figure columns was found")
        try:
            _emit_row(out, block.code, spec, row, columns, unit)
        except AmbiguousRow as ambiguous:  # its subject is printed plainly: only its figures are lost
            out.result.issues.append(ambiguous.issue(block.code))
            code, name = subject_of(ambiguous.label, row.line)
            if code != TOTAL:
                out.subject(FUNCTION, code, name, row.line)
    if columns is None:
        raise TableError(block.start_line, "rows of subjects with figures under the header", "the table has no rows")
    return out


def _starts_subject_row(row: Row) -> bool:
    """A row of its own: it prints a subject code or a total (合计)."""
    code, name = split_code(row.cells)
    return (code is not None and is_function_code(code)) or name.replace(" ", "").replace("类款项", "") in _TOTAL_NAMES


def _is_header_line(row: Row, spec: Spec) -> bool:
    """A line naming columns (a header repeated on a continuation page), not the rest of a label:
    a label word (科目, 栏次 …), or two column names (a subject's name may contain one: 事业单位…)."""
    kinds = [spec.classify(squash(cell)) for cell in row.cells if cell]
    return LABEL in kinds or sum(kind not in (None, UNKNOWN) for kind in kinds) >= 2


def _expected_header(spec: Spec) -> str:
    return "a header naming the columns " + ", ".join(sorted(spec.required))


def _names_subject(row: Row, columns: Columns) -> bool:
    code, _ = split_code(row.cells[: columns.label_end])
    return code is not None


def _emit_row(out: Parsed, table: str, spec: Spec, row: Row, columns: Columns, unit: str) -> None:
    label, figures = fit_row(row, columns)
    code, name = subject_of(label, row.line)
    if code != TOTAL:
        out.subject(FUNCTION, code, name, row.line)
    printed = {position for position, _ in figures}
    for position in range(columns.label_end, len(columns.kinds)):  # the row's blank amount cells
        kind = columns.kinds[position]
        if figures and position not in printed and kind not in (LABEL, None, UNKNOWN, SKIP, "income"):
            out.result.add("blank_cell", table_code=table, row_key=code, column_key=kind, row_label=name,
                           reported_unit=unit, source_line=row.line)
    for position, text in figures:
        kind = columns.kinds[position]
        if kind == SKIP:
            continue
        figure = Figure(text, unit, row.line)
        common = {"table_code": table, "subject_code": code, "subject_name": name}
        if spec.fund_type is None:
            out.result.add("income", **common, income_source=kind, **figure.columns())
        elif kind == "income":
            out.result.add("income", **common, income_source=spec.fund_type, **figure.columns())
        else:
            out.result.add(
                "expenditure", **common, classification=FUNCTION, subject_level=level_of(code),
                expenditure_type=kind, fund_type=spec.fund_type, **figure.columns(),
            )
