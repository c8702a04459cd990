"""The split scorecard (宁德 000): targets, funds and scores in three sections of one form.

- 绩效目标 section: ``… 目标 N | name | 参考标准 | 绩效目标值 | 实际完成值 | 目标值完成比例``;
- funds section: the ``合计`` row prints ``[安排金额], 年初预算, 年中调整, 实际到位, 到位率,
  [文号], 实际支出, 支出实现率, 结余``;
- 评分 section: ``… name | 评分标准 | 分值 | 得分 | 得扣分原因 | 偏差原因分析``, then the
  ``总分值、评价总分`` row and the ticked grade.

Indicators are the 评分 rows (they carry weight and score); targets and actuals are joined
from the 绩效目标 section by name (exact, prefix, then closest spelling). A target row
that matches no scored row is kept as an indicator without weight and score.
"""

from __future__ import annotations

import difflib
import re

from ...cells import tidy
from ...rows import Row
from ..model import Indicator, Scorecard
from ..parts import Levels, checked_grade, find_row, total_score, value_after
from ..values import is_percent, normalised_name, number, percent_fraction, text_or_none

_GOAL_NUMBER = re.compile(r"^目标\d+$")
_MATCH_RATIO = 0.8


def parse(rows: list[Row], lines: list[tuple[int, str]]) -> Scorecard:
    """Read one split scorecard; raises ``ScorecardError`` when a section is missing."""
    name_row = next((row for row in rows if value_after(row, "项目名称") is not None), None)
    card = Scorecard(source_line=name_row.line if name_row else lines[0][0],
                     name=value_after(name_row, "项目名称") if name_row else None)
    card.require(name_row, lines[0][0], "'项目名称：' line")
    _read_funds(card, rows)
    card.require(card.budget is not None, name_row.line, "funds '合计' row (年初预算 … 实际支出 … 结余)")
    header = find_row(rows, "评分标准")
    card.require(header is not None, name_row.line, "评分 header (三级指标 | 评分标准 | 分值 | 得分)")
    card.total_score, total_line = total_score(rows[header:])
    scored = _scored_indicators(rows[header + 1:], rows[header])
    card.require(scored, rows[header].line, "评分 rows with 分值 and 得分")
    card.require(total_line is not None, scored[-1].source_line, "'总分值、评价总分' row")
    card.indicators = _join_targets(scored, *_goal_rows(rows[:header]))
    card.grade = checked_grade(lines)
    reason_row = next((row for row in rows if value_after(row, "未完成目标的原因")), None)
    card.deviation_reason = text_or_none(value_after(reason_row, "未完成目标的原因")) if reason_row else None
    return card


def _read_funds(card: Scorecard, rows: list[Row]) -> None:
    for row in rows:
        keys = row.keys()
        if "合计" not in keys:
            continue
        after = [text for text in row.cells[keys.index("合计") + 1:] if tidy(text)]
        amounts = [number(text) for text in after if not is_percent(text) and number(text) is not None]
        rates = [percent_fraction(text) for text in after if is_percent(text)]
        if len(amounts) not in (5, 6):
            continue
        card.budget, card.adjusted, card.received, card.executed, card.balance = amounts[-5:]
        card.execution_rate = rates[-1] if len(rates) == 2 else None
        return


def _goal_rows(rows: list[Row]) -> tuple[list[Indicator], dict[int, set[int]]]:
    """Rows of the 绩效目标 section: name, target and actual, levels as printed there.

    Also, per goal line, the levels whose label is printed on that very row.
    """
    goals, levels, printed = [], Levels(), {}
    for row in rows:
        cells = row.nonempty()
        numbered = [i for i, (_, text) in enumerate(cells) if _GOAL_NUMBER.match(normalised_name(text))]
        if not numbered or numbered[0] + 1 >= len(cells):
            continue
        at = numbered[0]
        printed[row.line] = levels.apply(cells[:at], row.line)
        values = [tidy(text) for _, text in cells[at + 2: at + 6]]
        goals.append(Indicator(
            source_line=row.line,
            name=tidy(cells[at + 1][1]),
            **levels.tags(),
            target_text=text_or_none(values[1] if len(values) > 1 else values[0] if values else None),
            actual_text=text_or_none(values[2]) if len(values) > 2 else None,
        ))
    return goals, printed


def _scored_indicators(rows: list[Row], header: Row) -> list[Indicator]:
    """评分 rows up to the total; a row without a (分值, 得分) pair is a wrapped line and skipped."""
    levels = Levels(level1_column=header.keys().index("一级指标") if "一级指标" in header.keys() else 1)
    scored = []
    for row in rows:
        if row.has("总分"):
            break
        cells = row.nonempty()
        pair = next((k for k in range(2, len(cells) - 1)
                     if number(cells[k][1]) is not None and number(cells[k + 1][1]) is not None), None)
        if pair is None:
            continue
        levels.apply(cells[: pair - 2], row.line)
        after = cells[pair + 2:]
        scored.append(Indicator(
            source_line=row.line,
            name=tidy(cells[pair - 2][1]),
            **levels.tags(),
            weight=number(cells[pair][1]),
            score=number(cells[pair + 1][1]),
            deviation_reason=text_or_none(after[1][1]) if len(after) > 1 else None,
        ))
    return scored


def _join_targets(scored: list[Indicator], goals: list[Indicator], printed: dict[int, set[int]]) -> list[Indicator]:
    """Targets and actuals onto the scored rows; a level label printed on the goal's own row wins.

    Both sections print each 一级/二级 label once in a merged cell, which the PDF text puts on
    some row of the group: 000's first card prints ``效益(30%)`` beside the group's second 评分
    row but ``效益目标`` on the row of its ``目标 1``. A label printed on the goal's row belongs to
    that goal; a row moved to another group this way no longer carries its old group's weight.
    """
    unmatched = list(goals)
    for item in scored:
        goal = _best_match(item.name, unmatched)
        if goal is not None:
            unmatched.remove(goal)
            item.target_text, item.actual_text = goal.target_text, goal.actual_text
            own = printed.get(goal.source_line, set())
            if 1 in own and goal.level1 != item.level1:
                item.level1, item.level1_declared = goal.level1, None
            if 2 in own and goal.level2 != item.level2:
                item.level2, item.level2_declared = goal.level2, None
    return scored + unmatched


def _best_match(name: str, goals: list[Indicator]) -> Indicator | None:
    key = normalised_name(name)
    keys = [(goal, normalised_name(goal.name)) for goal in goals]
    for goal, other in keys:
        if other == key:
            return goal
    for goal, other in keys:
        if min(len(other), len(key)) >= 6 and (key.startswith(other) or other.startswith(key)):
            return goal
    ratios = [(difflib.SequenceMatcher(None, key, other).ratio(), index) for index, (_, other) in enumerate(keys)]
    best = max(ratios, default=(0.0, -1))
    return keys[best[1]][0] if best[0] >= _MATCH_RATIO else None
