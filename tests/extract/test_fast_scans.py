"""The scanners that skip where no match can start find exactly what the plain regex scans find.

Each fast path (a year prefilter, a search started near each year or each ``（类）`` mark, a hint
character before the placeholder patterns, lines split with ``str.split``) is checked against the
pattern it stands for, on random text built from the characters those patterns turn on.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bdw.extract import mentions
from bdw.extract.document import split_lines
from bdw.extract.final_account import execution

_PIECES = ["类", "款", "项", "（", "）", "(", ")", "、", "。", "；", "\n", "教育", "支出", "普通", "初中", "财政",
           "局", "委员会", "办公室", "上海市普陀区", "本单位", "与", "相比", "2024", "2023", "1999", "年", "度", "截至",
           "12", "月", "31", "日", "的", "项目", "无", "决算", "，", "X", "某", "【", "】", "此处填写", "a", "7"]
# whole labels, names and years too, so that matches (and near misses) are common
_PHRASES = [
    "教育（类）", "普通教育（款）", "初中教育（项）",
    "社会保障和就业(类)", "行政事业单位养老支出(款)", "机关事业单位基本养老保险缴费支出(项)",
    "上海市普陀区财政局", "宁德市医疗保障局", "中共上海市普陀区委员会办公室",
    "2024年度", "2023年", "2024 年", "比上年", "年初预算为", "万元", "一般公共预算财政拨款支出",
]
_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.sampled_from(_PHRASES)), max_size=60).map("".join)


def _spans(matches, *groups):
    return [(m.span(), *(m.span(g) for g in groups)) for m in matches]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_items_are_the_plain_scan_of_item_labels(text):
    assert _spans(execution._items(text), "lei", "kuan", "xiang") == _spans(
        execution._ITEM.finditer(text), "lei", "kuan", "xiang")


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_named_years_are_the_plain_scan(text):
    compact = text.replace("\n", "")
    years = [m.start() for m in mentions._ANY_YEAR.finditer(compact)]
    assert _spans(mentions._named_years(compact, years), "year") == _spans(
        mentions._NAMED_YEAR.finditer(compact), "year")


def _plain_year_matches(compact: str):
    """The years of a prose sentence as read before the prefilter: every pattern over the whole sentence."""
    seen: set[int] = set()
    for match in mentions._PRIOR_YEAR.finditer(compact):
        seen.add(match.start("year"))
        yield match, mentions.PRIOR
    for pattern in mentions._REPORTED_YEARS:
        for match in pattern.finditer(compact):
            if match.start("year") not in seen:
                seen.add(match.start("year"))
                yield match, mentions.REPORTED


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_prose_years_are_the_plain_scan(text):
    compact = text.replace("\n", "")
    fast = [(m.span("year"), role) for m, role in mentions._year_matches(compact, mentions.PROSE)]
    assert fast == [(m.span("year"), role) for m, role in _plain_year_matches(compact)]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_a_prose_name_needs_a_word_the_prefilter_looks_for(text):
    if mentions._PROSE_NAME.search(text):
        assert any(word in text for word in mentions._PROSE_NAME_FOLLOWERS)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_every_placeholder_contains_a_hint_character(text):
    if mentions._PLACEHOLDERS.search(text):
        assert mentions._PLACEHOLDER_HINT.search(text)


def test_the_fast_scans_find_the_template_wordings():
    text = "1、教育支出（类）普通教育（款）初中教育（项）。年初预算为1万元，支出决算为2万元。"
    assert [m.group("xiang") for m in execution._items(text)] == ["初中教育"]
    compact = "上海市普陀区财政局2024年度收入支出决算总计与2023年度相比增加1万元"
    found = [(m.group("year"), role) for m, role in mentions._year_matches(compact, mentions.PROSE)]
    assert found == [("2023", mentions.PRIOR), ("2024", mentions.REPORTED)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["\r", "\n", "\r\n", "\n\r", "a", "表", "\t", " ", "\x0b", "\u2028"]),
                max_size=40).map("".join))
def test_lines_are_split_where_the_line_break_pattern_splits(text):
    expected = re.split(r"\r\n|\r|\n", text)
    if expected and expected[-1] == "":
        expected.pop()
    assert split_lines(text) == tuple(expected)
