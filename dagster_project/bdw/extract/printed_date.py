"""The date a document prints as its own: a labelled date (填报日期, 编制日期, 公开日期 …) or a date
standing alone on its line (the 落款 under the explanation, a cover date), in Arabic or Chinese numerals.

Dates inside sentences (截至 2021 年 12 月 31 日), periods (2025年1月1日-2025年12月31日) and table
cells (开始：2021-01-01) are not the document's date. When several are printed (one 填报日期 per
scorecard, a cover date and a 落款), the latest is the document's: the edition was finished then.
Used to tell two editions of the same department, year and kind apart.
"""

from __future__ import annotations

import re
from datetime import date

from .source import SourceDocument

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇零○Ｏ一二三四五六七八九十"
_GAP = r"[ \t\u3000]*"  # spaces inside a date, never a line break
_DATE = (
    rf"(?P<y>(?:19|20)\d{{2}}|[{_CN}]{{4}}){_GAP}年{_GAP}(?P<m>\d{{1,2}}|[{_CN}]{{1,2}}){_GAP}月{_GAP}"
    rf"(?P<d>\d{{1,2}}|[{_CN}]{{1,3}}){_GAP}[日号]"
    rf"|(?P<y2>(?:19|20)\d{{2}}){_GAP}[-./]{_GAP}(?P<m2>\d{{1,2}}){_GAP}[-./]{_GAP}(?P<d2>\d{{1,2}})"
)
_LABELLED = re.compile(rf"(?:填报|编制|公开|发布|报送|印发|落款)日期{_GAP}[:：]?{_GAP}(?:{_DATE})")
_ALONE = re.compile(rf"(?:{_DATE})")
_LONGEST_ALONE = 24  # characters of the longest date line ("2022 年 01 月 14 日" spaced); longer lines are prose
_FIRST = frozenset("12" + _CN)  # a date line starts with its year


def _number(text: str) -> int:
    """``"14"``, ``"十四"``, ``"二十一"``, ``"二〇二二"`` → int."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    value = 0
    for char in text:
        value = value * 10 + _CN_DIGITS[char]
    return value


def _date(match: re.Match) -> date | None:
    year, month, day = (match["y"], match["m"], match["d"]) if match["y"] else (match["y2"], match["m2"], match["d2"])
    try:
        found = date(_number(year), _number(month), _number(day))
    except (KeyError, ValueError):  # 2021年13月, 二〇二二年二月三十日
        return None
    return found if 1990 <= found.year <= 2099 else None


def printed_dates(doc: SourceDocument):
    """Yield ``(date, line_number)`` for every date the document prints as its own (in no particular order)."""
    for number, line in doc.numbered():  # a line alone: cheap length and first-character tests first
        if len(line) <= 2 * _LONGEST_ALONE and (text := line.strip(" \t\u3000")) and text[0] in _FIRST \
                and len(text) <= _LONGEST_ALONE and (match := _ALONE.fullmatch(text)) and (found := _date(match)):
            yield found, number
    text = "\n".join(doc.lines)
    if "日期" in text:  # labelled: one pass over the document
        for match in _LABELLED.finditer(text):
            if found := _date(match):
                yield found, text.count("\n", 0, match.start()) + 1


def read_printed_date(doc: SourceDocument) -> tuple[date | None, int | None]:
    """The latest date the document prints as its own and the first line printing it; ``(None, None)`` if none."""
    latest = max(printed_dates(doc), key=lambda found: (found[0], -found[1]), default=None)
    return latest if latest else (None, None)
