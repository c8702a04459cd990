"""Every printed cell of a PDF line keeps its box, so a figure can be outlined on its page later.

The boxes are checked against PDFium's own text search (pypdfium2's ``PdfTextPage.search`` and the
glyph boxes it reports), not against the reader's code: a figure's glyphs must lie inside the box
of the cell that prints it. The figures are those read by hand in ``test_pdf.py`` (Putuo 2024:
table 06's 人员经费合计 2,152.26 and 公用经费合计 184.65 on page 17, table 05's 行政运行 1,503.52 on
page 15, the prose's 机关运行经费 184.65 on page 24).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.pipeline import box_rows, process_file
from tests.conftest import sample_bytes
from tests.extract.pdf_builds import turned, wrapped
from tests.pdf_render import html_to_pdf

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "pdf-samples"
PUTUO = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"

pytestmark = pytest.mark.skipif(not PUTUO.exists(), reason="../shared/pdf-samples is not beside the clone")


@pytest.fixture(scope="module")
def putuo():
    return document_from_bytes(PUTUO.read_bytes(), "putuo.pdf")


def _glyph_boxes(pdf: pdfium.PdfDocument, page: int, printed: str) -> list[tuple[float, float, float, float]]:
    """Each occurrence of ``printed`` on 1-based ``page``, as PDFium finds it: the box around its glyphs,
    in top-left-origin points."""
    sheet = pdf[page - 1]
    height = sheet.get_height()
    text = sheet.get_textpage()
    searcher = text.search(printed, match_whole_word=False)
    found = []
    while (hit := searcher.get_next()) is not None:
        start, count = hit
        boxes = [text.get_charbox(i) for i in range(start, start + count)]
        found.append((min(b[0] for b in boxes), height - max(b[3] for b in boxes),
                      max(b[2] for b in boxes), height - min(b[1] for b in boxes)))
    return found


def _inside(inner, outer, slack: float = 0.5) -> bool:
    return (outer[0] - slack <= inner[0] and inner[2] <= outer[2] + slack
            and outer[1] - slack <= inner[1] and inner[3] <= outer[3] + slack)


# (page, text that starts the line, the printed figure): read by hand on the rendered pages
FIGURES = [(17, "人员经费合计", "2,152.26"), (17, "人员经费合计", "184.65"), (15, "2010601\t行政运行", "1,503.52"),
           (8, "2010601\t行政运行", "1,511.89"), (24, "机关运行经费支出184.65万元", "184.65")]


@pytest.mark.parametrize(("page", "start", "printed"), FIGURES)
def test_a_figure_lies_inside_the_box_of_its_cell(putuo, page, start, printed):
    number = next(n for n, line in putuo.numbered() if line.startswith(start) and putuo.pages[n - 1] == page)
    cells = putuo.line(number).split("\t")
    boxes = {box.cell_index: box for box in putuo.boxes[number - 1]}
    index = next(i for i, cell in enumerate(cells) if printed in cell)
    box = boxes[index]
    glyphs = _glyph_boxes(pdfium.PdfDocument(PUTUO), page, printed)
    assert any(_inside(found, box[1:]) for found in glyphs), (printed, box, glyphs)


def test_every_line_has_boxes_inside_its_page(putuo):
    pdf = pdfium.PdfDocument(PUTUO)
    sizes = {number: pdf[number - 1].get_size() for number in set(putuo.pages)}
    assert len(putuo.boxes) == len(putuo.lines)
    for number, (line, page, boxes) in enumerate(zip(putuo.lines, putuo.pages, putuo.boxes), start=1):
        assert boxes, f"line {number} has no box"
        width, height = sizes[page]
        cells = line.split("\t")
        for box in boxes:
            assert cells[box.cell_index], (number, box)  # only cells that print text have a box
            assert 0 <= box.x0 < box.x1 <= width and 0 <= box.y0 < box.y1 <= height, (number, box)
        if len(cells) > 1:  # a ruled row: its cells start at the row's top (a merged one reaches lower)
            assert len({round(b.y0, 1) for b in boxes}) == 1, number
            assert all(a.x1 <= b.x0 + 0.01 for a, b in zip(boxes, boxes[1:])), number


def test_empty_cells_have_no_box_but_keep_their_place(putuo):
    number = next(n for n, line in putuo.numbered() if line.startswith("人员经费合计\t"))
    assert putuo.line(number) == "人员经费合计\t\t2,152.26\t公用经费合计\t\t184.65"
    assert [box.cell_index for box in putuo.boxes[number - 1]] == [0, 2, 3, 5]


def test_a_turned_page_gives_the_same_boxes(tmp_path):
    upright = html_to_pdf(wrapped())
    docs = [document_from_bytes(data, "x.pdf") for data in (upright, turned(upright))]
    assert docs[0].lines == docs[1].lines
    for first, second in zip(docs[0].boxes, docs[1].boxes):
        assert [b.cell_index for b in first] == [b.cell_index for b in second]
        for a, b in zip(first, second):
            assert all(abs(p - q) < 0.05 for p, q in zip(a[1:], b[1:])), (a, b)


def test_the_pipeline_stages_one_row_per_printed_cell(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "putuo.pdf").write_bytes(PUTUO.read_bytes())
    outcome = process_file(raw / "putuo.pdf", raw, batch_id="b1")
    rows = outcome.rows["source_box"]
    assert len(rows) == 874  # the printed cells of its 436 lines, as the reader boxes them (pinned)
    assert rows == [{"document_id": outcome.document_id, "batch_id": "b1", **row}
                    for row in box_rows(document_from_bytes(PUTUO.read_bytes(), "putuo.pdf"))]
    figure = next(row for row in outcome.rows["expenditure"]
                  if row["table_code"] == "06" and row["subject_code"] == "PERSONNEL_TOTAL")
    cell = next(row for row in rows if row["source_line"] == figure["source_line"] and row["text"] == "2,152.26")
    assert cell["page"] == 17 and cell["cell_index"] == 2
    for key in ("x0", "y0", "x1", "y1"):
        assert isinstance(cell[key], Decimal) and cell[key].as_tuple().exponent == -2
    assert Decimal("254.00") <= cell["x0"] < cell["x1"] <= Decimal("315.00")


def test_text_documents_stage_no_boxes(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "doc.txt").write_bytes(sample_bytes("004_a15be56197084065.txt"))
    outcome = process_file(raw / "doc.txt", raw)
    assert outcome.rejection is None and "source_box" not in outcome.rows
