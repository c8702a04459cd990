"""What a parsed scorecard holds before it becomes rows, and the error a layout parser raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..cells import tidy
from ..numbers import decimals_of, percent_decimals, to_yuan
from ..result import ExtractionResult
from .values import number, parse_indicator_value, percent_fraction


class ScorecardError(Exception):
    """A scorecard that cannot be read: ``line`` is where the missing part was expected."""

    def __init__(self, line: int, expected: str, message: str):
        super().__init__(message)
        self.line = line
        self.expected = expected


@dataclass(frozen=True)
class Declared:
    """A group weight printed in a level label (``产出(60%)``, ``质量指标（20）``), in points."""

    weight: Decimal
    text: str  # the label as printed
    line: int


@dataclass
class Indicator:
    """One 三级指标 as printed; values are parsed when the row is emitted."""

    source_line: int
    name: str
    level1: str | None = None
    level2: str | None = None
    target_text: str | None = None
    actual_text: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_reason: str | None = None
    level1_declared: Declared | None = None
    level2_declared: Declared | None = None


@dataclass(frozen=True)
class FundRow:
    """One row of a department form's funds table (资金来源 / 资金结构), values as printed."""

    group: str  # source (资金来源) or structure (资金结构)
    label: str
    budget: str | None  # 全年预算数
    executed: str | None  # 全年执行数
    rate: str | None  # 执行率
    line: int


@dataclass
class Scorecard:
    """One project (or department-wide) self-evaluation; amounts in ``unit`` as printed."""

    source_line: int
    name: str | None
    unit: str = "万元"
    budget: Decimal | None = None
    adjusted: Decimal | None = None
    received: Decimal | None = None
    executed: Decimal | None = None
    balance: Decimal | None = None
    execution_rate: Decimal | None = None
    total_score: Decimal | None = None
    grade: str | None = None
    deviation_reason: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    funds: list[FundRow] = field(default_factory=list)

    def require(self, condition: object, line: int, expected: str) -> None:
        """Raise :class:`ScorecardError` unless ``condition`` holds."""
        if not condition:
            raise ScorecardError(line, expected, f"scorecard '{self.name or 'department'}' has no {expected}")


def emit(result: ExtractionResult, card: Scorecard, key: str) -> None:
    """Add one ``project_performance`` row and its ``performance_indicator`` rows."""
    result.add(
        "project_performance",
        project_key=key,
        project_name=card.name,
        budget_yuan=to_yuan(card.budget, card.unit),
        adjusted_yuan=to_yuan(card.adjusted, card.unit),
        funds_received_yuan=to_yuan(card.received, card.unit),
        executed_yuan=to_yuan(card.executed, card.unit),
        balance_yuan=to_yuan(card.balance, card.unit),
        execution_rate_reported=card.execution_rate,
        execution_rate_decimals=percent_decimals(card.execution_rate),
        total_score=card.total_score,
        grade=card.grade,
        deviation_reason=card.deviation_reason,
        source_line=card.source_line,
    )
    _emit_groups(result, card, key)
    _emit_funds(result, card, key)
    for item in card.indicators:
        comparator, target_value, target_unit = parse_indicator_value(item.target_text)
        _, actual_value, actual_unit = parse_indicator_value(item.actual_text)
        result.add(
            "performance_indicator",
            project_key=key,
            project_name=card.name,
            level1=item.level1,
            level2=item.level2,
            indicator_name=item.name,
            target_text=item.target_text,
            actual_text=item.actual_text,
            comparator=comparator,
            target_value=target_value,
            actual_value=actual_value,
            unit=target_unit or actual_unit,
            weight=item.weight,
            score=item.score,
            deviation_reason=item.deviation_reason,
            source_line=item.source_line,
        )


def _emit_funds(result: ExtractionResult, card: Scorecard, key: str) -> None:
    """One ``performance_fund`` row per row of the funds table."""
    for row in card.funds:
        budget, executed, rate = number(row.budget), number(row.executed), percent_fraction(row.rate)
        result.add("performance_fund", project_key=key, fund_group=row.group, label=row.label,
                   budget_yuan=to_yuan(budget, card.unit), executed_yuan=to_yuan(executed, card.unit),
                   budget_decimals=decimals_of(tidy(row.budget)) if budget is not None else None,
                   executed_decimals=decimals_of(tidy(row.executed)) if executed is not None else None,
                   rate=rate, rate_decimals=percent_decimals(rate), reported_unit=card.unit, source_line=row.line)


def _emit_groups(result: ExtractionResult, card: Scorecard, key: str) -> None:
    """One ``performance_group`` row per level label that declares a weight."""
    seen = set()
    for item in card.indicators:
        for level, declared, level2 in ((1, item.level1_declared, None), (2, item.level2_declared, item.level2)):
            group = (level, item.level1, level2)
            if declared is None or group in seen:
                continue
            seen.add(group)
            result.add("performance_group", project_key=key, group_level=level, level1=item.level1,
                       level2=level2, declared_weight=declared.weight, declared_text=declared.text,
                       source_line=declared.line)
