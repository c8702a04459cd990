"""Test helpers: read the samples, run the final-account extractor, and re-render documents.

The re-renderings change how a document is printed (unit, page breaks, line endings, encoding,
cells aligned by spaces or joined by single spaces) but not what it says, so the extractor must
return the same figures (or, where a rendering loses the empty cells, say which it cannot place).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from bdw.extract.document import document_from_bytes
from bdw.extract.final_account import extract
from bdw.extract.metadata import read_metadata
from tests.conftest import RAW

NINGDE = "000_ababedf1869e2353.txt"  # 宁德 2021, 万元
GUYUAN = "004_a15be56197084065.txt"  # 固原 2020, 元

_DECIMAL_CELL = re.compile(r"^((?:.*\s)?(?:<b>)?)(\d+\.\d+)(</b>)?$")  # a decimal, maybe after a label


def raw_text(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


def run_bytes(data: bytes, name: str = "sample.txt"):
    """Read bytes the way the pipeline does and run the final-account extractor."""
    doc = document_from_bytes(data, name)
    return extract(doc, read_metadata(doc))


def run_text(text: str, name: str = "sample.txt"):
    return run_bytes(text.encode("utf-8"), name)


def run_sample(name: str):
    return run_bytes((RAW / name).read_bytes(), name)


def figure_key(dataset: str, row: dict) -> tuple:
    """What identifies one figure of a dataset (everything but the amount and how it was printed)."""
    if dataset == "expenditure":
        return (row["table_code"], row["subject_code"], row["expenditure_type"], row["fund_type"], row["source_line"])
    if dataset == "income":
        return (row["table_code"], row["subject_code"], row["subject_name"], row["income_source"], row["source_line"])
    if dataset == "summary_line":
        return (row["table_code"], row["side"], row["line_key"], row["fund_type"], row["source_line"])
    return (row["metric_key"], row["subject_code"], row["text"], row["source_line"])


def figures(result, datasets=("expenditure", "income", "summary_line")) -> dict[tuple, Decimal]:
    """``{(dataset, *figure_key): amount_yuan}`` for every figure of a result."""
    out = {}
    for dataset in datasets:
        for row in result.rows.get(dataset, []):
            key = (dataset, *figure_key(dataset, row))
            assert key not in out, f"two figures with the same key {key}"
            out[key] = row["amount_yuan"]
    return out


def _rewrite_cells(text: str, first: int, last: int, convert) -> str:
    """Apply ``convert`` to every decimal figure of the tab rows between lines ``first`` and ``last``."""
    lines = text.split("\n")
    for index in range(first - 1, last):
        if "\t" not in lines[index]:
            continue
        cells = lines[index].split("\t")
        for position, cell in enumerate(cells):
            match = _DECIMAL_CELL.match(cell.strip())
            if match:
                cells[position] = f"{match.group(1) or ''}{convert(Decimal(match.group(2)))}{match.group(3) or ''}"
        lines[index] = "\t".join(cells)
    return "\n".join(lines)


def wan_to_yuan(text: str, first: int, last: int) -> str:
    """万元 tables between two lines rewritten in 元 with thousands separators (exact)."""
    text = _rewrite_cells(text, first, last, lambda value: f"{value * 10000:,.2f}")
    lines = text.split("\n")
    for index in range(first - 1, last):
        lines[index] = lines[index].replace("单位：万元", "单位：元")
    return "\n".join(lines)


def yuan_to_wan(text: str, first: int, last: int) -> str:
    """元 tables between two lines rewritten in 万元, rounded to 2 decimals (±50 元)."""
    def convert(value: Decimal) -> str:
        return str((value / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    text = _rewrite_cells(text, first, last, convert)
    lines = text.split("\n")
    for index in range(first - 1, last):
        lines[index] = lines[index].replace("金额单位：元", "金额单位：万元")
    return "\n".join(lines)


def insert_lines(text: str, after: int, new_lines: list[str]) -> str:
    """``new_lines`` inserted after 1-based line ``after``."""
    lines = text.split("\n")
    return "\n".join(lines[:after] + new_lines + lines[after:])


def shift_lines(figs: dict[tuple, Decimal], after: int, by: int) -> dict[tuple, Decimal]:
    """Figure keys as they read once ``by`` lines are inserted after line ``after``."""
    shifted = {}
    for key, value in figs.items():
        line = key[-1]
        shifted[(*key[:-1], line + by if line > after else line)] = value
    return shifted


# --- renderings without tabs -----------------------------------------------------------------
#
# What other tools print for the same document. ``pdftotext -layout`` writes each table row on one
# line with its cells at their columns' positions (runs of spaces between them, numbers
# right-aligned, empty cells left blank), a wrapped cell's other lines below it in the same
# column, and a form feed before each page; pdfplumber's ``extract_text`` and a copy from a web
# page join the printed cells with one space (empty cells vanish). Both generators below start
# from a tab rendering and keep what it says; each returns the new text and where every line of
# the tab text went (its figures' ``source_line`` in the new text).

_TAG = re.compile(r"<[^>]+>")
_FIGURE = re.compile(r"^[-+(]?\d[\d,]*(?:\.\d+)?\)?$")


class Rendering:
    """A re-rendered document: its text and ``line_map[old line] = new line``."""

    def __init__(self, lines: list[str], line_map: dict[int, int]):
        self.text = "\n".join(lines)
        self.line_map = line_map

    def moved(self, figs: dict[tuple, Decimal]) -> dict[tuple, Decimal]:
        """Figure keys of the tab rendering as they read in this one (their lines moved)."""
        return {(*key[:-1], self.line_map[key[-1]]): value for key, value in figs.items()}


def width(text: str, wide: int = 2) -> int:
    """Display columns of ``text``: a CJK (wide or full-width) character ``wide`` columns."""
    import unicodedata

    return sum(wide if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _cells(line: str) -> list[str]:
    return [" ".join(_TAG.sub("", cell).split()) for cell in line.split("\t")]


def _is_figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell))


def _is_amount(cell: str) -> bool:
    """A figure printed as an amount (decimals or thousands): right-aligned, unlike codes and 行次."""
    return _is_figure(cell) and ("." in cell or "," in cell)


def _chunks(text: str, limit: int | None, wide: int) -> list[str]:
    """``text`` wrapped into pieces at most ``limit`` columns wide (never inside a number)."""
    if limit is None or width(text, wide) <= limit or any(_is_figure(word) for word in text.split()):
        return [text]  # a label printing its figure (``公用经费合计 127989.14``) is never broken
    pieces, current = [], ""
    for char in text:
        if current and width(current + char, wide) > limit:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def _table_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """``(first, last)`` 0-based indexes of each run of tab lines (blank lines inside a run kept)."""
    blocks, start, last = [], None, None
    for index, line in enumerate(lines):
        if "\t" in line:
            start = index if start is None else start
            last = index
        elif line.strip() and start is not None:
            blocks.append((start, last))
            start = None
    if start is not None:
        blocks.append((start, last))
    return blocks


def _pages(rows: list[list[str]], page_rows: int | None) -> list[tuple[list[int], list[int]]]:
    """The rows of one table as printed page by page: ``(header row indexes, body row indexes)``."""
    first_data = next((i for i, cells in enumerate(rows) if any(_is_figure(c) for c in cells)), len(rows))
    header, body = list(range(first_data)), list(range(first_data, len(rows)))
    if not page_rows:
        return [(header, body)]
    return [(header, body[i : i + page_rows]) for i in range(0, len(body), page_rows)] or [(header, [])]


def _render(text: str, draw_page, page_rows: int | None, repeat_header: bool) -> Rendering:
    """Every table of ``text`` re-drawn by ``draw_page(rows, header, body) -> [(old index | None, line)]``."""
    lines = text.split("\n")
    out: list[str] = []
    line_map: dict[int, int] = {}
    done = 0
    page_number = 1
    for first, last in _table_blocks(lines):
        for index in range(done, first):
            line_map[index + 1] = len(out) + 1
            out.append(lines[index])
        block = [i for i in range(first, last + 1) if "\t" in lines[i]]
        rows = [_cells(lines[i]) for i in block]
        for number, (header, body) in enumerate(_pages(rows, page_rows)):
            if number:
                page_number += 1
                out.extend(["", f"- {page_number} -"])
            shown = header if number == 0 or repeat_header else []
            drawn = draw_page(rows, shown, body)
            for position, (row, line) in enumerate(drawn):
                if row is not None and block[row] + 1 not in line_map:
                    line_map[block[row] + 1] = len(out) + 1
                out.append(("\f" if number and position == 0 else "") + line)
        for index in range(first, last + 1):  # blank lines inside the table
            line_map.setdefault(index + 1, len(out))
        done = last + 1
    for index in range(done, len(lines)):
        line_map[index + 1] = len(out) + 1
        out.append(lines[index])
    return Rendering(out, line_map)


def space_aligned(text: str, *, wrap: int | None = None, header_wrap: int | None = None, wide: int = 2,
                  gap: int = 2, indent: int = 0, page_rows: int | None = None,
                  repeat_header: bool = True) -> Rendering:
    """The tab tables of ``text`` printed as ``pdftotext -layout`` prints them.

    Each page lays out its own columns (widths from its own rows); labels left-aligned, figures
    right-aligned, empty cells blank; labels wider than ``wrap`` columns and header cells wider
    than ``header_wrap`` continue on the next lines in their column. ``wide`` is the width of a
    CJK character (2 as drawn, 1 as pdftotext counts). ``page_rows`` breaks each table after so
    many rows (a page number, a form feed, and the header again when ``repeat_header``).
    """

    def draw_page(rows, header, body):
        pieces = {i: [_chunks(c, header_wrap if i in header else wrap, wide) for c in rows[i]] for i in header + body}
        count = max((len(r) for r in rows), default=0)
        widths = [max((width(piece, wide) for i in pieces for piece in (pieces[i][c] if c < len(pieces[i]) else [])),
                      default=0) for c in range(count)]
        starts = [indent + sum(widths[:c]) + gap * c for c in range(count)]
        drawn = []
        for i in header + body:
            height = max((len(p) for p in pieces[i]), default=1)
            for level in range(height):
                line = ""
                for c, cell_pieces in enumerate(pieces[i]):
                    piece = cell_pieces[level] if level < len(cell_pieces) else ""
                    if not piece:
                        continue
                    at = starts[c] + (widths[c] - width(piece, wide) if _is_amount(piece) else 0)
                    line += " " * (at - width(line, wide)) + piece
                drawn.append((i if level == 0 else None, line))
        return drawn

    return _render(text, draw_page, page_rows, repeat_header)


def single_spaced(text: str, *, wrap: int | None = None, page_rows: int | None = None,
                  repeat_header: bool = True) -> Rendering:
    """The tab tables of ``text`` with their printed cells joined by one space (empty cells vanish).

    A label wider than ``wrap`` columns continues alone on the next line, as a narrow page prints it.
    """

    def draw_page(rows, header, body):
        drawn = []
        for i in header + body:
            cells = [c for c in rows[i] if c]
            rest = []
            if wrap and i in body:
                for position, cell in enumerate(cells):
                    pieces = _chunks(cell, wrap, 2)
                    if len(pieces) > 1:
                        cells[position], rest = pieces[0], pieces[1:]
                        break
            drawn.append((i, " ".join(cells)))
            drawn.extend((None, piece) for piece in rest)
        return drawn

    return _render(text, draw_page, page_rows, repeat_header)


def renamed(text: str, department: tuple[str, str], year: tuple[int, int]) -> str:
    """The same document published by another department in another year."""
    return text.replace(department[0], department[1]).replace(f"{year[0]}", f"{year[1]}")
