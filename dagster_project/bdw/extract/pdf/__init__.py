"""Reading a PDF's text layer (PDFium, through pypdfium2's raw API) into the line model the text parsers read.

The line model is the one of the text renderings in ``data/raw/*.txt``:

- every printed table row is one line, its cells joined by TAB (a cell's own wrapped lines are
  joined again: ``本年收入合\\n计`` → ``本年收入合计``; letter-spaced CJK ``因 公 出 国`` is closed up);
- every other printed line is one line of text, its words in reading order. Words that sit a
  little above or below the line (a year or an amount set in another font: ``上海市普陀区财政局
  2024 年度…``) belong to the line they overlap most, so a year is never printed apart from its
  sentence;
- the lines of a page are ordered top to bottom; pages follow each other with no separator line;
- tables continued on the next page are joined and split code columns merged (:mod:`.continuations`).

``SourceDocument.pages[i]`` is the 1-based page of line ``i + 1`` and ``SourceDocument.boxes[i]``
the boxes of its printed cells (PDF points, top-left origin of the displayed page). A PDF without
a text layer (a scan) is rejected: bdw does not OCR; so are encrypted PDFs that need a password and
files whose compressed streams inflate beyond a cap (:mod:`.guard`).

Modules: :mod:`.guard` (decompression bombs), :mod:`.pdfium` (documents, pages and their objects),
:mod:`.bindings` (the PDFium functions called in bulk), :mod:`.chars` (characters and their boxes),
:mod:`.paths` (ruling edges), :mod:`.words` (words and printed lines), :mod:`.grid` (ruled tables),
:mod:`.layout` (one page), :mod:`.continuations` (tables across pages, code columns),
:mod:`.reader` (the document).
"""

from .continuations import join_continuations, merge_code_columns
from .model import Cell, Page, PageTable, TableRow, TextLine
from .reader import ENCODING, MIN_TEXT_CHARS, read_pages, read_pdf, render
from .words import Word, cell_text, text_lines

__all__ = ["ENCODING", "MIN_TEXT_CHARS", "Cell", "Page", "PageTable", "TableRow", "TextLine", "Word", "cell_text",
           "join_continuations", "merge_code_columns", "read_pages", "read_pdf", "render", "text_lines"]
