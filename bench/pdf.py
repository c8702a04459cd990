"""PDF reading, measured three ways in one run on the same PDFs: PDFium's floor, the old reader, bdw's reader.

    .venv/bin/python -m bench.pdf                   # the shared PDFs (../shared/pdf-samples)
    .venv/bin/python -m bench.pdf --rounds 7 a.pdf  # other PDFs, more rounds

- **floor**: PDFium's own character read, the least any reader of the text layer does: load each
  page and its text page, then every character's unicode and box (``FPDFText_GetUnicode`` and
  ``FPDFText_GetCharBox``), closing what it opened;
- **pdfplumber**: the previous reader (``bench/pdfplumber_reader.py``, pdfminer.six underneath);
- **bdw**: ``bdw.extract.pdf.read_pdf``, the line model with its boxes, the stream guard included.

Each round reads every PDF once with each reader, in turn (floor, bdw, pdfplumber), so a busy
machine slows all three alike; a reader's time is its best round, in wall-clock seconds and in CPU
seconds of this process (which other work on a shared machine does not inflate as much). It prints
pages per second and the ratios the issue asks for: bdw / pdfplumber (at least 10) and bdw's time
over the floor's (at most 3), both ways.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import sys
import time
from pathlib import Path

import pypdfium2.raw as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dagster_project"))

from bdw.extract.pdf import read_pdf  # noqa: E402

from .pdfplumber_reader import read_pdf as read_pdf_pdfplumber  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "pdf-samples"


def pdfium_floor(data: bytes) -> int:
    """Every character's unicode and box on every page, with PDFium; returns the pages read."""
    doc = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    try:
        pages = pdfium.FPDF_GetPageCount(doc)
        for index in range(pages):
            page = pdfium.FPDF_LoadPage(doc, index)
            textpage = pdfium.FPDFText_LoadPage(page)
            for char in range(pdfium.FPDFText_CountChars(textpage)):
                pdfium.FPDFText_GetUnicode(textpage, char)
                pdfium.FPDFText_GetCharBox(textpage, char, left, right, bottom, top)
            pdfium.FPDFText_ClosePage(textpage)
            pdfium.FPDF_ClosePage(page)
        return pages
    finally:
        pdfium.FPDF_CloseDocument(doc)


def bdw_reader(data: bytes) -> int:
    return max(read_pdf(data, "bench.pdf").pages)


def pdfplumber_reader(data: bytes) -> int:
    return max(read_pdf_pdfplumber(data, "bench.pdf").pages)


READERS = {"floor": pdfium_floor, "bdw": bdw_reader, "pdfplumber": pdfplumber_reader}


def measure(paths: list[Path], rounds: int) -> dict:
    documents = [path.read_bytes() for path in paths]
    pages = sum(pdfium_floor(data) for data in documents)
    clocks = {"wall": time.perf_counter, "cpu": time.process_time}
    best = {clock: dict.fromkeys(READERS, float("inf")) for clock in clocks}
    for _ in range(rounds):
        for name, reader in READERS.items():
            started = {clock: now() for clock, now in clocks.items()}
            read = sum(reader(data) for data in documents)
            for clock, now in clocks.items():
                best[clock][name] = min(best[clock][name], now() - started[clock])
            assert read == pages, (name, read, pages)
    result: dict = {"pdfs": [path.name for path in paths], "pages": pages, "rounds": rounds}
    for clock, seconds in best.items():
        rate = {name: round(pages / spent, 1) for name, spent in seconds.items()}
        result[clock] = {
            "seconds": {name: round(spent, 4) for name, spent in seconds.items()},
            "pages_per_second": rate,
            "bdw_over_pdfplumber": round(rate["bdw"] / rate["pdfplumber"], 1),
            "bdw_time_over_floor": round(seconds["bdw"] / seconds["floor"], 2),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path, help="PDFs to read (default: the shared PDFs)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    paths = args.pdfs or sorted(SHARED.glob("*.pdf"))
    if not paths:
        raise SystemExit(f"no PDFs given and none in {SHARED}")
    print(json.dumps(measure(paths, args.rounds), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
