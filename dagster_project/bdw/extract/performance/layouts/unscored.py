"""The unscored scorecard (固原 004): targets and actuals, no weights, scores or total.

``专项（项目）名称 | name``; ``项目资金（万元） | 全年预算数（A） | 全年执行数（B） | 执行率``
over ``年度资金总额： | A | B | rate``; indicators under ``绩效指标 | 一级指标 | 二级指标 |
三级指标 | 年度指标值 | 全年完成值 | 未完成原因和改进措施``.

Merged cells shift indicator rows left by one or two columns, so a row is read from its
right end: the last three printed cells are target, actual and reason, the one before them
the indicator's name, and any earlier cells its level labels.
"""

from __future__ import annotations

from ...cells import squash, tidy
from ...rows import Row
from ..model import Indicator, Scorecard
from ..parts import Levels, find_row, first_key, header_columns, read_funds, value_after
from ..values import text_or_none

_NAME_LABELS = ("专项(项目)名称", "项目名称")
_VALUE_CELLS = 3  # target, actual, reason


def parse(rows: list[Row], lines: list[tuple[int, str]]) -> Scorecard:
    """Read one unscored scorecard; raises ``ScorecardError`` when a part is missing."""
    name_row, label = next(((row, label) for row in rows for label in _NAME_LABELS
                            if first_key(row).startswith(label)), (None, None))
    card = Scorecard(source_line=name_row.line if name_row else lines[0][0],
                     name=value_after(name_row, label) if name_row else None)
    card.require(name_row, lines[0][0], "'专项（项目）名称' row")
    funds_at = find_row(rows, "年度资金总额")
    card.require(funds_at, name_row.line, "'年度资金总额' row (全年预算数, 全年执行数, 执行率)")
    read_funds(card, rows[funds_at - 1], rows[funds_at], "年度资金总额")
    header_at = find_row(rows, "三级指标", start=funds_at)
    card.require(header_at is not None, rows[funds_at].line, "indicator header (一级指标 … 三级指标 … 全年完成值)")
    levels = Levels(level1_column=header_columns(rows[header_at]).get("level1", -1))
    for row in rows[header_at + 1:]:
        if first_key(row) == "说明":
            break
        indicator = _indicator(row, levels)
        if indicator is not None:
            card.indicators.append(indicator)
    card.require(card.indicators, rows[header_at].line, "indicator rows under the header")
    return card


def _indicator(row: Row, levels: Levels) -> Indicator | None:
    cells = row.nonempty()
    if len(cells) < _VALUE_CELLS + 1:
        return None
    target, actual, reason = (text for _, text in cells[-_VALUE_CELLS:])
    levels.apply(cells[: -_VALUE_CELLS - 1], row.line)
    return Indicator(
        source_line=row.line,
        name=tidy(cells[-_VALUE_CELLS - 1][1]),
        **levels.tags(),
        target_text=text_or_none(target),
        actual_text=text_or_none(actual),
        deviation_reason=text_or_none(reason) if squash(reason) else None,
    )
