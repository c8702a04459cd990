"""GX Data Docs that work with no network: what the pages load, served from the site itself.

GX 1.24 renders every page with stylesheets, scripts and logos from CDNs (Bootstrap, jQuery,
bootstrap-table, Font Awesome, Vega …): offline a page is unstyled, its icons and tables do not
work. Its page templates cannot be overridden (a file context's custom views are consulted after
GX's own), so :func:`make_offline` rewrites the pages after each build instead:

- copies ``expectations/plugins/custom_data_docs/static/vendor/`` (the npm packages' own dist
  files, listed with their licences in ``VENDORED.md`` there) into the site's ``static/vendor/``;
- points every CDN address of :data:`LOCAL` at that copy, relative to the page (pages sit at
  three depths), dropping the ``integrity``/``crossorigin`` attributes meant for the CDN copy;
- points the logos at the images GX copies into ``static/images/``;
- removes the Vega scripts (charts of profiling results, which bdw does not produce).

:func:`remote_references` lists what a page would still fetch from the network; the tests
require it to be empty and open the pages in Chromium with the network switched off.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

from ..settings import GX_ROOT

VENDOR = GX_ROOT / "plugins" / "custom_data_docs" / "static" / "vendor"
_S3 = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"
# CDN address GX 1.24 writes → the file under the site's static/ that replaces it
LOCAL = {
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css":
        "vendor/bootstrap-table/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js":
        "vendor/bootstrap-table/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css":
        "vendor/bootstrap-table/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.min.css":
        "vendor/bootstrap-table/bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/bootstrap-table-filter-control.min.js":
        "vendor/bootstrap-table/bootstrap-table-filter-control.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": "vendor/bootstrap/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": "vendor/bootstrap/bootstrap.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css":
        "vendor/bootstrap-datepicker/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js":
        "vendor/bootstrap-datepicker/bootstrap-datepicker.min.js",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css":
        "vendor/bootstrap-dark/bootstrap-prefers-dark.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": "vendor/fontawesome/css/all.min.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "vendor/jquery/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": "vendor/popper.js/popper.min.js",
    _S3 + "logo-long.png": "images/logo-long.png",
    _S3 + "full_logo_dark.png": "images/logo-long.png",
}
_ADDRESS = re.compile("|".join(re.escape(address) for address in sorted(LOCAL, key=len, reverse=True))
                      + r"""(?:\?[^"')\s]*)?""")
_CDN_ATTRIBUTES = re.compile(r"""\s+(?:integrity|crossorigin)="[^"]*\"""")
_VEGA = re.compile(r"""<script src="https://cdn\.jsdelivr\.net/npm/vega[^"]*"></script>\s*""")
# what a browser fetches by itself (stylesheets, scripts, images, frames, CSS url()); links a person clicks are not
_FETCHED = re.compile(r"""<(?:link|script|img|iframe|source)\b[^>]*?\b(?:href|src)\s*=\s*["']((?:https?:)?//[^"']+)"""
                      r"""|url\(\s*["']?((?:https?:)?//[^)"']+)""", re.IGNORECASE)


def _local_page(html: str, to_static: str) -> str:
    """``html`` with every known CDN address replaced by its copy under ``to_static`` and Vega removed."""
    html = _VEGA.sub("", html)
    html = re.sub(r"<(?:script|link)\b[^>]*>", lambda tag: _CDN_ATTRIBUTES.sub("", tag.group(0))
                  if _ADDRESS.search(tag.group(0)) else tag.group(0), html)
    return _ADDRESS.sub(lambda m: to_static + LOCAL[m.group(0).split("?", 1)[0]], html)


def make_offline(site: Path, since: float | None = None, vendor: Path = VENDOR) -> list[Path]:
    """Make the Data Docs under ``site`` load nothing from the network; returns the pages rewritten.

    The vendored files are copied into ``site/static/vendor/`` when missing or changed. Only pages
    written at or after ``since`` (a ``time.time()``; None: all) are read, the others were
    rewritten by an earlier call.
    """
    for source in sorted(p for p in vendor.rglob("*") if p.is_file()):
        target = site / "static" / "vendor" / source.relative_to(vendor)
        if not target.exists() or not filecmp.cmp(source, target, shallow=False):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    rewritten = []
    for page in sorted(site.rglob("*.html")):
        if since is not None and page.stat().st_mtime < since:
            continue
        html = page.read_text(encoding="utf-8")
        if not _ADDRESS.search(html) and not _VEGA.search(html):
            continue
        to_static = "../" * (len(page.relative_to(site).parts) - 1) + "static/"
        page.write_text(_local_page(html, to_static), encoding="utf-8")
        rewritten.append(page)
    return rewritten


def remote_references(page: Path) -> list[str]:
    """The network addresses ``page`` (HTML or CSS) makes a browser fetch when it is opened."""
    text = page.read_text(encoding="utf-8", errors="replace")
    return [first or second for first, second in _FETCHED.findall(text)]
