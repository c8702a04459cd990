"""What a parsed scorecard holds before it becomes rows, and the error a layout parser raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..numbers import percent_decimals, to_yuan
from ..result import ExtractionResult
from .values import parse_indicator_value


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
