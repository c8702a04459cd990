"""The cell-per-line scorecards (浏阳 003): project forms (附件3-x) and the department form (附件2).

Project form: ``项目支出名称 | name``; funds header ``年初预算数 | 全年预算数 | 全年执行数 | 分值 |
执行率 | 得分`` over ``年度资金总额 | …``; indicators under ``一级指标 | 二级指标 | 三级指标 |
年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因``; ``总分 | 100 | n``.

Department form: funds by source (``资金来源：（1）财政拨款``, ``（2）其他资金``) and by structure
(``资金结构：（1）基本支出``, ``（2）项目支出``), each row kept (``performance_fund``); the
department's budget and execution are the sums of the source rows (the form prints no total).
Its indicator table has ``权重`` (the 一级指标's weight) and no ``分值`` column, and its
``年度指标值`` column holds each indicator's weight (``编审合规性 | 3 | 70.57% | 2.12``): see
:func:`_targets_as_weights`.
"""

from __future__ import annotations

from decimal import Decimal

from ...cells import squash
from ...rows import Row, merge_short_rows
from ..model import FundRow, Indicator, Scorecard
from ..parts import (
    Levels,
    execution_indicator,
    find_row,
    first_key,
    funds_fields,
    header_columns,
    positional_indicator,
    read_funds,
    total_score,
    value_after,
)
from ..values import group_weight, number


def parse(rows: list[Row], lines: list[tuple[int, str]], department: bool) -> Scorecard:
    """Read one cell-layout scorecard; raises ``ScorecardError`` when a part is missing."""
    title_line = lines[0][0]
    name_row = None if department else next((row for row in rows if value_after(row, "项目支出名称")), None)
    card = Scorecard(source_line=name_row.line if name_row else title_line,
                     name=value_after(name_row, "项目支出名称") if name_row else None)
    card.require(department or name_row, title_line, "'项目支出名称' cell")
    funds_header = find_row(rows, "执行数")
    card.require(funds_header is not None, card.source_line, "funds header (全年预算数 | 全年执行数 | 执行率)")
    funds = rows[funds_header]
    execution = _department_funds(card, rows, funds) if department else _project_funds(card, rows, funds)
    card.require(card.executed is not None, rows[funds_header].line, "funds rows under the funds header")
    header_at = find_row(rows, "三级指标", start=funds_header)
    card.require(header_at is not None, rows[funds_header].line, "indicator header (一级指标 … 三级指标 …)")
    indicators, level2_weights = _indicators(rows[header_at:])
    card.require(indicators, rows[header_at].line, "indicator rows under the header")
    card.total_score, total_line = total_score(rows[header_at:])
    card.require(total_line is not None, indicators[-1].source_line, "'总分' row")
    if "weight" not in header_columns(rows[header_at]):
        _targets_as_weights(indicators, level2_weights)
    card.indicators = [execution, *indicators] if execution else indicators
    return card


def _project_funds(card: Scorecard, rows: list[Row], header: Row) -> Indicator | None:
    at = find_row(rows, "年度资金总额")
    if at is None:
        return None
    values = read_funds(card, header, rows[at], "年度资金总额")
    if "budget" in values:  # 年初预算数 printed beside 全年预算数: the budget is the initial one
        card.budget = number(values.get("budget"))
    if "score" not in values:
        return None
    return execution_indicator(rows[at].line, values, number(values.get("weight")))


def _department_funds(card: Scorecard, rows: list[Row], header: Row) -> None:
    """Every row of the funds table, by source (资金来源) and by structure (资金结构); the department's
    budget and execution are the sums of the source rows: the form prints no total."""
    start = find_row(rows, "资金来源")
    if start is None:
        return
    fields = funds_fields(header)
    group = "source"
    for row in rows[start:]:
        cells = row.nonempty()
        values = dict(zip(fields, [text for _, text in cells[1:]], strict=False))
        if not cells or row.has("年度总") or (number(values.get("budget_full")) is None
                                              and number(values.get("executed")) is None):
            break
        group = "structure" if row.has("资金结构") else "source" if row.has("资金来源") else group
        card.funds.append(FundRow(group, squash(cells[0][1]), values.get("budget_full"), values.get("executed"),
                                  values.get("rate"), row.line))
    sources = [fund for fund in card.funds if fund.group == "source"]
    card.budget = sum((number(fund.budget) or Decimal(0) for fund in sources), Decimal(0))
    card.executed = sum((number(fund.executed) or Decimal(0) for fund in sources), Decimal(0))


def _indicators(rows: list[Row]) -> tuple[list[Indicator], dict[str, Decimal]]:
    """Indicators under the header, and the weights printed in the 二级指标 labels."""
    header = rows[0]
    columns = header_columns(header)
    levels = Levels(level1_column=columns.get("level1", -1))
    indicators, level2_weights = [], {}
    for row in merge_short_rows(rows[1:], len(header.cells)):
        if first_key(row).startswith("总分"):
            break
        level2_cell = row.cells[columns["level2"]] if columns.get("level2", 99) < len(row.cells) else ""
        label, weight = group_weight(level2_cell)
        if label and weight is not None:
            level2_weights[label] = weight
        indicator = positional_indicator(row, columns, levels)
        if indicator is not None:
            indicators.append(indicator)
    return indicators, level2_weights


def _targets_as_weights(indicators: list[Indicator], level2_weights: dict[str, Decimal]) -> None:
    """Move the 年度指标值 figures to ``weight`` when they can only be weights.

    That is when every one is a bare number (no unit), none exceeds the weight printed in its
    二级指标 label, and no score exceeds it. (The groups need not add up: 003 prints
    ``质量指标（8）`` over items of 2 + 1 + 2 + 1; the quality checks report that.)
    """
    for item in indicators:
        value = number(item.target_text)
        group = level2_weights.get(item.level2 or "")
        if value is None or group is None or value > group or (item.score is not None and item.score > value):
            return
    for item in indicators:
        item.weight, item.target_text = number(item.target_text), None


def is_department_form(lines: list[tuple[int, str]]) -> bool:
    """Whether the block's title names a department-wide (整体支出) evaluation."""
    return any("整体" in squash(text) for _, text in lines[:3])
