"""Prose as the readers see it: lines joined into paragraphs, paragraphs cut into sentences.

A PDF (and a text rendering of one) wraps a paragraph over several lines; a paragraph runs until a
line ends with 。！？：； (or is a short heading), or an enumerated item (``1、``, ``（二）``) starts.
Tab lines are table rows, never prose. Each sentence keeps the line of every character, so a
figure read from it is traced to the line it was printed on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .numbers import clean_cell
from .source import SourceDocument

_TAGS = re.compile(r"<[^>]+>")
_SENTENCE_END = "。！？!?"
_SENTENCE = re.compile(f"[^{_SENTENCE_END}]*[{_SENTENCE_END}]|[^{_SENTENCE_END}]+$")
_PARAGRAPH_END = "。！？!?：:；;"
_ENUMERATOR = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.．、](?!\d))")

Sentence = tuple[str, str, list[int]]  # as printed, for matching, the line of each character


def without_tags(text: str) -> str:
    """A line with its markup tags (``<b>``) removed and nothing else changed (indentation kept)."""
    return _TAGS.sub("", text)


@lru_cache(maxsize=1 << 16)  # each line is read by several readers of a document
def strip_markup(text: str) -> str:
    """A line's text as printed, without tags (``<b>``), markdown emphasis and outer spaces."""
    return _TAGS.sub("", text).replace("\u3000", " ").strip("#* \t")


def paragraphs(doc: SourceDocument, start: int, end: int | None) -> Iterator[list[tuple[int, str]]]:
    """Runs of ``(line, text as printed)`` that form one paragraph (wrapped lines joined again)."""
    paragraph: list[tuple[int, str]] = []
    open_ended = False
    for number, raw in doc.numbered(start, end):
        if "\t" in raw:  # a table inside the section (scorecards): not prose
            continue
        text = strip_markup(raw)
        if not text:
            continue
        heading = raw.lstrip().startswith("#") or (len(text) <= 40 and not any(p in text for p in "，,。"))
        if paragraph and not (open_ended and not _ENUMERATOR.match(clean_cell(text))):
            yield paragraph
            paragraph = []
        paragraph.append((number, text))
        open_ended = not heading and text[-1] not in _PARAGRAPH_END
    if paragraph:
        yield paragraph


def _matchable(text: str) -> str:
    """The text with full-width digits and marks made ASCII, character for character."""
    cleaned = clean_cell(text)
    return cleaned if len(cleaned) == len(text) else text


def split_sentences(paragraph: list[tuple[int, str]]) -> list[Sentence]:
    """The sentences of one paragraph (cut at 。！？), each with the line of every character."""
    text, lines = "", []
    for number, line_text in paragraph:
        if text and text[-1].isdigit() and line_text[0].isdigit():
            text, lines = text + " ", [*lines, number]
        text += line_text
        lines.extend([number] * len(line_text))
    out = []
    for piece in _SENTENCE.finditer(text):  # up to and with each 。！？, and what follows the last
        begin, end = piece.span()
        offset = begin + len(piece.group()) - len(piece.group().lstrip())
        sentence = text[offset:end].rstrip()
        if sentence:
            out.append((sentence, _matchable(sentence), lines[offset : offset + len(sentence)]))
    return out


def sentences(doc: SourceDocument, start: int, end: int | None) -> Iterator[Sentence]:
    """``(sentence as printed, sentence for matching, line of each character)`` of lines ``start`` … ``end``."""
    for paragraph in paragraphs(doc, start, end):
        yield from split_sentences(paragraph)


@lru_cache(maxsize=4)
def document_sentences(doc: SourceDocument) -> tuple[Sentence, ...]:
    """Every sentence of the document, split once however many readers go through them (a few per document)."""
    return tuple(sentences(doc, 1, None))
