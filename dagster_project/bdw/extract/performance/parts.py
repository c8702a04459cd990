"""Pieces every scorecard layout shares: labelled cells, level labels, header columns, totals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..cells import squash, tidy
from ..rows import Row
from .model import Declared, Indicator, Scorecard
from .values import declared_weight, label_level, label_name, number, percent_fraction, text_or_none, trailing_number

_CHECKED_GRADE = re.compile(r"(?:<input[^>]*\bchecked\b[^>]*>|☑\ufe0f?)\s*(优|良|中|差)")

# Header words → the field a column holds (first match wins, so "年度指标值" is a target).
_COLUMN_WORDS = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("指标值", "target"),
    ("目标值", "target"),
    ("完成值", "actual"),
    ("分值", "weight"),
    ("得分", "score"),
    ("偏差", "deviation"),
    ("未完成原因", "deviation"),
    ("权重", "group_weight"),
)

# Funds header words → field, in the order the funds row prints its values.
_FUNDS_WORDS = (
    ("年初预算", "budget"),
    ("全年预算", "budget_full"),
    ("预算数", "budget_full"),
    ("执行数", "executed"),
    ("分值", "weight"),
    ("得分", "score"),
    ("执行率", "rate"),
)


@dataclass
class Levels:
    """The 一级/二级指标 in force: merged cells print them only on a group's first row.

    A label that declares its group's weight (``产出(60%)``, ``质量指标（20）``) is remembered with
    the line it was printed on, so the indicators under it carry it (see :class:`Declared`).
    """

    level1: str | None = None
    level2: str | None = None
    level1_column: int = -1
    level1_declared: Declared | None = None
    level2_declared: Declared | None = None

    def apply(self, labels: list[tuple[int, str]], line: int) -> set[int]:
        """Update from ``(column, text)`` label cells (``成本指标`` decided by its column).

        Returns the levels whose label these cells print.
        """
        printed = set()
        for column, text in labels:
            level = label_level(text)
            if level == 0:
                level = 1 if column <= self.level1_column else 2
            if level in (1, 2):
                self._label(level, text, line)
                printed.add(level)
        return printed

    def set(self, level1: str, level2: str, line: int) -> None:
        """Update from cells printed under the 一级/二级指标 header columns."""
        if squash(level1):
            self._label(1, level1, line)
        if squash(level2):
            self._label(2, level2, line)

    def tags(self) -> dict:
        """The level fields of an indicator printed now."""
        return {"level1": self.level1, "level2": self.level2, "level1_declared": self.level1_declared,
                "level2_declared": self.level2_declared}

    def _label(self, level: int, text: str, line: int) -> None:
        name, weight = label_name(text, level), declared_weight(text)
        declared = Declared(weight, squash(text), line) if weight is not None else None
        if level == 1:
            self.level1, self.level1_declared = name, declared
            self.level2, self.level2_declared = None, None
        else:
            self.level2, self.level2_declared = name, declared


def first_key(row: Row) -> str:
    """The first printed cell of a row, without spaces."""
    cells = row.nonempty()
    return squash(cells[0][1]) if cells else ""


def value_after(row: Row, label: str) -> str | None:
    """The first printed cell after the cell that starts with ``label`` (spaces ignored)."""
    cells = row.nonempty()
    for position, (_, text) in enumerate(cells):
        if squash(text).startswith(label):
            rest = squash(text)[len(label):].lstrip(":：")
            if rest:
                return tidy(text).split("：", 1)[-1].split(":", 1)[-1].strip()
            return tidy(cells[position + 1][1]) if position + 1 < len(cells) else None
    return None


def find_row(rows: list[Row], *words: str, start: int = 0) -> int | None:
    """Index of the first row from ``start`` with a cell containing any of ``words``."""
    for index in range(start, len(rows)):
        if rows[index].has(*words):
            return index
    return None


def header_columns(row: Row) -> dict[str, int]:
    """Field → column of an indicator header row (see ``_COLUMN_WORDS``)."""
    columns: dict[str, int] = {}
    for column, key in enumerate(row.keys()):
        for word, name in _COLUMN_WORDS:
            if word in key:
                columns.setdefault(name, column)
                break
    return columns


def positional_indicator(row: Row, columns: dict[str, int], levels: Levels) -> Indicator | None:
    """An indicator from a row whose cells sit under their header columns, else ``None``."""

    def cell(field: str) -> str:
        column = columns.get(field)
        return row.cells[column] if column is not None and column < len(row.cells) else ""

    name = tidy(cell("name"))
    if not name:
        return None
    levels.set(cell("level1"), cell("level2"), row.line)
    return Indicator(
        source_line=row.line,
        name=name,
        **levels.tags(),
        target_text=text_or_none(cell("target")),
        actual_text=text_or_none(cell("actual")),
        weight=number(cell("weight")),
        score=number(cell("score")),
        deviation_reason=text_or_none(cell("deviation")),
    )


def funds_fields(header: Row) -> list[str]:
    """The funds fields in the order the header prints them."""
    fields = []
    for key in header.keys():
        for word, name in _FUNDS_WORDS:
            if word in key:
                fields.append(name)
                break
    return fields


def labelled_values(row: Row, label: str) -> list[str]:
    """The printed cells after the cell starting with ``label``."""
    cells = row.nonempty()
    for position, (_, text) in enumerate(cells):
        if squash(text).startswith(label):
            return [value for _, value in cells[position + 1:]]
    return []


def read_funds(card: Scorecard, header: Row, row: Row, label: str) -> dict[str, str]:
    """Budget (全年预算数), execution and rate of the funds ``row`` (its values after ``label``, in the
    order ``header`` names them) onto ``card``; returns the printed values by field."""
    values = dict(zip(funds_fields(header), labelled_values(row, label), strict=False))
    card.budget = number(values.get("budget_full"))
    card.executed = number(values.get("executed"))
    card.execution_rate = percent_fraction(values.get("rate"))
    return values


def execution_indicator(line: int, values: dict[str, str], weight: Decimal | None) -> Indicator:
    """The budget-execution score of a funds row (see :func:`read_funds`) kept as an indicator, level1
    ``预算执行``, so that the indicator scores add up to the total."""
    return Indicator(
        source_line=line,
        name="预算执行率",
        level1="预算执行",
        actual_text=tidy(values.get("rate")) or None,
        weight=weight,
        score=trailing_number(values.get("score")),
    )


def total_score(rows: list[Row]) -> tuple[Decimal | None, int | None]:
    """The evaluated total (the last number on the 总分 row) and its line."""
    for row in rows:
        if first_key(row).startswith("总分"):
            numbers = [number(text) for _, text in row.nonempty()[1:]]
            numbers = [value for value in numbers if value is not None]
            return (numbers[-1] if numbers else None), row.line
    return None, None


def checked_grade(lines: list[tuple[int, str]]) -> str | None:
    """The grade whose box is ticked (``☑优`` or ``<input checked …/> 优``), if any."""
    for _, text in lines:
        match = _CHECKED_GRADE.search(text)
        if match:
            return match.group(1)
    return None
