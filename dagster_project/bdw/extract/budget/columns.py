"""What a budget table's column holds, from its header label (the header rows read top to bottom).

Labels are the concatenated header cells of a column (``收入预算`` over ``事业单位经营收入`` →
``收入预算事业单位经营收入``), so the most specific word is looked for first: ``事业单位经营收入`` is
operating income, not 事业收入; ``基本支出人员经费`` is personnel spending, not the basic total;
``财政拨款收入一般公共预算`` is the general-budget part of the appropriation.
"""

from __future__ import annotations

LABEL = "label"  # code / name columns
UNKNOWN = "unknown"  # a header nobody recognised: a figure under it stops the table

_LABEL_WORDS = ("科目", "编码", "名称", "功能分类", "经济分类", "类款项", "类款")
_LABEL_CELLS = {"项目", "类", "款", "项", "类款", "栏次"}

FUNDS = (("一般公共预算", "general_public_budget"), ("政府性基金", "government_fund"), ("国有资本", "state_capital"))

_INCOME_WORDS = (
    *FUNDS,
    ("上级补助", "superior_subsidy"),
    ("附属单位", "subsidiary_remit"),
    ("经营", "operating"),
    ("事业", "business"),
    ("其他", "other"),
    ("财政拨款", "fiscal_appropriation"),
    ("合计", "total"),
    ("小计", "total"),
    ("收入预算", "total"),
    ("总计", "total"),
)
_EXPENDITURE_WORDS = (
    ("人员经费", "personnel"),
    ("公用经费", "public"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("上缴上级", "upper_remit"),
    ("经营支出", "operating"),
    ("附属单位", "subsidiary"),
    ("合计", "total"),
    ("小计", "total"),
    ("总计", "total"),
    ("支出预算", "total"),
    ("预算数", "total"),
    ("预算支出", "total"),
)


def is_label(label: str) -> bool:
    return label in _LABEL_CELLS or any(word in label for word in _LABEL_WORDS)


def income_column(label: str) -> str | None:
    """The income source a column of 收入预算总表 (B02) holds; None for an empty header."""
    if not label:
        return None
    if is_label(label):
        return LABEL
    return next((kind for word, kind in _INCOME_WORDS if word in label), UNKNOWN)


def expenditure_column(label: str) -> str | None:
    """The expenditure type a column of B03, B05–B08 holds (``total``, ``basic``, ``personnel`` …)."""
    if not label:
        return None
    if is_label(label):
        return LABEL
    return next((kind for word, kind in _EXPENDITURE_WORDS if word in label), UNKNOWN)


def fund_of(label: str) -> str:
    """The fund a column or line names (``一般公共预算`` → ``general_public_budget``), else ``all``."""
    return next((fund for word, fund in FUNDS if word in label), "all")
