"""Every file under the raw folder is accounted for: loaded, unchanged, duplicate or rejected."""

from __future__ import annotations

import os
import shutil

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
