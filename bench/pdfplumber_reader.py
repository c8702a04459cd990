"""The previous PDF reader (pdfplumber), kept verbatim as the baseline the PDFium reader is measured against.

``bench.pdf`` reads the shared PDFs with it and with the PDFium reader in one run; the equality tests
compare the two readers' lines and pages on every PDF they build. It is not used by bdw itself.

Reading a PDF's text layer (pdfplumber) into the line model the text parsers read.

The line model is the one of the text renderings in ``data/raw/*.txt``:

- every printed table row is one line, its cells joined by TAB (a cell's own wrapped lines are
  joined again: ``本年收入合\\n计`` → ``本年收入合计``; letter-spaced CJK ``因 公 出 国`` is closed up);
- every other printed line is one line of text, its words in reading order. Words that sit a
  little above or below the line (a year or an amount set in another font: ``上海市普陀区财政局
  2024 年度…``) belong to the line they overlap most, so a year is never printed apart from its
  sentence;
- the lines of a page are ordered top to bottom; pages follow each other with no separator line.

On top of that, tables that continue on the next page are joined: a table that starts a page
right after a table that ended the previous one is its continuation; its rows that repeat the
header printed above are dropped, and a continuation printed with fewer (or shifted) columns is
realigned to the columns of the first part by the cells' horizontal positions. Code columns split
over 类 | 款 | 项 cells (``301 | 01``, ``208 | 05 | 99``) become one code cell (``30101``,
``2080599``), in the header too (``类款项``).

``SourceDocument.pages[i]`` is the 1-based page of line ``i + 1``. A PDF without a text layer (a
scan) is rejected: bdw does not OCR.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pdfplumber

from bdw.extract.source import RejectedFile, SourceDocument, normalize_text, sha256_of

ENCODING = "pdf"  # the `encoding` recorded for a document read from a PDF's text layer
MIN_TEXT_CHARS = 20  # fewer printed characters than this in the whole file: no text layer

_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_FIGURE = re.compile(r"^[-+(（]?\d[\d,]*(?:\.\d+)?[)）]?%?$")
_PAGE_FURNITURE = re.compile(
    r"^(?:[-—–－]\s*)?(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[-—–－])?$|^\d{1,4}\s*/\s*\d{1,4}$"
    r"|^(?:第\s*\d+\s*页\s*)?共\s*\d+\s*页$|^[(（]?(?:续表?|续上表|接上表)[)）]?[：:]?\s*\d*$"
    r"|^(?:金额)?单位\s*[：:]\s*(?:亿元|万元|元)$"
)
_LINE_OVERLAP = 0.5  # share of the smaller height two words must share to be on one line
_WORD_GAP = 0.2  # a gap wider than this share of the font size prints as a space


@dataclass
class Cell:
    text: str
    x0: float
    x1: float


@dataclass
class TableRow:
    top: float
    cells: list[Cell]

    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]


@dataclass
class PageTable:
    """One ruled table as printed on one page; ``columns`` are the x-ranges of its narrowest cells."""

    page: int
    page_width: float
    top: float
    columns: list[tuple[float, float]]
    rows: list[TableRow]
    continues: PageTable | None = None  # the table on an earlier page this one continues


@dataclass
class TextLine:
    top: float
    text: str


@dataclass
class Page:
    number: int
    width: float
    items: list[TextLine | PageTable] = field(default_factory=list)


# --- reading -----------------------------------------------------------------------------------


def read_pdf(data: bytes, source_file: str) -> SourceDocument:
    """A :class:`SourceDocument` from a PDF's bytes; :class:`RejectedFile` for a scan or a broken file."""
    pages = read_pages(data)
    lines, page_of = render(pages)
    return SourceDocument(source_file=source_file, sha256=sha256_of(data), encoding=ENCODING,
                          lines=tuple(normalize_text(line) for line in lines), pages=tuple(page_of))


def read_pages(data: bytes) -> list[Page]:
    """Every page's text lines and ruled tables, in reading order, continuations joined."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for a broken or locked file
        raise RejectedFile(f"unreadable PDF ({type(exc).__name__}: {exc}): re-save or re-download the file") from None
    pages: list[Page] = []
    printed = 0
    try:
        for number, page in enumerate(pdf.pages, start=1):
            printed += sum(1 for char in page.chars if char.get("text", "").strip())
            pages.append(_read_page(page, number))
            page.close()  # drop the page's cached layout: memory stays flat on long documents
    except RejectedFile:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged content stream
        raise RejectedFile(f"unreadable PDF ({type(exc).__name__}: {exc}) on page {len(pages) + 1}") from None
    finally:
        pdf.close()
    if printed < MIN_TEXT_CHARS:
        raise RejectedFile(
            f"scanned PDF: no text layer ({len(pages)} pages, {printed} printed characters): bdw reads the text "
            "a PDF carries and does no OCR; publish the text or add a text layer (e.g. with ocrmypdf)"
        )
    join_continuations(pages)
    merge_code_columns(pages)
    return pages


def _read_page(page, number: int) -> Page:
    out = Page(number, float(page.width))
    found_tables = page.find_tables()
    tables = [t for found in found_tables if (t := _page_table(found, number, float(page.width))) is not None]
    boxes = [found.bbox for found in found_tables]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    words = text_page.extract_words(extra_attrs=["size"])
    items: list[TextLine | PageTable] = [*text_lines(words), *tables]
    out.items = sorted(items, key=lambda item: item.top)
    return out


def _page_table(found, page: int, width: float) -> PageTable | None:
    """A pdfplumber table as rows of positioned cells; ``None`` when it prints nothing at all."""
    texts = found.extract()
    rows = []
    spans: dict[int, list[tuple[float, float]]] = {}
    for row, cells_text in zip(found.rows, texts):
        cells = []
        for index, (box, text) in enumerate(zip(row.cells, cells_text)):
            if box is None:  # covered by a merged cell: printed empty
                x0 = cells[-1].x1 if cells else row.bbox[0]
                cells.append(Cell("", x0, x0))
                continue
            cells.append(Cell(cell_text(text), box[0], box[2]))
            spans.setdefault(index, []).append((box[0], box[2]))
        rows.append(TableRow(row.bbox[1], cells))
    if not any(cell.text for row in rows for cell in row.cells):
        return None
    width_count = max(len(row.cells) for row in rows)
    columns = []
    for index in range(width_count):
        ranges = spans.get(index) or [(0.0, 0.0)]
        columns.append((max(r[0] for r in ranges), min(r[1] for r in ranges)))
    return PageTable(page, width, rows[0].top, columns, rows)


def cell_text(text: str | None) -> str:
    """A cell's text on one line: wrapped lines joined, letter-spaced CJK closed up, no tabs."""
    if not text:
        return ""
    joined = ""
    for part in (p.strip() for p in text.replace("\t", " ").split("\n")):
        if not part:
            continue
        if joined and joined[-1].isascii() and joined[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            joined += " "
        joined += part
    return " ".join(_CJK_GAP.sub("", joined).split())


def text_lines(words: list[dict]) -> list[TextLine]:
    """Words grouped into printed lines by vertical overlap, each line's words in x order."""
    lines: list[list[dict]] = []
    bands: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = max(word["bottom"] - word["top"], 0.1)
        best, best_share = None, 0.0
        for index in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            top, bottom = bands[index]
            overlap = min(bottom, word["bottom"]) - max(top, word["top"])
            share = overlap / min(height, bottom - top or 0.1)
            if share > best_share:
                best, best_share = index, share
        if best is not None and best_share >= _LINE_OVERLAP:
            lines[best].append(word)
        else:
            lines.append([word])
            bands.append((word["top"], word["bottom"]))
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        text = line[0]["text"]
        for previous, word in zip(line, line[1:]):
            gap = word["x0"] - previous["x1"]
            size = min(previous.get("size") or 10, word.get("size") or 10)
            text += (" " if gap > _WORD_GAP * size else "") + word["text"]
        out.append(TextLine(min(w["top"] for w in line), text.replace("\t", " ")))
    return out


# --- tables across pages -----------------------------------------------------------------------


def _is_furniture(item: TextLine | PageTable) -> bool:
    return isinstance(item, TextLine) and bool(_PAGE_FURNITURE.match(item.text.replace(" ", "")))


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text.replace(" ", "")))


def header_rows(table: PageTable) -> list[TableRow]:
    """The rows above the first row that prints a figure."""
    rows = []
    for row in table.rows:
        if any(_is_figure(cell.text) for cell in row.cells):
            break
        rows.append(row)
    return rows


def _printed(row: TableRow) -> tuple[str, ...]:
    return tuple(cell.text.replace(" ", "") for cell in row.cells if cell.text)


def join_continuations(pages: list[Page]) -> None:
    """Mark each table that continues the last table of the previous page; drop its repeated
    header rows and realign its cells to the first part's columns."""
    previous_last: PageTable | None = None
    for page in pages:
        content = [item for item in page.items if not _is_furniture(item)]
        first = content[0] if content else None
        if previous_last is not None and isinstance(first, PageTable):
            origin = previous_last.continues or previous_last
            first.continues = origin
            repeated = {_printed(row) for row in header_rows(origin)}
            while first.rows and (_printed(first.rows[0]) in repeated or not _printed(first.rows[0])):
                first.rows.pop(0)
            realign(first, origin)
        last = content[-1] if content else None
        previous_last = last if isinstance(last, PageTable) else None


def realign(part: PageTable, origin: PageTable) -> None:
    """Put ``part``'s cells under ``origin``'s columns: by horizontal overlap on pages of the same
    width, else right-aligned (the figure columns are the right-hand ones)."""
    width = len(origin.columns)
    if len(part.columns) == width and abs(part.page_width - origin.page_width) < 1:
        return
    same_geometry = abs(part.page_width - origin.page_width) < 1
    for row in part.rows:
        slots = [""] * width
        placed = True
        if same_geometry:
            for cell in row.cells:
                if not cell.text:
                    continue
                target = _column_for(cell, origin.columns)
                if target is None:
                    placed = False
                    break
                slots[target] = f"{slots[target]} {cell.text}".strip()
        if not same_geometry or not placed:
            texts = row.texts()[-width:]
            slots = [""] * (width - len(texts)) + texts
        row.cells = [Cell(text, *origin.columns[i]) for i, text in enumerate(slots)]
    part.columns = list(origin.columns)


def _column_for(cell: Cell, columns: list[tuple[float, float]]) -> int | None:
    best, best_overlap = None, 0.0
    for index, (x0, x1) in enumerate(columns):
        overlap = min(x1, cell.x1) - max(x0, cell.x0)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


# --- split code columns ------------------------------------------------------------------------


def _code_runs(tables: list[PageTable]) -> list[range]:
    """Column runs printed under 类 | 款 (| 项) headers whose cells hold only digits (or labels)."""
    runs: list[range] = []
    for table in tables:
        for row in table.rows:
            texts = [text.replace(" ", "") for text in row.texts()]
            for start in range(len(texts) - 1):
                if texts[start] != "类" or texts[start + 1] != "款":
                    continue
                stop = start + (3 if start + 2 < len(texts) and texts[start + 2] == "项" else 2)
                if not any(run.start == start for run in runs):
                    runs.append(range(start, stop))
        if runs:
            break
    return [run for run in runs if _holds_codes(tables, run)]


def _holds_codes(tables: list[PageTable], run: range) -> bool:
    for table in tables:
        for row in table.rows:
            parts = [row.cells[i].text.replace(" ", "") if i < len(row.cells) else "" for i in run]
            if not parts[0].isdigit():
                continue  # a header or total row: its texts are joined as they are
            if any(part and not (part.isdigit() and len(part) == 2) for part in parts[1:]):
                return False
    return True


def merge_code_columns(pages: list[Page]) -> None:
    """``301 | 01`` → ``30101`` in every row of a table (and its continuations) printed with
    separate 类/款/项 code columns; the header's ``类 | 款 | 项`` becomes ``类款项``."""
    groups: dict[int, list[PageTable]] = {}
    for page in pages:
        for item in page.items:
            if isinstance(item, PageTable):
                groups.setdefault(id(item.continues or item), []).append(item)
    for tables in groups.values():
        runs = _code_runs(tables)
        if not runs:
            continue
        for table in tables:
            for row in table.rows:
                row.cells = _merged(row.cells, runs)
            table.columns = [
                (table.columns[i][0], table.columns[run.stop - 1][1]) if (run := _run_at(runs, i)) else column
                for i, column in enumerate(table.columns) if not _inside_run(runs, i)
            ]


def _run_at(runs: list[range], index: int) -> range | None:
    return next((run for run in runs if run.start == index), None)


def _inside_run(runs: list[range], index: int) -> bool:
    return any(index in run and index != run.start for run in runs)


def _merged(cells: list[Cell], runs: list[range]) -> list[Cell]:
    out = []
    for index, cell in enumerate(cells):
        run = _run_at(runs, index)
        if run is not None:
            parts = [cells[i] for i in run if i < len(cells)]
            out.append(Cell("".join(part.text.replace(" ", "") for part in parts), parts[0].x0, parts[-1].x1))
        elif not _inside_run(runs, index):
            out.append(cell)
    return out


# --- the line model ----------------------------------------------------------------------------


def render(pages: list[Page]) -> tuple[list[str], list[int]]:
    """The document's lines and the page of each: text lines as printed, table rows TAB-joined."""
    lines: list[str] = []
    page_of: list[int] = []
    for page in pages:
        for item in page.items:
            if isinstance(item, TextLine):
                lines.append(item.text)
                page_of.append(page.number)
                continue
            for row in item.rows:
                texts = row.texts()
                if any(texts):
                    lines.append("\t".join(texts))
                    page_of.append(page.number)
    return lines, page_of
