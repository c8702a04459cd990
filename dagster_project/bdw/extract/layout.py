"""Table lines printed without tabs, turned into cells: space-aligned or single-spaced text.

People get a disclosure as text from some tool, and each prints a table row differently:

- *space-aligned* (``pdftotext -layout``, a fixed-width export): every row on one line, its
  cells at the positions of their columns, runs of spaces between them, an empty cell left
  blank. The columns are the positions the rows of a table share, as a reader sees them: the
  ranges covered by the text of the rows that print figures; two columns are apart where no
  such row prints anything. A header word that falls between them names a column no figure
  row fills (``科目名称`` over the codes' gap); a header word over a column belongs to it.
- *single-spaced* (pdfplumber's ``extract_text``, a copy from a web page): cells joined by one
  space, empty cells gone. Only the order of the cells is known: :func:`spaced_cells` keeps the
  words in order, and the table parsers decide what they can (a row is a code and/or a label
  followed by its amounts) and say what they cannot.

Positions are counted in columns of a fixed-width font. Tools disagree on a CJK character:
terminals and editors draw it two columns wide, ``pdftotext`` writes it as one character. The
reading that lines a table's rows up better is taken (:func:`cjk_width`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

WIDE, NARROW = 2, 1  # columns per CJK character: as drawn (display) or as one character (pdftotext)
_ZERO_WIDTH = {"\f", "\v", "\r", "\ufeff"}


def char_width(char: str, wide: int = WIDE) -> int:
    """Columns ``char`` takes: ``wide`` for an East Asian wide or full-width character, else 1."""
    if char in _ZERO_WIDTH:
        return 0
    return wide if unicodedata.east_asian_width(char) in ("W", "F") else 1  # U+3000 (a wide space) too


def display_width(text: str, wide: int = WIDE) -> int:
    """Columns ``text`` takes in a fixed-width font (a CJK character two, by default)."""
    if text.isascii() and not any(char in _ZERO_WIDTH for char in text):
        return len(text)
    return sum(char_width(char, wide) for char in text)


@dataclass(frozen=True)
class Word:
    """A run of printed characters: its text and the columns it covers, ``[start, end)``."""

    text: str
    start: int
    end: int


_WORD = re.compile(r"[^\s\ufeff]+")


@lru_cache(maxsize=1 << 14)  # a table's lines are cut several times (each CJK width, each part)
def words(line: str, wide: int = WIDE) -> tuple[Word, ...]:
    """The words of a line with their columns (any white space separates words)."""
    out: list[Word] = []
    column, end = 0, 0
    for match in _WORD.finditer(line):
        column += display_width(line[end : match.start()], wide)
        width = display_width(match.group(), wide)
        out.append(Word(match.group(), column, column + width))
        column, end = column + width, match.end()
    return tuple(out)


def segments(line_words: Sequence[Word]) -> list[Word]:
    """Words one space apart joined into one segment (``项 目``, ``201 06``); two spaces or more part them."""
    out: list[Word] = []
    for word in line_words:
        if out and word.start - out[-1].end < 2:
            last = out[-1]
            out[-1] = Word(f"{last.text} {word.text}", last.start, word.end)
        else:
            out.append(word)
    return out


def is_space_aligned(lines: Sequence[str], is_figure: Callable[[str], bool]) -> bool:
    """Whether the lines that print figures separate their cells by runs of spaces (not single spaces)."""
    data = [line for line in lines if any(is_figure(word) for word in line.split())]
    aligned = [line for line in data if len(segments(words(line))) > 1]
    return bool(data) and 2 * len(aligned) >= len(data)


def spaced_cells(line: str) -> list[str]:
    """The words of a single-spaced line, in order (positions carry nothing)."""
    return line.split()


@dataclass
class AlignedPart:
    """Cells of one block of space-aligned lines (``None`` for a line whose words do not sit in the
    block's columns), the column ranges found (``data_spans``: those the data lines fill) and the
    kind of cell each column holds (:func:`cell_kind`; ``""`` for a column only a header names)."""

    cells: list[list[str] | None]
    spans: list[tuple[int, int]]
    data_spans: list[tuple[int, int]]
    kinds: list[str] = field(default_factory=list)
    conflicts: int = 0  # lines (of any kind) printing two separate pieces in one column


def cell_kind(text: str, is_figure: Callable[[str], bool]) -> str:
    """``amount`` (a figure with decimals or thousands), ``number`` (a bare integer: a code, a 行次)
    or ``text``."""
    if is_figure(text):
        return "amount" if "." in text or "," in text else "number"
    return "text"


def follow_columns(part: AlignedPart, previous: AlignedPart) -> AlignedPart | None:
    """A page printed without its header, put under the previous page's columns.

    Each page of a space-aligned table is laid out anew, so its columns sit elsewhere and the ones
    it leaves empty are missing. Its columns are matched to the previous page's in order, a column
    only to one holding the same kind of cell; ``None`` unless exactly one such matching exists.
    """
    if part.spans != part.data_spans or not part.kinds:
        return None
    targets = [previous.spans.index(span) for span in previous.data_spans]
    wanted = [previous.kinds[t] for t in targets]
    matching = _unique_matching(part.kinds, wanted)
    if matching is None:
        return None
    width = len(previous.spans)
    cells: list[list[str] | None] = []
    for row in part.cells:
        if row is None:
            cells.append(None)
            continue
        placed = [""] * width
        for index, text in enumerate(row):
            placed[targets[matching[index]]] = text
        cells.append(placed)
    return AlignedPart(cells, previous.spans, previous.data_spans, previous.kinds)


def _unique_matching(kinds: Sequence[str], wanted: Sequence[str]) -> list[int] | None:
    """The one order-preserving way to give each of ``kinds`` a position of ``wanted`` of the same
    kind, or ``None`` when there is none or more than one."""
    n, m = len(kinds), len(wanted)
    ways = [[0] * (m + 1) for _ in range(n + 1)]  # ways[i][j]: matchings of kinds[i:] into wanted[j:], capped at 2
    for j in range(m + 1):
        ways[n][j] = 1
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            ways[i][j] = min(2, ways[i][j + 1] + (ways[i + 1][j + 1] if kinds[i] == wanted[j] else 0))
    if ways[0][0] != 1:
        return None
    matching, j = [], 0
    for i in range(n):
        while not (kinds[i] == wanted[j] and ways[i + 1][j + 1]):
            j += 1
        matching.append(j)
        j += 1
    return matching


def cjk_width(parts: Sequence[tuple[Sequence[str], Sequence[bool]]]) -> int:
    """How wide the tool that printed these blocks (``(lines, is_data)``, one table's pages) drew a
    CJK character: the width that lines their rows up, i.e. fewer lines printing two pieces in
    one column, then fewer columns (counted the wrong way, rows with more CJK text drift right
    and spread over more columns)."""
    def score(wide: int) -> tuple[int, int]:
        cuts = [_cut(lines, is_data, wide) for lines, is_data in parts]
        return sum(cut.conflicts for cut in cuts), sum(len(cut.data_spans) for cut in cuts)

    return min((WIDE, NARROW), key=score)


def aligned_cells(lines: Sequence[str], is_data: Sequence[bool], is_figure: Callable[[str], bool] | None = None,
                  wide: int | None = None) -> AlignedPart:
    """Cut space-aligned ``lines`` into cells at the columns of the data lines (``is_data``), a CJK
    character ``wide`` columns wide (by default as :func:`cjk_width` finds it for these lines)."""
    part = _cut(lines, is_data, cjk_width([(lines, is_data)]) if wide is None else wide)
    if is_figure is not None:
        part.kinds = [_column_kind(part, index, is_data, is_figure) for index in range(len(part.spans))]
    return part


def _column_kind(part: AlignedPart, index: int, is_data: Sequence[bool], is_figure: Callable[[str], bool]) -> str:
    """The kind most of a column's cells in the data lines are (``""`` when they print none)."""
    counts: dict[str, int] = {}
    for row, data in zip(part.cells, is_data):
        if data and row is not None and row[index]:
            kind = cell_kind(row[index], is_figure)
            counts[kind] = counts.get(kind, 0) + 1
    return max(counts, key=lambda kind: counts[kind]) if counts else ""


def _cut(lines: Sequence[str], is_data: Sequence[bool], wide: int) -> AlignedPart:
    line_words = [words(line, wide) for line in lines]
    data_spans = _merge(sorted((s.start, s.end) for ws, data in zip(line_words, is_data) if data
                               for s in segments(ws)))
    others = [s for ws, data in zip(line_words, is_data) if not data for s in segments(ws)]
    widened = _widen(data_spans, others)
    header_gaps = _merge(sorted((s.start, s.end) for s in others if _overlap_index(s, widened) is None))
    spans = sorted(widened + header_gaps)
    data_spans = widened
    cells: list[list[str] | None] = []
    conflicts = 0
    for ws, data in zip(line_words, is_data):
        row = [""] * len(spans)
        owner: list[int | None] = [None] * len(spans)  # the segment each cell's text came from
        fits = True
        for number, segment in enumerate(segments(ws)):
            for index, text in _placed(segment, ws, spans):
                if owner[index] is not None and owner[index] != number:
                    fits = False
                owner[index] = number
                row[index] = f"{row[index]} {text}".strip()
        conflicts += not fits
        cells.append(row if fits or not data else None)
    return AlignedPart(cells, spans, data_spans, conflicts=conflicts)


def _widen(spans: list[tuple[int, int]], header: Sequence[Word]) -> list[tuple[int, int]]:
    """Each column widened to the header text printed over it alone (``收入`` left-aligned over a
    right-aligned ``0.00``), twice, so the pieces of a header wrapped over lines follow."""
    widened = list(spans)
    for _ in range(2):
        for segment in header:
            touched = [i for i, (start, end) in enumerate(widened)
                       if min(end, segment.end) > max(start, segment.start)]
            if len(touched) == 1:
                start, end = widened[touched[0]]
                widened[touched[0]] = (min(start, segment.start), max(end, segment.end))
    return widened


def _placed(segment: Word, line_words: Sequence[Word], spans: Sequence[tuple[int, int]]) -> list[tuple[int, str]]:
    """``(span, text)`` of a segment: whole in the one span it overlaps (a header label wider than
    its column's figures, ``功能分 类科目 编码``), else word by word (``基本支出 项目支出``)."""
    touched = [i for i, (start, end) in enumerate(spans) if min(end, segment.end) > max(start, segment.start)]
    if len(touched) <= 1:
        return [(touched[0] if touched else _nearest(segment, spans), segment.text)]
    placed = []
    for word in (w for w in line_words if segment.start <= w.start and w.end <= segment.end):
        index = _overlap_index(word, spans)
        placed.append((index if index is not None else _nearest(word, spans), word.text))
    return placed


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching ranges joined."""
    merged: list[tuple[int, int]] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap_index(word: Word, spans: Sequence[tuple[int, int]]) -> int | None:
    """The span ``word`` overlaps most (the leftmost of equals), ``None`` when it overlaps none."""
    best, best_overlap = None, 0
    for index, (start, end) in enumerate(spans):
        overlap = min(end, word.end) - max(start, word.start)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def _nearest(word: Word, spans: Sequence[tuple[int, int]]) -> int:
    def distance(span: tuple[int, int]) -> int:
        return max(span[0] - word.end, word.start - span[1], 0)

    return min(range(len(spans)), key=lambda i: distance(spans[i]))
