"""The page model between PDFium and the line model: text lines and ruled tables, each with where it is printed.

Boxes are ``(x0, top, x1, bottom)`` in PDF points on the displayed page, top-left origin (see
:mod:`.pdfium`). A table cell's box is the ruled cell it is printed in; a text line's box holds
its words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]


@dataclass
class Cell:
    """One cell of a table row; ``x0``/``x1`` is the column it stands in (after realignment), ``box``
    where its text is printed (``None`` for a cell a merged cell covers, or one that was never printed)."""

    text: str
    x0: float
    x1: float
    box: Box | None = None


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
    box: Box | None = None


@dataclass
class Page:
    number: int
    width: float
    items: list[TextLine | PageTable] = field(default_factory=list)


def union(boxes: list[Box | None]) -> Box | None:
    """The smallest box holding every box given (``None`` when none is)."""
    known = [box for box in boxes if box is not None]
    if not known:
        return None
    return (min(b[0] for b in known), min(b[1] for b in known), max(b[2] for b in known), max(b[3] for b in known))
