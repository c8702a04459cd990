"""From a raw folder to staged rows: read, identify, extract, account for every file.

Pure Python: the Dagster asset streams :func:`iter_outcomes` into Parquet batches; tests and
small callers use :func:`extract_corpus`, which collects everything in memory. A run extracts
every file in worker processes under a time and a memory limit (:mod:`.workers`): a file over a
limit is rejected with the limit it hit and the others load completely.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache, partial
from pathlib import Path

from . import budget, final_account, performance
from .document import DEFAULT_MAX_BYTES, document_from_bytes, read_capped
from .metadata import BUDGET, FINAL_ACCOUNT, PERFORMANCE_REPORT, DocumentMeta, read_metadata
from .printed_date import read_printed_date
from .result import ExtractionIssue, ExtractionResult
from .schema import DATASETS, EXTRACTED_DATASETS
from .source import RejectedFile, SourceDocument, document_id_of, sha256_of
from .workers import Limits, Stopped, run_supervised

Extractor = Callable[[SourceDocument, DocumentMeta], ExtractionResult]

# The table parsers, in order, with the document kinds each reads (a budget's tables and prose are
# read by the budget parser only: its titles, 三公 sentences and "预算公开01表" markers must never be
# taken for a final account's). Each returns what it recognises; an exception in one is recorded
# as an extraction error and never stops the others.
EXTRACTORS: tuple[tuple[str, Extractor, frozenset[str]], ...] = (
    ("final_account", final_account.extract, frozenset({FINAL_ACCOUNT, PERFORMANCE_REPORT})),
    ("performance", performance.extract, frozenset({FINAL_ACCOUNT, PERFORMANCE_REPORT})),
    ("budget", budget.extract, frozenset({BUDGET})),
)

LOADED, UNCHANGED, DUPLICATE, REJECTED = "loaded", "unchanged", "duplicate", "rejected"
STATUSES = (LOADED, UNCHANGED, DUPLICATE, REJECTED)

# Beyond these a figure is no budget figure (10^15 元 is more than any government spends in a
# year): a unit or OCR error. They also keep every value inside DECIMAL(18,2) / DECIMAL(18,4).
ABSURD = {"money": Decimal("1e15"), "number": Decimal("1e13")}


@cache
def extractor_version() -> str:
    """A hash of the extraction library's source: documents extracted by other code are extracted again."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class FileOutcome:
    """What became of one file: rejected (with a reason), or a document with its extracted rows."""

    source_file: str
    sha256: str | None = None
    rejection: str | None = None
    document: dict | None = None  # the `documents` row, None when not (re-)extracted
    rows: dict[str, list[dict]] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    lines: tuple[str, ...] | None = None  # the decoded lines, when asked for (``keep_lines``)
    # rows and errors column by column, when the caller's ``finish`` step packed them (then rows and errors are empty)
    columns: dict[str, dict[str, list]] | None = None

    @property
    def document_id(self) -> str | None:
        return document_id_of(self.sha256) if self.sha256 and not self.rejection else None


def list_raw_files(raw_root: Path) -> list[Path]:
    """Every entry under ``raw_root`` (any nesting) that must be accounted for, sorted.

    Files, links of every kind (to files, to folders, looping, broken) and folders that could not
    be listed; links are never followed here, :func:`process_file` judges each.
    """
    entries = []

    def unlisted(error: OSError) -> None:  # a folder os.walk could not open
        if error.filename and Path(error.filename) != raw_root:
            entries.append(Path(error.filename))

    for directory, subdirs, names in os.walk(raw_root, onerror=unlisted, followlinks=False):
        subdirs.sort()
        entries.extend(Path(directory) / name for name in names)
        entries.extend(Path(directory) / name for name in subdirs if os.path.islink(Path(directory) / name))
    return sorted(entries, key=lambda p: p.relative_to(raw_root).as_posix())


def extract_document(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """Run every extractor of the document's kind; a crash in one becomes an issue, not a lost document."""
    result = ExtractionResult()
    for name, extractor, kinds in EXTRACTORS:
        if meta.document_kind not in kinds:
            continue
        try:
            result.extend(extractor(doc, meta))
        except MemoryError:
            raise  # over the memory limit: the whole file is rejected, never loaded in part
        except Exception as exc:  # noqa: BLE001 - recorded with the frame it was raised in
            result.issues.append(ExtractionIssue.crash(name, None, "a parsable document", exc))
    return result


def _check_entry(path: Path, raw_root: Path) -> None:
    """:class:`RejectedFile` unless ``path`` is a regular file, or a link to one inside the raw folder."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:  # Python 3.11 reports a loop this way
            raise RejectedFile(f"symbolic link loop ({path.name} → {os.readlink(path)} → … → {path.name}): "
                               "it leads to no file; not read") from None
        except OSError as error:
            raise RejectedFile(f"broken link to {os.readlink(path)} ({error.strerror}): not read") from None
        if not target.is_relative_to(raw_root.resolve()):
            raise RejectedFile(f"link to {target}, outside the raw folder: not read")
        if target.is_dir():
            raise RejectedFile(f"link to a folder ({target}): links to folders are not followed, so its files "
                               "are not read; move or copy them under the raw folder")
    elif path.is_dir():
        try:
            os.scandir(path).close()
        except OSError as error:
            raise RejectedFile(f"folder could not be listed ({error.strerror}): its files are not read") from None
        raise RejectedFile("a folder that could not be listed during the run: its files are not read")
    if not path.is_file():
        raise RejectedFile("not a regular file (a pipe, socket or device): not read")


def _memory_error_in(error: BaseException | None) -> bool:
    """Whether ``error`` or an exception it was raised while handling is a :class:`MemoryError`."""
    while error is not None:
        if isinstance(error, MemoryError):
            return True
        error = error.__cause__ or error.__context__
    return False


def process_file(path: Path, raw_root: Path, known: frozenset[str] = frozenset(),
                 max_bytes: int = DEFAULT_MAX_BYTES, batch_id: str = "", keep_lines: bool = False) -> FileOutcome:
    """Read and, unless its bytes are ``known`` (already extracted), extract one file.

    Raises :class:`MemoryError` when reading or extracting ran out of memory, even where a reader
    or a parser caught it: a file over the memory limit is rejected whole, never loaded in part.
    ``keep_lines``: the outcome also carries the document's decoded lines (``source_line`` n is
    ``lines[n - 1]``), for a caller that quotes them.
    """
    outcome = FileOutcome(path.relative_to(raw_root).as_posix())
    try:
        _check_entry(path, raw_root)
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        data = read_capped(path, max_bytes)  # read once: hashed here, parsed below
        outcome.sha256 = sha256_of(data)
        if document_id_of(outcome.sha256) in known:
            return outcome
        doc = document_from_bytes(data, outcome.source_file)
        meta = read_metadata(doc)
    except RejectedFile as rejected:
        if _memory_error_in(rejected):
            raise MemoryError(f"reading {outcome.source_file}") from rejected
        outcome.rejection = rejected.reason
        return outcome
    except OSError as exc:
        outcome.rejection = f"could not read the file: {exc.strerror or exc}"
        return outcome
    _extract_into(outcome, doc, meta, batch_id, modified)
    if any(error["message"].startswith(MemoryError.__name__) for error in outcome.errors):
        raise MemoryError(f"extracting {outcome.source_file}")  # a parser caught it and went on
    if keep_lines:
        outcome.lines = doc.lines
    absurd = absurd_figure(outcome.rows)
    if absurd:
        outcome.rejection, outcome.document, outcome.rows, outcome.errors = absurd, None, {}, []
    return outcome


def absurd_figure(rows: Mapping[str, list[dict]]) -> str | None:
    """A sentence naming the first figure too large for any budget, or None."""
    for dataset, dataset_rows in rows.items():
        limits = {c: ABSURD[kind] for c, kind in DATASETS[dataset].items() if kind in ABSURD}
        for row in dataset_rows:
            for column, limit in limits.items():
                value = row.get(column)
                if value is not None and abs(value) >= limit:
                    return (f"absurd figure for a budget: {column} = {value:,} at line {row.get('source_line')} "
                            f"(at least {limit:,.0f}); check the unit label or the text conversion")
    return None


def _extract_into(outcome: FileOutcome, doc: SourceDocument, meta: DocumentMeta, batch_id: str,
                  modified: datetime) -> None:
    ids = {"document_id": doc.document_id, "batch_id": batch_id}
    printed_date, printed_date_line = read_printed_date(doc)
    outcome.document = {
        **ids,
        "source_file": doc.source_file,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "department_name": meta.department_name,
        "department_line": meta.department_line,
        "fiscal_year": meta.fiscal_year,
        "fiscal_year_line": meta.fiscal_year_line,
        "document_kind": meta.document_kind,
        "reported_unit": meta.reported_unit,
        "printed_date": printed_date,
        "printed_date_line": printed_date_line,
        "file_mtime": modified,
        "line_count": len(doc.lines),
        "extractor_version": extractor_version(),
        "extracted_at": datetime.now(UTC),
    }
    result = extract_document(doc, meta)
    outcome.rows = {name: [{**ids, **row} for row in rows] for name, rows in result.rows.items()}
    if doc.pages is not None:  # a PDF: the page and row on the page of every line
        outcome.rows["source_page"] = [{**ids, **row} for row in page_rows(doc.pages)]
    if doc.boxes is not None:  # a PDF: where each printed cell of every line is
        outcome.rows["source_box"] = [{**ids, **row} for row in box_rows(doc)]
    outcome.errors = [
        {**ids, "source_file": doc.source_file, "extractor": i.extractor, "table_code": i.table_code,
         "expected": i.expected, "message": i.message, "source_line": i.source_line}
        for i in result.issues
    ]


def page_rows(pages: tuple[int, ...]) -> list[dict]:
    """One ``source_page`` row per line: its page and its 1-based row among the lines read from that page."""
    rows, row, previous = [], 0, None
    for line, page in enumerate(pages, start=1):
        row = row + 1 if page == previous else 1
        previous = page
        rows.append({"source_line": line, "page": page, "row_on_page": row})
    return rows


_POINT = Decimal("0.01")


def box_rows(doc: SourceDocument) -> list[dict]:
    """One ``source_box`` row per printed cell of every line: its page, its box (to 0.01 pt) and its text."""
    rows = []
    for line, (text, page, boxes) in enumerate(zip(doc.lines, doc.pages, doc.boxes), start=1):
        cells = text.split("\t")  # a line of text has no TAB: one cell
        for box in boxes:
            rows.append({"source_line": line, "cell_index": box.cell_index, "page": page,
                         "x0": _points(box.x0), "y0": _points(box.y0), "x1": _points(box.x1),
                         "y1": _points(box.y1), "text": cells[box.cell_index]})
    return rows


def _points(value: float) -> Decimal:
    return Decimal(round(value * 100)).scaleb(-2)


def ordered_files(raw_root: Path, known_names: Iterable[str] = ()) -> list[Path]:
    """Files to read, already-loaded names first: a copy that appears later is the duplicate."""
    names = set(known_names)
    return sorted(list_raw_files(raw_root), key=lambda p: p.relative_to(raw_root).as_posix() not in names)


def iter_outcomes(paths: list[Path], raw_root: Path, known: frozenset[str], max_bytes: int,
                  batch_id: str, workers: int = 1, limits: Limits | None = None,
                  finish: Callable[[FileOutcome], FileOutcome] | None = None) -> Iterator[FileOutcome]:
    """:func:`process_file` over ``paths`` in order.

    With ``limits`` (a run): in ``workers`` long-lived processes, each file under the time and
    memory limits; a file over one, or one that crashes its process, is rejected with the reason.
    Without (the library called directly, tests): in this process, with no limits. ``finish``, a
    module-level function, is applied to each outcome where it was extracted (to pack its rows for
    the trip back, say).
    """
    work = partial(process_file, raw_root=raw_root, known=known, max_bytes=max_bytes, batch_id=batch_id)
    if finish is not None:
        work = partial(_finished, work, finish)
    if limits is None:
        yield from map(work, paths)
        return
    for path, result in zip(paths, run_supervised(work, paths, limits, workers), strict=True):
        if isinstance(result, Stopped):
            yield FileOutcome(path.relative_to(raw_root).as_posix(), _hash_of(path, max_bytes), result.reason)
        else:
            yield result


def _finished(work: Callable[[Path], FileOutcome], finish: Callable[[FileOutcome], FileOutcome],
              path: Path) -> FileOutcome:
    return finish(work(path))


def _hash_of(path: Path, max_bytes: int) -> str | None:
    """The SHA-256 of a file its worker could not finish, so its ingest row still names its bytes."""
    try:
        return sha256_of(read_capped(path, max_bytes))
    except (RejectedFile, OSError):
        return None


class IngestLog:
    """Decides each file's status in path order and writes its ``ingest_log`` row."""

    def __init__(self, run_id: str):
        self.run_id = run_id
        self.seen: dict[str, str] = {}  # sha256 -> first source_file this run
        self.logged_at = datetime.now(UTC)
        self.rows: list[dict] = []

    def record(self, outcome: FileOutcome) -> str:
        """The file's status; a duplicate's extracted rows must not be staged."""
        row = {"run_id": self.run_id, "source_file": outcome.source_file, "sha256": outcome.sha256,
               "document_id": outcome.document_id, "status": REJECTED, "reason": outcome.rejection,
               "logged_at": self.logged_at}
        if outcome.rejection is None:
            if outcome.sha256 in self.seen:
                row.update(status=DUPLICATE,
                           reason=f"same bytes as {self.seen[outcome.sha256]}, loaded once under that name")
            else:
                self.seen[outcome.sha256] = outcome.source_file
                row["status"] = UNCHANGED if outcome.document is None else LOADED
                row["reason"] = "already loaded with these bytes" if row["status"] == UNCHANGED else None
        self.rows.append(row)
        return row["status"]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row["status"] == status)


@dataclass
class CorpusExtraction:
    """Everything one run stages, in memory: rows per dataset, including ``documents`` and ``ingest_log``."""

    rows: dict[str, list[dict]]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows["ingest_log"] if row["status"] == status)


def extract_corpus(raw_root: Path, run_id: str, known: Mapping[str, str] | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES,
                   progress: Callable[[int, int, str], None] | None = None) -> CorpusExtraction:
    """Read every file under ``raw_root`` and return the rows to stage, in memory.

    ``known`` maps ``document_id`` → ``source_file`` of documents already extracted: their
    files are ``unchanged`` and not extracted again. Every file gets one ``ingest_log`` row.
    """
    known = dict(known or {})
    paths = ordered_files(Path(raw_root), known.values())
    log = IngestLog(run_id)
    rows: dict[str, list[dict]] = {name: [] for name in ("documents", "extraction_errors", *EXTRACTED_DATASETS)}
    for index, outcome in enumerate(iter_outcomes(paths, Path(raw_root), frozenset(known), max_bytes, run_id), 1):
        if progress:
            progress(index, len(paths), outcome.source_file)
        if log.record(outcome) == LOADED:
            rows["documents"].append(outcome.document)
            rows["extraction_errors"].extend(outcome.errors)
            for name, extracted in outcome.rows.items():
                rows[name].extend(extracted)
    rows["ingest_log"] = log.rows
    return CorpusExtraction(rows)
