"""Tables 01 and 04 read without positions: the sides a header names, the readings of a row.

A single-spaced rendering keeps the order of a row's words, not their columns. The header still
names each side's columns in order (项目 | 行次 | 决算数 on the income side, 项目 | 行次 | 合计 |
一般公共预算 … on the expenditure side: :func:`spaced_sides`); a row is labels and the numbers
after each (:func:`label_groups`), and :func:`splits` lists every way those can be the two sides'. The
reader (:mod:`.balance`) keeps the splits that fit the sides and prefers, among them, the ones
where every numbered side prints its 行次 (:func:`numbered_everywhere`), that give every printed
figure its column (:func:`places_every_figure`) and whose own identity holds
(:func:`identity_holds`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..cells import squash
from .grid import TableError, amount_of, is_figure
from .sections import Row
from .wrapped import label_runs

INCOME, EXPENDITURE = "income", "expenditure"


@dataclass(frozen=True)
class Side:
    """One side as a single-spaced row prints it: a 行次 or not, then its amount columns in order."""

    side: str
    numbered: bool
    funds: tuple[str, ...]


_NUMBER_WORDS = ("项目", "决算数", "金额", "行次", "栏次")
_FUND_WORDS = (("合计", "all"), ("决算数", "all"), ("金额", "all"), ("一般公共预算", "general_public_budget"),
               ("政府性基金", "government_fund"), ("国有资本", "state_capital"))


def names_columns(row: Row) -> bool:
    """A line naming columns: 项目 / 决算数 / 金额 / 行次 / 栏次, and no figure."""
    text = squash(" ".join(row.cells))
    return not any(is_figure(cell) for cell in row.cells) and any(word in text for word in _NUMBER_WORDS)


def is_header_line(row: Row) -> bool:
    """A header line repeated on a continuation page: it names columns (04's funds too: 合计 |
    一般公共预算财政拨款 | …), or prints 收入 and 支出 alone (the group labels; within a page, the
    same two words are the ends of wrapped labels)."""
    keys = sorted(squash(cell) for cell in row.cells if squash(cell))
    funds = not any(is_figure(cell) for cell in row.cells) and len(funds_in("".join(keys))) > 1
    return names_columns(row) or funds or keys == ["支出", "收入"]


def spaced_sides(header: list[Row], line: int) -> list[Side]:
    """The two sides a header printed without positions names (see the module doc)."""
    sides: list[Side] = []
    for row in header:
        text = squash(" ".join(row.cells))
        parts = text.split("项目")
        if not sides and len(parts) >= 3:
            sides = [Side(side, "行次" in part, tuple(funds_in(part)))
                     for side, part in ((INCOME, parts[1]), (EXPENDITURE, "项目".join(parts[2:])))]
        elif sides and "项目" not in text and len(sides[1].funds) == 1 and len(funds := funds_in(text)) > 1:
            sides[1] = Side(EXPENDITURE, sides[1].numbered, tuple(funds))  # 04: 决算数 over 合计 | 一般公共预算 …
    if not sides or not all(side.funds for side in sides):
        raise TableError(line, "a header with two 项目 columns (income and expenditure side by side)",
                         "header lines: " + " / ".join(" ".join(row.cells) for row in header))
    return sides


def funds_in(text: str) -> list[str]:
    """The amount columns a header text names, in the order printed."""
    found = []
    for word, fund in _FUND_WORDS:
        start = text.find(word)
        while start >= 0:
            found.append((start, fund))
            start = text.find(word, start + len(word))
    return [fund for _, fund in sorted(found)]


def label_groups(cells: list[str]) -> list[tuple[str, list[str]]]:
    """A single-spaced row as ``(label, numbers after it)``; numbers before any label have label ``''``."""
    runs = label_runs(cells)
    if not runs:
        return [("", cells)]
    groups = [("", cells[: runs[0][0]])] if runs[0][0] else []
    for index, (start, stop) in enumerate(runs):
        end = runs[index + 1][0] if index + 1 < len(runs) else len(cells)
        groups.append((" ".join(cells[start:stop]), cells[stop:end]))
    return groups


def splits(groups: list[tuple[str, list[str]]]):
    """Every way the groups can be the two sides' ``(label, numbers)``, in order."""
    if len(groups) == 2:
        yield groups
        return
    label, numbers = groups[0]
    for cut in range(len(numbers) + 1):  # the label's side takes the first numbers, an unlabelled right side the rest
        yield [(label, numbers[:cut]), ("", numbers[cut:])]
    if label:
        yield [("", []), (label, numbers)]


def is_row_number(text: str) -> bool:
    return text.isdigit() and int(text) >= 1


def numbered_everywhere(reading: list, sides: list[Side]) -> bool:
    """Every numbered side printed its 行次 (the template prints it on every row)."""
    return all(number is not None for side, (_, _, _, number, _) in zip(sides, reading) if side.numbered)


def places_every_figure(reading: list, sides: list[Side]) -> bool:
    """No side prints fewer amounts than it has columns: every figure of the row has its column."""
    return all(values is not None for _, _, values, _, _ in reading)


def identity_holds(reading: list, sides: list[Side]) -> bool:
    """Each side printing 合计 and funds satisfies 合计 = Σ funds (the row's own identity)."""
    for _, _, values, _, _ in reading:
        if not values or len(values) < 2 or values[0][1] != "all":
            continue
        total = amount_of(values[0][2]) or Decimal(0)
        if total != sum((amount_of(text) or Decimal(0) for _, _, text in values[1:]), Decimal(0)):
            return False
    return True
