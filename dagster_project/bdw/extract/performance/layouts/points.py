"""The 20 + 70 + 10 point scorecard (铁山 002).

``项目名称 | name``; ``预算执行情况 (万元) (20分) | 预算数 (A) | 执行数 (B) | 执行率 | 得分``
over ``年度财政资金总额 | A | B | rate | score``; an indicator table under
``一级指标 | 二级指标 | 三级指标 | 年初目标值 | 实际完成值 | 得分`` read by column; ``总分 | n``.

The budget-execution score is kept as an indicator (level1 ``预算执行``, name ``预算执行率``,
weight the printed points) so that the indicator scores add up to the total.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ...cells import squash
from ...rows import Row
from ..model import Indicator, Scorecard
from ..parts import (
    Levels,
    execution_indicator,
    find_row,
    first_key,
    header_columns,
    labelled_values,
    positional_indicator,
    read_funds,
    total_score,
    value_after,
)
from ..values import text_or_none

_POINTS = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_FUNDS_LABEL = "年度财政资金总额"


def parse(rows: list[Row], lines: list[tuple[int, str]]) -> Scorecard:
    """Read one point scorecard; raises ``ScorecardError`` when a part is missing."""
    name_row = next((row for row in rows if first_key(row) == "项目名称"), None)
    card = Scorecard(source_line=name_row.line if name_row else lines[0][0],
                     name=value_after(name_row, "项目名称") if name_row else None)
    card.require(name_row, lines[0][0], "'项目名称' row")
    funds_at = find_row(rows, _FUNDS_LABEL)
    card.require(funds_at, name_row.line, f"'{_FUNDS_LABEL}' row (预算数, 执行数, 执行率, 得分)")
    execution = _read_funds(card, rows[funds_at - 1], rows[funds_at])
    header_at = find_row(rows, "三级指标", start=funds_at)
    card.require(header_at is not None, rows[funds_at].line, "indicator header (一级指标 … 三级指标 … 得分)")
    columns = header_columns(rows[header_at])
    levels = Levels(level1_column=columns.get("level1", -1))
    indicators = []
    for row in rows[header_at + 1:]:
        if first_key(row).startswith("总分"):
            break
        indicator = positional_indicator(row, columns, levels)
        if indicator is not None:
            indicators.append(indicator)
    card.require(indicators, rows[header_at].line, "indicator rows under the header")
    card.total_score, total_line = total_score(rows[header_at:])
    card.require(total_line is not None, indicators[-1].source_line, "'总分' row")
    card.indicators = [execution, *indicators]
    reason_row = next((row for row in rows if first_key(row).startswith("偏差大或目标未完成原因分析")), None)
    card.deviation_reason = text_or_none(labelled_values(reason_row, "偏差大")[0]) if reason_row else None
    return card


def _read_funds(card: Scorecard, header: Row, row: Row) -> Indicator:
    """Budget, execution and rate onto ``card``; the execution score as an indicator."""
    values = read_funds(card, header, row, _FUNDS_LABEL)
    points = _POINTS.search(squash(header.cells[0]) + squash(row.cells[0]))
    return execution_indicator(row.line, values, Decimal(points.group(1)) if points else None)
