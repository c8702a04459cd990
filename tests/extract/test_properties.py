"""Property-based tests (Hypothesis) of the line splitter and a table parser."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from bdw.extract import final_account
from bdw.extract.document import document_from_bytes
from bdw.extract.metadata import read_metadata
from bdw.extract.source import normalize_text
from tests.conftest import sample_bytes

_PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r\n")
_LINE_TEXT = st.text(alphabet=_PRINTABLE, max_size=30)


# LF and CRLF mix freely; a lone CR (old Mac files) is tested alone, since CR then LF is one CRLF.
_ENDINGS = st.one_of(st.lists(st.sampled_from(["\n", "\r\n"]), min_size=1), st.just(["\r"]))


@given(st.lists(_LINE_TEXT, min_size=1, max_size=40), _ENDINGS)
def test_line_numbers_survive_any_mix_of_line_endings(lines, endings):
    text = "".join(line + endings[i % len(endings)] for i, line in enumerate(lines))
    doc = document_from_bytes(("部门决算\n" + text).encode("utf-8"), "p.txt") if text.strip() else None
    if doc is None:
        return
    expected = [normalize_text(line) for line in lines]  # CJK radicals (⻔) read as the characters (门)
    assert doc.lines[1:] == tuple(expected)
    assert all(doc.line(i + 2) == line for i, line in enumerate(expected))


NINGDE = "000_ababedf1869e2353.txt"
TABLE_03_ROWS = range(184, 199)  # lines of the subject rows of 公开03表 in the 宁德 sample
_AMOUNTS = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_AMOUNTS, min_size=6, max_size=6), min_size=15, max_size=15), st.booleans())
def test_table_03_figures_come_back_exactly(amounts, separators):
    """Any amounts written into table 03 (万元, with or without thousands separators) are read back in 元."""
    lines = sample_bytes(NINGDE).decode("utf-8").split("\n")
    for row, line_number in zip(amounts, TABLE_03_ROWS, strict=True):
        cells = lines[line_number - 1].split("\t")
        printed = [f"{a:,.2f}" if separators else f"{a:.2f}" for a in row]
        lines[line_number - 1] = "\t".join(cells[:2] + printed)
    doc = document_from_bytes("\n".join(lines).encode("utf-8"), NINGDE)
    result = final_account.extract(doc, read_metadata(doc))
    assert not [i for i in result.issues if i.table_code == "03"]
    read = {}
    for r in result.rows["expenditure"]:
        if r["table_code"] == "03" and r["source_line"] in TABLE_03_ROWS:
            read.setdefault(r["source_line"], []).append(r["amount_yuan"])
    expected = {line: [a * 10000 for a in row] for row, line in zip(amounts, TABLE_03_ROWS, strict=True)}
    assert read == expected
