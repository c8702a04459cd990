"""Reading bytes: encodings, line endings, hashes, and clear rejections."""

from __future__ import annotations

import codecs

import pytest

from bdw.extract.document import document_from_bytes
from bdw.extract.metadata import read_metadata
from bdw.extract.source import RejectedFile, document_id_of, sha256_of
from tests.conftest import SAMPLES, sample_bytes

NAME = "000_ababedf1869e2353.txt"


def _text() -> str:
    return sample_bytes(NAME).decode("utf-8")


@pytest.mark.parametrize(
    ("label", "encode"),
    [
        ("utf-8", lambda t: t.encode("utf-8")),
        ("utf-8 with BOM", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        ("gb18030", lambda t: t.encode("gb18030")),
        ("utf-16", lambda t: t.encode("utf-16")),
        ("crlf", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
        ("cr", lambda t: t.replace("\n", "\r").encode("utf-8")),
        ("gb18030 + crlf", lambda t: t.replace("\n", "\r\n").encode("gb18030")),
    ],
)
def test_every_encoding_gives_the_same_lines_and_metadata(label, encode):
    reference = document_from_bytes(sample_bytes(NAME), NAME)
    doc = document_from_bytes(encode(_text()), NAME)
    assert doc.lines == reference.lines, label
    assert read_metadata(doc) == read_metadata(reference)


@pytest.mark.parametrize("name", ["002_66a8595c7102542c.txt", "003_fe244c6e34d881f1.txt", "004_a15be56197084065.txt"])
def test_gbk_encoded_samples_read_the_same(name):
    # 000 and 001 hold characters GBK cannot encode (☑, NBSP); GB18030 covers them above.
    reference = document_from_bytes(sample_bytes(name), name)
    doc = document_from_bytes(sample_bytes(name).decode("utf-8").encode("gbk"), name)
    assert doc.encoding == "gb18030"
    assert doc.lines == reference.lines
    assert read_metadata(doc) == read_metadata(reference)


def test_line_numbers_are_those_of_the_raw_file():
    doc = document_from_bytes(sample_bytes(NAME), NAME)
    assert doc.line(95) == "公开 01 表"
    assert doc.line(129).startswith("<b>本年收入合计</b>")
    assert len(doc.lines) == sample_bytes(NAME).count(b"\n") + 1  # no newline after the last line


def test_document_id_is_a_prefix_of_the_content_hash():
    data = sample_bytes(NAME)
    doc = document_from_bytes(data, "any/other/name.txt")
    assert doc.sha256 == sha256_of(data)
    assert doc.document_id == document_id_of(doc.sha256) == doc.sha256[:16]
    assert document_from_bytes(data, "elsewhere.txt").document_id == doc.document_id


def test_cjk_radicals_are_mapped_back():
    doc = document_from_bytes("宁德市医疗保障局\n部⻔决算\n公务用⻋\n".encode(), "r.txt")
    assert doc.lines[1:] == ("部门决算", "公务用车")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t\r\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
        (bytes(range(1, 32)) * 50, "binary file"),
        (b"\xfd\xff\xfc" * 400 + "部门决算".encode(), "undecodable text"),
    ],
)
def test_unreadable_bytes_are_rejected_with_a_reason(data, reason):
    with pytest.raises(RejectedFile, match=reason):
        document_from_bytes(data, "bad.txt")


def test_a_few_broken_bytes_affect_only_their_lines():
    text = _text().encode("utf-8")
    # damage a character in the middle of the prose (line 40), far from the title block
    cut = text.index("单位的主要职责是".encode())
    damaged = text[:cut] + b"\xff" + text[cut + 3:]
    doc = document_from_bytes(damaged, NAME)
    reference = document_from_bytes(text, NAME)
    differing = [i for i, (a, b) in enumerate(zip(doc.lines, reference.lines, strict=True)) if a != b]
    assert differing == [39]
    assert read_metadata(doc).department_name == SAMPLES[NAME][0]
