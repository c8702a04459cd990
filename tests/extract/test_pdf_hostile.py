"""Hostile PDFs: decompression bombs are refused before PDFium parses them, encrypted ones say so.

The PDFs are built here: :func:`one_page_pdf` writes a valid one-page PDF around a content stream
given already encoded, so the same builder makes the bomb and a small PDF PDFium reads.
"""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import pikepdf
import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.pdf.guard import MAX_INFLATED_BYTES, check_streams, inflation_cap
from bdw.extract.pipeline import process_file
from bdw.extract.source import RejectedFile

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "pdf-samples"
PUTUO = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"
TEXT = "BT /F1 12 Tf 72 720 Td (Budget disclosure: total 2,946.25) Tj 0 -20 Td (Second line 1,511.89) Tj ET"


def one_page_pdf(content: bytes, filters: str = "/FlateDecode") -> bytes:
    """A valid PDF of one A4 page whose content stream is ``content`` (already encoded by ``filters``)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} /Filter [{filters}] >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def zeros_stream(megabytes: int) -> bytes:
    """A zlib stream of ``megabytes`` MiB of zero bytes (a multiple of 16), built from one compressed
    16 MiB block repeated: about 1 KB per MiB, in a fraction of a second."""
    block = bytes(16 << 20)
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_SYNC_FLUSH)
    steady = compressor.compress(block) + compressor.flush(zlib.Z_SYNC_FLUSH)
    size = megabytes << 20
    adler = ((size % 65521) << 16) | 1  # adler32 of `size` zero bytes
    return first + steady * (megabytes // 16 - 1) + b"\x03\x00" + struct.pack(">I", adler)


def test_the_zeros_stream_is_what_it_says():
    data = zeros_stream(64)
    out = zlib.decompress(data)
    assert len(out) == 64 << 20 and not any(out[:: 1 << 16]) and out.count(0) == len(out)


def test_a_small_pdf_from_the_same_builder_is_read():
    doc = document_from_bytes(one_page_pdf(zlib.compress(TEXT.encode())), "small.pdf")
    assert doc.lines == ("Budget disclosure: total 2,946.25", "Second line 1,511.89")
    assert doc.pages == (1, 1)


def _refused(data: bytes) -> tuple[str, float]:
    """The reason ``data`` is rejected and the CPU seconds it took (CPU time: other work on a shared
    machine does not count)."""
    started = time.process_time()
    with pytest.raises(RejectedFile) as rejected:
        document_from_bytes(data, "bomb.pdf")
    return rejected.value.reason, time.process_time() - started


def test_a_decompression_bomb_is_refused_in_well_under_a_second():
    bomb = one_page_pdf(zeros_stream(512))  # 512 MiB of zeros in a 0.5 MB file
    assert len(bomb) < 600_000
    reason, seconds = _refused(bomb)
    assert reason.startswith(f"compressed stream inflates beyond {inflation_cap(len(bomb)) // 2**20} MB "
                             "(a decompression bomb?)"), reason
    assert seconds < 0.5, f"refused after {seconds:.2f} s of CPU"


def test_a_bomb_padded_to_a_large_file_is_refused_at_the_ceiling():
    bomb = one_page_pdf(zeros_stream(512)) + b"%" + bytes(range(32, 127)) * 40_000 + b"\n"  # 4.3 MB
    assert inflation_cap(len(bomb)) == MAX_INFLATED_BYTES
    reason, seconds = _refused(bomb)
    assert reason.startswith(f"compressed stream inflates beyond {MAX_INFLATED_BYTES // 2**20} MB"), reason
    assert seconds < 1.0, f"refused after {seconds:.2f} s of CPU"


def test_a_bomb_inside_a_flate_stream_is_refused_too():
    nested = zlib.compress(zeros_stream(512), 9)  # [/FlateDecode /FlateDecode]: a few KB
    assert len(nested) < 20_000
    with pytest.raises(RejectedFile, match=r"decompression bomb"):
        document_from_bytes(one_page_pdf(nested, "/FlateDecode /FlateDecode"), "nested.pdf")


@pytest.mark.skipif(not PUTUO.exists(), reason="../shared/pdf-samples is not beside the clone")
def test_the_cap_is_far_above_what_real_pdfs_inflate_to():
    for path in sorted(SAMPLES.glob("*.pdf")):
        data = path.read_bytes()
        inflated = check_streams(data)
        assert 0 < inflated < 10 * len(data) < inflation_cap(len(data)) / 5, (path.name, inflated)
    assert check_streams(PUTUO.read_bytes()) == 5_559_593  # its embedded fonts, mostly: 5.6 MB from 3.6 MB


def test_a_bomb_in_the_raw_folder_is_a_rejected_file(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "bomb.pdf").write_bytes(one_page_pdf(zeros_stream(512)))
    outcome = process_file(raw / "bomb.pdf", raw)
    assert "decompression bomb" in outcome.rejection and outcome.document_id is None


def _encrypted(tmp_path: Path, user: str) -> bytes:
    target = tmp_path / f"encrypted_{bool(user)}.pdf"
    with pikepdf.open(PUTUO) as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(user=user, owner="owner-secret", R=6))
    return target.read_bytes()


@pytest.mark.skipif(not PUTUO.exists(), reason="../shared/pdf-samples is not beside the clone")
def test_a_pdf_that_needs_a_password_is_rejected_as_encrypted(tmp_path):
    data = _encrypted(tmp_path, user="reader-secret")
    with pytest.raises(RejectedFile, match=r"^encrypted \(password required\)"):
        document_from_bytes(data, "locked.pdf")


@pytest.mark.skipif(not PUTUO.exists(), reason="../shared/pdf-samples is not beside the clone")
def test_a_pdf_the_empty_password_opens_is_read_normally(tmp_path):
    data = _encrypted(tmp_path, user="")
    assert b"/Encrypt" in data
    doc = document_from_bytes(data, "owner_locked.pdf")
    plain = document_from_bytes(PUTUO.read_bytes(), "putuo.pdf")
    assert doc.lines == plain.lines and doc.pages == plain.pages


@pytest.mark.skipif(not PUTUO.exists(), reason="../shared/pdf-samples is not beside the clone")
def test_a_pdf_cut_short_is_rejected_or_read_as_far_as_it_goes():
    data = PUTUO.read_bytes()
    for size in (200, 50_000, len(data) // 2):
        try:
            doc = document_from_bytes(data[:size], "cut.pdf")
        except RejectedFile as rejected:
            assert rejected.reason.startswith(("unreadable PDF", "scanned PDF")), rejected.reason
        else:
            assert len(doc.lines) == len(doc.pages) == len(doc.boxes)
