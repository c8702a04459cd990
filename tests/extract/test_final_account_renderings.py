"""The same final account as other tools print it: space-aligned, single-spaced, tabs on some lines.

Space-aligned text (``pdftotext -layout``) keeps every cell's column, so it must give exactly the
figures of the tab rendering. Single-spaced text (pdfplumber's ``extract_text``, a web copy) loses
its empty cells: a row printing every column gives its figures, a row printing fewer amounts than
its table has columns gives none and an issue naming its line — never a figure under a wrong
column. The figures compared are those of the tab renderings, which the other tests check against
the documents.
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.final_account import extract
from bdw.extract.metadata import read_metadata

from .rerender import (
    GUYUAN,
    NINGDE,
    figures,
    raw_text,
    renamed,
    run_sample,
    run_text,
    single_spaced,
    space_aligned,
)

PUTUO = Path(__file__).resolve().parents[3] / "shared" / "pdf-samples" / "上海市普陀区财政局2024年度部门决算.pdf"
W = Decimal(10000)  # 万元
AMBIGUOUS = "cannot be told"


@pytest.fixture(scope="module")
def originals():
    return {name: run_sample(name) for name in (NINGDE, GUYUAN)}


@pytest.fixture(scope="module")
def putuo():
    """The Putuo PDF as the PDF reader renders it (tab rows), and what the extractor reads from it."""
    if not PUTUO.exists():
        pytest.skip("../shared/pdf-samples is not beside the clone")
    doc = document_from_bytes(PUTUO.read_bytes(), "putuo.pdf")
    return "\n".join(doc.lines), extract(doc, read_metadata(doc))


def kept(result, expected: dict) -> dict:
    """Check a lossy rendering's result against the figures it should give (``expected``): none
    wrong or extra, every one missing explained by an issue on its line (or on its table, when
    the table could not be read at all). Returns the figures missing."""
    got = figures(result)
    assert not set(got) - set(expected), sorted(set(got) - set(expected))[:5]
    assert all(got[key] == expected[key] for key in got)
    by_line = {(issue.table_code, issue.source_line) for issue in result.issues}
    read_tables = {key[1] for key in got}
    missing = {key: value for key, value in expected.items() if key not in got}
    for key in missing:
        table = key[1]
        assert (table, key[-1]) in by_line or (
            table not in read_tables and any(issue.table_code == table for issue in result.issues)), key
    return missing


# --- space-aligned: every figure, exactly -------------------------------------------------------

ALIGNED = {
    "as drawn": {},
    "as pdftotext counts CJK": {"wide": 1},
    "wrapped labels and headers": {"wrap": 12, "header_wrap": 6},
    "pages repeating the header": {"page_rows": 7},
    "pages without the header": {"page_rows": 5, "repeat_header": False},
    "all at once": {"wide": 1, "wrap": 10, "header_wrap": 6, "page_rows": 5, "repeat_header": False,
                    "indent": 3, "gap": 3},
}


@pytest.mark.parametrize("variant", ALIGNED)
@pytest.mark.parametrize("document", [NINGDE, GUYUAN])
def test_space_aligned_rendering_gives_every_figure(originals, document, variant):
    rendering = space_aligned(raw_text(document), **ALIGNED[variant])
    assert "\t" not in rendering.text.split("公开 01 表")[1]  # the tables carry no tab any more
    result = run_text(rendering.text)
    assert not result.issues
    assert figures(result, ("expenditure", "income", "summary_line", "narrative_fact")) == rendering.moved(
        figures(originals[document], ("expenditure", "income", "summary_line", "narrative_fact")))
    assert len(result.rows["subject"]) == len(originals[document].rows["subject"])


def test_wrapped_names_are_joined_again(originals):
    rendering = space_aligned(raw_text(NINGDE), wrap=12)
    text = rendering.text.split("\n")
    line = rendering.line_map[155]  # 000 line 155: 2080505 机关事业单位基本养老保险缴费支出 (table 02)
    assert text[line - 1].split()[:2] == ["2080505", "机关事业单位"] and text[line].strip() == "基本养老保险"
    names = {(row["classification"], row["subject_code"]): row["subject_name"]
             for row in run_text(rendering.text).rows["subject"]}
    assert names[("function", "2080505")] == "机关事业单位基本养老保险缴费支出"
    assert names == {(row["classification"], row["subject_code"]): row["subject_name"]
                     for row in originals[NINGDE].rows["subject"]}


def test_another_department_and_year_read_the_same(originals):
    text = renamed(raw_text(NINGDE), ("宁德市医疗保障局", "福安市民政局"), (2021, 2023))
    rendering = space_aligned(text, wide=1, page_rows=9)
    doc = document_from_bytes(rendering.text.encode("utf-8"), "other.txt")
    meta = read_metadata(doc)
    assert (meta.department_name, meta.fiscal_year) == ("福安市民政局", 2023)
    result = extract(doc, meta)
    assert not result.issues
    assert figures(result) == rendering.moved(figures(originals[NINGDE]))


# --- single-spaced: the rows that print every column ------------------------------------------


def test_single_spaced_ningde_gives_all_but_two_ambiguous_lines(originals):
    """宁德 prints 0.00 in every cell but two breakdown lines of table 04."""
    rendering = single_spaced(raw_text(NINGDE))
    result = run_text(rendering.text)
    missing = kept(result, rendering.moved(figures(originals[NINGDE])))
    # 000 lines 244/245: 政府性基金预算财政拨款 | 0.00 | (blank) | (blank) | 0.00 | 0.00 | 0.00 — left
    # half or right half? Both readings fit; said, not guessed
    assert {key[-1] for key in missing} == {rendering.line_map[244], rendering.line_map[245]}
    assert all(AMBIGUOUS in issue.message for issue in result.issues)
    # line 243 "一般公共预算财政拨款 15.94 0.00 0.00 0.00": read as the income side's 15.94, since the
    # right side's 合计 15.94 ≠ 0.00 + 0.00 + 0.00 (the row's own identity decides)
    opening = [row for row in result.rows["summary_line"] if row["source_line"] == rendering.line_map[243]]
    assert [(row["side"], row["fund_type"], row["amount_yuan"]) for row in opening] == [
        ("income", "general_public_budget", Decimal("15.94") * W)]


def test_single_spaced_guyuan_loses_what_its_blanks_hid(originals):
    """固原 prints blanks: the rows that print every column still load, the others are named."""
    rendering = single_spaced(raw_text(GUYUAN))
    result = run_text(rendering.text)
    missing = kept(result, rendering.moved(figures(originals[GUYUAN])))
    got = figures(result)
    # table 03 prints all six columns on every row (004 lines 182–196): read whole
    assert len([key for key in got if key[1] == "03"]) == len(
        [key for key in figures(originals[GUYUAN]) if key[1] == "03"]) == 90
    # table 02's header names 事业收入 over 小计 | 其中：教育收费 on a second line: with no positions
    # its columns cannot be placed, and the table says so at its header
    header = [issue for issue in result.issues if issue.table_code == "02"]
    assert len(header) == 1 and "several lines" in header[0].message
    assert header[0].source_line == rendering.line_map[151]
    # 004 line 212: 一、一般公共预算财政拨款 | 1 | 4300085.06 | 一、一般公共服务支出 | 33 | | 46310.4 | |:
    # the income half loads, the expenditure half (1 amount for 4 columns) is named
    line = rendering.line_map[212]
    income = ("income", "04", None, "一、一般公共预算财政拨款", "general_public_budget", line)
    assert got[income] == Decimal("4300085.06")
    assert ("04", line) in {(issue.table_code, issue.source_line) for issue in result.issues}
    assert {key[1] for key in missing} == {"02", "04"}
    # 004 line 240: 一、一般公共预算财政拨款 | 29 | | | 61 | (blanks): the 行次 of both sides, no figure,
    # no ambiguity (a numbered side prints its 行次 on every row)
    assert ("04", rendering.line_map[240]) not in {(issue.table_code, issue.source_line) for issue in result.issues}


@pytest.mark.parametrize("options", [{"wrap": 24}, {"page_rows": 7}, {"page_rows": 5, "repeat_header": False},
                                     {"wrap": 16, "page_rows": 3}])
@pytest.mark.parametrize("document", [NINGDE, GUYUAN])
def test_single_spaced_variants_never_misplace_a_figure(originals, document, options):
    rendering = single_spaced(raw_text(document), **options)
    kept(run_text(rendering.text), rendering.moved(figures(originals[document])))


# --- the Putuo PDF's text, rendered both ways ----------------------------------------------------


def test_putuo_text_space_aligned_gives_every_figure(putuo):
    text, original = putuo
    for options in ({}, {"wide": 1, "wrap": 20, "header_wrap": 8, "page_rows": 9}):
        rendering = space_aligned(text, **options)
        result = run_text(rendering.text)
        assert figures(result) == rendering.moved(figures(original))
        assert [issue.table_code for issue in result.issues] == []


def test_putuo_text_single_spaced_gives_the_complete_rows(putuo):
    text, original = putuo
    rendering = single_spaced(text)
    result = run_text(rendering.text)
    kept(result, rendering.moved(figures(original)))
    got = figures(result)
    # table 01 prints one amount per side: every figure is placed (PDF page 6)
    assert len([key for key in got if key[1] == "01"]) == len([key for key in figures(original) if key[1] == "01"])
    # 02 row 2010601 行政运行 prints 1,511.90 | 1,511.89 | 0.01 with four blank columns (page 7): named
    line = next(n for n, t in enumerate(rendering.text.split("\n"), 1) if t.startswith("2010601 行政运行 1,511.90"))
    assert ("02", line) in {(issue.table_code, issue.source_line) for issue in result.issues}
    assert not [key for key in got if key[-1] == line]
    # 04 (page 12) under 年初财政拨款结转和结余: 一、一般公共预算财政拨款 | 21.63 | (blanks). As the
    # expenditure side's it would be one amount for four columns; as the income side's it has its
    # column: that reading is taken
    line = next(n for n, t in enumerate(rendering.text.split("\n"), 1) if t == "一、一般公共预算财政拨款 21.63")
    opening = [(row["side"], row["line_key"], row["fund_type"], row["amount_yuan"])
               for row in result.rows["summary_line"] if row["source_line"] == line]
    assert opening == [("income", "opening_balance", "general_public_budget", Decimal("21.63") * W)]


# --- real tools --------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_putuo_as_pdftotext_layout_prints_it(putuo, tmp_path):
    """Real ``pdftotext -layout`` output: figures above their labels, headers off their columns,
    squeezed rows. What is read equals the PDF reading; what is not is named, table by table."""
    _, original = putuo
    out = tmp_path / "putuo.txt"
    subprocess.run(["pdftotext", "-layout", str(PUTUO), str(out)], check=True, capture_output=True)
    result = run_text(out.read_text(encoding="utf-8"))
    pdf = _by_meaning(figures(original))
    got = _by_meaning(figures(result))
    assert not got - pdf  # no figure the PDF does not print where it prints it
    for table in ("01", "04", "05"):  # whole (pages 6, 12, 13)
        assert {key for key in got if key[1] == table} == {key for key in pdf if key[1] == table}
    short = {key[1] for key in pdf - got}
    assert short <= {issue.table_code for issue in result.issues}
    assert not [issue for issue in result.issues if "was not found" in issue.message]


def test_putuo_as_pdfplumber_extract_text_prints_it(putuo):
    """pdfplumber's ``extract_text`` scatters a row over lines (labels above, figures below): no table
    can be read, and every one printed says why instead of loading nothing silently."""
    import pdfplumber

    _, original = putuo
    with pdfplumber.open(PUTUO) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    result = run_text(text)
    assert not _by_meaning(figures(result)) - _by_meaning(figures(original))
    tables = {key[1] for key in figures(original)}
    assert tables <= {issue.table_code for issue in result.issues}
    assert not [issue for issue in result.issues if "was not found" in issue.message]


def _by_meaning(figs: dict) -> set:
    """Figures without their line (the renderings number lines differently): what and how much."""
    return {(*key[:-1], value) for key, value in figs.items()}


# --- tabs on some lines only --------------------------------------------------------------------


def test_tabs_only_on_rows_with_figures_and_titles_far_above(originals):
    """Header lines printed without tabs do not end a table, and a table whose first tab row comes
    many lines after its title (no 公开NN表 markers) is still found."""
    lines = raw_text(NINGDE).split("\n")
    for index, line in enumerate(lines):
        if "\t" in line and not any(ch.isdigit() for ch in line.replace("类 款 项", "")):
            lines[index] = " ".join(cell for cell in line.split("\t") if cell)  # header rows: spaces
        if line.strip().startswith("公开") and line.strip().endswith("表"):
            lines[index] = ""  # no markers: tables found by their titles
    assert lines[180] == "项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出"
    title = next(i for i, line in enumerate(lines) if line == "### 支出决算表")
    lines[title + 1 : title + 1] = ["", "（单位：万元）", "", "", "", "", "", ""]  # eight more lines
    result = run_text("\n".join(lines))
    assert not result.issues
    shifted = {(*key[:-1], key[-1] + 8 if key[-1] > title + 1 else key[-1]): value
               for key, value in figures(originals[NINGDE]).items()}
    assert figures(result) == shifted
