"""Refusing a decompression bomb before PDFium parses the file.

Every stream of the file whose data is a zlib (Flate) stream is inflated, and the output thrown
away as it comes, counting its size; a zlib stream inside the output (``[/FlateDecode
/FlateDecode]``) is inflated in turn. When the streams of one file inflate to more than its cap
together, the file is rejected. The cap (:func:`inflation_cap`) is :data:`RATIO` times the file's
size, at least :data:`MIN_CAP` and at most :data:`MAX_INFLATED_BYTES`: real PDFs inflate to 1.5–7
times their size (the shared PDFs: Putuo's 3.6 MB to 5.6 MB, mostly its embedded fonts), and a
small bomb is caught after a small amount of work. zlib's ``max_length`` bounds every step, so the
check never holds more than :data:`_STEP` bytes of output, whatever the stream claims: a 0.5 MB
stream of zeros that would inflate to 512 MB is refused after inflating the first 50 MB.

Streams are found by their ``stream`` keyword and recognised by their zlib header, not by their
dictionary, so a misleading ``/Filter`` or ``/Length`` changes nothing. Streams of an encrypted
file are ciphertext and are not measured here (PDFium decrypts them only for a file that opens
without a password).
"""

from __future__ import annotations

import re
import zlib

from ..source import RejectedFile

RATIO = 100  # a file's streams may inflate to this many times its size ...
MIN_CAP = 32 * 2**20  # ... but always to 32 MiB ...
MAX_INFLATED_BYTES = 256 * 2**20  # ... and never beyond 256 MiB
_STEP = 4 * 2**20  # output bytes inflated per call, at most
_INPUT = 64 * 2**10  # compressed bytes fed per call
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


def inflation_cap(size: int) -> int:
    """The bytes the streams of a file of ``size`` bytes may inflate to together."""
    return min(MAX_INFLATED_BYTES, max(MIN_CAP, RATIO * size))


def check_streams(data: bytes, cap: int | None = None) -> int:
    """The bytes the file's Flate streams inflate to; :class:`RejectedFile` when over ``cap`` (by
    default :func:`inflation_cap` of the file's size)."""
    if cap is None:
        cap = inflation_cap(len(data))
    view = memoryview(data)
    total, position = 0, 0
    while (match := _STREAM.search(data, position)) is not None:
        start = match.end()
        if not _zlib_header(data, start):
            position = start
            continue
        inflated, used = _inflate(view, start, cap - total)
        total += inflated
        if total > cap:
            raise RejectedFile(
                f"compressed stream inflates beyond {cap // 2**20} MB (a decompression bomb?): the file's "
                f"streams pass that limit in the stream at byte {match.start():,} (a PDF may inflate to "
                f"{RATIO} times its size, at most {MAX_INFLATED_BYTES // 2**20} MB); not read")
        position = start + max(used, 1)
    return total


def _zlib_header(data: bytes, start: int) -> bool:
    if start + 2 > len(data):
        return False
    cmf, flg = data[start], data[start + 1]
    return cmf & 0x0F == 8 and cmf >> 4 <= 7 and (cmf * 256 + flg) % 31 == 0 and not flg & 0x20


def _inflate(view: memoryview, start: int, budget: int) -> tuple[int, int]:
    """Inflate the zlib stream at ``start`` (and a zlib stream it holds); the output size, counted up
    to just past ``budget``, and the compressed bytes the stream took."""
    outer = zlib.decompressobj()
    inner: list = [None]  # the decompressor of a Flate stream inside this one, once seen
    produced = 0
    fed = start
    first = True

    def count(chunk: bytes) -> int:
        nonlocal first
        if first and chunk:
            first = False
            if _zlib_header(chunk, 0):
                inner[0] = zlib.decompressobj()
        stage = inner[0]
        if stage is None:
            return len(chunk)
        size = 0
        try:
            out = stage.decompress(chunk, _STEP)
            size += len(out)
            while stage.unconsumed_tail and size <= budget:
                out = stage.decompress(stage.unconsumed_tail, _STEP)
                size += len(out)
        except zlib.error:
            inner[0] = None
        return size

    try:
        while fed < len(view) and not outer.eof and produced <= budget:
            block = view[fed:fed + _INPUT]
            fed += len(block)
            produced += count(outer.decompress(block, _STEP))
            while outer.unconsumed_tail and produced <= budget:
                produced += count(outer.decompress(outer.unconsumed_tail, _STEP))
    except zlib.error:
        return produced, fed - start
    used = fed - start - len(outer.unused_data) - len(outer.unconsumed_tail)
    return produced, used
