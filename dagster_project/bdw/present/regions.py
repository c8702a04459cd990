"""The finding on the page: for a PDF, a picture of the page region that prints a finding's figures.

The boxes of the printed cells come from the warehouse (``marts.dim_source_box``, kept at
extraction), so no PDF is read again to find them; PDFium only renders the page. The cell of the
reported figure is outlined in red, the cells of the figures it was compared with in blue; a
line whose figure cannot be told apart (a sentence, a cell that prints something else) is outlined
whole. One PNG per page a finding touches, written beside the report (``regions/``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..extract.numbers import parse_amount

SCALE = 1.5  # pixels per PDF point (108 dpi)
MARGIN = 28.0  # points shown above and below the outlined cells
REPORTED, COMPARED = (197, 48, 48), (49, 130, 206)  # the report's fail red and a blue


@dataclass(frozen=True)
class Box:
    line: int
    cell_index: int
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def load_boxes(con, document_id: str) -> dict[int, list[Box]]:
    """The boxes of a PDF document's printed cells by line ({} for a text document)."""
    rows = con.execute("select source_line, cell_index, page, x0, y0, x1, y1, text from marts.dim_source_box "
                       "where document_id = ? order by source_line, cell_index", [document_id]).fetchall()
    boxes: dict[int, list[Box]] = defaultdict(list)
    for line, index, page, x0, y0, x1, y1, text in rows:
        boxes[line].append(Box(line, index, page, float(x0), float(y0), float(x1), float(y1), text or ""))
    return dict(boxes)


def printed(value, unit: str | None, decimals: int | None) -> Decimal | None:
    """A figure held in 元 as the document printed it (in 万元 when it printed 万元, at its decimals)."""
    if value is None:
        return None
    amount = Decimal(value) / 10000 if unit == "万元" else Decimal(value)
    return amount.quantize(Decimal(1).scaleb(-(decimals if decimals is not None else 2)))


def _cell_value(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except (InvalidOperation, ValueError):
        return None


def cells_printing(boxes: list[Box], values: set[Decimal]) -> list[Box]:
    """The cells of a line that print one of ``values``; the whole line when none does."""
    hits = [box for box in boxes if (value := _cell_value(box.text)) is not None and value in values]
    return hits or boxes


def marks_of(finding: dict, boxes: dict[int, list[Box]], part_values: dict[int, set[Decimal]]) -> list[tuple]:
    """``(box, colour)`` of every cell to outline for one finding."""
    unit, decimals = finding.get("reported_unit"), finding.get("reported_decimals")
    marks = []
    reported = printed(finding.get("reported"), unit, decimals) if unit in ("元", "万元") else None
    line = finding.get("source_line")
    if line in boxes:
        marks += [(box, REPORTED) for box in cells_printing(boxes[line], {reported} if reported is not None else set())]
    for part in line_numbers(finding.get("part_source_lines")):
        if part in boxes and part != line:
            marks += [(box, COMPARED) for box in cells_printing(boxes[part], part_values.get(part, set()))]
    return marks


def line_numbers(text: str | None) -> list[int]:
    """The line numbers of a ``part_source_lines`` text ("12, 14", "319–525": both ends of a range)."""
    out = []
    for part in (text or "").replace("–", ",").replace(";", ",").split(","):
        part = part.strip()
        if part.isdigit():
            out.append(int(part))
    return out


def render(pdf: Path, marks: list[tuple], out_dir: Path, stem: str) -> list[tuple[int, str]]:
    """PNGs of the page regions holding ``marks``, outlined; ``(page, file name)`` for each page."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    by_page: dict[int, list[tuple]] = defaultdict(list)
    for box, colour in marks:
        by_page[box.page].append((box, colour))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for page_number, page_marks in sorted(by_page.items()):
            page = document[page_number - 1]
            width, height = page.get_size()
            image = page.render(scale=SCALE).to_pil().convert("RGB")
            draw = ImageDraw.Draw(image)
            for box, colour in page_marks:
                draw.rectangle([box.x0 * SCALE - 2, box.y0 * SCALE - 2, box.x1 * SCALE + 2, box.y1 * SCALE + 2],
                               outline=colour, width=3)
            top = max(0.0, min(box.y0 for box, _ in page_marks) - MARGIN)
            bottom = min(height, max(box.y1 for box, _ in page_marks) + MARGIN)
            region = image.crop((0, int(top * SCALE), int(width * SCALE), int(bottom * SCALE)))
            name = f"{stem}-p{page_number}.png"
            region.save(out_dir / name, optimize=True)
            written.append((page_number, name))
    finally:
        document.close()
    return written
