"""The PDFium reader prints every PDF as the previous reader (pdfplumber) did: the same lines, the same pages.

The previous reader is kept verbatim in ``bench/pdfplumber_reader.py`` (pdfplumber is a ``dev`` extra).
Both read the three shared PDFs and every PDF of :mod:`tests.extract.pdf_builds`; their lines and
pages must be equal, except where the previous reader was wrong: those lines are listed in ``FIXED``
with the reason, and the test checks that the new reader prints the corrected line there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.pdfplumber_reader import read_pdf as read_pdf_before

from bdw.extract.document import document_from_bytes
from tests.extract.pdf_builds import build_pdfs

SHARED = Path(__file__).resolve().parents[3] / "shared" / "pdf-samples"
SHARED_PDFS = sorted(path.name for path in SHARED.glob("*.pdf"))

# document → (the previous reader's line, the line as it is printed), with the reason; the line is found
# by its text (a built PDF's line numbers move with the page layout Chromium prints)
FIXED: dict[str, tuple[str, str]] = {
    # Page 22: "。" (Noto Sans KR) and "决" (FangSong), both 12 pt, 3.0 pt apart. pdfminer computed their
    # sizes as 12.0 and 11.999999999999972, so pdfplumber put them in two runs, hence two words, and the
    # gap printed as a space; the same pair on page 22's other lines ("元。决算数") prints none.
    "上海市普陀区财政局2024年度部门决算.pdf": (
        "在职人员基本医疗保险费。年初预算为62.29 万元，支出决算为60.99万元。 决",
        "在职人员基本医疗保险费。年初预算为62.29 万元，支出决算为60.99万元。决"),
    # The sample prints "☑\ufe0f优" (a ticked box in emoji presentation); Chromium's ToUnicode maps the
    # glyph to both code points and pdfminer kept only the first. The scorecard parser reads either.
    "sample_000": ("\t评价\t☑优（S≥90） □良（90＞S≥80） □中（80＞S≥60） □差（60<S）\t",
                   "\t评价\t☑\ufe0f优（S≥90） □良（90＞S≥80） □中（80＞S≥60） □差（60<S）\t"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    return build_pdfs(tmp_path_factory.mktemp("pdf_builds"))


def _expected(name: str, data: bytes) -> list[tuple[int, str]]:
    before = read_pdf_before(data, name)
    lines = list(zip(before.pages, before.lines))
    if name in FIXED:
        old, new = FIXED[name]
        [line] = [number for number, (_, text) in enumerate(lines) if text == old]  # once, as listed
        lines[line] = (lines[line][0], new)
    return lines


def _assert_same(name: str, data: bytes) -> None:
    doc = document_from_bytes(data, name)
    got = list(zip(doc.pages, doc.lines))
    expected = _expected(name, data)
    for number, (want, have) in enumerate(zip(expected, got), start=1):
        assert have == want, f"{name} line {number}: expected {want!r}, read {have!r}"
    assert len(got) == len(expected), f"{name}: {len(got)} lines read, {len(expected)} expected"


def test_the_shared_pdfs_are_here():
    assert len(SHARED_PDFS) == 3, f"expected the three PDFs of {SHARED}"


@pytest.mark.parametrize("name", SHARED_PDFS)
def test_shared_pdf_reads_as_before(name):
    _assert_same(name, (SHARED / name).read_bytes())


BUILT = ["sample_000", "sample_001", "sample_002", "sample_003", "sample_004",
         "wrapped", "page_broken", "merged", "landscape", "rotated", "in_form"]


@pytest.mark.parametrize("name", BUILT)
def test_built_pdf_reads_as_before(built, name):
    _assert_same(name, built[name])


def test_every_build_is_compared(built):
    assert sorted(built) == sorted(BUILT)


def test_pages_drawn_as_form_xobjects_read_as_the_pages_themselves(built):
    pages = document_from_bytes(built["page_broken"], "page_broken.pdf")
    forms = document_from_bytes(built["in_form"], "in_form.pdf")
    assert forms.lines == pages.lines and forms.pages == pages.pages and forms.boxes == pages.boxes


def test_a_turned_page_reads_as_the_upright_one(built):
    upright = document_from_bytes(built["wrapped"], "wrapped.pdf")
    turned = document_from_bytes(built["rotated"], "rotated.pdf")
    assert turned.lines == upright.lines and turned.pages == upright.pages
    assert "上海市普陀区规划和自然资源局2024年度收入支出总计2995.39万元。与上年相比，收入、支出总计各减" in turned.lines
