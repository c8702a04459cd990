"""Characters → words → printed lines, and the text of one table cell on one line.

Words are made as pdfplumber made them (its ``extract_words``, with the same tolerances), so the
line model stays what it was:

- characters are taken in content order, in runs of the same orientation (and, for text outside
  tables, the same font size); a run's characters are grouped into lines whose ``top`` values lie
  within :data:`Y_TOLERANCE` of each other, each line read left to right;
- a word ends at a printed space, where the next character starts left of the previous one, more
  than :data:`X_TOLERANCE` after its end, or more than :data:`Y_TOLERANCE` above or below it.

:func:`text_lines` then puts the words of a page on printed lines by vertical overlap (so a year
set in another font a little lower stays in its sentence); :func:`cell_text` writes a cell's words
on one line (wrapped lines joined, letter-spaced CJK closed up).
"""

from __future__ import annotations

import re
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from .chars import Char
from .model import TextLine

X_TOLERANCE = 3.0  # points between two characters of one word, less than
Y_TOLERANCE = 3.0  # points between the tops of two characters on one line, less than
# A distance that equals a tolerance (within TIE) counts as beyond it. pdfminer's coordinates carry
# float noise that decided such ties before; PDFium's are the printed values, so ties are real.
TIE = 1e-4
LINE_OVERLAP = 0.5  # share of the smaller height two words must share to be on one printed line
WORD_GAP = 0.2  # a gap wider than this share of the font size prints as a space
_new = tuple.__new__  # a Word made without the NamedTuple constructor's Python call
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")


class Word(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool


def words(chars: list[Char], by_size: bool = True) -> list[Word]:
    """The words of ``chars`` (in content order); runs of another size are never joined when ``by_size``."""
    out: list[Word] = []
    for (upright, *_), run in groupby(chars, _RUN_BY_SIZE if by_size else _RUN):
        run = list(run)
        if upright:
            tops = {ch.top for ch in run}
            if len(tops) == 1:  # one line: the usual run
                _split_upright(sorted(run, key=_X0) if len(run) > 1 else run, out)
                continue
            for line in _lines(run, tops, _TOP, _X0):
                _split_upright(line, out)
        else:
            for line in _lines(run, {ch.x0 for ch in run}, _X0, _TOP_BOTTOM):
                _split_turned(line, out)
    return out


_RUN = attrgetter("upright", "upright")
_RUN_BY_SIZE = attrgetter("upright", "size")
_TOP, _X0, _X1, _BOTTOM = attrgetter("top"), attrgetter("x0"), attrgetter("x1"), attrgetter("bottom")
_TOP_BOTTOM = attrgetter("top", "bottom")


def _clusters(values) -> dict[float, int]:
    """Each value's cluster: sorted values closer than the tolerance to their neighbour share one."""
    index: dict[float, int] = {}
    cluster, last = -1, None
    for value in sorted(values):
        if last is None or value > last + Y_TOLERANCE - TIE:
            cluster += 1
        index[value] = cluster
        last = value
    return index


def _lines(run: list[Char], positions: set[float], position, reading) -> list[list[Char]]:
    """A run's characters by line (clustered ``position``: ``top``, or ``x0`` for turned text), each line
    in reading order."""
    cluster = _clusters(positions)
    lines: dict[int, list[Char]] = {}
    for ch in run:
        lines.setdefault(cluster[position(ch)], []).append(ch)
    return [sorted(lines[k], key=reading) for k in sorted(lines)]


def _split_upright(line: list[Char], out: list[Word]) -> None:
    """A line's words, read left to right: a word ends at a space, a step back, a gap or a jump in height."""
    text: list[str] = []
    x0 = x1 = top = bottom = size = last_x0 = last_x1 = last_top = 0.0
    for ch in line:
        if ch.text.isspace():
            if text:
                out.append(_new(Word, ("".join(text), x0, x1, top, bottom, size, True)))
                text = []
            continue
        if text and (ch.x0 < last_x0 or ch.x0 > last_x1 + X_TOLERANCE - TIE
                     or abs(ch.top - last_top) > Y_TOLERANCE - TIE):
            out.append(_new(Word, ("".join(text), x0, x1, top, bottom, size, True)))
            text = []
        if text:
            if ch.x1 > x1:
                x1 = ch.x1
            if ch.top < top:
                top = ch.top
            if ch.bottom > bottom:
                bottom = ch.bottom
        else:
            x0, x1, top, bottom, size = ch.x0, ch.x1, ch.top, ch.bottom, ch.size
        text.append(_LIGATURES.get(ch.text, ch.text))
        last_x0, last_x1, last_top = ch.x0, ch.x1, ch.top
    if text:
        out.append(_new(Word, ("".join(text), x0, x1, top, bottom, size, True)))


def _split_turned(line: list[Char], out: list[Word]) -> None:
    """The words of a line of turned characters, read top to bottom."""
    current: list[Char] = []
    for ch in line:
        if ch.text.isspace():
            if current:
                out.append(_word(current))
                current = []
            continue
        if current:
            last = current[-1]
            if (ch.top < last.top or ch.top > last.bottom + Y_TOLERANCE - TIE
                    or abs(ch.x0 - last.x0) > X_TOLERANCE - TIE):
                out.append(_word(current))
                current = []
        current.append(ch)
    if current:
        out.append(_word(current))


def _word(chars: list[Char]) -> Word:
    return Word("".join(_LIGATURES.get(ch.text, ch.text) for ch in chars),
                min(ch.x0 for ch in chars), max(ch.x1 for ch in chars),
                min(ch.top for ch in chars), max(ch.bottom for ch in chars), chars[0].size, chars[0].upright)


def text_lines(page_words: list[Word]) -> list[TextLine]:
    """Words grouped into printed lines by vertical overlap, each line's words in x order."""
    lines: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    for word in sorted(page_words, key=lambda w: (w.top, w.x0)):
        height = max(word.bottom - word.top, 0.1)
        best, best_share = None, 0.0
        for index in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            top, bottom = bands[index]
            overlap = min(bottom, word.bottom) - max(top, word.top)
            share = overlap / min(height, bottom - top or 0.1)
            if share > best_share:
                best, best_share = index, share
        if best is not None and best_share >= LINE_OVERLAP:
            lines[best].append(word)
        else:
            lines.append([word])
            bands.append((word.top, word.bottom))
    out = []
    for line in lines:
        line.sort(key=_X0)
        text = line[0].text
        for previous, word in zip(line, line[1:]):
            gap = word.x0 - previous.x1
            size = min(previous.size or 10, word.size or 10)
            text += (" " if gap > WORD_GAP * size else "") + word.text
        top = min(map(_TOP, line))
        box = (line[0].x0, top, max(map(_X1, line)), max(map(_BOTTOM, line)))
        out.append(TextLine(top, text.replace("\t", " "), box))
    return out


def cell_lines(chars: list[Char]) -> str:
    """A cell's characters as printed: its lines (words clustered by ``top``) joined by newlines,
    the words of a line by spaces (pdfplumber's ``extract_text``)."""
    if not chars:
        return ""
    found = words(chars, by_size=False)
    if len(found) < 2:
        return found[0].text if found else ""
    lines: dict[int, list[str]] = {}
    cluster = _clusters({w.top for w in found})
    for word in found:
        lines.setdefault(cluster[word.top], []).append(word.text)
    return "\n".join(" ".join(lines[k]) for k in sorted(lines))


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
