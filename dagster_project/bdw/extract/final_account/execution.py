"""Budget against outcome as the explanation states it: per budget item, in total and for the 三公.

The national template explains every 项 of the general budget (and of the government-fund and
state-capital budgets) in a paragraph of its own::

    1、教育支出（类）普通教育（款）初中教育（项）。主要用于：…。年初预算为 X 万元，支出决算为 Y 万元
    （，完成年初预算的 Z%）。决算数大于（小于）预算数的主要原因：…（如持平作持平表述）

and states the total and the 三公 expenses in the same form (``一般公共预算财政拨款支出年初预算为 X
万元，支出决算为 Y 万元，完成年初预算的 Z%。决算数小于预算数的主要原因…``; ``“三公”经费财政拨款支出
年初预算为 X 万元，支出决算为 Y 万元，完成预算的 Z%，其中：因公出国（境）费决算为 Y₁ 万元，完成预算的
Z₁%…``). One ``narrative_execution`` row per statement: its subject (a function code resolved
through the document's own tables, the fund's total, or a 三公 category), X, Y, Z and the word
that compares them (大于 / 小于 / 等于 / 持平), each with its line. Whether Y is the table's figure,
Z is Y / X and the word fits X and Y is judged by the dbt rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..numbers import decimals_of, parse_amount, percent_decimals, to_yuan
from ..prose import paragraphs, split_sentences
from ..result import ExtractionResult
from ..source import SourceDocument
from .subjects import class_key

GENERAL, GOVERNMENT_FUND, STATE_CAPITAL = "general_public_budget", "government_fund", "state_capital"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_RATE = r"(?:\s*[，,；;]?\s*完成(?:年初)?预算(?:数)?的\s*(?P<z>\d+(?:\.\d+)?)\s*%)?"
_STATEMENT = re.compile(
    rf"(?:年初|全年)?预算(?:数)?(?:为|是)?\s*(?P<x>{_NUMBER})\s*(?P<xu>万元|元)"
    rf"\s*[，,；;]?\s*(?:支出)?决算(?:数)?(?:为|是)?\s*(?P<y>{_NUMBER})\s*(?P<yu>万元|元){_RATE}"
)
_PART = re.compile(
    r"(?P<label>因公出国[（(]境[）)]费|公务用车购置及运行(?:维护)?费|公务用车购置费|公务用车运行(?:维护)?费|公务接待费)"
    rf"(?:支出)?决算(?:数)?(?:为|是)?\s*(?P<y>{_NUMBER})\s*(?P<yu>万元|元){_RATE}"
)
_WORDS = {"大于": "gt", "高于": "gt", "超过": "gt", "多于": "gt", "小于": "lt", "低于": "lt", "少于": "lt",
          "等于": "eq", "基本持平": "approx", "持平": "eq", "一致": "eq"}
_DIRECTION = re.compile(rf"决算数?(?:与(?:年初)?预算数?)?(?P<word>{'|'.join(_WORDS)})")
_ITEM = re.compile(r"(?P<lei>[^（()、]+?)[（(]类[）)](?P<kuan>[^（()]+?)[（(]款[）)](?P<xiang>[^（()]+?)[（(]项[）)]")
_CLASS_MARK = re.compile(r"[（(]类[）)]")
_THREE_PUBLIC_PARTS = (("因公出国", "overseas_travel"), ("购置及运行", "vehicle"), ("购置", "vehicle_purchase"),
                       ("运行", "vehicle_operation"), ("接待", "reception"))


@dataclass
class Statement:
    """One budget-against-outcome statement as printed; amounts in 元."""

    kind: str  # item | total | three_public
    code: str | None  # function code (item), fund (total), 三公 category
    fund: str | None
    label: str
    line: int
    budget: tuple[Decimal, str, int, int] | None = None  # (元, unit, decimals, line)
    actual: tuple[Decimal, str, int, int] | None = None
    rate: tuple[Decimal, int] | None = None  # (fraction, line)
    direction: tuple[str, str, int] | None = None  # (gt|lt|eq|approx, word, line)
    text: str = ""
    position: int = 0  # where the statement starts and ends in the explanation's text
    end: int = 0


def _items(text: str):
    """``_ITEM.finditer(text)``, each match tried only where it can start.

    The 类 name runs up to the first bracket, so a match ends its name at a ``（类）`` mark and starts
    right after the last bracket or 、 before it: one try per mark instead of a lazy scan from every
    character of the explanation (the dearest step of reading it).
    """
    position = 0
    for mark in _CLASS_MARK.finditer(text):
        if mark.start() < position:
            continue
        start = max(position, max(text.rfind(stop, position, mark.start()) for stop in "（()、") + 1)
        match = _ITEM.match(text, start)
        if match:
            yield match
            position = match.end()


def _clause_before(text: str, end: int) -> str:
    """The text from the last sentence or paragraph end (。；; or a line break) before ``end`` up to it."""
    return text[max(text.rfind(mark, 0, end) for mark in "。；;\n") + 1 : end]


class ExecutionReader:
    """Reads the statements of one document's explanation; item names resolve through its own tables."""

    def __init__(self, class_codes: dict[str, str], subjects: Iterable[dict]):
        self.class_codes = class_codes
        self.children: dict[str | None, dict[str, str]] = {}  # parent code → {name: code}
        for row in subjects:
            if row.get("classification", "function") == "function" and row["subject_code"].isdigit():
                names = self.children.setdefault(row["parent_code"], {})
                names.setdefault(row["subject_name"].replace(" ", ""), row["subject_code"])

    def read(self, doc: SourceDocument, start: int, end: int, out: ExtractionResult) -> None:
        """The statements of lines ``start`` … ``end`` (the explanation), read as one stream of text:
        the template's item label, figures and direction word may sit in separate paragraphs."""
        texts, printeds, lines, funds, length = [], [], [], [], 0
        for paragraph in paragraphs(doc, start, end):
            for sentence, matchable, sentence_lines in split_sentences(paragraph):
                fund = _fund_of_heading(matchable)
                if fund:
                    funds.append((length, fund))
                texts.append(matchable)
                printeds.append(sentence)
                lines += sentence_lines
                length += len(matchable)
            texts.append("\n")
            printeds.append("\n")
            lines += lines[-1:]
            length += 1
        text, printed = "".join(texts), "".join(printeds)
        for statement in self._statements(text, lines, funds):
            paragraph_start = printed.rfind("\n", 0, statement.position) + 1
            statement.text = printed[paragraph_start : printed.find("\n", statement.position)][:240]
            _emit(out, statement)

    def _statements(self, text: str, lines: list[int], funds: list[tuple[int, str]]) -> list[Statement]:
        items = list(_items(text))
        item_ends = [i.end() for i in items]  # increasing: the matches do not overlap
        fund_positions = [position for position, _ in funds]  # increasing
        found: list[Statement] = []
        used_item = -1
        for match in _STATEMENT.finditer(text):
            headings = bisect_right(fund_positions, match.start())  # the fund headings before the statement
            fund = funds[headings - 1][1] if headings else GENERAL
            before = bisect_right(item_ends, match.start())
            item = items[before - 1] if before else None
            last_heading = fund_positions[headings - 1] if headings else -1
            if item is not None and (item.start() <= used_item or last_heading > item.start()):
                item = None  # that label was explained already, or a heading came between
            statement = self._subject(_clause_before(text, match.start()), item, fund, lines[match.start()])
            if statement is None:
                continue
            if statement.kind == "item":
                used_item = item.start()
            statement.position, statement.end = match.start(), match.end()
            statement.budget = _money(match, "x", "xu", lines)
            statement.actual = _money(match, "y", "yu", lines)
            statement.rate = _rate(match, lines)
            found.append(statement)
        for match in _PART.finditer(text):
            owner = next((s for s in reversed(found) if s.end <= match.start()), None)
            if owner is None or owner.kind != "three_public" or "\n" in text[owner.end : match.start()]:
                continue  # a part of the 三公 is stated in the paragraph of their total
            category = next(key for word, key in _THREE_PUBLIC_PARTS if word in match.group("label"))
            statement = Statement("three_public", category, None, match.group("label"), lines[match.start()])
            statement.position, statement.end = match.start(), match.end()
            statement.actual = _money(match, "y", "yu", lines)
            statement.rate = _rate(match, lines)
            found.append(statement)
        found.sort(key=lambda statement: statement.position)
        full = [s for s in found if s.budget and s.actual]  # statements of both figures: they do not overlap
        full_ends, item_starts = [s.end for s in full], [i.start() for i in items]
        for direction in _DIRECTION.finditer(text):
            owners = bisect_right(full_ends, direction.start())
            owner = full[owners - 1] if owners else None
            if owner is None or owner.direction is not None:
                continue
            after_owner = bisect_right(item_starts, owner.end)  # an item labelled between them: not the owner's
            if after_owner == len(items) or item_starts[after_owner] >= direction.start():
                word = direction.group("word")
                owner.direction = (_WORDS[word], word, lines[direction.start("word")])
        return found

    def _subject(self, clause: str, item: re.Match | None, fund: str, line: int) -> Statement | None:
        """What the clause before a statement names: the 三公, the fund's total, or the 项 labelled before it."""
        clause = clause.replace(" ", "")
        if "三公" in clause:
            return Statement("three_public", "total", None, "“三公”经费", line)
        if re.search(r"(?:财政拨款|预算)支出$", re.sub(r"[（(].*?[）)]", "", clause)):
            return Statement("total", fund, fund, clause, line)
        if item is not None:
            return Statement("item", self._item_code(item), fund, _squeezed(item.group(0)), line)
        return None

    def _item_code(self, item: re.Match) -> str | None:
        """The 项's code: its 类 by name, then the 款 and 项 the document prints under it."""
        lei = self.class_codes.get(class_key(_squeezed(item.group("lei"))))
        kuan = self.children.get(lei, {}).get(_squeezed(item.group("kuan")))
        xiang_name = _squeezed(item.group("xiang"))
        if kuan is not None:
            return self.children.get(kuan, {}).get(xiang_name)
        if lei is None:
            return None
        matches = {code for names in self.children.values() for name, code in names.items()
                   if name == xiang_name and len(code) == 7 and code.startswith(lei)}
        return matches.pop() if len(matches) == 1 else None


def _squeezed(text: str) -> str:
    """A label without the spaces and line breaks the PDF wrapped it with."""
    return re.sub(r"\s+", "", text)


def _fund_of_heading(text: str) -> str | None:
    """The fund a section heading (``八、政府性基金预算财政拨款收入支出决算情况说明``) is about."""
    if len(text) > 40 or "情况" not in text:
        return None
    for word, fund in (("政府性基金", GOVERNMENT_FUND), ("国有资本经营", STATE_CAPITAL), ("一般公共预算", GENERAL)):
        if word in text:
            return fund
    return None


def _money(match: re.Match, value: str, unit: str, lines: list[int]) -> tuple[Decimal, str, int, int] | None:
    amount = parse_amount(match.group(value))
    if amount is None:
        return None
    return to_yuan(amount, match.group(unit)), match.group(unit), decimals_of(match.group(value)), \
        lines[match.start(value)]


def _rate(match: re.Match, lines: list[int]) -> tuple[Decimal, int] | None:
    if not match.group("z"):
        return None
    return Decimal(match.group("z")).scaleb(-2), lines[match.start("z")]


def _emit(out: ExtractionResult, s: Statement) -> None:
    out.add(
        "narrative_execution",
        subject_kind=s.kind,
        subject_code=s.code,
        fund_type=s.fund,
        subject_label=s.label,
        budget_yuan=s.budget[0] if s.budget else None,
        budget_unit=s.budget[1] if s.budget else None,
        budget_decimals=s.budget[2] if s.budget else None,
        budget_line=s.budget[3] if s.budget else None,
        actual_yuan=s.actual[0] if s.actual else None,
        actual_unit=s.actual[1] if s.actual else None,
        actual_decimals=s.actual[2] if s.actual else None,
        actual_line=s.actual[3] if s.actual else None,
        rate=s.rate[0] if s.rate else None,
        rate_decimals=percent_decimals(s.rate[0]) if s.rate else None,
        rate_line=s.rate[1] if s.rate else None,
        direction=s.direction[0] if s.direction else None,
        direction_text=s.direction[1] if s.direction else None,
        direction_line=s.direction[2] if s.direction else None,
        text=s.text,
        source_line=s.line,
    )
