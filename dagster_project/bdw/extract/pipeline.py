"""From a raw folder to staged rows: read, identify, extract, account for every file.

Pure Python: the Dagster assets call :func:`extract_corpus`, tests call it directly.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from . import final_account, performance
from .document import DEFAULT_MAX_BYTES, RejectedFile, SourceDocument, read_document, sha256_of
from .metadata import DocumentMeta, read_metadata
from .result import ExtractionResult
from .schema import EXTRACTED_DATASETS

Extractor = Callable[[SourceDocument, DocumentMeta], ExtractionResult]

# The table parsers, in order. Each reads every document and returns what it recognises;
# an exception in one is recorded as an extraction error and never stops the others.
EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("final_account", final_account.extract),
    ("performance", performance.extract),
)

LOADED, UNCHANGED, DUPLICATE, REJECTED = "loaded", "unchanged", "duplicate", "rejected"


@dataclass
class CorpusExtraction:
    """Everything one run stages: rows per dataset, including ``documents`` and ``ingest_log``."""

    rows: dict[str, list[dict]] = field(
        default_factory=lambda: {"documents": [], "ingest_log": [], "extraction_errors": []}
    )

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows["ingest_log"] if row["status"] == status)


def list_raw_files(raw_root: Path) -> list[Path]:
    """Every file under ``raw_root`` (any nesting), sorted; links are listed and judged later."""
    files = []
    for directory, subdirs, names in os.walk(raw_root, followlinks=False):
        subdirs.sort()
        files.extend(Path(directory) / name for name in names)
    return sorted(files, key=lambda p: p.relative_to(raw_root).as_posix())


def extract_document(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """Run every extractor on one document; a crash in one becomes an issue, not a lost document."""
    result = ExtractionResult()
    for name, extractor in EXTRACTORS:
        try:
            result.extend(extractor(doc, meta))
        except Exception as exc:  # noqa: BLE001 - recorded with its traceback's last frame
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            result.issues.append(
                _issue(name, f"{type(exc).__name__}: {exc} (at {Path(frame.filename).name}:{frame.lineno})")
            )
    return result


def _issue(extractor: str, message: str):
    from .result import ExtractionIssue

    return ExtractionIssue(extractor, None, None, "a parsable document", message)


def _check_inside(path: Path, raw_root: Path) -> None:
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(raw_root.resolve()):
            raise RejectedFile(f"link to {target}, outside the raw folder: not read")
    if not path.is_file():
        raise RejectedFile("not a regular file")


def extract_corpus(
    raw_root: Path,
    run_id: str,
    previous: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int, str], None] | None = None,
    files: Iterable[Path] | None = None,
) -> CorpusExtraction:
    """Read every file under ``raw_root`` and return the rows to stage.

    ``previous`` maps ``document_id`` → ``source_file`` of what is already loaded, so a file
    whose bytes were loaded before is ``unchanged``. Every file gets one ``ingest_log`` row.
    """
    raw_root = Path(raw_root)
    previous = previous or {}
    paths = list(files) if files is not None else list_raw_files(raw_root)
    # Files already loaded keep their name: a copy that appears later is the duplicate.
    loaded_names = set(previous.values())
    paths.sort(key=lambda p: p.relative_to(raw_root).as_posix() not in loaded_names)
    now = datetime.now(UTC)
    out = CorpusExtraction()
    for name in EXTRACTED_DATASETS:
        out.rows[name] = []
    seen: dict[str, str] = {}  # sha256 -> first source_file this run
    for index, path in enumerate(paths, start=1):
        source_file = path.relative_to(raw_root).as_posix()
        if progress:
            progress(index, len(paths), source_file)
        log = {"run_id": run_id, "source_file": source_file, "sha256": None, "document_id": None,
               "status": REJECTED, "reason": None, "logged_at": now}
        out.rows["ingest_log"].append(log)
        try:
            _check_inside(path, raw_root)
            if path.stat().st_size <= max_bytes:
                log["sha256"] = sha256_of(path.read_bytes())
            doc = read_document(path, raw_root, max_bytes=max_bytes)
            meta = read_metadata(doc)
        except RejectedFile as rejected:
            log["reason"] = rejected.reason
            continue
        except OSError as exc:
            log["reason"] = f"could not read the file: {exc.strerror or exc}"
            continue
        if doc.sha256 in seen:
            log.update(status=DUPLICATE, document_id=doc.document_id,
                       reason=f"same bytes as {seen[doc.sha256]}, loaded once under that name")
            continue
        seen[doc.sha256] = source_file
        if doc.document_id in previous:
            log.update(status=UNCHANGED, document_id=doc.document_id,
                       reason="already loaded with these bytes")
        else:
            log.update(status=LOADED, document_id=doc.document_id, reason=None)
        _stage_document(out, doc, meta, now)
    return out


def _stage_document(out: CorpusExtraction, doc: SourceDocument, meta: DocumentMeta, now: datetime) -> None:
    out.rows["documents"].append({
        "document_id": doc.document_id,
        "source_file": doc.source_file,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "department_name": meta.department_name,
        "department_line": meta.department_line,
        "fiscal_year": meta.fiscal_year,
        "fiscal_year_line": meta.fiscal_year_line,
        "document_kind": meta.document_kind,
        "reported_unit": meta.reported_unit,
        "line_count": len(doc.lines),
        "extracted_at": now,
    })
    result = extract_document(doc, meta)
    for dataset, rows in result.rows.items():
        out.rows[dataset].extend({"document_id": doc.document_id, **row} for row in rows)
    for issue in result.issues:
        out.rows["extraction_errors"].append({
            "document_id": doc.document_id,
            "source_file": doc.source_file,
            "extractor": issue.extractor,
            "table_code": issue.table_code,
            "expected": issue.expected,
            "message": issue.message,
            "source_line": issue.source_line,
        })
