"""Figures stated in the prose of a department-wide self-evaluation (部门整体支出绩效自评报告).

Only documents whose title names a department-wide (``整体``) evaluation are read; the prose
of final accounts belongs to the final-account extractor. Each amount is classified by the
words right before it in its own clause (``2021年总支出37667079.88元`` → ``expenditure_total``);
words that merely contain a metric name do not match (``基本支出项收入总额`` is not a basic
expenditure). A year-on-year change is attached only when the very next clause of the same
sentence states it. Numbers are never paired across sentences.

``工资福利支出`` is read as ``personnel_expense`` and ``商品和服务支出`` as ``public_expense``
when the report states them as the parts of 基本支出 (001 does; strictly, 人员经费 also
includes 对个人和家庭的补助).
"""

from __future__ import annotations

import re

from ..cells import squash
from ..final_account.shares import ShareReader
from ..metadata import PERFORMANCE_REPORT, DocumentMeta
from ..numbers import decimals_of, parse_amount, percent_decimals, to_yuan
from ..prose import document_sentences
from ..result import ExtractionResult
from ..source import SourceDocument

_METRICS = (
    ("income_total", re.compile(r"(?:整体收入|总收入|本年收入合计)$")),
    ("expenditure_total", re.compile(r"(?:总支出|支出资金总额|整体支出|本年支出合计|支出总计)$")),
    ("expenditure_basic", re.compile(r"基本支出$")),
    ("expenditure_project", re.compile(r"(?:^|[^本])项目支出$|支出项目资金$|项目资金支出总额$")),
    ("personnel_expense", re.compile(r"(?:人员经费|人员经费支出|工资福利支出)$")),
    ("public_expense", re.compile(r"(?:公用经费|公用经费支出|商品和服务支出)$")),
    ("three_public_total", re.compile(r"三公[”\"]?经费(?:共|合计|总)?(?:支出)?$")),
    ("agency_operating_expense", re.compile(r"机关运行经费(?:支出)?$")),
)
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
_SCORE = re.compile(r"得分(?:为|是)?\s*(\d+(?:\.\d+)?)\s*分")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
_CLAUSE_BREAK = re.compile(r"[，,；;：:（）()]")
_CHANGE_AMOUNT = re.compile(r"^(?:比|较)[^，]*?(增加|减少|下降|降低|增长|压缩)了?\s*(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")
_CHANGE_PCT = re.compile(r"(增加|减少|下降|降低|增长)了?\s*(\d+(?:\.\d+)?)\s*%")
_NEGATIVE = ("减少", "下降", "降低", "压缩")
_TITLE_LINES = 5


def is_department_report(doc: SourceDocument, meta: DocumentMeta) -> bool:
    """A performance report whose title names the department as a whole (整体支出)."""
    if meta.document_kind != PERFORMANCE_REPORT:
        return False
    title = "".join([squash(text) for _, text in doc.numbered() if text.strip()][:_TITLE_LINES])
    return "整体" in title and ("自评" in title or "绩效" in title)


def extract_department_facts(doc: SourceDocument, meta: DocumentMeta) -> ExtractionResult:
    """``narrative_fact`` and ``narrative_share`` rows from the report's prose (lines without tabs)."""
    result = ExtractionResult()
    if not is_department_report(doc, meta):
        return result
    for number, text in doc.numbered():
        if "\t" in text:
            continue
        for sentence in _SENTENCE.findall(text):
            _sentence_facts(sentence.strip(), number, result)
    ShareReader().read(document_sentences(doc), result)
    return result


def _sentence_facts(sentence: str, line: int, result: ExtractionResult) -> None:
    clauses = _CLAUSE_BREAK.split(sentence)
    previous_metric = None
    for position, clause in enumerate(clauses):
        start = 0
        for match in _AMOUNT.finditer(clause):
            label = squash(clause[start: match.start()])
            start = match.end()
            metric = _metric_of(label, previous_metric)
            previous_metric = metric
            if metric is None:
                continue
            change_yuan, change_pct = _change(clauses[position + 1: position + 3])
            value = parse_amount(match.group(1))
            result.add("narrative_fact", metric_key=metric, subject_code=None,
                       amount_yuan=to_yuan(value, match.group(2)), number_value=None,
                       change_yuan=change_yuan, change_pct=change_pct,
                       change_pct_decimals=percent_decimals(change_pct), reported_unit=match.group(2),
                       reported_decimals=decimals_of(match.group(1)), text=sentence, source_line=line)
    for match in _SCORE.finditer(sentence):
        result.add("narrative_fact", metric_key="performance_score", subject_code=None, amount_yuan=None,
                   number_value=parse_amount(match.group(1)), change_yuan=None, change_pct=None,
                   reported_unit=None, reported_decimals=decimals_of(match.group(1)), text=sentence,
                   source_line=line)


def _metric_of(label: str, previous: str | None) -> str | None:
    """The metric a label names; a bare ``支出`` right after the income total is the expenditure total."""
    if label == "支出" and previous == "income_total":
        return "expenditure_total"
    return next((metric for metric, pattern in _METRICS if pattern.search(label)), None)


def _change(following: list[str]):
    """``(change_yuan, change_pct)`` stated by the clauses right after a figure, else ``None``."""
    change_yuan = change_pct = None
    if following:
        amount = _CHANGE_AMOUNT.search(squash(following[0]))
        if amount:
            sign = -1 if amount.group(1) in _NEGATIVE else 1
            change_yuan = sign * to_yuan(parse_amount(amount.group(2)), amount.group(3))
            pct = _CHANGE_PCT.search(squash(following[1])) if len(following) > 1 else None
            if pct:
                change_pct = (-1 if pct.group(1) in _NEGATIVE else 1) * parse_amount(pct.group(2)).scaleb(-2)
    return change_yuan, change_pct
