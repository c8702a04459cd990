"""Parsing printed numbers into exact decimals.

Every amount is a :class:`decimal.Decimal`; floats never touch money. A cell that prints no
figure (empty, a dash, a label) parses to ``None`` -- a missing figure is NULL, never 0.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Full-width digits and punctuation that PDF extraction leaves in cells.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－（）％", "0123456789.,-()%")
_TAGS = re.compile(r"<[^>]+>")
_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")

UNIT_FACTORS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


_NEEDS_FOLDING = re.compile("[０-９．，－（）％\u3000]")


@lru_cache(maxsize=1 << 16)  # a document's lines are cleaned by several readers: once each is enough
def clean_cell(text: str) -> str:
    """Strip markup (``<b>``), full-width forms and surrounding white space from a cell."""
    if "<" in text:
        text = _TAGS.sub("", text)
    if _NEEDS_FOLDING.search(text):  # translate() is costly; most cells need none of it
        text = text.translate(_FULLWIDTH).replace("\u3000", " ")
    return text.strip()


@lru_cache(maxsize=1 << 16)  # a cell is read by the table parser, the grid and the cross-table readers
def parse_amount(text: str | None) -> Decimal | None:
    """Parse one printed amount exactly.

    ``"1,234.56"`` → ``Decimal("1234.56")``; ``"00.00"`` → ``Decimal("0.00")``;
    ``"(12.00)"`` → ``Decimal("-12.00")``; ``""``, ``"-"``, ``"—"`` or any text that is not a
    number → ``None``.
    """
    if text is None:
        return None
    cell = clean_cell(text).replace(" ", "")
    if not cell:
        return None
    negative = False
    if cell.startswith("(") and cell.endswith(")"):
        negative, cell = True, cell[1:-1]
    if not _NUMBER.match(cell):
        return None
    try:
        value = Decimal(cell.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        return None
    return -value if negative else value


def decimals_of(text: str) -> int:
    """How many decimals a printed figure shows (``"1,234.5"`` → 1, ``"12"`` → 0)."""
    cell = clean_cell(text)
    return len(cell.split(".", 1)[1]) if "." in cell else 0


def percent_decimals(fraction: Decimal | None) -> int | None:
    """Decimals printed in a percentage kept as a fraction with its printed digits.

    ``Decimal("13.40").scaleb(-2)`` (= 0.1340, from "13.40%") → 2; "100%" (1.00) → 0. Stored as
    ``DECIMAL(20, 6)`` the trailing zeros are lost, so parsers record this beside the fraction.
    """
    if fraction is None:
        return None
    return max(0, -fraction.as_tuple().exponent - 2)


def to_yuan(value: Decimal | None, unit: str) -> Decimal | None:
    """Convert an amount printed in ``unit`` (元, 万元, 亿元) to 元, exactly, to the cent."""
    if value is None:
        return None
    try:
        factor = UNIT_FACTORS[unit]
    except KeyError:
        raise ValueError(f"unknown amount unit {unit!r}; expected one of {sorted(UNIT_FACTORS)}") from None
    return (value * factor).quantize(Decimal("0.01"))
