"""A PDF's bytes → a :class:`SourceDocument`: guard, read every page, join tables, write the line model."""

from __future__ import annotations

from operator import itemgetter

from ..source import CellBox, RejectedFile, SourceDocument, normalize_text, sha256_of
from .continuations import join_continuations, merge_code_columns
from .guard import check_streams
from .layout import layout_page
from .model import Page, TextLine
from .pdfium import open_document, read_page

ENCODING = "pdf"  # the `encoding` recorded for a document read from a PDF's text layer
MIN_TEXT_CHARS = 20  # fewer printed characters than this in the whole file: no text layer
_TEXT = itemgetter(0)  # a Char's text


def read_pdf(data: bytes, source_file: str, max_inflated: int | None = None) -> SourceDocument:
    """A :class:`SourceDocument` from a PDF's bytes; :class:`RejectedFile` for a decompression bomb
    (streams inflating beyond ``max_inflated`` bytes, by default :func:`.guard.inflation_cap`), an
    encrypted, broken or scanned file."""
    check_streams(data, max_inflated)
    pages = read_pages(data)
    lines, page_of, boxes = render(pages)
    return SourceDocument(source_file=source_file, sha256=sha256_of(data), encoding=ENCODING,
                          lines=tuple(normalize_text(line) for line in lines), pages=tuple(page_of),
                          boxes=tuple(boxes))


def read_pages(data: bytes) -> list[Page]:
    """Every page's text lines and ruled tables, in reading order, continuations joined."""
    pages: list[Page] = []
    printed = 0
    with open_document(data) as (doc, count):
        for index in range(count):
            try:
                content = read_page(doc, index)
                pages.append(layout_page(content))
            except RejectedFile:
                raise
            except Exception as exc:  # noqa: BLE001 - a page PDFium reads but that makes no sense
                raise RejectedFile(f"unreadable PDF ({type(exc).__name__}: {exc}) on page {index + 1}") from None
            printed += len(content.chars) - sum(map(str.isspace, map(_TEXT, content.chars)))
    if printed < MIN_TEXT_CHARS:
        raise RejectedFile(
            f"scanned PDF: no text layer ({len(pages)} pages, {printed} printed characters): bdw reads the text "
            "a PDF carries and does no OCR; publish the text or add a text layer (e.g. with ocrmypdf)"
        )
    join_continuations(pages)
    merge_code_columns(pages)
    return pages


def render(pages: list[Page]) -> tuple[list[str], list[int], list[tuple[CellBox, ...]]]:
    """The document's lines, the page of each and the boxes of its printed cells: text lines as
    printed (one cell), table rows TAB-joined (a box for every cell that prints text)."""
    lines: list[str] = []
    page_of: list[int] = []
    boxes: list[tuple[CellBox, ...]] = []
    for page in pages:
        for item in page.items:
            if isinstance(item, TextLine):
                lines.append(item.text)
                page_of.append(page.number)
                boxes.append((CellBox(0, *item.box),) if item.box else ())
                continue
            for row in item.rows:
                texts = row.texts()
                if any(texts):
                    lines.append("\t".join(texts))
                    page_of.append(page.number)
                    boxes.append(tuple(CellBox(index, *cell.box) for index, cell in enumerate(row.cells)
                                       if cell.text and cell.box))
    return lines, page_of, boxes
