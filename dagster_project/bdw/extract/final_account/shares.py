"""Shares stated in prose: ``基本支出 1,420,085.06 元，占 40.92%`` → part, base and the stated percentage.

A share is a percentage whose words start with 占 (``占``, ``占总支出``, ``占基本支出总额的``,
``占本年支出合计的``) printed right after an amount in the same sentence: that amount is the part.
The base is the figure the words name, or, when they name none (``占 40.92%``), the sentence's
first amount that names a total (``支出合计 3,470,158.34 元，其中：基本支出 …，占 40.92%``); a
list of such shares broken into a new paragraph (``…占11.11%；`` / ``卫生健康支出（类）60.99万元，
占2.07%``) keeps the base of the list. A named base is looked
for among the amounts stated before the part, in the same sentence first and then earlier in
the document (``2021年总支出37667079.88元。基本支出3431014.3元，占总支出9.11%``), by the metric
its words name (``总支出`` = ``支出合计`` = ``本年支出合计``) or else by the end of a label
(``小企业合同金额`` → ``授予中小企业合同金额``). A base that cannot be found is left empty: the
check counts the share as not evaluated instead of guessing.

Every figure keeps its own line: the part's, the base's and the percentage's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..numbers import decimals_of, parse_amount, to_yuan
from ..result import ExtractionResult
from .narrative import MONEY, PERCENT, normalize_label, tail

_SHARE = re.compile(r"^占(?P<base>.*?)(?:的)?(?:比重|比例|份额)?(?:为|是|达)?$")

# label (normalized) → the metric it names, for matching a named base with a stated figure
_BASE_METRICS = (
    ("gpb_expenditure_total", re.compile(r"一般公共预算财政拨款(?:支出)?(?:总额|合计)?$")),
    ("fiscal_expenditure_total", re.compile(r"财政拨款支出(?:总额|合计)?$")),
    ("government_procurement_total", re.compile(r"政府采购支出总额$")),
    ("expenditure_basic", re.compile(r"(?:^|[^非])基本支出(?:总额|合计)?$")),
    ("expenditure_project", re.compile(r"^项目支出(?:总额|合计)?$")),
    ("personnel_expense", re.compile(r"人员经费(?:支出)?(?:总额|合计)?$")),
    ("public_expense", re.compile(r"公用经费(?:支出)?(?:总额|合计)?$")),
    ("three_public_total", re.compile(r"三公[”\"]?经费(?:支出)?(?:总额|合计)?$")),
    ("expenditure_grand_total", re.compile(r"^(?:本年|本年度|年度)?支出总计$")),
    ("income_grand_total", re.compile(r"^(?:本年|本年度|年度)?收入总计$")),
    ("expenditure_total", re.compile(
        r"^(?:本年|本年度|年度|部门|单位|整体)?(?:总支出|支出总额|支出合计|支出资金总额|整体支出|支出)$")),
    ("income_total", re.compile(r"^(?:本年|本年度|年度|部门|单位|整体)?(?:总收入|收入总额|收入合计|整体收入|收入)$")),
)


@dataclass(frozen=True)
class _Figure:
    label: str  # as printed, without spaces
    key: str  # the label normalized, for matching a base named by the end of a label
    metric: str | None
    yuan: Decimal
    unit: str
    decimals: int
    line: int


def base_metric(label: str) -> str | None:
    """The metric a label names, for shares (``总支出`` → ``expenditure_total``), else ``None``."""
    text = normalize_label(label)
    return next((metric for metric, pattern in _BASE_METRICS if pattern.search(text)), None) if text else None


class ShareReader:
    """Reads the shares of one document's prose; earlier sentences are remembered for named bases."""

    def __init__(self) -> None:
        self.history: list[_Figure] = []
        self.carried: _Figure | None = None  # the base of the previous sentence's unnamed shares

    def read(self, prose: Iterable[tuple[str, str, list[int]]], out: ExtractionResult) -> None:
        """The shares of the ``prose``: the sentences of :func:`.narrative.sentences`, in order."""
        for printed, text, lines in prose:
            self._sentence(printed, text, lines, out)

    def _sentence(self, printed: str, text: str, lines: list[int], out: ExtractionResult) -> None:
        mentions = sorted([(m, True) for m in MONEY.finditer(text)] + [(m, False) for m in PERCENT.finditer(text)],
                          key=lambda item: item[0].start())
        stated: list[_Figure] = []
        carried, self.carried = self.carried, None
        part: int | None = None  # index in ``stated`` of the amount just before, if nothing came between
        previous_end = 0
        for match, is_money in mentions:
            words = tail(text[previous_end: match.start()])
            previous_end = match.end()
            if is_money:
                value = parse_amount(match.group(1))
                if value is None:
                    part = None
                    continue
                unit = match.group(2)
                stated.append(_Figure(words.replace(" ", ""), normalize_label(words), base_metric(words),
                                      to_yuan(value, unit), unit, decimals_of(match.group(1)), lines[match.start()]))
                part = len(stated) - 1
                continue
            share = _SHARE.match(words.replace(" ", ""))
            if share and part is not None:
                words = share.group("base")
                base = self._base(words, stated[:part]) if normalize_label(words) else _anchor(stated[:part], carried)
                _emit(out, stated[part], base, match, lines[match.start()], printed)
                self.carried = None if normalize_label(words) else base
            else:
                self.carried = None
            part = None
        self.history.extend(stated)

    def _base(self, words: str, before: list[_Figure]) -> _Figure | None:
        """The base a share's words name, among the figures stated ``before`` the part and earlier."""
        candidates = [*reversed(before), *reversed(self.history)]
        metric = base_metric(words)
        if metric is not None:
            return next((f for f in candidates if f.metric == metric), None)
        label = normalize_label(words)
        return next((f for f in candidates if f.key and f.key.endswith(label)), None)


def _anchor(before: list[_Figure], carried: _Figure | None) -> _Figure | None:
    """The base of an unnamed share: the sentence's first total, else the list's base carried over."""
    return next((figure for figure in before if figure.metric is not None), carried)


def _emit(out: ExtractionResult, part: _Figure, base: _Figure | None, match: re.Match, line: int,
          sentence: str) -> None:
    out.add(
        "narrative_share",
        part_label=part.label or None,
        part_metric_key=part.metric,
        part_yuan=part.yuan,
        part_unit=part.unit,
        part_decimals=part.decimals,
        part_line=part.line,
        base_label=base.label if base else None,
        base_metric_key=base.metric if base else None,
        base_yuan=base.yuan if base else None,
        base_unit=base.unit if base else None,
        base_decimals=base.decimals if base else None,
        base_line=base.line if base else None,
        share_pct=Decimal(match.group(1)).scaleb(-2),
        share_decimals=decimals_of(match.group(1)),
        text=sentence,
        source_line=line,
    )
