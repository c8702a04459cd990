"""Figures stated in a budget's prose: the 编制说明 and the 其他相关情况说明 that follow the tables.

Read sentence by sentence (wrapped lines joined, :func:`..prose.sentences`);
inside a sentence every amount is read with the words just before it in its clause:

- totals (``收入预算9628.22万元``, ``其中：财政拨款收入…``, ``一般公共预算拨款支出预算…``, 人员 / 公用
  经费, 机关运行经费, 政府采购预算 and its parts) → ``narrative_fact`` rows whose ``metric_key`` ends
  in ``_budget`` (the figure is a budget, as the ``_budget`` keys of a final account's prose);
  ``比2025年预算增加 X 万元`` is the stated change of the figure before it (``change_yuan``; ``与…持平``
  a change of 0);
- per-item lines (``公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元`` or
  ``“…（类）…（款）…（项）”科目42.29万元``, the code resolved through the document's own tables when
  the marks print none): ``subject_expenditure_budget`` with the item's code; the sentences that
  follow, up to the next item, give ``subject_prior_execution`` (``2025年当年预算执行数为 X 万元``)
  and the budget restated (``2026年预算安排 Y 万元``) with the stated rate
  (``比2025年预算执行数增加 Z%`` → ``change_pct``, a fraction);
- every year a sentence names for a budget: ``compared_year`` when the budget is compared with
  it (``比2025年预算…``, ``2025年当年预算执行数``), ``budget_year`` when a budget is stated for it
  (``2026年预算安排``, ``2026年“三公”经费预算数``, ``2026年，…``, ``2026年本部门…``):
  ``number_value`` is the year, so the quality checks can hold them against the document's fiscal
  year; other years (dates, a final account's year, a project's period) are not read;
- “三公” budgets (``“三公”经费预算数为10.81万元``, ``因公出国（境）费0万元`` …) → ``three_public``
  rows (``source = 'narrative'``, ``measure = 'budget'``).

Numbers are never paired across sentences, except an item's own lines, which stay with their item
until the next item line or the end of the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..cells import squash
from ..final_account.narrative import MONEY, PERCENT
from ..final_account.sections import clean_line
from ..final_account.subjects import class_key
from ..final_account.three_public import category_of
from ..numbers import decimals_of, parse_amount, percent_decimals, to_yuan
from ..prose import sentences
from ..result import ExtractionResult
from ..source import SourceDocument
from .sections import is_page_furniture, title_code

_START = re.compile(r"(?:预算编制说明|预算情况说明|其他相关情况说明)$")
_PROJECT = re.compile(r"项目(?:经费|支出)?(?:情况)?说明$|绩效目标表$")
_SEPARATORS = re.compile(r"[,，；;：:、]")

_ITEM = re.compile(
    r"^(?:(?:\d{1,3}|[一二三四五六七八九十]+)[、.．]|\([一二三四五六七八九十\d]{1,3}\))?\s*[“\"]?"
    r"(?P<cls>[^()“”\"]+?)\((?P<c>\d{3})?类\)(?P<kuan>[^()]+?)\((?P<k>\d{2})?款\)"
    r"(?:(?P<xiang>[^()]+?)\((?P<x>\d{2})?项\))?[”\"]?(?:科目)?(?:支出)?(?:为|是)?\s*"
    r"(?P<amount>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)")
_PRIOR = re.compile(r"(?P<year>\d{4})\s*年度?(?:当年)?预算执行数?(?:为|是)?\s*$")
_PLANNED = re.compile(r"(?P<year>\d{4})\s*年度?预算安排(?:为|是)?\s*$")
_CHANGE_WORD = r"(?P<word>增加|增长|上升|提高|减少|下降|降低)了?"
_ITEM_RATE = re.compile(rf"(?:比|较)\s*(?P<year>\d{{4}})\s*年度?(?:当年)?预算执行数?{_CHANGE_WORD}\s*$")
_ITEM_FLAT = re.compile(r"与\s*\d{4}\s*年度?(?:当年)?预算执行数?持平")
_CHANGE = re.compile(rf"^(?:比|较)\s*\d{{4}}\s*年度?(?:年初)?预算(?:数)?{_CHANGE_WORD}$")
_FLAT = re.compile(r"^(?:与|比|较)\s*\d{4}\s*年度?(?:年初)?预算(?:数)?持平")
_NEGATIVE = ("减少", "下降", "降低")
# The years a sentence names for a budget, by the words around them (first role that matches wins);
# other years (a date, a final account's year, a project's period) are not read.
_YEAR = r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年度?"
_YEAR_ROLES = (
    ("compared_year", re.compile(rf"(?:比|较|与)\s*{_YEAR}(?:年初)?预算")),  # 比2025年预算增加 …
    ("compared_year", re.compile(rf"{_YEAR}(?:当年)?预算执行")),  # 2025年当年预算执行数为 …
    ("budget_year", re.compile(rf"{_YEAR}(?:预算安排|[“\"]?三公[”\"]?经费预算|本部门|本单位|部门预算|单位预算)")),
    ("budget_year", re.compile(rf"^{_YEAR}[,，]")),  # 2026年，…收入预算 …
)
_TRAILING = re.compile(r"(?:为|是|共计|总额为|总额)+$")

# label ending → metric (first match wins: the fund-specific lines before the bare totals)
_METRICS = tuple((re.compile(pattern), key) for pattern, key in (
    (r"财政拨款收入(?:预算)?$", "fiscal_income_total_budget"),
    (r"一般公共预算(?:财政)?拨款收入(?:预算)?$", "income_general_public_budget_budget"),
    (r"政府性基金(?:预算)?(?:财政)?拨款收入(?:预算)?$", "income_government_fund_budget"),
    (r"国有资本经营预算(?:财政)?拨款收入(?:预算)?$", "income_state_capital_budget"),
    (r"经营收入(?:预算)?$", "income_operating_budget"),
    (r"事业收入(?:预算)?$", "income_business_budget"),
    (r"上级补助收入(?:预算)?$", "income_superior_subsidy_budget"),
    (r"附属单位上缴收入(?:预算)?$", "income_subsidiary_remit_budget"),
    (r"其他收入(?:预算)?$", "income_other_budget"),
    (r"收入预算(?:总额|合计|总计)?$|^(?:本年)?收入(?:合计|总计)$", "income_total_budget"),
    (r"财政拨款支出(?:预算)?$", "fiscal_expenditure_total_budget"),
    (r"一般公共预算(?:财政)?(?:拨款)?支出预算$", "gpb_expenditure_total_budget"),
    (r"政府性基金(?:预算)?(?:财政)?(?:拨款)?支出预算$", "government_fund_expenditure_total_budget"),
    (r"国有资本经营预算(?:财政)?(?:拨款)?支出预算$", "state_capital_expenditure_total_budget"),
    (r"基本支出(?:预算)?$", "expenditure_basic_budget"),
    (r"项目支出(?:预算)?$", "expenditure_project_budget"),
    (r"人员经费(?:预算)?$", "personnel_expense_budget"),
    (r"公用经费(?:预算)?$", "public_expense_budget"),
    (r"机关运行经费(?:预算)?(?:数)?$", "agency_operating_expense_budget"),
    (r"政府采购货物预算$", "government_procurement_goods_budget"),
    (r"政府采购工程预算$", "government_procurement_works_budget"),
    (r"政府采购服务预算$", "government_procurement_services_budget"),
    (r"政府采购预算(?:总额)?$", "government_procurement_total_budget"),
    (r"支出预算(?:总额|合计|总计)?$|^(?:本年)?支出(?:合计|总计)$", "expenditure_total_budget"),
))


@dataclass
class Fact:
    """One figure stated in a sentence, with its stated change."""

    key: str
    amount: tuple[Decimal, str, int, int]  # (元, unit, decimals, line)
    code: str | None = None
    text: str = ""
    change: Decimal | None = None
    change_pct: Decimal | None = None


@dataclass
class _Item:
    """A per-item line and the figures stated about it until the next item."""

    code: str | None
    facts: list[Fact] = field(default_factory=list)


def prose_spans(doc: SourceDocument) -> list[tuple[int, int]]:
    """``(first, last)`` line of each prose section: from its heading to the next table, project section or heading."""
    starts, stops = [], []
    for number, text in doc.numbered():
        if "\t" in text or "…" in text or "...." in text:
            continue
        line = clean_line(text).replace(" ", "")
        if len(line) <= 30 and _START.search(line):
            starts.append(number)
        elif title_code(text) or (len(line) <= 40 and _PROJECT.search(line)):
            stops.append(number)
    spans = []
    for index, start in enumerate(starts):
        ends = [n - 1 for n in (*stops, *starts[index + 1:]) if n > start] or [len(doc.lines)]
        spans.append((start + 1, min(ends)))
    return spans


class BudgetProse:
    """Reads one budget's prose; item codes resolve through the function subjects its tables print."""

    def __init__(self, subjects: list[dict], class_codes: dict[str, str]):
        self.class_codes = class_codes
        self.children: dict[tuple[str, str], str] = {}  # (parent code, name) → code
        for row in subjects:
            if row["classification"] == "function" and row["parent_code"]:
                self.children.setdefault((row["parent_code"], squash(row["subject_name"])), row["subject_code"])

    def read(self, doc: SourceDocument, out: ExtractionResult) -> None:
        # page numbers and page breaks blanked (lines keep their numbers): a paragraph, a sentence or an
        # item runs on across a page break
        doc = replace(doc, lines=tuple("" if is_page_furniture(line) else line.replace("\f", "") for line in doc.lines))
        for start, end in prose_spans(doc):
            item: _Item | None = None
            for printed, text, lines in sentences(doc, start, end):
                heading = _ITEM.match(text)
                if heading:
                    self._close(item, out)
                    item = self._item(heading, printed, lines)
                elif item is not None and not self._item_figures(item, printed, text, lines):
                    self._close(item, out)
                    item = None
                if item is None:
                    self._totals(printed, text, lines, out)
                    self._three_public(text, lines, out)
                self._years(printed, text, lines, out)
            self._close(item, out)

    # --- per-item lines -----------------------------------------------------------------------

    def item_code(self, match: re.Match) -> str | None:
        """The code an item line names: printed in its marks, else found by name under the printed parent."""
        code = match["c"] or self.class_codes.get(class_key(match["cls"]))
        for part, name in ((match["k"], match["kuan"]), (match["x"], match["xiang"])):
            if code is None or name is None:
                break
            code = code + part if part else self.children.get((code, squash(name.strip("“”\" "))))
        return code

    def _item(self, match: re.Match, printed: str, lines: list[int]) -> _Item:
        item = _Item(self.item_code(match))
        amount = _figure(match["amount"], match["unit"], lines[match.start("amount")])
        item.facts.append(Fact("subject_expenditure_budget", amount, item.code, printed))
        self._item_figures(item, printed, match.string, lines)  # execution figures in the same sentence
        return item

    def _item_figures(self, item: _Item, printed: str, text: str, lines: list[int]) -> bool:
        """Read the figures an item sentence states about the item; False when it states none."""
        found = False
        planned: Fact | None = None
        for match in MONEY.finditer(text):
            before = text[: match.start()]
            amount = _figure(match.group(1), match.group(2), lines[match.start()])
            prior, plan = _PRIOR.search(before), _PLANNED.search(before)
            if prior:
                item.facts.append(Fact("subject_prior_execution", amount, item.code, printed))
                found = True
            elif plan:
                planned = Fact("subject_expenditure_budget", amount, item.code, printed)
                item.facts.append(planned)
                found = True
        rate = next((m for m in PERCENT.finditer(text) if _ITEM_RATE.search(text[: m.start()])), None)
        target = planned or item.facts[0]
        if rate:
            sign = -1 if _ITEM_RATE.search(text[: rate.start()])["word"] in _NEGATIVE else 1
            target.change_pct = sign * Decimal(rate.group(1)).scaleb(-2)
            found = True
        elif _ITEM_FLAT.search(text):
            target.change_pct = Decimal("0")
            found = True
        return found or not MONEY.search(text)  # a sentence without figures (主要用于…) stays with its item

    def _close(self, item: _Item | None, out: ExtractionResult) -> None:
        for fact in item.facts if item else ():
            _emit(out, fact)

    # --- totals, 三公 and years ------------------------------------------------------------------

    def _totals(self, printed: str, text: str, lines: list[int], out: ExtractionResult) -> None:
        facts: list[Fact] = []
        for clause, offset in _clauses(text):
            if facts and _FLAT.match(clause.replace(" ", "")):
                facts[-1].change = facts[-1].change if facts[-1].change is not None else Decimal("0.00")
            start = 0
            for match in MONEY.finditer(clause):
                label = _TRAILING.sub("", clause[start: match.start()].replace(" ", ""))
                start = match.end()
                amount = _figure(match.group(1), match.group(2), lines[offset + match.start()])
                change = _CHANGE.match(label)
                if change and facts:
                    facts[-1].change = (-1 if change["word"] in _NEGATIVE else 1) * amount[0]
                    continue
                key = next((key for pattern, key in _METRICS if pattern.search(label)), None)
                if key:
                    facts.append(Fact(key, amount, text=printed))
        for fact in facts:
            _emit(out, fact)

    def _three_public(self, text: str, lines: list[int], out: ExtractionResult) -> None:
        if not any(word in text for word in ("三公", "出国", "公务用车", "公务接待")):
            return
        for clause, offset in _clauses(text):
            start = 0
            for match in MONEY.finditer(clause):
                label = squash(clause[start: match.start()])
                start = match.end()
                category = category_of(label)
                if category is None or label.startswith(("比", "较", "与")):
                    continue
                yuan, unit, decimals, line = _figure(match.group(1), match.group(2), lines[offset + match.start()])
                out.add("three_public", category=category, measure="budget", period="current", amount_yuan=yuan,
                        source="narrative", reported_unit=unit, reported_decimals=decimals, source_line=line)

    def _years(self, printed: str, text: str, lines: list[int], out: ExtractionResult) -> None:
        roles: dict[int, tuple[str, str]] = {}  # position of the year → (role, year)
        for role, pattern in _YEAR_ROLES:
            for match in pattern.finditer(text):
                roles.setdefault(match.start("year"), (role, match["year"]))
        for position, (role, year) in sorted(roles.items()):
            out.add("narrative_fact", metric_key=role, subject_code=None, amount_yuan=None,
                    number_value=Decimal(year), change_yuan=None, change_pct=None, change_pct_decimals=None,
                    reported_unit=None, reported_decimals=0, text=printed, source_line=lines[position])


def _clauses(text: str):
    """``(clause, offset in the sentence)`` of each clause (between separators)."""
    start = 0
    for match in [*_SEPARATORS.finditer(text), None]:
        end = match.start() if match else len(text)
        yield text[start:end], start
        start = end + 1


def _figure(number: str, unit: str, line: int) -> tuple[Decimal, str, int, int]:
    return to_yuan(parse_amount(number), unit), unit, decimals_of(number), line


def _emit(out: ExtractionResult, fact: Fact) -> None:
    yuan, unit, decimals, line = fact.amount
    out.add("narrative_fact", metric_key=fact.key, subject_code=fact.code, amount_yuan=yuan,
            number_value=None, change_yuan=fact.change, change_pct=fact.change_pct,
            change_pct_decimals=percent_decimals(fact.change_pct), reported_unit=unit,
            reported_decimals=decimals, text=fact.text, source_line=line)
