"""``bdw check``: the verdict on the documents a person names, as text, JSON and the report page.

:func:`check_files` extracts the files in memory (:mod:`bdw.stage.files`) and evaluates every
identity of the catalogue on them with the SQL dbt compiled for the quality models
(:mod:`bdw.warehouse.compiled`): the findings are the rows a ``bdw run`` of the same files
records in ``marts.dq_check_result``, and nothing is written to the warehouse or the staged
folder. Documents a run would take for editions of one another are judged in separate passes,
so each is judged on its own figures.

- :func:`text_lines`: per document its scorecard, every ``fail`` with its rule, figures, lines,
  pages (PDF) and the printed lines quoted, every ``rounding`` in one line, what could not be
  evaluated or extracted; per file that could not be read, the reason; the verdict last.
- :func:`as_json`: the same as data, every evaluation included (``pass`` too), exact decimals
  as strings.
- :func:`write_html`: ``index.html`` and one page per document, the pages of ``bdw report`` (the
  files that could not be read listed on the index).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..extract.pipeline import DUPLICATE, LOADED, REJECTED
from ..settings import Settings
from ..stage.files import NamedFile, stage_files
from ..warehouse.compiled import CompiledChecks
from .findings import by_document, document_page, index_page
from .regions import line_numbers

STATUS_ORDER = {"fail": 0, "rounding": 1, "pass": 2}
QUOTED_LINES = 6  # printed lines quoted under a fail in the text output
QUOTE_WIDTH = 110  # characters of a quoted line


@dataclass
class DocumentVerdict:
    """One document's evaluations, with what is needed to show where each figure is printed."""

    file: str  # the path as the person gave it
    document: dict  # its ``documents`` row: department, year, kind, unit
    results: list[dict]  # its ``dq_check_result`` rows, each with the catalogue's ``rule_zh`` and ``rule_en``
    coverage: list[dict]  # its ``dq_check_coverage`` rows
    errors: list[dict]  # its ``extraction_errors`` rows: tables or passages the extractors could not read
    lines: tuple[str, ...]  # its decoded lines (``source_line`` n is ``lines[n - 1]``)
    pages: dict[int, int] = field(default_factory=dict)  # line → page, for a PDF

    @property
    def counts(self) -> dict[str, int]:
        statuses = Counter(r["status"] for r in self.results)
        return {"evaluated": len(self.results), "pass": statuses["pass"], "rounding": statuses["rounding"],
                "fail": statuses["fail"], "not_evaluated": sum(int(c["not_evaluated"]) for c in self.coverage)}


@dataclass
class Verdict:
    run_id: str
    files: list[NamedFile]
    documents: list[DocumentVerdict]

    @property
    def fails(self) -> int:
        return sum(d.counts["fail"] for d in self.documents)

    @property
    def unreadable(self) -> list[NamedFile]:
        return [f for f in self.files if f.status == REJECTED]


def _sort_key(result: dict) -> tuple:
    """Fails first, then by rule and place; the line and the message break ties (a total the prose prints
    twice is two evaluations of one rule and row), so the same documents always print in the same order."""
    return (STATUS_ORDER.get(result["status"], 3), result["check_family"] or "", result["check_id"],
            result["table_code"] or "", result["row_key"] or "", result["column_key"] or "",
            result["source_line"] or 0, result["message"] or "")


def check_files(paths: Sequence[str | Path], settings: Settings, checks: CompiledChecks | None = None) -> Verdict:
    """Extract ``paths`` in memory and evaluate every identity on them; nothing is written."""
    run_id = f"check-{uuid.uuid4().hex[:12]}"
    staged = stage_files(paths, run_id, settings.max_file_bytes)
    documents: list[DocumentVerdict] = []
    if staged.documents:
        checks = checks or CompiledChecks.load()
        for rows in staged.passes():
            tables = checks.run(rows)
            rules = {rule["check_id"]: rule for rule in tables.rules}
            results = by_document([{**r, "rule_zh": rules.get(r["check_id"], {}).get("rule_zh"),
                                    "rule_en": rules.get(r["check_id"], {}).get("rule_en")} for r in tables.results])
            coverage, errors = by_document(tables.coverage), by_document(rows["extraction_errors"])
            pages = by_document(rows["source_page"])
            for doc in rows["documents"]:
                doc_id = doc["document_id"]
                documents.append(DocumentVerdict(
                    file=next(f.path for f in staged.files if f.document_id == doc_id and f.status == LOADED),
                    document=doc, results=sorted(results.get(doc_id, []), key=_sort_key),
                    coverage=sorted(coverage.get(doc_id, []), key=lambda c: (c["check_family"], c["check_id"])),
                    errors=errors.get(doc_id, []), lines=staged.lines.get(doc_id, ()),
                    pages={p["source_line"]: p["page"] for p in pages.get(doc_id, [])}))
    order = {f.document_id: i for i, f in enumerate(staged.files) if f.status == LOADED}
    documents.sort(key=lambda d: order[d.document["document_id"]])
    return Verdict(run_id, staged.files, documents)


# --- text ------------------------------------------------------------------------------------------

def _pages(doc: DocumentVerdict, numbers: Sequence[int]) -> str:
    """`` · page 6`` / `` · pages 6–7, 9`` for lines of a PDF; empty for a text document."""
    found = sorted({doc.pages[n] for n in numbers if n in doc.pages})
    if not found:
        return ""
    runs: list[list[int]] = []
    for page in found:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    spans = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
    return f" · page{'s' if len(found) > 1 else ''} {spans}"


def _quoted(doc: DocumentVerdict, numbers: Sequence[int]) -> list[str]:
    shown = sorted({n for n in numbers if 1 <= n <= len(doc.lines)})
    out = []
    for n in shown[:QUOTED_LINES]:
        text = " ".join(doc.lines[n - 1].split())
        text = text if len(text) <= QUOTE_WIDTH else text[: QUOTE_WIDTH - 1] + "…"
        where = f"p.{doc.pages[n]} " if n in doc.pages else ""
        out.append(f"        {where}{n:>5} │ {text}")
    if len(shown) > QUOTED_LINES:
        out.append(f"        … {len(shown) - QUOTED_LINES} more line(s): {', '.join(map(str, shown[QUOTED_LINES:]))}")
    return out


def _reasons(coverage: list[dict]) -> str:
    """Why evaluations could not be made, most frequent first: `` (12: a figure …; 6: the other …)``."""
    reasons = Counter()
    for row in coverage:
        if int(row["not_evaluated"]):
            reasons[row["not_evaluated_reason"] or "no reason recorded"] += int(row["not_evaluated"])
    return f" ({'; '.join(f'{n}: {reason}' for reason, n in reasons.most_common())})" if reasons else ""


def _document_lines(doc: DocumentVerdict) -> list[str]:
    d, counts = doc.document, doc.counts
    lines = [doc.file,
             f"  {d['department_name']} · {d['fiscal_year']} · {d['document_kind']} · {d['reported_unit'] or '—'}"
             f" · document {d['document_id']}",
             f"  {counts['evaluated']} evaluated: {counts['pass']} pass, {counts['rounding']} rounding, "
             f"{counts['fail']} fail; {counts['not_evaluated']} not evaluated{_reasons(doc.coverage)}"]
    for r in doc.results:
        if r["status"] == "pass":
            continue
        numbers = ([r["source_line"]] if r["source_line"] else []) + line_numbers(r["part_source_lines"])
        if r["status"] == "fail":
            lines.append(f"  FAIL {r['check_id']} ({r['check_family']}, {r['severity']})"
                         + (f" · {r['rule_zh']}" if r.get("rule_zh") else ""))
            lines.append(f"       {r['message']}{_pages(doc, numbers)}")
            lines.extend(_quoted(doc, numbers))
        else:
            lines.append(f"  {r['status']} {r['check_id']}: {r['message']}{_pages(doc, numbers)}")
    missing = [c for c in doc.coverage if c["not_evaluated"]]
    if missing:
        lines.append("  not evaluated: " + ", ".join(f"{c['check_id']} ×{c['not_evaluated']}" for c in missing))
    for e in doc.errors:
        lines.append(f"  not extracted: {e['extractor']} table {e['table_code'] or '—'} at line "
                     f"{e['source_line'] or '—'}: expected {e['expected']}; {e['message']}")
    return lines


def text_lines(verdict: Verdict) -> list[str]:
    """The findings a person reads: one block per document, the files that could not be read, the verdict."""
    lines: list[str] = []
    for doc in verdict.documents:
        lines.extend([*_document_lines(doc), ""])
    first = {}
    for f in verdict.files:
        first.setdefault(f.document_id, f.path)
        if f.status == DUPLICATE:
            lines.append(f"{f.path}: the same bytes as {first[f.document_id]}: checked once, above")
        elif f.status == REJECTED:
            lines.append(f"{f.path}: cannot be checked: {f.reason}")
    failing = sum(1 for d in verdict.documents if d.counts["fail"])
    summary = (f"{verdict.fails} fail{'s' if verdict.fails != 1 else ''} in {failing} of {len(verdict.documents)} "
               f"document{'s' if len(verdict.documents) != 1 else ''}" if verdict.fails
               else f"no fail in {len(verdict.documents)} document{'s' if len(verdict.documents) != 1 else ''}")
    unreadable = len(verdict.unreadable)
    if unreadable:
        summary += f"; {unreadable} file{'s' if unreadable != 1 else ''} could not be read"
    lines.append(f"verdict: {summary}")
    return lines


# --- JSON ------------------------------------------------------------------------------------------

def _plain(value):
    if isinstance(value, Decimal):
        return str(value)  # exact, as DuckDB returned it
    return value


def as_json(verdict: Verdict) -> dict:
    """The verdict as data: every file, and per document every evaluation (``pass`` included)."""
    return {
        "run_id": verdict.run_id,
        "fails": verdict.fails,
        "files": [{"file": f.path, "status": f.status, "reason": f.reason, "document_id": f.document_id}
                  for f in verdict.files],
        "documents": [{
            "file": doc.file,
            **{k: doc.document[k] for k in ("document_id", "department_name", "fiscal_year", "document_kind",
                                            "reported_unit")},
            "counts": doc.counts,
            "results": [{**{k: _plain(v) for k, v in r.items()},
                         "pages": sorted({doc.pages[n] for n in ([r["source_line"]] if r["source_line"] else [])
                                          + line_numbers(r["part_source_lines"]) if n in doc.pages})}
                        for r in doc.results],
            "coverage": [{k: _plain(v) for k, v in c.items()} for c in doc.coverage],
            "extraction_errors": [{k: v for k, v in e.items() if k != "batch_id"} for e in doc.errors],
        } for doc in verdict.documents],
    }


# --- HTML ------------------------------------------------------------------------------------------

def write_html(verdict: Verdict, out_dir: Path) -> Path:
    """``out_dir/index.html`` and ``<document_id>.html`` per document: the pages of the data-quality report."""
    out_dir.mkdir(parents=True, exist_ok=True)
    documents = [{**doc.document, "source_file": doc.file} for doc in verdict.documents]
    by_doc = {doc.document["document_id"]: [{**r, "n": 1} for r in doc.results] for doc in verdict.documents}
    cov_by_doc = {doc.document["document_id"]: doc.coverage for doc in verdict.documents}
    for doc, shown in zip(verdict.documents, documents, strict=True):
        doc_id = doc.document["document_id"]
        (out_dir / f"{doc_id}.html").write_text(
            document_page(shown, by_doc[doc_id], cov_by_doc[doc_id], doc.errors, doc.lines, doc.pages),
            encoding="utf-8")
    rejected = [{"source_file": f.path, "reason": f.reason} for f in verdict.unreadable]
    index = out_dir / "index.html"
    index.write_text(index_page(documents, by_doc, cov_by_doc,
                                {doc.document["document_id"]: len(doc.errors) for doc in verdict.documents},
                                rejected), encoding="utf-8")
    return index
