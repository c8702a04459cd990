"""The same figures from re-rendered documents, and a broken form that loses only itself."""

from __future__ import annotations

import codecs

import pytest

from bdw.extract.performance import extract

from .test_performance_samples import SAMPLES, run, run_bytes, sample_bytes

DEPARTMENTS = {
    "000": "宁德市医疗保障局",
    "001": "宁县医疗保障局",
    "002": "开发区·铁山区医疗保障局",
    "003": "浏阳市医疗保障局",
    "004": "固原市医疗保障局",
}
RENAMED = "某某县医疗保障局"


def _text(sample: str) -> str:
    return sample_bytes(sample).decode("utf-8")


RENDERINGS = {
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "gb18030": lambda text: text.encode("gb18030"),
    "bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
}


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_same_rows_from_other_bytes(sample, rendering):
    again = run_bytes(RENDERINGS[rendering](_text(sample)))
    assert again.rows == run(sample).rows
    assert again.issues == run(sample).issues == []


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_same_rows_when_the_department_is_renamed(sample):
    renamed = run_bytes(_text(sample).replace(DEPARTMENTS[sample], RENAMED).encode("utf-8"))
    restored = {dataset: [{k: v.replace(RENAMED, DEPARTMENTS[sample]) if isinstance(v, str) else v
                           for k, v in row.items()} for row in rows]
                for dataset, rows in renamed.rows.items()}
    assert restored == run(sample).rows


def _without_lines(sample: str, first: int, last: int) -> bytes:
    """The sample with lines ``first`` … ``last`` (1-based) blanked, so later line numbers stay."""
    lines = _text(sample).split("\n")
    for index in range(first - 1, last):
        lines[index] = ""
    return "\n".join(lines).encode("utf-8")


def test_form_cut_before_its_indicators_is_one_issue():
    """002 project 3 loses its indicator table and total (lines 246–255): only it is dropped."""
    result = run_bytes(_without_lines("002", 246, 255))
    assert [(i.extractor, i.table_code, i.source_line) for i in result.issues] == [("performance", "scorecard", 245)]
    assert "indicator header" in result.issues[0].expected
    names = [row["project_name"] for row in result.rows["project_performance"]]
    assert "金山、汪仁城乡居民基本医疗保险区级配套资金" not in names and len(names) == 7
    assert not any(row["source_line"] in range(239, 256) for row in result.rows["performance_indicator"])
    complete = {row["project_name"]: row for row in run("002").rows["project_performance"]}
    for row in result.rows["project_performance"]:
        assert {k: v for k, v in row.items() if k != "project_key"} == \
            {k: v for k, v in complete[row["project_name"]].items() if k != "project_key"}


def test_document_truncated_inside_the_last_form():
    """000 cut after line 1050, inside the last form's 评分 section: no 总分 row, the five others load."""
    text = "\n".join(_text("000").split("\n")[:1050])
    result = run_bytes(text.encode("utf-8"))
    assert [(i.source_line, i.table_code) for i in result.issues] == [(1050, "scorecard")]
    assert "总分" in result.issues[0].expected
    assert [row["project_key"] for row in result.rows["project_performance"]] == ["P01", "P02", "P03", "P04", "P05"]
    assert {row["project_key"] for row in result.rows["performance_indicator"]} == {"P01", "P02", "P03", "P04", "P05"}


def test_unreadable_parts_never_raise():
    """Garbage shaped like a form becomes an issue, not an exception; a 07 that prints a figure it cannot
    place is unreadable (an issue); a 07 printed with its header only is empty, no error (the
    final-account extractor records it as ``empty`` in ``document_table``)."""
    from bdw.extract.document import document_from_bytes
    from bdw.extract.final_account import extract as extract_final_account
    from bdw.extract.metadata import read_metadata

    header_only = "2021年度某某市医疗保障局部门决算\n项目支出绩效自评表\n\t\t\n公开07表\n单位：万元\n项目\t决算数\n"
    doc = document_from_bytes(header_only.encode(), "junk.txt")
    result = extract(doc, read_metadata(doc))
    assert result.rows == {}
    assert {(issue.table_code, issue.source_line) for issue in result.issues} == {("scorecard", 2)}
    final_account = header_only.replace("项目支出绩效自评表", "")  # the same 07 in a final account
    doc = document_from_bytes(final_account.encode(), "junk.txt")
    tables = extract_final_account(doc, read_metadata(doc)).rows["document_table"]
    assert [(t["status"], t["source_line"]) for t in tables if t["table_code"] == "07"] == [("empty", 4)]

    garbled = header_only.replace("决算数", "金额") + "合计\t12.50\n"  # a figure under no 预算数/决算数 column
    doc = document_from_bytes(garbled.encode(), "junk.txt")
    result = extract(doc, read_metadata(doc))
    assert {(issue.table_code, issue.source_line) for issue in result.issues} == {("scorecard", 2), ("07", 4)}
