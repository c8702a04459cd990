"""PDFs read from their text layer: the Putuo 2024 final account, figure by figure, as printed.

The expected figures below were read by hand from the rendered pages of
``../shared/pdf-samples/上海市普陀区财政局2024年度部门决算.pdf`` (pages 6, 7, 8, 10, 13, 15, 16,
17 and 18), with the page each one is printed on.
"""

from __future__ import annotations

import io
import time
from decimal import Decimal
from pathlib import Path

import pytest

from bdw.extract.document import document_from_bytes, read_document
from bdw.extract.final_account.sections import locate_tables
from bdw.extract.metadata import read_metadata
from bdw.extract.pipeline import extract_document, process_file
from bdw.extract.source import RejectedFile

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "pdf-samples"
PUTUO = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"
TEMPLATE = SAMPLES / "部门决算模板2024.pdf"

pytestmark = pytest.mark.skipif(not PUTUO.exists(), reason="../shared/pdf-samples is not beside the clone")

W = Decimal(10000)  # 万元


@pytest.fixture(scope="module")
def putuo():
    doc = document_from_bytes(PUTUO.read_bytes(), "putuo.pdf")
    meta = read_metadata(doc)
    return doc, meta, extract_document(doc, meta)


def _find(rows, page_of, page, amount, **where):
    hits = [row for row in rows if all(row.get(k) == v for k, v in where.items())
            and row["amount_yuan"] == Decimal(amount) * W]
    assert len(hits) == 1, f"{where} {amount}: {len(hits)} rows"
    assert page_of(hits[0]["source_line"]) == page, f"{where} {amount} printed on page {page}"
    return hits[0]


# (table, subject_code, expenditure_type, fund_type, amount in 万元, page)
EXPENDITURE = [
    ("01", "201", "total", "all", "2106.66", 6),
    ("01", "208", "total", "all", "326.71", 6),
    ("01", "210", "total", "all", "60.99", 6),
    ("01", "221", "total", "all", "445.69", 6),
    ("01", "TOTAL", "total", "all", "2940.05", 6),
    ("03", "TOTAL", "total", "all", "2940.05", 10),
    ("03", "TOTAL", "basic", "all", "2336.91", 10),
    ("03", "TOTAL", "project", "all", "603.14", 10),
    ("03", "2010601", "total", "all", "1511.89", 10),
    ("03", "2010601", "basic", "all", "1503.52", 10),
    ("03", "2010601", "project", "all", "8.37", 10),
    ("03", "2010608", "project", "all", "449.52", 10),
    ("03", "2080505", "basic", "all", "160.75", 10),
    ("04", "221", "total", "all", "445.69", 13),
    ("04", "221", "total", "general_public_budget", "445.69", 13),
    ("04", "TOTAL", "total", "all", "2940.05", 13),
    ("04", "TOTAL", "total", "general_public_budget", "2940.05", 13),
    ("05", "201", "total", "general_public_budget", "2106.66", 15),
    ("05", "2010601", "basic", "general_public_budget", "1503.52", 15),
    ("05", "2010601", "project", "general_public_budget", "8.37", 15),
    ("05", "20805", "total", "general_public_budget", "326.72", 15),
    ("05", "2080599", "basic", "general_public_budget", "0.94", 15),
    ("05", "2101101", "basic", "general_public_budget", "60.99", 15),
    ("05", "TOTAL", "total", "general_public_budget", "2940.05", 15),
    ("05", "TOTAL", "basic", "general_public_budget", "2336.91", 15),
    ("05", "TOTAL", "project", "general_public_budget", "603.14", 15),
    ("06", "301", "basic", "general_public_budget", "2082.85", 16),
    ("06", "30101", "basic", "general_public_budget", "262.33", 16),
    ("06", "30102", "basic", "general_public_budget", "1238.58", 16),
    ("06", "30108", "basic", "general_public_budget", "160.75", 16),
    ("06", "302", "basic", "general_public_budget", "171.07", 16),
    ("06", "30201", "basic", "general_public_budget", "21.21", 16),
    ("06", "30302", "basic", "general_public_budget", "69.10", 16),
    ("06", "30309", "basic", "general_public_budget", "0.31", 17),
    ("06", "30228", "basic", "general_public_budget", "24.42", 17),
    ("06", "30239", "basic", "general_public_budget", "48.49", 17),
    ("06", "30299", "basic", "general_public_budget", "11.53", 17),
    ("06", "31002", "basic", "general_public_budget", "13.58", 17),
    ("06", "PERSONNEL_TOTAL", "basic", "general_public_budget", "2152.26", 17),
    ("06", "PUBLIC_TOTAL", "basic", "general_public_budget", "184.65", 17),
]
# (table, subject_code, income_source, amount in 万元, page)
INCOME = [
    ("01", None, "general_public_budget", "2940.05", 6),
    ("01", None, "other", "6.20", 6),
    ("02", "TOTAL", "total", "2946.25", 8),
    ("02", "TOTAL", "fiscal_appropriation", "2940.05", 8),
    ("02", "TOTAL", "other", "6.20", 8),
    ("02", "2010601", "total", "1511.90", 8),
    ("02", "2010601", "fiscal_appropriation", "1511.89", 8),
    ("02", "2010601", "other", "0.01", 8),
    ("02", "2010602", "other", "6.19", 8),
    ("02", "2080599", "total", "0.94", 8),
]
# (table, side, line_key, fund_type, amount in 万元, page)
SUMMARY = [
    ("01", "income", "income_total", "all", "2946.25", 6),
    ("01", "expenditure", "expenditure_total", "all", "2940.05", 6),
    ("01", "income", "opening_balance", "all", "49.14", 7),
    ("01", "expenditure", "closing_balance", "all", "55.34", 7),
    ("01", "income", "grand_total", "all", "2995.39", 7),
    ("04", "income", "opening_balance", "all", "21.63", 13),
    ("04", "income", "opening_balance", "general_public_budget", "21.63", 13),
    ("04", "expenditure", "grand_total", "all", "2961.68", 13),
]
# (category, measure, amount in 万元, page) of table 07
THREE_PUBLIC = [("total", "budget", "0.95", 18), ("reception", "budget", "0.95", 18)]


def test_cover_gives_department_year_kind_and_unit(putuo):
    doc, meta, _ = putuo
    assert (meta.department_name, meta.fiscal_year, meta.document_kind, meta.reported_unit) == (
        "上海市普陀区财政局", 2024, "final_account", "万元")
    assert doc.pages[meta.department_line - 1] == doc.pages[meta.fiscal_year_line - 1] == 1  # the cover
    assert doc.encoding == "pdf" and len(doc.pages) == len(doc.lines)


def test_every_table_is_found_and_parses(putuo):
    doc, _, result = putuo
    assert sorted(locate_tables(doc)) == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    assert result.issues == []  # 08 and 09 print no data: empty, not errors


@pytest.mark.parametrize(("table", "code", "kind", "fund", "amount", "page"), EXPENDITURE)
def test_expenditure_figures_as_printed(putuo, table, code, kind, fund, amount, page):
    doc, _, result = putuo
    row = _find(result.rows["expenditure"], lambda n: doc.pages[n - 1], page, amount, table_code=table,
                subject_code=code, expenditure_type=kind, fund_type=fund)
    assert row["reported_unit"] == "万元" and row["reported_decimals"] == 2


@pytest.mark.parametrize(("table", "code", "source", "amount", "page"), INCOME)
def test_income_figures_as_printed(putuo, table, code, source, amount, page):
    doc, _, result = putuo
    _find(result.rows["income"], lambda n: doc.pages[n - 1], page, amount, table_code=table,
          subject_code=code, income_source=source)


@pytest.mark.parametrize(("table", "side", "key", "fund", "amount", "page"), SUMMARY)
def test_balancing_lines_as_printed(putuo, table, side, key, fund, amount, page):
    doc, _, result = putuo
    _find(result.rows["summary_line"], lambda n: doc.pages[n - 1], page, amount, table_code=table, side=side,
          line_key=key, fund_type=fund)


@pytest.mark.parametrize(("category", "measure", "amount", "page"), THREE_PUBLIC)
def test_three_public_table_as_printed(putuo, category, measure, amount, page):
    doc, _, result = putuo
    _find(result.rows["three_public"], lambda n: doc.pages[n - 1], page, amount, category=category,
          measure=measure, source="table")


def test_figures_tested_by_hand_are_many_and_span_tables_01_to_07():
    tables = {t for t, *_ in EXPENDITURE} | {t for t, *_ in INCOME} | {t for t, *_ in SUMMARY} | {"07"}
    assert len(EXPENDITURE) + len(INCOME) + len(SUMMARY) + len(THREE_PUBLIC) >= 40
    assert tables == {"01", "02", "03", "04", "05", "06", "07"}


def test_split_code_columns_become_one_code(putuo):
    doc, _, result = putuo
    codes = {row["subject_code"] for row in result.rows["subject"]}
    assert {"2010601", "2080599", "2210203", "30101", "30239", "31099"} <= codes
    assert not any(row["subject_code"] in ("06", "01", "99") for row in result.rows["expenditure"])
    line = next(text for text in doc.lines if text.startswith("2080599\t"))
    assert line.split("\t")[:3] == ["2080599", "其他行政事业单位养老支出", "0.94"]


def test_text_the_pdf_splits_is_joined(putuo):
    doc, _, result = putuo
    # the cover's year, set in another font on its own baseline, stays with its title
    assert doc.lines[:2] == ("上海市普陀区财政局", "2024年度部门决算")
    # years and amounts inside sentences stay in them
    assert any(line.startswith("上海市普陀区财政局2024年度收入支出总计2995.39万元") for line in doc.lines)
    # a cell's wrapped name and a letter-spaced name are one name
    names = {row["subject_name"] for row in result.rows["subject"]}
    assert {"机关事业单位基本养老保险缴费支出", "因公出国（境）费用", "公务用车运行维护费"} <= names
    # the 第三部分 heading wraps (…决算情况 / 说明): the prose facts are still read
    facts = {row["metric_key"]: row for row in result.rows["narrative_fact"]}
    assert facts["income_total"]["amount_yuan"] == Decimal("2946.25") * W
    assert facts["personnel_expense"]["amount_yuan"] == Decimal("2152.26") * W
    assert facts["agency_operating_expense"]["amount_yuan"] == Decimal("184.65") * W
    assert doc.pages[facts["agency_operating_expense"]["source_line"] - 1] == 24


def test_same_figures_from_the_pdf_and_from_its_text_rendering(putuo, tmp_path):
    doc, meta, result = putuo
    rendered = tmp_path / "putuo.txt"
    rendered.write_text("\n".join(doc.lines) + "\n", encoding="utf-8")
    text_doc = read_document(rendered, tmp_path)
    assert text_doc.pages is None and text_doc.lines == doc.lines
    text_meta = read_metadata(text_doc)
    assert text_meta == meta
    text_result = extract_document(text_doc, text_meta)
    assert set(text_result.rows) == set(result.rows)
    for dataset, rows in result.rows.items():
        assert text_result.rows[dataset] == rows, dataset
    assert text_result.issues == result.issues


def test_pipeline_stages_the_page_of_every_line(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "putuo.pdf").write_bytes(PUTUO.read_bytes())
    outcome = process_file(raw / "putuo.pdf", raw, batch_id="b1")
    assert outcome.rejection is None
    pages = outcome.rows["source_page"]
    assert len(pages) == outcome.document["line_count"]
    assert [row["source_line"] for row in pages] == list(range(1, len(pages) + 1))
    by_line = {row["source_line"]: row for row in pages}
    figure = next(row for row in outcome.rows["expenditure"]
                  if row["table_code"] == "06" and row["subject_code"] == "PERSONNEL_TOTAL")
    assert by_line[figure["source_line"]]["page"] == 17
    first_of_page = [row for row in pages if row["row_on_page"] == 1]
    assert [row["page"] for row in first_of_page] == sorted({row["page"] for row in pages})
    assert all(row["document_id"] == outcome.document_id and row["batch_id"] == "b1" for row in pages)


def test_text_documents_stage_no_pages(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "doc.txt").write_text("\n".join(document_from_bytes(PUTUO.read_bytes(), "x").lines), encoding="utf-8")
    outcome = process_file(raw / "doc.txt", raw)
    assert outcome.rejection is None and "source_page" not in outcome.rows


def test_template_2024_tables_map_to_their_codes():
    if not TEMPLATE.exists():
        pytest.skip("template not available")
    doc = document_from_bytes(TEMPLATE.read_bytes(), "template.pdf")
    located = locate_tables(doc)
    assert sorted(located) == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    assert doc.pages[located["07"].start_line - 1] == 12
    assert doc.pages[located["09"].start_line - 1] == 14


def _image_only_pdf() -> bytes:
    """A scan: page 6 of the Putuo PDF rendered to an image and saved as a PDF without text."""
    pdfium = pytest.importorskip("pypdfium2")
    page = pdfium.PdfDocument(str(PUTUO))[5]
    image = page.render(scale=1).to_pil().convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PDF")
    return out.getvalue()


def test_scanned_pdf_is_rejected_with_the_reason():
    data = _image_only_pdf()
    assert data.startswith(b"%PDF")
    with pytest.raises(RejectedFile, match=r"^scanned PDF: no text layer"):
        document_from_bytes(data, "scan.pdf")


def test_scanned_pdf_becomes_a_rejected_file_in_the_pipeline(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "scan.pdf").write_bytes(_image_only_pdf())
    outcome = process_file(raw / "scan.pdf", raw)
    assert outcome.rejection.startswith("scanned PDF: no text layer")
    assert outcome.document_id is None


def test_broken_pdf_is_rejected_not_crashed():
    with pytest.raises(RejectedFile, match="unreadable PDF"):
        document_from_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage", "broken.pdf")


def test_reading_speed_is_near_pdfiums_own(capsys):
    """bdw's reader against PDFium's floor (every character's unicode and box), in CPU time so other
    work on a shared machine counts for neither; ``python -m bench.pdf`` measures it in full."""
    from bench.pdf import pdfium_floor

    documents = [path.read_bytes() for path in (PUTUO, TEMPLATE) if path.exists()]
    best = {"floor": float("inf"), "bdw": float("inf")}
    for _ in range(3):
        for name, read in (("floor", pdfium_floor), ("bdw", lambda data: document_from_bytes(data, "x.pdf"))):
            started = time.process_time()
            for data in documents:
                read(data)
            best[name] = min(best[name], time.process_time() - started)
    pages = sum(pdfium_floor(data) for data in documents)
    with capsys.disabled():
        print(f"\nPDF reading: {pages} pages at {pages / best['bdw']:.0f} pages/s of CPU, "
              f"{best['bdw'] / best['floor']:.2f} × PDFium's own character read")
    assert best["bdw"] < 4 * best["floor"]  # about 3 × here; the target is at most 3
