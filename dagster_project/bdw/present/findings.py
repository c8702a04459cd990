"""The data-quality report a person reads: which published documents contradict themselves.

``write_report(warehouse, out_dir)`` writes ``index.html`` (documents ranked by failed checks) and
one page per document (``<document_id>.html``): its scorecard, every finding with the reported and
computed figures side by side, the tolerance, and the printed lines quoted from the raw file; and
what it says about other documents of its department and what they say about it (family
cross_document), each with a link to the other document's page and its line quoted from its file.
Self-contained pages (inline CSS and SVG); the warehouse is opened read-only. ``bdw check``
(:mod:`.check`) writes the same pages (:func:`document_page`, :func:`index_page`) for the
documents it checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from ..extract.document import document_from_bytes
from ..extract.source import RejectedFile
from ..extract.workers import die_with_parent
from ..warehouse.build import published_build
from ..warehouse.connection import connect
from . import regions
from .html import bar_chart, data_table, empty, esc, kind_label, money, page, section, table
from .regions import line_numbers

REPORTED_BUILD = ".built_from"  # the build (run id) the report was written from
# the families of the rule catalogue, in the order a document's scorecard lists them; a family not
# named here (a new one in dbt/seeds/dq_rule.csv) follows them under its own name
FAMILY_NAMES = {"document": "文档", "table": "表内", "cross_table": "表间", "narrative": "说明与表",
                "performance": "绩效自评", "cross_document": "跨文档"}


def _families(results: list[dict], coverage: list[dict]) -> list[str]:
    present = {row["check_family"] for row in (*results, *coverage) if row.get("check_family")}
    return [f for f in FAMILY_NAMES if f in present] + sorted(present - FAMILY_NAMES.keys())
OUTCOME_NAMES = {"other_not_loaded": "not evaluated: no such document loaded",
                 "not_printed_there": "not evaluated: the other document does not print it",
                 "statement_incomplete": "not evaluated: the statement's own figure is incomplete"}
STATUS_ORDER = {"fail": 0, "rounding": 1, "pass": 2}
STATUS_COLOURS = ("#c53030", "#d69e2e", "#2f855a")  # fail, rounding, pass: as the status words are printed
EXTRA_STYLE = """
<style>
.fail { color: #c53030; font-weight: 600; } .rounding { color: #b7791f; } .pass { color: #2f855a; }
pre.lines { background: #f7fafc; border-left: 3px solid #cbd5e0; padding: 6px 10px; margin: 4px 0 12px;
            white-space: pre-wrap; font-size: 12px; }
.finding { border-top: 1px solid #e2e8f0; padding-top: 8px; margin-top: 8px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #edf2f7; border-radius: 6px; padding: 8px 14px; min-width: 90px; }
.card b { display: block; font-size: 20px; }
.rule { color: #4a5568; font-size: 13px; margin: 2px 0; }
figure.region { margin: 6px 0; } figure.region img { max-width: 100%; border: 1px solid #cbd5e0; }
figure.region figcaption { color: #4a5568; font-size: 12px; }
</style>
"""


def _query(con, sql: str, params: Sequence | Mapping = ()) -> list[dict]:
    cursor = con.execute(sql, params if isinstance(params, Mapping) else list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# What a document's page shows, hashed in DuckDB: its findings, pass counts and coverage.
_PAGE_PRINTS = """
    with parts as (
        select r.document_id, concat_ws('|', 'r', r.check_id, r.row_key, r.column_key, r.status, r.message,
                                        r.source_line, r.part_source_lines, r.reported, r.computed, r.tolerance,
                                        q.rule_zh) as part
        from marts.dq_check_result r left join marts.dim_dq_rule q on r.check_id = q.check_id
        where r.status <> 'pass'
        union all
        select document_id, concat_ws('|', 'p', check_family, table_code, count(*))
        from marts.dq_check_result where status = 'pass' group by document_id, check_family, table_code
        union all
        select document_id, concat_ws('|', 'c', check_id, check_family, evaluated, not_evaluated)
        from marts.dq_check_coverage where not_evaluated > 0
        union all
        select document_id, concat_ws('|', 'e', table_code, source_line, expected, message)
        from marts.extraction_error
        union all
        select unnest([document_id, other_document_id]),
               concat_ws('|', 'x', document_id, check_id, statement_key, outcome, other_document_id, other_line,
                         other_yuan, stated_value)
        from marts.dq_cross_document
    )
    select document_id, md5(string_agg(part, chr(10) order by part)) from parts group by document_id
"""


# Every cross-document statement with both documents: who states it, about which document, where.
_CROSS = """
    select c.*, d.department_name, d.fiscal_year, d.document_kind, d.source_file,
           o.source_file as other_source_file
    from marts.dq_cross_document c
    join marts.dim_document d on c.document_id = d.document_id
    left join marts.dim_document o on c.other_document_id = o.document_id
"""


@dataclass
class Loaded:
    """What the report shows, read from the warehouse in one go."""

    documents: list[dict]
    results: list[dict]  # findings in full; passing checks as counts (``n``)
    coverage: list[dict]
    problems: list[dict]  # extraction errors: tables and passages that could not be read
    rejected: list[dict]  # files of the latest run that were rejected, with the reason
    cross: list[dict]  # cross-document statements with both documents (marts.dq_cross_document)


def _load_pages(warehouse: Path) -> tuple[list[dict], dict[str, str]]:
    """The documents and what each one's page shows (a hash): enough to know which pages to write."""
    with connect(warehouse) as con:
        return _query(con, _DOCUMENTS + " order by document_id"), dict(con.execute(_PAGE_PRINTS).fetchall())


_DOCUMENTS = "select document_id, source_file, department_name, fiscal_year, document_kind, reported_unit " \
             "from marts.dim_document where true"


def _load(warehouse: Path, only: Sequence[str] | None = None) -> Loaded:
    """Everything the pages and the index show; with ``only``, what the pages of those documents show (a
    shard of pages written by another process: no rejected files, which only the index shows)."""
    def of_shard(column: str = "document_id") -> str:
        """The condition that keeps the rows of ``only``'s documents (none without it)."""
        return "" if only is None else f" and {column} in (select unnest($only))"

    params = {} if only is None else {"only": list(only)}
    with connect(warehouse) as con:
        documents = _query(con, _DOCUMENTS + of_shard() + " order by document_id", params)
        # findings in full; passing checks only as counts (``n``): a large corpus has millions of them
        results = _query(con, "select r.*, q.rule_zh, 1 as n from marts.dq_check_result r left join marts.dim_dq_rule q"
                              " on r.check_id = q.check_id where r.status <> 'pass'" + of_shard("r.document_id"),
                         params)
        results += _query(con, "select document_id, check_family, table_code, status, count(*) as n from "
                               "marts.dq_check_result where status = 'pass'" + of_shard() + " group by all", params)
        coverage = _query(con, "select * from marts.dq_check_coverage where not_evaluated > 0" + of_shard(), params)
        problems = _query(con, "select document_id, table_code, source_line, expected, message from "
                               "marts.extraction_error where true" + of_shard()
                               + " order by document_id, source_line nulls last, table_code", params)
        rejected = [] if only is not None else _query(
            con, "select source_file, reason from marts.ingest_log where status = 'rejected' "
                 "and run_id = (select arg_max(run_id, logged_at) from marts.ingest_log) order by source_file")
        # a statement shows on the page of the document stating it and of the one it is about
        cross = _query(con, _CROSS + ("" if only is None else " where c.document_id in (select unnest($only))"
                                      " or c.other_document_id in (select unnest($only))"), params)
    return Loaded(documents, results, coverage, problems, rejected, cross)


def _counts(results: list[dict]) -> Counter:
    """Evaluations by status; a row of passing checks stands for ``n`` of them."""
    counts: Counter = Counter()
    for r in results:
        counts[r["status"]] += r["n"]
    return counts


def _line_number(n: int, pages: Mapping[int, int] | None) -> str:
    """A line's number as quoted: ``   12``, or ``p.3     12`` when the page of each line is known."""
    if not pages:
        return f"{n:>5}"
    return f"p.{pages[n]:<3} {n:>5}" if n in pages else f"{n:>11}"


def _quote(raw_lines: Sequence[str], numbers: list[int], limit: int = 12,
           pages: Mapping[int, int] | None = None) -> str:
    shown = sorted(set(n for n in numbers if 1 <= n <= len(raw_lines)))[:limit]
    if not shown:
        return ""
    body = "\n".join(f"{_line_number(n, pages)} │ {raw_lines[n - 1].rstrip()}" for n in shown)
    more = " …" if len(set(numbers)) > limit else ""
    return f'<pre class="lines">{esc(body)}{esc(more)}</pre>'


def _read_raw(raw_dir: Path | None, source_file: str | None) -> list[str]:
    """The lines of a raw file as the extraction numbered them (a PDF's printed rows read from its text
    layer, never its bytes; a text's lines); [] when there is no file to read."""
    if raw_dir is None or not source_file:
        return []
    path = raw_dir / source_file
    try:
        stat = path.stat()
    except OSError:
        return []
    return list(_raw_lines(path, stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=64)
def _raw_lines(path: Path, mtime_ns: int, size: int) -> tuple[str, ...]:
    """Read once per version of the file while its pages and those of the documents naming it are written
    (a page quotes its own lines and those of the documents it names); a few files kept, not every one:
    the lines of 10,000 documents held ~900 MB."""
    try:
        return document_from_bytes(path.read_bytes(), path.name).lines
    except (OSError, RejectedFile):
        return ()


def _fmt(value) -> str:
    """A figure with thousands separators and no trailing zeros it does not need (``1,292,095.92``, ``0.015``)."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value.normalize(), ",f")
    return str(value)


def _figures(r: dict) -> list[str]:
    """Reported, computed, difference and tolerance as the document printed them: in its unit (元 or
    万元), at its decimals (the tolerance at one more), thousands separated; a ratio in percent."""
    unit, decimals = r.get("reported_unit"), r.get("reported_decimals")
    values = [r["reported"], r["computed"], r["difference"], r["tolerance"]]
    if unit in ("元", "万元"):
        return [money(v, unit, (decimals if decimals is not None else 2) + (i == 3)) for i, v in enumerate(values)]
    if unit == "ratio":
        return ["—" if v is None else f"{Decimal(v) * 100:,.{2 + (i == 3)}f}%" for i, v in enumerate(values)]
    return [_fmt(v) for v in values]


def _unit(r: dict) -> str:
    unit = r.get("reported_unit")
    return unit if unit in ("元", "万元") else "%" if unit == "ratio" else "—"


_LINE_FIGURES = """
    select source_line, expenditure_type, fund_type, amount_yuan, reported_unit, reported_decimals
    from marts.fct_expenditure where document_id = $1
    union all
    select source_line, income_source, null, amount_yuan, reported_unit, reported_decimals
    from marts.fct_income where document_id = $1
    union all
    select source_line, side || ':' || fund_type, line_key, amount_yuan, reported_unit, reported_decimals
    from marts.fct_summary_line where document_id = $1
"""


def _pdf_regions(warehouse: Path, doc: dict, raw_dir: Path, out_dir: Path):
    """For a PDF document whose file is at hand: a function drawing a finding on its page, else None."""
    pdf = raw_dir / (doc["source_file"] or "")
    if not str(doc["source_file"] or "").lower().endswith(".pdf") or not pdf.is_file():
        return None
    with connect(warehouse) as con:
        boxes = regions.load_boxes(con, doc["document_id"])
        figures = con.execute(_LINE_FIGURES, [doc["document_id"]]).fetchall()
    if not boxes:
        return None
    by_line: dict[int, list[tuple]] = {}
    for line, first, second, amount, unit, decimals in figures:
        if amount is not None:
            by_line.setdefault(line, []).append(({first, second}, regions.printed(amount, unit, decimals)))

    def values(line: int, column: str | None) -> set:
        candidates = by_line.get(line, [])
        matching = {value for columns, value in candidates if column in columns}
        return matching or {value for _, value in candidates}

    def on_page(finding: dict, index: int) -> str:
        parts = {line: values(line, finding.get("column_key")) for line in line_numbers(finding["part_source_lines"])}
        marks = regions.marks_of(finding, boxes, parts)
        if not marks:
            return ""
        stem = f"{doc['document_id']}-{index:03d}"
        images = "".join(f'<figure class="region"><img src="regions/{esc(name)}" alt="page {page}">'
                         f"<figcaption>page {page} 第{page}页 · the reported figure in red, what it was compared "
                         f"with in blue</figcaption></figure>"
                         for page, name in regions.render(pdf, marks, out_dir / "regions", stem))
        read = sorted({box.line for box, _ in marks})
        quoted = "\n".join(f"{line:>5} │ p{boxes[line][0].page} │ " + " │ ".join(b.text for b in boxes[line])
                            for line in read)
        return images + f'<pre class="lines">{esc(quoted)}</pre>'

    return on_page


def _status(status: str) -> str:
    return f'<span class="{esc(status)}">{esc(status)}</span>'


def _chart_counts(results: list[dict], key: str, labels: dict | None = None, title: str = "") -> str:
    groups: dict[str, Counter] = {}
    for r in results:
        groups.setdefault(str(r[key] or "—"), Counter())[r["status"]] += r["n"]
    if not groups:
        return empty("no evaluations")
    rows = [((labels or {}).get(name, name), [(c["fail"], f"{c['fail']} fail"),
                                               (c["rounding"], f"{c['rounding']} rounding"),
                                               (c["pass"], f"{c['pass']} pass")])
            for name, c in sorted(groups.items())]
    return bar_chart(rows, series=["fail", "rounding", "pass"], title=title, colours=STATUS_COLOURS)


def _scorecard(results: list[dict], coverage: list[dict]) -> dict:
    counts = _counts(results)
    return {"evaluated": sum(counts.values()), "pass": counts["pass"], "rounding": counts["rounding"],
            "fail": counts["fail"], "not_evaluated": sum(int(c["not_evaluated"] or 0) for c in coverage)}


def _document_link(document_id: str | None, department: str | None, year, kind: str | None) -> str:
    label = f"{department or ''} {year or ''} {kind_label(kind)}".strip()
    if not document_id:
        return esc(label)
    return f'<a href="{esc(document_id)}.html">{esc(label)}</a>'


def _amount(value, unit: str | None) -> str:
    """A cross-document figure (held in 元, or a rate) in the unit its document prints it in."""
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{Decimal(value) * 100:,.2f}%"
    return f"{money(value, unit if unit in ('元', '万元') else '元')} {unit if unit in ('元', '万元') else '元'}"


def _cross_rows(rows: list[dict], outgoing: bool) -> str:
    """One row per statement: rule, what is stated (and where), the other document (linked), the outcome."""
    head = "".join(f"<th>{h}</th>" for h in ("rule 规则", "statement 陈述", "line", "stated 所述",
                                            "document 文件" if not outgoing else "other document 他文件",
                                            "its figure 他文件数", "its line", "outcome 结果"))
    body = []
    for r in sorted(rows, key=lambda r: (STATUS_ORDER.get(r["outcome"], 3), r["check_id"], r["source_line"] or 0)):
        if outgoing:
            other = (_document_link(r["other_document_id"], r["other_department_name"], r["other_fiscal_year"],
                                    r["other_document_kind"])
                     if r["other_document_id"] else esc(f"{r['other_fiscal_year']} "
                                                       f"{kind_label(r['other_document_kind'])} — not loaded"))
        else:
            other = _document_link(r["document_id"], r["department_name"], r["fiscal_year"], r["document_kind"])
        outcome = r["outcome"]
        shown = _status(outcome) if outcome in STATUS_ORDER else esc(OUTCOME_NAMES.get(outcome, outcome))
        body.append(f"<tr><td>{esc(r['check_id'])}</td><td>{esc(r['statement_label'])} · {esc(r['other_label'])}"
                    f"</td><td>{esc(r['source_line'])}</td>"
                    f"<td class=\"num\">{esc(_amount(r['stated_value'], r['stated_unit']))}</td><td>{other}</td>"
                    f"<td class=\"num\">{esc(_amount(r['other_yuan'], r['other_unit']))}</td>"
                    f"<td>{esc(r['other_line'] or '—')}</td><td>{shown}</td></tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _cross_findings(rows: list[dict], raw_dir: Path | None) -> str:
    """Each cross-document finding (fail or rounding) with both documents' lines quoted from their files."""
    blocks = []
    for r in sorted((r for r in rows if r["outcome"] in ("fail", "rounding")),
                    key=lambda r: (STATUS_ORDER[r["outcome"]], r["check_id"], r["source_line"] or 0)):
        stating = _read_raw(raw_dir, r["source_file"])
        other = _read_raw(raw_dir, r["other_source_file"])
        link = _document_link(r["other_document_id"], r["other_department_name"], r["other_fiscal_year"],
                              r["other_document_kind"])
        blocks.append(
            f'<div class="finding"><h3>{_status(r["outcome"])} · {esc(r["check_id"])}</h3>'
            f"<p>{esc(r['message'])}</p>"
            + _document_link(r["document_id"], r["department_name"], r["fiscal_year"], r["document_kind"])
            + _quote(stating, [r["source_line"]] if r["source_line"] else [])
            + link + _quote(other, [r["other_line"]] if r["other_line"] else []) + "</div>")
    return "".join(blocks)


def _other_quote(row: dict, raw_dir: Path | None) -> str:
    """The other document of a cross-document finding, linked, with its line quoted from its file."""
    link = _document_link(row["other_document_id"], row["other_department_name"], row["other_fiscal_year"],
                          row["other_document_kind"])
    lines = [row["other_line"]] if row["other_line"] else []
    return f"<p>other document 他文件: {link}</p>" + _quote(_read_raw(raw_dir, row["other_source_file"]), lines)


def _cross_section(doc: dict, cross: list[dict], raw_dir: Path | None) -> str:
    outgoing = [r for r in cross if r["document_id"] == doc["document_id"]]
    incoming = [r for r in cross if r["other_document_id"] == doc["document_id"]]
    if not outgoing and not incoming:
        return section("Cross-document 跨文件核对", empty("This document states no figure of another document, "
                                                        "and no loaded document states one of its figures."))
    checked = sum(1 for r in outgoing if r["outcome"] in STATUS_ORDER)
    body = (_cross_findings(outgoing + incoming, raw_dir)
            + "<h3>What this document states about other documents 本文件所述他文件数字</h3>"
            + (_cross_rows(outgoing, outgoing=True) if outgoing else empty("none"))
            + "<h3>What other documents state about this one 他文件所述本文件数字</h3>"
            + (_cross_rows(incoming, outgoing=False) if incoming else empty("none")))
    return section("Cross-document 跨文件核对", body,
                   note=f"{len(outgoing)} figures of other documents stated here, {checked} checked against a loaded "
                        f"document (same department identity, see marts.dim_department); {len(incoming)} figures of "
                        "this document stated by others. Fails and rounding differences first, each with both lines.")


def _problems(problems: list[dict]) -> str:
    if not problems:
        return empty("Every table and passage the document prints was read.")
    return table(["table 表", "line 行", "expected 应有", "what was found 问题"],
                 [[p["table_code"] or "—", p["source_line"] or "—", p["expected"], p["message"]] for p in problems])


def document_page(doc: dict, results: list[dict], coverage: list[dict], problems: list[dict], raw: Sequence[str],
                  pages: Mapping[int, int] | None = None, on_page=None, cross: Sequence[dict] | None = None,
                  raw_dir: Path | None = None) -> str:
    """A document's page: scorecard, what could not be read, charts, every finding with its figures and quoted
    lines, what was not evaluated.

    ``results``: its ``dq_check_result`` rows with ``rule_zh`` and ``n`` (how many evaluations a
    row stands for); ``problems``: its extraction errors (``table_code``, ``source_line``,
    ``expected``, ``message``); ``raw``: its lines (``source_line`` n is ``raw[n - 1]``);
    ``pages``: the page of each line of a PDF, quoted beside the line; ``on_page`` (for a PDF whose
    boxes are in the warehouse) turns a finding into its page region and the lines read, in place of
    the quoted lines. ``cross`` (the warehouse's report): the ``dq_cross_document`` rows by or about
    it, shown in a section of their own with the other documents' lines quoted from their files
    under ``raw_dir``; None (``bdw check``, one document alone) shows no such section.
    """
    card = _scorecard(results, coverage)
    cards = "".join(f'<div class="card"><b>{card[k]}</b>{esc(label)}</div>' for k, label in (
        ("evaluated", "evaluated 已检查"), ("pass", "pass 一致"), ("rounding", "rounding 尾差"),
        ("fail", "fail 不符"), ("not_evaluated", "not evaluated 缺数")))
    family_rows = []
    for family in _families(results, coverage):
        fc = _scorecard([r for r in results if r["check_family"] == family],
                        [c for c in coverage if c["check_family"] == family])
        family_rows.append([f"{family} · {FAMILY_NAMES.get(family, family)}", fc["evaluated"], fc["pass"],
                            fc["rounding"], fc["fail"], fc["not_evaluated"]])
    sections = [section("Scorecard 检查概况", EXTRA_STYLE + f'<div class="cards">{cards}</div>'
                        + table(["family", "evaluated", "pass", "rounding", "fail", "not evaluated"], family_rows),
                        note=f"{doc['source_file']} · unit {doc['reported_unit']} · document {doc['document_id']}")]
    charts = (_chart_counts(results, "table_code", title="findings by table")
              + _chart_counts(results, "check_family", FAMILY_NAMES, title="findings by family"))
    sections.append(section("Findings by table and by family", charts,
                            note="table “—” = prose and scorecards"))
    findings = sorted((r for r in results if r["status"] != "pass"),
                      key=lambda r: (STATUS_ORDER[r["status"]], r["check_family"], r["check_id"],
                                     r["source_line"] or 0, r["row_key"] or "", r["column_key"] or ""))
    stated = {(c["check_id"], c["statement_key"]): c for c in cross or () if c["document_id"] == doc["document_id"]}
    if findings:
        blocks = []
        for r in findings:
            across = r["check_family"] == "cross_document"
            other = stated.get((r["check_id"], r["row_key"])) if across else None
            numbers = ([r["source_line"]] if r["source_line"] else []) + (
                [] if across else line_numbers(r["part_source_lines"]))
            blocks.append(
                f'<div class="finding"><h3>{_status(r["status"])} · {esc(r["check_id"])} '
                f'<small>({esc(r["check_family"])}, severity {esc(r["severity"])})</small></h3>'
                + (f'<p class="rule">rule 规则: {esc(r["rule_zh"])}</p>' if r.get("rule_zh") else "")
                + f"<p>{esc(r['message'])}</p>"
                + table(["reported 报告数", "computed 计算数", "difference 差额", "tolerance 容差", "unit 单位",
                         "reported line", "part lines"],
                        [[*_figures(r), _unit(r), r["source_line"] or "—", r["part_source_lines"] or "—"]])
                + (on_page(r, len(blocks)) if on_page else _quote(raw, numbers, pages=pages))
                + (_other_quote(other, raw_dir) if other else "") + "</div>")
        body = "".join(blocks)
    else:
        body = empty("No failed check and no rounding difference: every evaluated identity holds exactly.")
    sections.append(section("Findings 发现", body, note="Figures as the document printed them (its unit and "
                            "decimals); fails first, then rounding differences (尾数误差)."))
    if cross is not None:
        sections.append(_cross_section(doc, list(cross), raw_dir))
    missing = [[c["check_id"], c["check_family"], c["evaluated"], c["not_evaluated"]]
               for c in sorted(coverage, key=lambda c: (c["check_family"], c["check_id"])) if c["not_evaluated"]]
    sections.append(section("Not evaluated 未检查", table(["rule", "family", "evaluated", "not evaluated"], missing)
                            if missing else empty("Every rule found all the figures it needs."),
                            note="A rule is not evaluated when the total or one of its parts is not printed "
                                 "(or not extracted), or, across documents, when the other document is not loaded "
                                 "or does not print the figure; it is never compared against zero."))
    sections.insert(1, section("Not read 未能读取的表和段落", _problems(problems),
                               note="Tables or passages the extraction could not read; the checks that needed "
                                    "their figures are counted as not evaluated below."))
    return page(f"{doc['department_name'] or doc['document_id']} {doc['fiscal_year'] or ''} · data quality",
                f"{kind_label(doc['document_kind'])} · {doc['source_file']}", sections)


FAIL_BUCKETS = ((0, 0, "0"), (1, 1, "1"), (2, 5, "2–5"), (6, 20, "6–20"), (21, None, "more than 20"))


def _documents_by_fails(cards: dict[str, dict]) -> str:
    """How many documents have no failed check, one, a few, many: readable at any number of documents."""
    groups = []
    for low, high, label in FAIL_BUCKETS:
        count = sum(1 for card in cards.values() if card["fail"] >= low and (high is None or card["fail"] <= high))
        groups.append((f"{label} failed", [(count, f"{count:,} document{'' if count == 1 else 's'}")]))
    return bar_chart(groups, series=["documents"], title="documents by failed checks", colours=STATUS_COLOURS[:1])


def index_page(documents: list[dict], by_doc: dict, cov_by_doc: dict, problems: dict[str, int],
               rejected: list[dict]) -> str:
    """The documents in a table (sortable, searchable) linking to ``<document_id>.html``, the files not loaded."""
    cards = {d["document_id"]: _scorecard(by_doc.get(d["document_id"], []), cov_by_doc.get(d["document_id"], []))
             for d in documents}
    rows = [{"href": f"{d['document_id']}.html", "document": d["department_name"] or d["document_id"],
             "year": d["fiscal_year"], "kind": kind_label(d["document_kind"]),
             **{k: cards[d["document_id"]][k] for k in ("fail", "rounding", "pass", "not_evaluated")},
             "problems": problems.get(d["document_id"], 0), "file": d["source_file"]} for d in documents]
    columns = [{"key": "document", "label": "document 文档", "link": "href"}, {"key": "year", "label": "year 年度"},
               {"key": "kind", "label": "kind 类型"},
               {"key": "fail", "label": "fail 不符", "numeric": True, "cls": "fail"},
               {"key": "rounding", "label": "rounding 尾差", "numeric": True},
               {"key": "pass", "label": "pass 一致", "numeric": True},
               {"key": "not_evaluated", "label": "not evaluated 缺数", "numeric": True},
               {"key": "problems", "label": "extraction problems 解析问题", "numeric": True},
               {"key": "file", "label": "file 文件"}]
    listing = data_table("documents", columns, rows, sort="fail", search=("document", "file"),
                         filters=(("kind", "kind"), ("year", "year")))
    all_results = [r for rs in by_doc.values() for r in rs]
    not_loaded = (table(["file 文件", "reason 原因"], [[r["source_file"], r["reason"]] for r in rejected])
                  if rejected else empty("Every file of the latest run was loaded (or was already loaded)."))
    sections = [
        section("Documents 文档", EXTRA_STYLE + listing,
                note="Sort by any column, search, filter by kind and year. A fail is a published figure that "
                     "contradicts another beyond the rounding tolerance (XBRL Calculations 1.1: ±½ of the last "
                     "printed digit of each figure). Open a document for its findings with the printed lines; "
                     "extraction problems are tables or passages that could not be read."),
        section("Files not loaded 未载入的文件", not_loaded,
                note="Files of the latest run that were rejected, with the reason (marts.ingest_log)."),
        section("Documents by failed checks", _documents_by_fails(cards) if cards else empty("no documents")),
        section("All documents by family", _chart_counts(all_results, "check_family", FAMILY_NAMES,
                                                         title="evaluations by family")),
    ]
    return page("Data-quality report · 数据质量报告", f"{len(documents):,} documents · "
                f"{_counts(all_results)['fail']:,} failed checks", sections)


@cache
def _code_version() -> str:
    here = Path(__file__).resolve()
    sources = [here, here.with_name("html.py")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in sources if p.exists())).hexdigest()


def by_document(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["document_id"], []).append(row)
    return grouped


def _fingerprint(doc: dict, content: str | None) -> str:
    return hashlib.sha256(repr((_code_version(), sorted(doc.items()), content)).encode()).hexdigest()


PAGES_PER_PROCESS = 500  # pages to write before another process shares the work (it costs ~1 s to start)


def write_report(warehouse: Path, out_dir: Path, raw_dir: Path, workers: int = 1) -> Path:
    """Write ``out_dir/index.html`` and one page per document (quoting the raw files under ``raw_dir``).

    The pages to write are shared with up to ``workers - 1`` other processes, each writing at least
    :data:`PAGES_PER_PROCESS` of them from what it reads of the warehouse for those documents alone
    (:func:`render_shard`); this process writes its share and the index.
    """
    documents, prints = _load_pages(warehouse)
    out_dir.mkdir(parents=True, exist_ok=True)
    # A document's page changes only when its results, its coverage, the cross-document statements by or
    # about it, or this code do: after an incremental run only the pages of the new documents and of
    # those they talk with are rendered again (each quotes its raw file).
    manifest_path = out_dir / ".pages.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    fresh = {doc["document_id"]: _fingerprint(doc, prints.get(doc["document_id"])) for doc in documents}
    to_write = [doc for doc in documents if manifest.get(doc["document_id"]) != fresh[doc["document_id"]]
                or not (out_dir / f"{doc['document_id']}.html").exists()]
    shards = max(1, min(workers, len(to_write) // PAGES_PER_PROCESS))
    others = [_start_shard(warehouse, out_dir, raw_dir, [doc["document_id"] for doc in to_write[k::shards]])
              for k in range(1, shards)]
    loaded = _load(warehouse)  # while the other processes write their pages
    pages = _Pages(loaded, warehouse, out_dir, raw_dir)
    try:
        for doc in to_write[::shards]:
            pages.write(doc)
    finally:
        for other in others:
            _finish_shard(other)
    for stale in set(manifest) - set(fresh):  # documents that left the warehouse
        (out_dir / f"{stale}.html").unlink(missing_ok=True)
    manifest_path.write_text(json.dumps(fresh, sort_keys=True))
    index = out_dir / "index.html"
    index.write_text(index_page(documents, pages.by_doc, pages.cov_by_doc,
                                {d: len(p) for d, p in pages.problems_of.items()}, loaded.rejected), encoding="utf-8")
    build = published_build(warehouse)
    (out_dir / REPORTED_BUILD).write_text(build.run_id if build else "", encoding="utf-8")
    return index


class _Pages:
    """Writes the pages of documents from what :func:`_load` read, grouped by document."""

    def __init__(self, loaded: Loaded, warehouse: Path, out_dir: Path, raw_dir: Path):
        self.warehouse, self.out_dir, self.raw_dir = warehouse, out_dir, raw_dir
        self.by_doc, self.cov_by_doc = by_document(loaded.results), by_document(loaded.coverage)
        self.problems_of = by_document(loaded.problems)
        self.cross_by_doc: dict[str, list[dict]] = {}
        for row in loaded.cross:  # a statement shows on the page of the document stating it and of the one it is about
            for document_id in {row["document_id"], row["other_document_id"]} - {None}:
                self.cross_by_doc.setdefault(document_id, []).append(row)

    def write(self, doc: dict) -> None:
        doc_id = doc["document_id"]
        on_page = _pdf_regions(self.warehouse, doc, self.raw_dir, self.out_dir)
        raw = [] if on_page else _read_raw(self.raw_dir, doc["source_file"])
        html = document_page(doc, self.by_doc.get(doc_id, []), self.cov_by_doc.get(doc_id, []),
                             self.problems_of.get(doc_id, []), raw, on_page=on_page,
                             cross=self.cross_by_doc.get(doc_id, []), raw_dir=self.raw_dir)
        (self.out_dir / f"{doc_id}.html").write_text(html, encoding="utf-8")


# A shard of pages in a process of its own: its spec as JSON on stdin; started with -c, so that it
# imports the report code alone (not the caller's main module, a Dagster run or the bdw CLI).
_SHARD = (sys.executable, "-c", "from bdw.present.findings import render_shard; render_shard()")


def _start_shard(warehouse: Path, out_dir: Path, raw_dir: Path, document_ids: list[str]) -> subprocess.Popen:
    process = subprocess.Popen(_SHARD, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    spec = {"warehouse": str(warehouse), "out_dir": str(out_dir), "raw_dir": str(raw_dir), "documents": document_ids}
    process.stdin.write(json.dumps(spec).encode())
    process.stdin.close()
    return process


def _finish_shard(process: subprocess.Popen) -> None:
    error = process.stderr.read().decode("utf-8", errors="replace").strip()
    if process.wait() != 0:
        raise RuntimeError(f"a process writing report pages failed (exit code {process.returncode}): "
                           f"{(error.splitlines() or ['no output'])[-1]}")


def render_shard() -> None:
    """In the shard's process: write the pages of the documents the spec on stdin names."""
    die_with_parent()  # a run killed while its report is written leaves no page writer behind
    spec = json.loads(sys.stdin.read())
    warehouse, out_dir, raw_dir = Path(spec["warehouse"]), Path(spec["out_dir"]), Path(spec["raw_dir"])
    loaded = _load(warehouse, only=spec["documents"])
    pages = _Pages(loaded, warehouse, out_dir, raw_dir)
    for doc in loaded.documents:
        pages.write(doc)


def reported_build(out_dir: Path) -> str | None:
    """The run id of the warehouse build the report in ``out_dir`` was written from, if any."""
    marker = out_dir / REPORTED_BUILD
    return marker.read_text(encoding="utf-8") or None if marker.exists() else None
