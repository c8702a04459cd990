"""Figures stated in the prose explanation (第三部分 …决算情况说明).

The section is cut into paragraphs (lines wrapped by the PDF are joined again) and sentences
(at 。！？). Inside one sentence every amount is read with the words just before it: a label
(``本年收入 946.10 万元``), a change against last year (``比上年决算数减少 4074.05 万元``, ``下降
81.15%``) or a budget (``比本年预算的 16.00 万元``). Changes and budgets attach to the metric
stated before them in the same sentence; numbers are never paired across sentences. Changes
against a budget are not year-on-year changes and are not stored as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..mentions import ORG_SUFFIX
from ..numbers import decimals_of, parse_amount, percent_decimals, to_yuan
from ..result import ExtractionResult
from .subjects import class_key, is_function_code, strip_ordinal

MONEY = re.compile(r"(?<![\d.])(?<!\d,)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|万元|元)")
PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*%")
_SCORE = re.compile(r"得分(?:为)?\s*(\d+(?:\.\d+)?)\s*分")
_SEPARATORS = re.compile(r"[，,；;：:、]")
_CHANGE = re.compile(r"^(?P<label>.*?)(?P<compare>(?:比|较|与)[^，,；;]*?)?"
                     r"(?P<word>增加|增长|上升|提高|减少|下降|降低|节约)了?$")
_BUDGET_COMPARE = re.compile(r"^(?:比|较)(?:本年|本年度|年初|全年)?预算(?:数)?的?$")
_PRIOR = re.compile(r"上年|上一年|去年|\d{4}\s*年")
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
_NEGATIVE = ("减少", "下降", "降低", "节约")
_OWNER = re.compile(rf"^[\u4e00-\u9fff·・（）()]{{2,40}}?{ORG_SUFFIX}(?=\d{{4}}年)")  # 上海市普陀区财政局2024年度…
_LEADING = re.compile(r"^(?:\d{4}年度?|本年度|本单位|本部门|我单位|我局|本局|全年|其中|主要是|即)+")
_ITEM_FIGURE = re.compile(r"(?:支出|收入)决算(?:数)?(?:为|是)?")
_TRAILING = re.compile(r"(?:为|是|达到|达|共计|决算数|决算为|决算|总额为)+$")


@dataclass
class Fact:
    """One metric stated in one sentence."""

    key: str
    code: str | None = None
    qualifier: str | None = None
    amount: tuple[Decimal, str, int, int] | None = None  # (元, unit, decimals, line)
    change: tuple[Decimal, str, int, int] | None = None
    change_pct: tuple[Decimal, int] | None = None
    number: tuple[Decimal, int] | None = None


@dataclass
class _Sentence:
    text: str
    lines: list[int]  # line of each character
    facts: list[Fact] = field(default_factory=list)
    current: Fact | None = None
    base: str | None = None  # 'prior' or 'budget': what the latest comparison is against


class Narrative:
    """Reads the facts of one document's explanation; codes resolve through the document's own tables."""

    def __init__(self, class_codes: dict[str, str], economic_codes: dict[str, str]):
        self.class_codes = class_codes
        self.economic_codes = economic_codes

    def read(self, prose: Iterable[tuple[str, str, list[int]]], out: ExtractionResult) -> None:
        """The facts of the ``prose``: the sentences of :func:`..prose.sentences`.

        A sentence that states only the change of a metric the sentence just before it stated
        (``收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。``) completes
        that fact: the metric is named again, so the two figures are not paired by position.
        """
        previous: list[tuple[Fact, str]] = []
        for printed, text, lines in prose:
            sentence = _Sentence(text, lines)
            self._read_sentence(sentence)
            current = []
            for fact in sentence.facts:
                stated = _stated_before(fact, previous)
                if stated is None:
                    current.append((fact, printed))
                else:
                    stated[0].change, stated[0].change_pct = fact.change, fact.change_pct
                    previous[previous.index(stated)] = (stated[0], f"{stated[1]}{printed}")
            for fact, sentence_text in previous:
                _emit(out, fact, sentence_text)
            previous = current
        for fact, sentence_text in previous:
            _emit(out, fact, sentence_text)

    def _read_sentence(self, s: _Sentence) -> None:
        mentions = sorted([(m, "money") for m in MONEY.finditer(s.text)]
                          + [(m, "pct") for m in PERCENT.finditer(s.text)]
                          + [(m, "score") for m in _SCORE.finditer(s.text)], key=lambda item: item[0].start())
        previous_end = 0
        for match, kind in mentions:
            segment = s.text[previous_end : match.start()]
            previous_end = match.end()
            _update_base(s, segment)
            words = tail(segment)
            if kind == "money":
                self._money(s, match, words)
            elif kind == "pct":
                self._percent(s, match, words)
            else:
                value = Decimal(match.group(1))
                s.facts.append(Fact("performance_score", number=(value, s.lines[match.start(1)])))

    def _money(self, s: _Sentence, match: re.Match, tail: str) -> None:
        value = parse_amount(match.group(1))
        if value is None:
            return
        figure = (to_yuan(value, match.group(2)), match.group(2), decimals_of(match.group(1)), s.lines[match.start()])
        change = _CHANGE.match(tail)
        if change:
            target = self._change_target(s, change.group("label"))
            if target is not None and s.base == "prior" and target.change is None:
                sign = -1 if change.group("word") in _NEGATIVE else 1
                target.change = (sign * figure[0], *figure[1:])
            return
        if _BUDGET_COMPARE.match(tail):
            if s.current is not None:
                s.facts.append(Fact(_budget_key(s.current.key), s.current.code, amount=figure))
            return
        fact = self.classify(tail, s)
        if fact is not None:
            fact.amount = figure
            s.facts.append(fact)
        s.current = fact

    def _percent(self, s: _Sentence, match: re.Match, tail: str) -> None:
        change = _CHANGE.match(tail)
        if not change or s.base != "prior":
            return
        target = self._change_target(s, change.group("label"))
        if target is not None and target.change_pct is None:
            sign = -1 if change.group("word") in _NEGATIVE else 1
            target.change_pct = (sign * Decimal(match.group(1)).scaleb(-2), s.lines[match.start()])  # a fraction

    def _change_target(self, s: _Sentence, label: str) -> Fact | None:
        """The fact a change belongs to: the one just stated, or the metric the change names."""
        if not normalize_label(label):
            return s.current
        named = self.classify(label, s)
        if named is None:
            s.current = None
            return None
        existing = next((f for f in reversed(s.facts) if f.key == named.key and f.code == named.code), None)
        if existing is None:
            s.facts.append(named)
            existing = named
        s.current = existing
        return existing

    def classify(self, label: str, s: _Sentence) -> Fact | None:
        """The metric a label names, ``None`` when it names none we know."""
        text = normalize_label(label)
        if not text:
            return None
        coded = re.match(r"^(\d{3,7})[-－—–.、]?(.+)$", text)
        if coded and is_function_code(coded.group(1)):
            return Fact("subject_expenditure", coded.group(1))
        for rule in (_three_public, _other_named):
            key = rule(text)
            if key:
                return Fact(key)
        if re.search(r"[（(]类[）)]", label):
            code = self.class_codes.get(class_key(strip_ordinal(_LEADING.sub("", label.replace(" ", "")))))
            return Fact("subject_expenditure", code) if code else None
        if text in self.economic_codes:
            return Fact("economic_expenditure", self.economic_codes[text])
        if _ITEM_FIGURE.fullmatch(label.replace(" ", "")):
            return None  # "…行政运行（项）。年初预算为 …，支出决算为 …": the item's figure, not the total
        return _income_or_expenditure(text, s)


def _stated_before(fact: Fact, previous: list[tuple[Fact, str]]) -> tuple[Fact, str] | None:
    """The fact of the previous sentence that ``fact`` (a change without an amount) is the change of."""
    if fact.amount is not None or (fact.change is None and fact.change_pct is None):
        return None
    return next((item for item in previous if item[0].key == fact.key and item[0].code == fact.code
                 and item[0].amount is not None and item[0].change is None and item[0].change_pct is None), None)


def normalize_label(label: str) -> str:
    text = strip_ordinal(label.replace(" ", "").strip("“”\"'（）()"))
    text = strip_ordinal(_LEADING.sub("", _OWNER.sub("", text)))
    return _TRAILING.sub("", text)


def tail(segment: str) -> str:
    """The words just before a number: the last clause of the segment that holds any."""
    parts = [part.strip() for part in _SEPARATORS.split(segment)]
    return next((part for part in reversed(parts) if part), "")


def _update_base(s: _Sentence, segment: str) -> None:
    """What the comparison the segment opens is against: its own clause names a budget or a prior year.

    Only the clause of the comparison counts, and a fund's name is no budget: in ``与2023年度相比，一般
    公共预算财政拨款支出减少`` the comparison is with 2023, the 一般公共预算 names what is compared.
    """
    compare = re.search(r"(?:比|较|与)([^，,；;：:]*)", segment)
    if compare:
        clause = _FUND_NAMES.sub("", compare.group(1))
        if "预算" in clause:
            s.base = "budget"
        elif _PRIOR.search(clause):
            s.base = "prior"


def _budget_key(key: str) -> str:
    return "three_public_budget" if key == "three_public_total" else f"{key}_budget"


_THREE_PUBLIC_PARTS = (
    ("公务用车购置及运行", "three_public_vehicle"),
    ("公务用车购置", "three_public_vehicle_purchase"),
    ("公务用车运行", "three_public_vehicle_operation"),
    ("因公出国", "three_public_overseas_travel"),
    ("公务接待", "three_public_reception"),
)


def _three_public(text: str) -> str | None:
    budget = "预算" in text.replace("一般公共预算", "")
    if "三公" in text:
        return "three_public_budget" if budget else "three_public_total"
    if not re.search(r"(?:费|费用|支出)$", text):
        return None
    for word, key in _THREE_PUBLIC_PARTS:
        if word in text and "平台" not in text:
            return f"{key}_budget" if budget else key
    return None


_NAMED = (
    ("机关运行经费", "agency_operating_expense"),
    ("政府采购支出总额", "government_procurement_total"),
    ("政府采购金额", "government_procurement_total"),  # the 2024 template: 政府采购金额（以合同签订为准）为 …
    ("政府采购货物支出", "government_procurement_goods"),
    ("货物采购金额", "government_procurement_goods"),
    ("政府采购工程支出", "government_procurement_works"),
    ("工程采购金额", "government_procurement_works"),
    ("政府采购服务支出", "government_procurement_services"),
    ("服务采购金额", "government_procurement_services"),
)
_ENDINGS = (
    ("人员经费", "personnel_expense"),
    ("公用经费", "public_expense"),
    ("人员支出", "personnel_expenditure"),
    ("公用支出", "public_expenditure"),
)


def _other_named(text: str) -> str | None:
    for word, key in _NAMED:
        if word in text and (key != "agency_operating_expense" or re.search(r"经费(?:支出)?$", text)):
            return key
    for ending, key in _ENDINGS:
        if text.endswith(ending):
            return key
    return None


_INCOME_LINES = (
    ("一般公共预算财政拨款收入", "income_general_public_budget"),
    ("政府性基金预算财政拨款收入", "income_government_fund"),
    ("国有资本经营预算财政拨款收入", "income_state_capital"),
    ("上级补助收入", "income_superior_subsidy"),
    ("事业收入", "income_business"),
    ("经营收入", "income_operating"),
    ("附属单位上缴收入", "income_subsidiary_remit"),
    ("其他收入", "income_other"),
)
_EXPENDITURE_TYPES = (
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("上缴上级支出", "upper_remit"),
    ("对附属单位补助支出", "subsidiary"),
    ("经营支出", "operating"),
)
_QUALIFIERS = (
    ("一般公共预算", "gpb"),
    ("政府性基金", "government_fund"),
    ("国有资本经营", "state_capital"),
    ("财政拨款", "fiscal"),
)
_BALANCES = (
    ("年初结转和结余", "opening_balance"),
    ("年末结转和结余", "closing_balance"),
    ("结余分配", "surplus_distribution"),
)
_BARE_TOTAL = re.compile(r"^(?:本年|年度)?(收入|支出)(?:合计|总计)?$")
_GRAND_TOTAL = re.compile(r"^(?:收入支出|收支)总计$")  # 01's 总计 (with the balances), 04's when 财政拨款


def _income_or_expenditure(text: str, s: _Sentence) -> Fact | None:
    """Totals, parts and balances of income and expenditure, with the fund the label (or sentence) names.

    A label that names no fund takes the fund of the fact before it in the same sentence
    (``政府性基金预算财政拨款本年收入 0 元，本年支出 0 元`` → both government-fund figures).
    """
    for ending, key in _INCOME_LINES:
        if text.endswith(ending):
            return Fact(key)
    if "非财政拨款结余" in text:
        return Fact("non_fiscal_balance_used")
    qualifier = next((q for word, q in _QUALIFIERS if word in text), None)
    budget = "预算" in re.sub(r"一般公共预算|政府性基金预算|国有资本经营预算", "", text)
    core = re.sub(r"^.*(?:财政拨款|一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?)", "", text)
    core = re.sub(r"(?:年初|本年)?预算(?:数)?$", "", core)
    base = next((key for word, key in _BALANCES if word in core), None)
    if base is None and _GRAND_TOTAL.match(core):
        base = "grand_total"
    if base is None:
        kind = next((k for ending, k in _EXPENDITURE_TYPES if core.endswith(ending)), None)
        bare = _BARE_TOTAL.match(core)
        if kind is None and bare is None:
            return None
        side = "income" if bare and bare.group(1) == "收入" else "expenditure"
        base = f"{side}_{kind or 'total'}"
    if qualifier is None and s.facts:
        qualifier = s.facts[-1].qualifier
    key = f"{qualifier}_{base}" if qualifier else base
    return Fact(key + ("_budget" if budget else ""), qualifier=qualifier)


def _emit(out: ExtractionResult, fact: Fact, sentence: str) -> None:
    reference = fact.amount or fact.change
    line = (reference[3] if reference else None) or (fact.change_pct[1] if fact.change_pct else None)
    if line is None and fact.number:
        line = fact.number[1]
    if fact.amount is None and fact.change is None and fact.change_pct is None and fact.number is None:
        return
    out.add(
        "narrative_fact",
        metric_key=fact.key,
        subject_code=fact.code,
        amount_yuan=fact.amount[0] if fact.amount else None,
        number_value=fact.number[0] if fact.number else None,
        change_yuan=fact.change[0] if fact.change else None,
        change_pct=fact.change_pct[0] if fact.change_pct else None,
        change_pct_decimals=percent_decimals(fact.change_pct[0]) if fact.change_pct else None,
        reported_unit=reference[1] if reference else None,
        reported_decimals=reference[2] if reference else None,
        text=sentence,
        source_line=line,
    )
