"""The date a document prints as its own, which tells two editions apart."""

from __future__ import annotations

from datetime import date

import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.printed_date import read_printed_date
from bdw.extract.source import SourceDocument
from tests.conftest import SAMPLES, sample_bytes

# read off the samples: 000 prints "填报日期 2022 年 01 月 14 日" under each scorecard (first at line
# 530); 002 prints "填报日期: 2023. 6. 21" (first at line 12); 001, 003 and 004 print no date of their own
# (only dates inside sentences: "截至 2020 年 12 月 31 日").
EXPECTED = {
    "000_ababedf1869e2353.txt": (date(2022, 1, 14), 530),
    "001_d19904a04800f4dd.txt": (None, None),
    "002_66a8595c7102542c.txt": (date(2023, 6, 21), 12),
    "003_fe244c6e34d881f1.txt": (None, None),
    "004_a15be56197084065.txt": (None, None),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_samples(name):
    assert read_printed_date(document_from_bytes(sample_bytes(name), name)) == EXPECTED[name]


def _doc(*lines: str) -> SourceDocument:
    return SourceDocument("x.txt", "0" * 64, "utf-8", lines)


def test_a_signature_date_in_chinese_numerals_under_the_explanation():
    doc = _doc("七、其他重要事项的情况说明", "本部门无其他重要事项。", "", "宁德市医疗保障局", "二〇二二年九月二十一日")
    assert read_printed_date(doc) == (date(2022, 9, 21), 5)


def test_the_latest_of_several_own_dates_wins():
    doc = _doc("2022年3月1日", "编制日期：2022.10.3", "公开日期: 2022-04-05")
    assert read_printed_date(doc) == (date(2022, 10, 3), 2)


@pytest.mark.parametrize("line", [
    "截至 2021 年 12 月 31 日，本单位公务用车保有量为 0 辆。",  # inside a sentence
    "2025年1月1日-2025年12月31日",  # a period
    "\t项目起止时间\t计划时间\t开始：2021-01-01",  # a table cell
    "2021年13月1日",  # no such date
    "二〇二二年二月三十日",
    "填报日期：",  # a label with nothing filled in
])
def test_dates_that_are_not_the_documents_own(line):
    assert read_printed_date(_doc(line)) == (None, None)
