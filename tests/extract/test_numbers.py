"""Printed figures become exact decimals; anything that is not a figure is None, never 0."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bdw.extract.numbers import decimals_of, parse_amount, percent_decimals, to_yuan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("930.50", Decimal("930.50")),
        ("<b>946.10</b>", Decimal("946.10")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("００.００", Decimal("0.00")),
        ("00.00", Decimal("0.00")),
        ("(12.50)", Decimal("-12.50")),
        ("-3", Decimal("-3")),
        ("  7 ", Decimal("7")),
        ("", None),
        ("-", None),
        ("—", None),
        ("合计", None),
        ("2021年", None),
        ("1,23,4", None),
        (None, None),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


def test_units_convert_to_yuan_exactly():
    assert to_yuan(Decimal("930.50"), "万元") == Decimal("9305000.00")
    assert to_yuan(Decimal("0.01"), "万元") == Decimal("100.00")
    assert to_yuan(Decimal("3431014.3"), "元") == Decimal("3431014.30")
    assert to_yuan(None, "万元") is None
    with pytest.raises(ValueError, match="unknown amount unit"):
        to_yuan(Decimal(1), "美元")


def test_decimals_of():
    assert [decimals_of(t) for t in ("1,234.5", "12", "0.00", "<b>3.141</b>")] == [1, 0, 2, 3]


def test_percent_decimals_keep_trailing_zeros():
    assert percent_decimals(Decimal("13.40").scaleb(-2)) == 2
    assert percent_decimals(Decimal("100").scaleb(-2)) == 0
    assert percent_decimals(-1 * Decimal("5.1").scaleb(-2)) == 1
    assert percent_decimals(None) is None


@given(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_formatted_amounts_round_trip(value):
    assert parse_amount(f"{value:,.2f}") == value
    assert parse_amount(f"{value:.2f}") == value
