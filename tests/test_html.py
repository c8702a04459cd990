"""The report's HTML helpers: text escaped exactly as :func:`html.escape` escapes it, fast path or not."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from hypothesis import given
from hypothesis import strategies as st

from bdw.present.html import esc

_TEXT = st.lists(st.sampled_from(["&", "<", ">", '"', "'", "a", "表", " ", "&amp;", "<b>", "1,292,095.92"]),
                 max_size=30).map("".join)


@given(st.one_of(_TEXT, st.integers(), st.decimals(allow_nan=False), st.none()))
def test_esc_is_html_escape(value):
    assert esc(value) == escape("" if value is None else str(value))


def test_esc_escapes_markup_in_document_text():
    assert esc('局<script>"x"</script>') == "局&lt;script&gt;&quot;x&quot;&lt;/script&gt;"
    assert esc(Decimal("1.50")) == "1.50"
