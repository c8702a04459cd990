"""PDFs built for tests: a text rendering (the line model of ``data/raw``) printed as a real PDF.

Headless Chromium prints an HTML page to PDF on landscape A4 (the widest tables, 04 of the 2024
template, fit the page as they do in published documents), as a department's office software would: tab rows
become ruled tables (their borders are vector lines a PDF reader finds), other lines become
paragraphs, and a form feed (``\\f``) or a line ``<<page>>`` starts a new page. So a document we
derive from a sample, with a problem injected, can be read back through the PDF path too.

``.ci/run`` installs Chromium and a CJK font (fonts-wqy-microhei); without Chromium the tests that
need it fail with the command to install it.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

PAGE_BREAK = "<<page>>"
_STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; font-size: 11pt; }
table { border-collapse: collapse; margin: 6px 0; }
td { border: 0.8px solid #000; padding: 2px 6px; white-space: nowrap; }
p { margin: 2px 0; }
.page { page-break-after: always; }
"""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("chromium is not installed: as root run `apt-get update && apt-get install -y chromium "
                    "fonts-wqy-microhei` (.ci/run does this)")
    return path


def html_to_pdf(page: str) -> bytes:
    """The PDF headless Chromium prints for an HTML page (no header or footer)."""
    with tempfile.TemporaryDirectory(prefix="bdw-pdf-") as tmp:
        source, target = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        source.write_text(page, encoding="utf-8")
        subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={tmp}/profile",
             "--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()],
            check=True, capture_output=True, timeout=120,
        )
        return target.read_bytes()


def text_to_html(text: str) -> str:
    """A text rendering as HTML: runs of tab rows → one ruled table, other lines → paragraphs."""
    body: list[str] = []
    rows: list[list[str]] = []

    def close_table() -> None:
        if rows:
            width = max(len(r) for r in rows)
            body.append("<table>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in r + [""] * (width - len(r))) + "</tr>"
                for r in rows) + "</table>")
            rows.clear()

    for line in text.replace("\f", f"\n{PAGE_BREAK}\n").split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        close_table()
        if line.strip() == PAGE_BREAK:
            body.append('<div class="page"></div>')
        elif line.strip():
            body.append(f"<p>{html.escape(line.strip())}</p>")
    close_table()
    return f'<html><head><meta charset="utf-8"><style>{_STYLE}</style></head><body>{"".join(body)}</body></html>'


def text_to_pdf(text: str) -> bytes:
    """A text rendering printed as a PDF with ruled tables."""
    return html_to_pdf(text_to_html(text))
