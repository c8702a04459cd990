"""Cell text → typed values: indicator targets, percentages, scores, level labels.

Conventions (documented for the marts):

- ``comparator``: ``≥ ≧ >= > ＞ $\\geq X$ 以上`` → ``'>='`` (a strict ``>`` is stored as ``'>='``);
  ``≤ ≦ <= < ＜ $\\leq X$ 以内 以下`` → ``'<='``; an explicit ``=``/``等于`` → ``'='``; a range
  ``6-9 个月`` → ``'range'`` with ``value`` the lower bound; nothing printed → ``None``.
- Indicator values keep the printed scale: ``"98%"`` → value ``98``, unit ``'%'``.
- An Excel serial date (``44531.0``) keeps its text, value ``None``, unit ``'date'``.
- Qualitative text (``"有所提高"``, ``"2020年12月前"``) → value ``None``, unit ``None``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..cells import squash, tidy
from ..numbers import parse_amount

_NUMBER = r"\d+(?:\.\d+)?"
_UNITS = (
    r"%|个月|人次|家次|万人|万元|亿元|元|万|人|次|家|倍|个|天|套|名|份|辆|项|批次|户|条|台|月|年"
)
_UNIT = rf"(?:{_UNITS})(?:/(?:人|年|月|次|户))*"
_COMPARATORS = (
    (re.compile(r"^(?:>=|≥|≧|＞=|>|＞|大于等于|不低于|大于|高于)"), ">="),
    (re.compile(r"^(?:<=|≤|≦|＜=|<|＜|小于等于|不高于|小于|低于)"), "<="),
    (re.compile(r"^(?:=|＝|等于)"), "="),
)
_SUFFIX_COMPARATORS = ((re.compile(r"(?:及以上|以上)$"), ">="), (re.compile(r"(?:以内|以下)$"), "<="))
_VALUE = re.compile(rf"^({_NUMBER})\s*({_UNIT})?$")
_RANGE = re.compile(rf"^({_NUMBER})\s*[-~～至]\s*({_NUMBER})\s*({_UNIT})?$")
_TRAILING_COMPARISON = re.compile(rf"(?:>=|≥|≧|>|＞|<=|≤|≦|<|＜)\s*{_NUMBER}\s*(?:{_UNIT})?$")
_EXCEL_SERIAL = re.compile(r"^(\d{5})\.0$")
_SCORE_IN_TEXT = re.compile(rf"({_NUMBER})\s*分?\s*$")
_WEIGHT_SUFFIX = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*(?:分|%)?\s*[)）]\s*$")

# 一级指标 words; anything else ending in 指标/目标/效益/满意度 is a 二级指标.
_LEVEL1 = {"产出", "效益", "满意度", "投入管理", "投入", "过程", "决策", "管理"}
_NOT_LABELS = ("绩效目标", "绩效指标", "年度绩效", "目标值", "指标值")



def text_or_none(text: str | None) -> str | None:
    """Printed text, or ``None`` for an empty cell or a bare "无" (nothing to report)."""
    cell = tidy(text)
    return None if cell in ("", "无", "/", "-", "—", "——") else cell


def number(text: str | None) -> Decimal | None:
    """A plain printed number (``"94"``, ``"<b>5</b>"``, ``"94 分"``), else ``None``."""
    cell = tidy(text)
    cell = re.sub(r"\s*分$", "", cell)
    return parse_amount(cell)


def trailing_number(text: str | None) -> Decimal | None:
    """The number a cell ends with, e.g. ``"(20分*执行率) 13"`` → 13."""
    match = _SCORE_IN_TEXT.search(tidy(text))
    return Decimal(match.group(1)) if match else None


def percent_fraction(text: str | None) -> Decimal | None:
    """A printed percentage as a fraction: ``"100%"`` → ``Decimal('1.00')``, ``"98.5%"`` → ``0.985``."""
    cell = squash(text or "")
    if not cell.endswith("%"):
        return None
    value = parse_amount(cell[:-1])
    return None if value is None else value.scaleb(-2)


def is_percent(text: str | None) -> bool:
    return percent_fraction(text) is not None


def group_weight(text: str) -> tuple[str, Decimal | None]:
    """Split a label and its weight in parentheses: ``"预算编审管理（3）"`` → ``("预算编审管理", 3)``."""
    cell = squash(text)
    match = _WEIGHT_SUFFIX.search(cell)
    if not match:
        return cell, None
    return cell[: match.start()], Decimal(match.group(1))


def declared_weight(text: str) -> Decimal | None:
    """The group weight a level label declares, in points: ``"质量指标（20）"`` → 20, ``"产出(60%)"`` → 60.

    A percentage is read as points of a 100-point scorecard (the forms that print them are).
    """
    return group_weight(text)[1]


def label_level(text: str) -> int | None:
    """1 for a 一级指标 label, 2 for a 二级指标 label, ``None`` for anything else.

    ``成本指标`` is a 一级指标 in some forms and a 二级指标 in others: it returns 0 and the caller
    decides by the column it is printed in.
    """
    label, weight = group_weight(text)
    if not label or any(word in label for word in _NOT_LABELS):
        return None
    base = re.sub(r"(?:指标|目标)$", "", label)
    if base in _LEVEL1:
        return 1
    if base == "成本":
        return 0
    if weight is not None or label.endswith(("指标", "目标", "效益", "满意度")):
        return 2
    return None


def label_name(text: str, level: int) -> str:
    """A level label without its weight; a 一级指标 in its full form: ``"产出(60%)"`` → ``"产出指标"``."""
    label = group_weight(text)[0]
    if level == 1:
        return re.sub(r"(?:指标|目标)$", "", label) + "指标"
    return label


def parse_indicator_value(text: str | None) -> tuple[str | None, Decimal | None, str | None]:
    """``(comparator, value, unit)`` of a printed target or actual value (see module doc)."""
    cell = squash(text or "")
    if not cell:
        return None, None, None
    if _EXCEL_SERIAL.match(cell) and 30000 <= int(cell[:5]) <= 60000:
        return None, None, "date"
    comparator = None
    for pattern, symbol in _COMPARATORS:
        match = pattern.match(cell)
        if match:
            comparator, cell = symbol, cell[match.end():]
            break
    else:
        trailing = _TRAILING_COMPARISON.search(cell)
        if trailing and trailing.start() > 0:
            return parse_indicator_value(trailing.group(0))
    for pattern, symbol in _SUFFIX_COMPARATORS:
        match = pattern.search(cell)
        if match and comparator is None:
            comparator, cell = symbol, cell[: match.start()]
    ranged = _RANGE.match(cell)
    if ranged:
        return "range", Decimal(ranged.group(1)), ranged.group(3)
    match = _VALUE.match(cell)
    if not match:
        return comparator, None, None
    return comparator, Decimal(match.group(1)), match.group(2)


def normalised_name(text: str) -> str:
    """An indicator name for matching across sections: no spaces, no punctuation."""
    return re.sub(r"[\s\W_]+", "", tidy(text))
