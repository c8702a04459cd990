"""PDFs built for the reader tests: layouts the shared PDFs do not show, printed by headless Chromium.

Each builder returns the HTML of one document; :func:`build_pdfs` prints them all (once per test
session, in one temporary folder). They are written to exercise the PDF line model, not one sample:

- ``samples``: the five text samples of ``data/raw`` printed as PDFs (ruled tables, prose, scorecards);
- ``wrapped``: a cover title wrapped over two lines, a year set in another font and size inside a
  sentence, cells whose text wraps inside the cell, letter-spaced CJK names, blank figure cells;
- ``page_broken``: a long table split over three pages, its header repeated on each page, with
  split 类 | 款 | 项 code columns and a page number between the parts;
- ``merged``: merged header cells (colspan/rowspan), a two-level header, a table beside a title;
- ``landscape``: the same table on a landscape page after portrait pages (another page width);
- ``rotated``: ``wrapped`` with every page turned by ``/Rotate 90`` and its content drawn turned
  back, so it displays as before (a landscape print on portrait paper);
- ``in_form``: ``page_broken`` with every page drawn as a form XObject on a blank page (as PDF
  tools that impose or stamp pages write them).
"""

from __future__ import annotations

import ctypes
import html
from pathlib import Path

from tests.conftest import RAW
from tests.pdf_render import html_to_pdf, text_to_html

_STYLE = """
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 11pt; }
table { border-collapse: collapse; margin: 6px 0; }
td { border: 0.8px solid #000; padding: 2px 6px; }
p { margin: 3px 0; }
.page { page-break-after: always; }
.year { font-family: "DejaVu Sans", sans-serif; font-weight: bold; font-size: 14pt; position: relative; top: 3px; }
.narrow td { width: 60px; white-space: normal; }
.spaced { letter-spacing: 6px; }
@page wide { size: A4 landscape; }
.wide { page: wide; }
"""


def _page(body: str) -> str:
    return f'<html><head><meta charset="utf-8"><style>{_STYLE}</style></head><body>{body}</body></html>'


def _table(rows: list[list[str]], css: str = "") -> str:
    cells = "".join("<tr>" + "".join(cell if cell.startswith("<td") else f"<td>{html.escape(cell)}</td>"
                                     for cell in row) + "</tr>" for row in rows)
    return f'<table class="{css}">{cells}</table>'


def wrapped() -> str:
    rows = [["项目", "年初预算数", "决算数"],
            ['<td class="spaced">因 公 出 国（境）费 用</td>', "12.00", ""],
            ["公务用车购置及运行维护费", "", "3.50"],
            ["机关事业单位基本养老保险缴费支出", "1,511.90", "1,511.89"]]
    narrow = [["科目名称", "本年收入合计", "附属单位上缴收入", "其他收入"],
              ["一般公共服务支出", "2,106.66", "", "0.01"],
              ["社会保障和就业支出", "326.71", "0.00", ""]]
    return _page(
        '<p style="font-size:26pt;width:330px">上海市普陀区规划和自然资源局</p>'
        '<p style="font-size:20pt">2024年度部门决算</p><div class="page"></div>'
        '<p>上海市普陀区规划和自然资源局<span class="year">2024</span>年度收入支出总计'
        '<span class="year">2995.39</span>万元。与上年相比，收入、支出总计各减少 12.30 万元。</p>'
        "<p>财政拨款“三公”经费支出决算表</p><p>单位：万元</p>" + _table(rows)
        + "<p>收入决算表</p>" + _table(narrow, "narrow")
        + "<p>注：本表反映部门本年度取得的各项收入情况。</p>")


def page_broken() -> str:
    header = [["类", "款", "项", "科目名称", "合计", "基本支出", "项目支出"]]
    body = []
    for c in range(1, 91):
        cls, item = f"2{c % 10:02d}", f"{c % 97:02d}"
        body.append([cls, "06", item, f"科目{c:03d}", f"{c * 3}.{c % 100:02d}", f"{c * 2}.{c % 100:02d}",
                     f"{c}.00"])
    parts = [body[:34], body[34:70], body[70:]]
    pages = []
    for number, part in enumerate(parts, start=1):
        title = "<p>支出决算表</p><p>单位：万元</p>" if number == 1 else ""
        pages.append(title + _table(header + part) + f"<p>- {number} -</p>")
    return _page('<div class="page"></div>'.join(pages))


def merged() -> str:
    head = ('<tr><td rowspan="2">项目</td><td colspan="3">本年支出</td><td rowspan="2">年末结转和结余</td></tr>'
            "<tr><td>合计</td><td>基本支出</td><td>项目支出</td></tr>")
    rows = "".join(f"<tr><td>行{r}</td><td>{r}.00</td><td>{r}.00</td><td></td><td>0.{r:02d}</td></tr>"
                   for r in range(1, 9))
    return _page("<p>财政拨款收入支出决算总表</p>" + f"<table>{head}{rows}</table>"
                 + "<p>本表为空表的说明：本单位无政府性基金预算财政拨款收入。</p>"
                 + '<table><tr><td>单位：万元</td><td style="border:0">编制单位：某局</td></tr></table>')


def landscape() -> str:
    portrait = page_broken()
    table = _table([["功能分类科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
                   + [[f"2010{r}01", f"科目{r}", f"{r}1.00", f"{r}0.00", "1.00"] for r in range(1, 7)])
    return portrait.replace("</body>", f'<div class="page"></div><div class="wide">{table}</div></body>')


BUILDERS = {"wrapped": wrapped, "page_broken": page_broken, "merged": merged, "landscape": landscape}


def turned(data: bytes) -> bytes:
    """``data`` with every page set to ``/Rotate 90`` and its content turned the other way: it displays
    as before, but its text runs up the page in PDF space (as a landscape table printed on portrait paper)."""
    import pypdfium2.raw as pdfium

    doc = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
    try:
        for index in range(pdfium.FPDF_GetPageCount(doc)):
            page = pdfium.FPDF_LoadPage(doc, index)
            height = pdfium.FPDF_GetPageHeightF(page)
            for k in range(pdfium.FPDFPage_CountObjects(page)):
                # (x, y) → (height − y, x): a quarter turn counter-clockwise, back on the page
                pdfium.FPDFPageObj_Transform(pdfium.FPDFPage_GetObject(page, k), 0, 1, -1, 0, height, 0)
            width = pdfium.FPDF_GetPageWidthF(page)
            pdfium.FPDFPage_SetMediaBox(page, 0, 0, height, width)
            pdfium.FPDFPage_SetRotation(page, 1)
            pdfium.FPDFPage_GenerateContent(page)
            pdfium.FPDF_ClosePage(page)
        return _save(doc)
    finally:
        pdfium.FPDF_CloseDocument(doc)


def _save(doc) -> bytes:
    import pypdfium2.raw as pdfium

    chunks: list[bytes] = []

    def write(_, data, size):
        chunks.append(ctypes.string_at(data, size))
        return 1

    writer = pdfium.FPDF_FILEWRITE()
    writer.version = 1
    writer.WriteBlock = type(writer.WriteBlock)(write)
    if not pdfium.FPDF_SaveAsCopy(doc, ctypes.byref(writer), 0):
        raise RuntimeError("PDFium could not save the document")
    return b"".join(chunks)


def in_form(data: bytes) -> bytes:
    """``data`` with each page's content moved into a form XObject that a blank page of the same size draws."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as source, pikepdf.new() as target:
        for page in source.pages:
            blank = target.add_blank_page(page_size=(float(page.mediabox[2]), float(page.mediabox[3])))
            blank.add_overlay(page)
        out = io.BytesIO()
        target.save(out)
        return out.getvalue()


def build_pdfs(folder: Path) -> dict[str, bytes]:
    """Every built PDF by name: the five samples, the layouts above, the turned ``wrapped`` and
    ``page_broken`` in form XObjects."""
    pdfs = {f"sample_{path.name[:3]}": html_to_pdf(text_to_html(path.read_text(encoding="utf-8")))
            for path in sorted(RAW.glob("*.txt"))}
    pdfs.update({name: html_to_pdf(build()) for name, build in BUILDERS.items()})
    pdfs["rotated"] = turned(pdfs["wrapped"])
    pdfs["in_form"] = in_form(pdfs["page_broken"])
    for name, data in pdfs.items():
        (folder / f"{name}.pdf").write_bytes(data)
    return pdfs
