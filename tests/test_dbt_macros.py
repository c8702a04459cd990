"""The SQL of the project's formatting macros, rendered from ``dbt/macros`` and run in DuckDB.

The macros that write figures into messages are plain Jinja over SQL (no dbt context), so they are
rendered here with Jinja alone and checked on the values a message can hold: every digit count up
to DuckDB's 38, both signs, every number of decimals a document prints.
"""

from __future__ import annotations

import duckdb
import jinja2
import pytest

from bdw.settings import DBT_PROJECT_DIR

MACROS = jinja2.Environment().from_string((DBT_PROJECT_DIR / "macros" / "dq.sql").read_text(encoding="utf-8")).module


def _grouped(text: str) -> str:
    """The reference: Python's own thousands separators on the exact decimal text."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    return sign + f"{int(whole):,}" + (f".{fraction}" if fraction else "")


VALUES = [
    "0", "-0.50", "7", "-7", "999", "1000", "-1000.5", "1292095.92", "-1292095.93", "0.0001",
    "123456789012345678",  # 18 digits: the fast path's longest whole part
    "-123456789012345678.25",
    "1234567890123456789",  # 19 digits: past BIGINT's reach, formatted as HUGEINT
    "-9999999999999999999.99",
    "12345678901234567890123456789012345678",  # 38 digits, DuckDB's widest decimal
]


@pytest.mark.parametrize("text", VALUES)
def test_with_separators_groups_every_value_exactly(text: str) -> None:
    sql = MACROS.with_separators("t.x")
    (got,) = duckdb.sql(f"select {sql} from (select '{text}' as x) as t").fetchone()
    assert got == _grouped(text)


@pytest.mark.parametrize(("value", "unit", "decimals", "printed"), [
    ("1292095.92", "元", 2, "1,292,095.92"),
    ("1292095.92", "万元", 2, "129.21"),
    ("-12920959200", "万元", 0, "-1,292,096"),
    ("123456789012345678.12", "元", 2, "123,456,789,012,345,678.12"),
    ("1234567890123456789.5", "元", 1, "1,234,567,890,123,456,789.5"),
    ("50", "元", 4, "50.0000"),
])
def test_fmt_figure_prints_the_document_s_unit_and_decimals(value: str, unit: str, decimals: int,
                                                             printed: str) -> None:
    sql = MACROS.fmt_figure("t.v", "t.u", "t.d")
    (got,) = duckdb.sql(f"select {sql} from (select cast('{value}' as decimal(38, 4)) as v, '{unit}' as u, "
                        f"{decimals} as d) as t").fetchone()
    assert got == printed
