"""Page chrome, escaping, tables and inline SVG bar charts for the reports; standard library only.

Every piece of text that comes from a document goes through ``esc``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from html import escape
from pathlib import Path

STYLE = """
body { font: 14px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1a202c;
       margin: 0; background: #f7fafc; }
header { background: #2c5282; color: #fff; padding: 20px 32px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; opacity: .85; }
main { padding: 8px 32px 32px; max-width: 1100px; }
section { background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: 12px 20px; margin-top: 20px; }
h2 { font-size: 18px; margin: 4px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #edf2f7; vertical-align: top; }
th { background: #edf2f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note, .empty { color: #4a5568; }
.empty { font-style: italic; padding: 12px; background: #f7fafc; border-radius: 4px; }
svg text { font-size: 12px; fill: #2d3748; }
"""

COLOURS = ("#3182ce", "#dd6b20", "#38a169", "#805ad5")
LABEL_WIDTH, BAR_WIDTH, TEXT_WIDTH = 230, 460, 200
BAR_HEIGHT, GROUP_GAP = 16, 10


_SPECIAL = re.compile("[&<>\"']")  # what html.escape replaces


def esc(value) -> str:
    """``value`` as HTML text; most text (Chinese prose, figures) has nothing to escape and is returned as is
    (a report page escapes some 500 pieces: five replacements each were a fifth of writing it)."""
    text = "" if value is None else value if type(value) is str else str(value)
    return escape(text) if _SPECIAL.search(text) else text


def page(title: str, subtitle: str, sections: Sequence[str]) -> str:
    return (f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head>\n<body>"
            f"<header><h1>{esc(title)}</h1><p>{esc(subtitle)}</p></header>\n<main>{''.join(sections)}</main>"
            f"</body></html>\n")


def section(title: str, body: str, note: str = "") -> str:
    note_html = f'<p class="note">{esc(note)}</p>' if note else ""
    return f"\n<section><h2>{esc(title)}</h2>{note_html}{body}</section>"


def empty(message: str) -> str:
    return f'<p class="empty">{esc(message)}</p>'


def table(headers: Sequence[str], rows: Sequence[Sequence]) -> str:
    def cell(value) -> str:
        numeric = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
        return f'<td class="num">{esc(value)}</td>' if numeric else f"<td>{esc(value)}</td>"

    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(map(cell, row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _clip(label: str, limit: int = 18) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(groups: Sequence[tuple[str, Sequence[tuple[float | None, str]]]], series: Sequence[str],
              maximum: float | None = None, title: str = "", colours: Sequence[str] = COLOURS) -> str:
    """Horizontal bars: per group label one bar per series, each bar a (value, text shown beside it).

    ``maximum`` fixes the full bar length (1 for shares); otherwise the largest value fills it.
    A missing value (None) draws no bar, only its text. ``colours``: one per series, in order.
    """
    values = [value for _, bars in groups for value, _ in bars if value is not None]
    top = maximum or max(values, default=0) or 1
    legend_height = 22 if len(series) > 1 else 0
    group_height = len(series) * BAR_HEIGHT + GROUP_GAP
    width, height = LABEL_WIDTH + BAR_WIDTH + TEXT_WIDTH, legend_height + len(groups) * group_height
    parts = []
    for i, name in enumerate(series if legend_height else ()):
        x = LABEL_WIDTH + i * 120
        parts.append(f'<rect class="legend" x="{x}" y="4" width="12" height="12" fill="{colours[i % len(colours)]}"/>'
                     f'<text x="{x + 16}" y="15">{esc(name)}</text>')
    for g, (label, bars) in enumerate(groups):
        y = legend_height + g * group_height
        middle = y + len(series) * BAR_HEIGHT / 2 + 4
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{middle:.0f}" text-anchor="end">'
                     f"<title>{esc(label)}</title>{esc(_clip(label))}</text>")
        for s, (value, text) in enumerate(bars):
            bar_y = y + s * BAR_HEIGHT
            length = max(0.0, float(value) / float(top) * BAR_WIDTH) if value is not None else 0.0
            if value is not None:
                parts.append(f'<rect class="bar" x="{LABEL_WIDTH}" y="{bar_y}" width="{length:.1f}" '
                             f'height="{BAR_HEIGHT - 3}" fill="{colours[s % len(colours)]}">'
                             f"<title>{esc(label)} · {esc(series[s])}: {esc(text)}</title></rect>")
            parts.append(f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{bar_y + BAR_HEIGHT - 5}">{esc(text)}</text>')
    return (f'<svg class="chart" role="img" aria-label="{esc(title)}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')


# --- one label per document kind, amounts as printed ---------------------------------------------

KINDS = {"final_account": "部门决算", "budget": "部门预算", "performance_report": "绩效自评"}


def kind_label(kind: str | None) -> str:
    """The one Chinese label every page uses for a document kind."""
    return KINDS.get(kind or "", kind or "—")


def money(value, unit: str | None = "元", decimals: int | None = 2) -> str:
    """An amount held in 元 shown as printed: in ``unit`` (万元 ÷ 10,000), ``decimals`` decimals, thousands
    separators (``1,292,095.92``; ``2,106.66`` for 万元)."""
    if value is None:
        return "—"
    amount = Decimal(value) / 10000 if unit == "万元" else Decimal(value)
    return f"{amount:,.{2 if decimals is None else decimals}f}"


# --- a table a browser sorts, filters and pages (10,000 rows open at once) -----------------------

STATIC = Path(__file__).with_name("static")


@cache
def static(name: str) -> str:
    """A script or style sheet of ``present/static``, inlined into the pages (they work offline, alone)."""
    return (STATIC / name).read_text(encoding="utf-8")




def _json(value) -> str:
    """JSON safe to embed in a ``<script>`` element: no ``<`` at all (``\\u003c``), so nothing can close it."""
    return json.dumps(value, ensure_ascii=False, default=str).replace("<", "\\u003c")


def json_script(element_id: str, value) -> str:
    """``value`` as a JSON data element a page's script reads (``JSON.parse(…textContent)``)."""
    return f'<script type="application/json" id="{esc(element_id)}">{_json(value)}</script>'


def data_table(table_id: str, columns: Sequence[dict], rows: Sequence[dict], *, sort: str, descending: bool = True,
               search: Sequence[str] = (), filters: Sequence[tuple[str, str]] = (), page_size: int = 100) -> str:
    """A table drawn in the browser from embedded JSON: sortable by any column, searchable, filtered by
    the ``filters`` (key, label) selects, ``page_size`` rows a page. ``columns``: dicts with ``key``,
    ``label`` and optionally ``numeric``, ``cls`` (a CSS class), ``link`` (the key holding the cell's href).
    Text is set with textContent, so document text is never markup."""
    selects = "".join(
        f'<select data-key="{esc(key)}"><option value="">{esc(label)}: all</option>'
        + "".join(f'<option value="{esc(v)}">{esc(v)}</option>'
                  for v in sorted({str(row.get(key)) for row in rows if row.get(key) is not None}))
        + "</select>" for key, label in filters)
    head = "".join(f"<th>{esc(column['label'])}</th>" for column in columns)
    spec = {"columns": list(columns), "sort": sort, "dir": -1 if descending else 1, "search": list(search),
            "pageSize": page_size}
    return (f'<style>{static("data_table.css")}</style><div class="data-table" id="{esc(table_id)}">'
            f'<div class="controls"><input class="search" type="search" placeholder="search 搜索">{selects}</div>'
            f"<table><thead><tr>{head}</tr></thead><tbody></tbody></table>"
            '<div class="pager"><button class="prev">‹ previous</button><span class="count"></span>'
            '<button class="next">next ›</button></div></div>'
            + json_script(f"{table_id}-spec", spec) + json_script(f"{table_id}-data", list(rows))
            + f"<script>{static('data_table.js')}({_json(table_id)});</script>")
