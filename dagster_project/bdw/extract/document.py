"""Reading a raw file into a :class:`SourceDocument`: bytes → hash → text → numbered lines.

Encodings accepted: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 (a superset of GBK
and GB2312). Line endings LF, CRLF or CR. Line numbers are 1-based and count the lines of the
raw file, so ``source_line`` always points at the printed figure.

A PDF (recognised by its ``%PDF-`` magic bytes, not its name) is read from its text layer by
:mod:`.pdf` into the same line model, one line per printed row, with the page of each line.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .source import RejectedFile, SourceDocument, normalize_text, sha256_of

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # below " ", but TAB, LF, FF and CR


def decode(data: bytes) -> tuple[str, str]:
    """Decode raw bytes; return ``(text, encoding)`` or raise :class:`RejectedFile`."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data[:65536]:
            raise RejectedFile("binary file (it contains NUL bytes): not a text document; convert it to text first")
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    # Neither decodes cleanly: accept UTF-8 with a few broken characters (they affect only
    # their own lines), reject anything worse.
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    if broken and broken <= max(8, len(text) // 1000):
        return text, "utf-8 (with replaced bytes)"
    raise RejectedFile(
        f"undecodable text: not valid UTF-8 or GB18030 ({broken} undecodable sequences); "
        "re-save the file as UTF-8"
    )


def split_lines(text: str) -> tuple[str, ...]:
    """The lines of ``text`` between LF, CRLF and CR breaks (a last empty line is no line)."""
    # str.split is ~10x the regex's speed; CRLF first, then a lone CR: the breaks the regex finds
    lines = text.split("\n") if "\r" not in text else text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(lines)


def read_capped(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes; :class:`RejectedFile` when it is over ``max_bytes`` (it is then not read)."""
    size = path.stat().st_size
    if size > max_bytes:
        raise RejectedFile(
            f"file is {size:,} bytes, over the size cap of {max_bytes:,} bytes (BDW_MAX_FILE_BYTES)"
        )
    return path.read_bytes()


def read_document(path: Path, raw_root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read one raw file. Raises :class:`RejectedFile` with a reason for anything unreadable."""
    return document_from_bytes(read_capped(path, max_bytes), path.relative_to(raw_root).as_posix())


def is_pdf(data: bytes) -> bool:
    """A PDF by its magic bytes (``%PDF-`` within the first KiB, as readers accept it), not by its name."""
    return b"%PDF-" in data[:1024]


def document_from_bytes(data: bytes, source_file: str) -> SourceDocument:
    """Build a :class:`SourceDocument` from bytes (the file's content) and its name under the raw folder."""
    if not data.strip():
        raise RejectedFile("empty file: it has no text")
    if is_pdf(data):
        from .pdf import read_pdf  # the PDF library is imported only when a PDF arrives

        return read_pdf(data, source_file)
    text, encoding = decode(data)
    if not text.strip():
        raise RejectedFile("empty file: it holds only white space")
    controls = len(_CONTROLS.findall(text, 0, 65536))
    if controls > max(4, len(text[:65536]) // 200):
        raise RejectedFile("binary file (control characters throughout): not a text document")
    return SourceDocument(
        source_file=source_file,
        sha256=sha256_of(data),
        encoding=encoding,
        lines=split_lines(normalize_text(text)),
    )
