"""Department, fiscal year, kind and unit of every sample, as printed in its text."""

from __future__ import annotations

import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.metadata import read_metadata
from bdw.extract.source import RejectedFile
from tests.conftest import SAMPLES, sample_bytes


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_metadata_as_printed(name):
    department, year, kind, unit = SAMPLES[name]
    meta = read_metadata(document_from_bytes(sample_bytes(name), name))
    assert (meta.department_name, meta.fiscal_year, meta.document_kind, meta.reported_unit) == (
        department, year, kind, unit)


def test_metadata_points_at_the_lines_it_read():
    doc = document_from_bytes(sample_bytes("002_66a8595c7102542c.txt"), "002.txt")
    meta = read_metadata(doc)
    assert "开发区·铁山区医疗保障局" in doc.line(meta.department_line)
    assert "2022" in doc.line(meta.fiscal_year_line)
    # 填报日期 2023.6.21 is the filing date, not the fiscal year.
    assert meta.fiscal_year == 2022


def test_file_name_is_never_used():
    data = sample_bytes("004_a15be56197084065.txt")
    meta = read_metadata(document_from_bytes(data, "宁德市医疗保障局_2021.txt"))
    assert (meta.department_name, meta.fiscal_year) == ("固原市医疗保障局", 2020)


def test_renamed_department_is_read_from_the_text():
    data = sample_bytes("000_ababedf1869e2353.txt").decode().replace("宁德市医疗保障局", "福安市医疗保障局")
    meta = read_metadata(document_from_bytes(data.encode(), "x.txt"))
    assert meta.department_name == "福安市医疗保障局"


def test_text_that_is_not_a_disclosure_is_rejected_with_a_reason():
    with pytest.raises(RejectedFile, match="not a budget disclosure"):
        read_metadata(document_from_bytes("会议纪要\n今天开会讨论了食堂菜单。\n".encode(), "minutes.txt"))


def test_disclosure_without_a_year_says_what_was_expected():
    with pytest.raises(RejectedFile, match="no fiscal year"):
        read_metadata(document_from_bytes("某某县财政局\n部门决算\n收入支出决算总表\n".encode(), "y.txt"))
