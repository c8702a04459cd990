"""Every file under the raw folder is accounted for: loaded, unchanged, duplicate or rejected."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from bdw.extract.pipeline import extract_corpus
from tests.conftest import RAW


def _by_file(extraction):
    return {row["source_file"]: row for row in extraction.rows["ingest_log"]}


def test_statuses_and_reasons(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw / "a" / "b")
    shutil.copy(RAW / "001_d19904a04800f4dd.txt", raw / "renamed.txt")
    (raw / "blank.txt").write_text("  \n\n")
    (raw / "table.txt").write_text("收入\t支出\n1\t2\n")
    outside = tmp_path / "secret.txt"
    outside.write_bytes((RAW / "000_ababedf1869e2353.txt").read_bytes())
    os.symlink(outside, raw / "link.txt")

    extraction = extract_corpus(raw, "run-1")
    log = _by_file(extraction)
    assert len(log) == 9  # 5 samples + renamed + blank + table + link
    assert {log[f"a/b/{p.name}"]["status"] for p in RAW.iterdir()} == {"loaded"}
    assert log["renamed.txt"]["status"] == "duplicate"
    assert "a/b/001_d19904a04800f4dd.txt" in log["renamed.txt"]["reason"]
    assert log["blank.txt"]["status"] == "rejected" and "empty" in log["blank.txt"]["reason"]
    assert log["table.txt"]["status"] == "rejected" and "not a budget disclosure" in log["table.txt"]["reason"]
    assert log["link.txt"]["status"] == "rejected" and "outside the raw folder" in log["link.txt"]["reason"]
    assert log["link.txt"]["document_id"] is None
    assert len(extraction.rows["documents"]) == 5

    known = {d["document_id"]: d["source_file"] for d in extraction.rows["documents"]}
    again = extract_corpus(raw, "run-2", known=known)
    statuses = {f: row["status"] for f, row in _by_file(again).items()}
    assert [statuses[f"a/b/{p.name}"] for p in sorted(RAW.iterdir())] == ["unchanged"] * 5
    assert statuses["renamed.txt"] == "duplicate"
    assert again.rows["documents"] == []  # unchanged bytes are not extracted again


def test_size_cap_rejects_without_reading(tmp_path):
    shutil.copy(RAW / "000_ababedf1869e2353.txt", tmp_path / "big.txt")
    log = _by_file(extract_corpus(tmp_path, "run", max_bytes=1000))
    assert log["big.txt"]["status"] == "rejected"
    assert "over the size cap of 1,000 bytes" in log["big.txt"]["reason"]


def test_progress_is_reported_per_file(tmp_path):
    shutil.copytree(RAW, tmp_path / "raw")
    seen = []
    extract_corpus(tmp_path / "raw", "run", progress=lambda i, n, f: seen.append((i, n, f)))
    assert [(i, n) for i, n, _ in seen] == [(i, 5) for i in range(1, 6)]


def test_absurd_figures_reject_the_document_with_the_line(tmp_path):
    text = (RAW / "004_a15be56197084065.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines, 1) if "\t" in line and "3470158.34" in line)
    lines[number - 1] = lines[number - 1].replace("3470158.34", "99999999999999999.99", 1)
    (tmp_path / "absurd.txt").write_text("\n".join(lines), encoding="utf-8")
    log = _by_file(extract_corpus(tmp_path, "run"))
    assert log["absurd.txt"]["status"] == "rejected"
    assert f"at line {number}" in log["absurd.txt"]["reason"] and "absurd figure" in log["absurd.txt"]["reason"]


# --- links, special files and the limits of a run ------------------------------------------------


def test_links_of_every_kind_get_a_row_and_never_stop_the_run(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw / "docs")
    os.symlink(raw / "loop_b", raw / "loop_a")  # a → b → a
    os.symlink(raw / "loop_a", raw / "loop_b")
    os.symlink(raw / "missing.txt", raw / "broken.txt")
    os.symlink(raw / "docs", raw / "docs_link")  # a folder inside the raw folder
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", raw / "outside_folder")
    os.symlink(raw / "docs" / "000_ababedf1869e2353.txt", raw / "latest.txt")  # a file inside: read
    os.mkfifo(raw / "pipe.txt")  # reading it would block for ever

    log = _by_file(extract_corpus(raw, "run"))
    assert len(log) == 5 + 7
    assert {log[f"docs/{p.name}"]["status"] for p in RAW.iterdir()} == {"loaded"}
    for name in ("loop_a", "loop_b"):
        assert log[name]["status"] == "rejected" and "symbolic link loop" in log[name]["reason"]
    assert log["broken.txt"]["status"] == "rejected" and "broken link" in log["broken.txt"]["reason"]
    assert log["docs_link"]["status"] == "rejected" and "link to a folder" in log["docs_link"]["reason"]
    assert "not followed" in log["docs_link"]["reason"]
    assert log["outside_folder"]["status"] == "rejected" and "outside the raw folder" in log["outside_folder"]["reason"]
    assert log["latest.txt"]["status"] == "duplicate"  # the bytes of docs/000…, loaded once under that name
    assert log["pipe.txt"]["status"] == "rejected" and "not a regular file" in log["pipe.txt"]["reason"]


def test_a_memory_error_a_parser_swallows_still_rejects_the_whole_file(tmp_path, monkeypatch):
    from bdw.extract import pipeline
    from bdw.extract.result import ExtractionIssue, ExtractionResult

    shutil.copy(RAW / "004_a15be56197084065.txt", tmp_path / "doc.txt")

    def swallowing(doc, meta):  # what a parser with a broad `except Exception` records
        try:
            raise MemoryError
        except Exception as error:  # noqa: BLE001
            return ExtractionResult(issues=[ExtractionIssue.crash("x", "01", "a table", error)])

    def raising(doc, meta):
        raise MemoryError

    for extractor in (swallowing, raising):
        monkeypatch.setattr(pipeline, "EXTRACTORS", (("final_account", extractor, {pipeline.FINAL_ACCOUNT}),))
        with pytest.raises(MemoryError):
            pipeline.process_file(tmp_path / "doc.txt", tmp_path)


def test_a_decompression_bomb_is_stopped_by_the_limits_and_the_samples_load_whole(tmp_path):
    from bench.bomb import bomb_pdf

    from bdw.extract.pipeline import iter_outcomes, process_file
    from bdw.extract.source import sha256_of
    from bdw.extract.workers import Limits

    shutil.copytree(RAW, tmp_path / "raw")
    (tmp_path / "raw" / "zz_bomb.pdf").write_bytes(bomb_pdf(100))  # 100 MB of path operators, ~150 KB
    paths = sorted((tmp_path / "raw").iterdir())
    started = time.monotonic()
    outcomes = {o.source_file: o for o in iter_outcomes(paths, tmp_path / "raw", frozenset(), 50 * 2**20, "b",
                                                         workers=2, limits=Limits(timeout_s=5, memory_mb=2048))}
    assert time.monotonic() - started < 60
    assert outcomes["zz_bomb.pdf"].rejection  # over a limit, or refused by the reader itself: never loaded
    assert outcomes["zz_bomb.pdf"].sha256 == sha256_of((tmp_path / "raw" / "zz_bomb.pdf").read_bytes())
    assert outcomes["zz_bomb.pdf"].document is None
    for path in RAW.iterdir():  # every sample as complete as when extracted alone, in this process
        alone = process_file(tmp_path / "raw" / path.name, tmp_path / "raw", batch_id="b")
        supervised = outcomes[path.name]
        assert supervised.rejection is None
        assert {k: len(v) for k, v in supervised.rows.items()} == {k: len(v) for k, v in alone.rows.items()}


def test_a_folder_that_cannot_be_listed_gets_a_row(tmp_path, monkeypatch):
    from bdw.extract import pipeline

    shutil.copytree(RAW, tmp_path / "raw")
    (tmp_path / "raw" / "locked").mkdir()
    (tmp_path / "raw" / "locked" / "inside.txt").write_text("部门决算", encoding="utf-8")
    listed = os.scandir

    def scandir(path="."):  # what a folder without read permission does (root reads every folder)
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return listed(path)

    monkeypatch.setattr(pipeline.os, "scandir", scandir)
    log = _by_file(extract_corpus(tmp_path / "raw", "run"))
    assert len(log) == 6 and log["locked"]["status"] == "rejected"
    assert "folder could not be listed (Permission denied)" in log["locked"]["reason"]
