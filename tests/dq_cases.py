"""The cases of the accounting-identity conformance suite (tests/test_dq_conformance.py).

Every case is one synthetic document: rows per staged dataset (the columns of
``bdw.extract.schema.DATASETS``; ``document_id`` and ``batch_id`` are filled in by the suite), the
rule it exercises (``check_id``), the row (and optionally column) of ``marts.dq_check_result`` it
is about, and the status the rule must give: ``pass``, ``rounding``, ``fail`` or
``not_evaluated`` (a figure missing: no result, counted in ``marts.dq_check_coverage``). A case is a
final account unless it says otherwise (``kind="budget"`` for the rules of a budget's tables B01–B09
and its prose; the suite's documents are of fiscal year 2021).

Every rule of the catalogue (``dbt/seeds/dq_rule.csv``) has a builder in ``RULES``: a function of
``ok`` that returns the document on which the rule passes (``ok=True``) or fails (``ok=False``).
Rules that come in families (roll-ups per table, prose figure per metric, containments …) get
their builders from one function each. A new rule needs a catalogue row and a builder here:

    def _my_rule(ok: bool) -> Case:
        return Case({"expenditure": [...], ...}, "my_rule", "<row_key>", "pass" if ok else "fail")
    RULES["my_rule"] = _my_rule

``EDGE_CASES`` holds the tolerance cases (on the bound → rounding, one cent past → fail, 万元 over
元) and the missing figures (not evaluated).

The cross-document rules (family ``cross_document``) need a second document: a case lists the
``others`` loaded with it (``Other``: kind, fiscal year, rows, and the name it prints, by default the
case document's own), all of the case's department; ``CROSS_EDGE_CASES`` holds the other document
not loaded, a figure it does not print, department names printed differently and the rounding of
a figure derived from two printed ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal as D


@dataclass(frozen=True)
class Other:
    """Another document of the case's department, for the cross-document rules: its kind, year and rows."""

    kind: str
    fiscal_year: int
    rows: dict[str, list[dict]]
    department: str | None = None  # the name it prints; None: the case document's own name


@dataclass(frozen=True)
class Case:
    rows: dict[str, list[dict]]  # dataset → staged rows of the document
    check_id: str
    row_key: str
    expected: str  # pass | rounding | fail | not_evaluated
    column_key: str | None = None  # when the rule reports several columns of the row
    kind: str = "final_account"  # the document_kind of the synthetic document
    others: tuple[Other, ...] = ()  # other documents loaded with it (cross-document rules)
    department: str | None = None  # the name the case document prints; None: one of its own
    document: dict | None = None  # columns of the document's `documents` row to set (department_name …)


# Rules whose findings are information, not contradictions (text blemishes): their "failing" case
# finds the blemish, with status rounding (severity info), never fail.
INFO_RULES = {"d_text_doubled_punctuation", "d_text_repeated_word"}


def status(ok: bool) -> str:
    return "pass" if ok else "fail"


# --- staged rows ----------------------------------------------------------------------------------

GPB = "general_public_budget"
FUNDS = (GPB, "government_fund", "state_capital")


def exp(table, code, level, amount, etype="total", fund="all", unit="元", dec=2, line=1):
    """A figure of an expenditure table (01, 03–06, 08, 09)."""
    return {"table_code": table, "classification": "economic" if table == "06" else "function",
            "subject_code": code, "subject_name": code, "subject_level": level, "expenditure_type": etype,
            "fund_type": fund, "amount_yuan": None if amount is None else D(amount), "reported_unit": unit,
            "reported_decimals": dec, "source_line": line}


def inc(table, code, source, amount, unit="元", dec=2, line=20):
    """An income figure: table 02 by subject (code) and source column, or an income line of 01/04 (code None)."""
    return {"table_code": table, "subject_code": code, "subject_name": code or source, "income_source": source,
            "amount_yuan": None if amount is None else D(amount), "reported_unit": unit, "reported_decimals": dec,
            "source_line": line}


def summary(table, side, key, amount, fund="all", unit="元", dec=2, line=40):
    """A balancing line of table 01 or 04 (本年收入合计, 年初结转和结余, 总计 …)."""
    return {"table_code": table, "side": side, "line_key": key, "line_label": key, "fund_type": fund,
            "amount_yuan": None if amount is None else D(amount), "reported_unit": unit, "reported_decimals": dec,
            "source_line": line}


def three(category, amount, measure="actual", source="table", period="current", line=30):
    """A “三公” figure of table 07 (source table) or of the prose (source narrative)."""
    return {"category": category, "measure": measure, "period": period, "amount_yuan": D(amount), "source": source,
            "reported_unit": "元", "reported_decimals": 2, "source_line": line}


def fact(metric, amount, line=50, subject_code=None, unit="元", dec=2, **extra):
    """A figure stated in the explanation."""
    return {"metric_key": metric, "subject_code": subject_code, "amount_yuan": None if amount is None else D(amount),
            "reported_unit": unit, "reported_decimals": dec, "text": f"{metric} {amount}", "source_line": line,
            **extra}


def project(key="P01", line=60, **fields):
    money = {"budget_yuan", "adjusted_yuan", "funds_received_yuan", "executed_yuan", "balance_yuan"}
    return {"project_key": key, "project_name": key, "source_line": line,
            **{k: D(v) if k in money or k in ("total_score", "execution_rate_reported") else v
               for k, v in fields.items()}}


def indicator(weight, score, key="P01", line=61, name="i"):
    return {"project_key": key, "indicator_name": name, "weight": None if weight is None else D(weight),
            "score": None if score is None else D(score), "source_line": line}


def blank(table, row_key, column_key, line=10, unit="元"):
    """An amount cell printed blank (``blank_cell``)."""
    return {"table_code": table, "row_key": row_key, "column_key": column_key, "row_label": row_key,
            "reported_unit": unit, "source_line": line}


def t03_row(code, level, total, basic, project_, upper="0.00", operating="0.00", subsidiary="0.00", line=10):
    values = {"total": total, "basic": basic, "project": project_, "upper_remit": upper, "operating": operating,
              "subsidiary": subsidiary}
    return [exp("03", code, level, v, etype=k, line=line) for k, v in values.items() if v is not None]


# --- rule builders ----------------------------------------------------------------------------------

RULES: dict[str, Callable[[bool], Case]] = {}


def rule(check_id: str):
    def register(builder: Callable[[bool], Case]) -> Callable[[bool], Case]:
        RULES[check_id] = builder
        return builder
    return register


# Roll-ups within a table (check_table_rollups): a parent and two children printed under it;
# failing: one child a whole 元 short.
ROLLUP_KINDS = {  # kind → (parent code, level, child codes, child level)
    "total_eq_sum_classes": ("TOTAL", 0, ("201", "210"), 1),
    "class_eq_sum_kuan": ("210", 1, ("21001", "21011"), 2),
    "kuan_eq_sum_xiang": ("21011", 2, ("2101101", "2101102"), 3),
}
ECONOMIC_ROLLUP_KINDS = {
    "total_eq_sum_classes": ("TOTAL", 0, ("301", "302"), 1),
    "class_eq_sum_items": ("301", 1, ("30101", "30102"), 2),
}
ROLLUP_TABLES = {  # table → the roll-ups its rows can form (01 and 04 print classes only)
    "01": ("total_eq_sum_classes",),
    "02": tuple(ROLLUP_KINDS),
    "03": tuple(ROLLUP_KINDS),
    "04": ("total_eq_sum_classes",),
    "05": tuple(ROLLUP_KINDS),
    "06": tuple(ECONOMIC_ROLLUP_KINDS),
    "08": tuple(ROLLUP_KINDS),
    "09": tuple(ROLLUP_KINDS),
}


def _table_row(table, code, level, amount, line):
    """A figure in the main amount column of the table; returns (row, dataset, column_key)."""
    if table == "02":
        return inc("02", code, "total", amount, line=line), "income", "total"
    if table == "04":
        return exp("04", code, level, amount, fund=GPB, line=line), "expenditure", GPB
    if table == "06":
        return exp("06", code, level, amount, etype="basic", fund=GPB, line=line), "expenditure", "basic"
    return exp(table, code, level, amount, line=line), "expenditure", "total"


def _rollup(table: str, kind: str) -> Callable[[bool], Case]:
    parent, level, children, child_level = (ECONOMIC_ROLLUP_KINDS if table == "06" else ROLLUP_KINDS)[kind]

    def build(ok: bool) -> Case:
        amounts = [(parent, level, "100.00"), (children[0], child_level, "60.00"),
                   (children[1], child_level, "40.00" if ok else "39.00")]
        rows = [_table_row(table, code, lvl, amount, line=10 + i) for i, (code, lvl, amount) in enumerate(amounts)]
        return Case({rows[0][1]: [row for row, _, _ in rows]}, f"t{table}_{kind}", parent, status(ok), rows[0][2])
    return build


for _table, _kinds in ROLLUP_TABLES.items():
    for _kind in _kinds:
        RULES[f"t{_table}_{_kind}"] = _rollup(_table, _kind)


# Row identities (check_table_rows): a row's total column = its part columns.
@rule("t03_total_eq_sum_types")
def _t03_types(ok):
    return Case({"expenditure": t03_row("210", 1, "100.00", "60.00", "40.00" if ok else "40.05")},
                "t03_total_eq_sum_types", "210", status(ok), "total")


@rule("t05_total_eq_basic_project")
def _t05_basic_project(ok):
    values = {"total": "100.00", "basic": "60.00", "project": "40.00" if ok else "30.00"}
    return Case({"expenditure": [exp("05", "210", 1, v, etype=k, fund=GPB, line=10) for k, v in values.items()]},
                "t05_total_eq_basic_project", "210", status(ok), "total")


@rule("t02_total_eq_sum_sources")
def _t02_sources(ok):
    values = {"total": "100.00", "fiscal_appropriation": "50.00", "superior_subsidy": "10.00", "business": "20.00",
              "operating": "5.00", "subsidiary_remit": "5.00", "other": "10.00" if ok else "12.00"}
    return Case({"income": [inc("02", "210", k, v, line=10) for k, v in values.items()]},
                "t02_total_eq_sum_sources", "210", status(ok), "total")


@rule("t04_total_eq_sum_funds")
def _t04_funds(ok):
    values = {"all": "100.00", GPB: "70.00", "government_fund": "20.00", "state_capital": "10.00" if ok else "0.00"}
    return Case({"expenditure": [exp("04", "210", 1, v, fund=k, line=10) for k, v in values.items()]},
                "t04_total_eq_sum_funds", "210", status(ok), "all")


# Balancing lines of 01 and 04 (check_balance_01_04): (table, total line, parts); failing: total + 10.
BALANCES = {
    "t01_income_grand_total": ("01", ("income", "grand_total", "all", "110.00"),
                               [("income", "income_total", "all", "100.00"),
                                ("income", "non_fiscal_balance_used", "all", "0.00"),
                                ("income", "opening_balance", "all", "10.00")]),
    "t01_expenditure_grand_total": ("01", ("expenditure", "grand_total", "all", "110.00"),
                                    [("expenditure", "expenditure_total", "all", "90.00"),
                                     ("expenditure", "surplus_distribution", "all", "0.00"),
                                     ("expenditure", "closing_balance", "all", "20.00")]),
    "t01_grand_totals_balance": ("01", ("income", "grand_total", "all", "110.00"),
                                 [("expenditure", "grand_total", "all", "110.00")]),
    "t04_income_grand_total": ("04", ("income", "grand_total", "all", "110.00"),
                               [("income", "income_total", "all", "100.00"),
                                ("income", "opening_balance", "all", "10.00")]),
    "t04_expenditure_grand_total": ("04", ("expenditure", "grand_total", "all", "110.00"),
                                    [("expenditure", "expenditure_total", "all", "90.00"),
                                     ("expenditure", "closing_balance", "all", "20.00")]),
    "t04_grand_totals_balance": ("04", ("income", "grand_total", "all", "110.00"),
                                 [("expenditure", "grand_total", "all", "110.00")]),
    "t04_opening_eq_sum_funds": ("04", ("income", "opening_balance", "all", "10.00"),
                                 [("income", "opening_balance", fund, v) for fund, v in zip(FUNDS, ("6", "3", "1"))]),
    "t04_closing_eq_sum_funds": ("04", ("expenditure", "closing_balance", "all", "20.00"),
                                 [("expenditure", "closing_balance", fund, v)
                                  for fund, v in zip(FUNDS, ("12", "5", "3"))]),
}


def _balance(check_id: str) -> Callable[[bool], Case]:
    table, (side, key, fund, amount), parts = BALANCES[check_id]

    def build(ok: bool) -> Case:
        total = summary(table, side, key, D(amount) + (0 if ok else 10), fund=fund, line=40)
        lines = [summary(table, s, k, v, fund=f, line=41 + i) for i, (s, k, f, v) in enumerate(parts)]
        return Case({"summary_line": [total, *lines]}, check_id, key, status(ok), f"{side}:{fund}")
    return build


for _check_id in BALANCES:
    RULES[_check_id] = _balance(_check_id)


def _income_lines(table: str) -> Callable[[bool], Case]:
    """本年收入合计 (a balancing line) = the income lines of the same table."""
    sources = ("general_public_budget", "business") if table == "01" else ("general_public_budget", "government_fund")

    def build(ok: bool) -> Case:
        lines = [inc(table, None, source, amount, line=41 + i)
                 for i, (source, amount) in enumerate(zip(sources, ("70.00", "30.00")))]
        return Case({"summary_line": [summary(table, "income", "income_total", "100.00" if ok else "101.00")],
                     "income": lines},
                    f"t{table}_income_total_eq_sum_lines", "income_total", status(ok), "income:all")
    return build


RULES["t01_income_total_eq_sum_lines"] = _income_lines("01")
RULES["t04_income_total_eq_sum_lines"] = _income_lines("04")


# "三公" identities (check_three_public), in table 07 (t07_) and in the prose (n_three_public_).
THREE_PUBLIC = {
    "total_eq_parts": ("total", "10.00", [("overseas_travel", "2.00"), ("vehicle", "5.00"), ("reception", "3.00")]),
    "vehicle_eq_purchase_operation": ("vehicle", "5.00", [("vehicle_purchase", "2.00"),
                                                          ("vehicle_operation", "3.00")]),
}


def _three_public(source: str, rule_name: str) -> Callable[[bool], Case]:
    total, amount, parts = THREE_PUBLIC[rule_name]
    check_id = ("t07_" if source == "table" else "n_three_public_") + rule_name

    def build(ok: bool) -> Case:
        rows = [three(total, amount if ok else D(amount) + 1, source=source, line=30)]
        rows += [three(c, v, source=source, line=31 + i) for i, (c, v) in enumerate(parts)]
        return Case({"three_public": rows}, check_id, total, status(ok), "actual:current")
    return build


for _source in ("table", "narrative"):
    for _name in THREE_PUBLIC:
        _builder = _three_public(_source, _name)
        RULES[_builder(True).check_id] = _builder


@rule("n_three_public_vs_07")
def _three_public_prose_vs_table(ok):
    return Case({"three_public": [three("reception", "3.00", line=30),
                                  three("reception", "3.00" if ok else "4.00", source="narrative", line=50)]},
                "n_three_public_vs_07", "reception", status(ok), "actual:current")


# The same figure printed in two tables (check_cross_table, n = 1): (reported, computed) builders of
# the amount; failing: the reported figure 5 元 more.
def _fig_summary(table, side, key):
    return lambda amount, line: ("summary_line", summary(table, side, key, amount, line=line))


def _fig_exp(table, code, level, etype="total", fund="all"):
    return lambda amount, line: ("expenditure", exp(table, code, level, amount, etype=etype, fund=fund, line=line))


def _fig_inc(table, code, source):
    return lambda amount, line: ("income", inc(table, code, source, amount, line=line))


CROSS_EQ = {  # check_id → (row_key, column_key, reported figure, computed figure)
    "x01_02_income_total": ("income_total", "income:all", _fig_summary("01", "income", "income_total"),
                            _fig_inc("02", "TOTAL", "total")),
    "x01_03_expenditure_total": ("expenditure_total", "expenditure:all",
                                 _fig_summary("01", "expenditure", "expenditure_total"), _fig_exp("03", "TOTAL", 0)),
    "x01_03_class": ("210", "total", _fig_exp("01", "210", 1), _fig_exp("03", "210", 1)),
    "x04_05_gpb_expenditure_total": ("TOTAL", GPB, _fig_exp("04", "TOTAL", 0, fund=GPB),
                                     _fig_exp("05", "TOTAL", 0, fund=GPB)),
    "x04_05_class": ("210", GPB, _fig_exp("04", "210", 1, fund=GPB), _fig_exp("05", "210", 1, fund=GPB)),
    "x05_06_basic_total": ("TOTAL", "basic", _fig_exp("05", "TOTAL", 0, "basic", GPB),
                           _fig_exp("06", "TOTAL", 0, "basic", GPB)),
    "x02_04_fiscal_income": ("TOTAL", "fiscal_appropriation", _fig_inc("02", "TOTAL", "fiscal_appropriation"),
                             _fig_summary("04", "income", "income_total")),
}
# Containments (reported ≤ computed); failing: the reported figure above the computed one.
CROSS_LE = {
    "x06_07_overseas_travel": ("30212", "basic", _fig_exp("06", "30212", 2, "basic", GPB),
                               lambda amount, line: ("three_public", three("overseas_travel", amount, line=line))),
    "x06_07_reception": ("30217", "basic", _fig_exp("06", "30217", 2, "basic", GPB),
                         lambda amount, line: ("three_public", three("reception", amount, line=line))),
    "x06_07_vehicle_operation": ("30231", "basic", _fig_exp("06", "30231", 2, "basic", GPB),
                                 lambda amount, line: ("three_public", three("vehicle_operation", amount, line=line))),
    "x06_07_vehicle_purchase": ("31013", "basic", _fig_exp("06", "31013", 2, "basic", GPB),
                                lambda amount, line: ("three_public", three("vehicle_purchase", amount, line=line))),
    **{f"x05_03_{col}": ("210", col, _fig_exp("05", "210", 1, col, GPB), _fig_exp("03", "210", 1, col))
       for col in ("total", "basic", "project")},
}


def _pair(check_id: str, reported: str, computed: str) -> Case:
    row_key, column_key, fig_a, fig_b = {**CROSS_EQ, **CROSS_LE}[check_id]
    rows: dict[str, list[dict]] = {}
    for dataset, row in (fig_a(reported, 10), fig_b(computed, 20)):
        rows.setdefault(dataset, []).append(row)
    return Case(rows, check_id, row_key, "", column_key)


def _cross(check_id: str) -> Callable[[bool], Case]:
    def build(ok: bool) -> Case:
        if check_id in CROSS_LE:  # pass: strictly below (a containment is not an equality)
            case = _pair(check_id, "70.00" if ok else "90.00", "80.00")
        else:
            case = _pair(check_id, "80.00" if ok else "85.00", "80.00")
        return Case(case.rows, case.check_id, case.row_key, status(ok), case.column_key)
    return build


for _check_id in (*CROSS_EQ, *CROSS_LE):
    RULES[_check_id] = _cross(_check_id)


@rule("x05_06_basic_eq_personnel_public")
def _basic_eq_06_totals(ok):
    return Case({"expenditure": [exp("05", "TOTAL", 0, "100.00", etype="basic", fund=GPB, line=10),
                                 exp("06", "PERSONNEL_TOTAL", 0, "70.00", etype="basic", fund=GPB, line=20),
                                 exp("06", "PUBLIC_TOTAL", 0, "30.00" if ok else "20.00", etype="basic", fund=GPB,
                                     line=21)]},
                "x05_06_basic_eq_personnel_public", "TOTAL", status(ok), "basic")


# Prose against tables (check_narrative, metric_map): metric → (result row_key, the table figure).
NARRATIVE_METRICS = {
    "income_total": ("income_total", _fig_summary("01", "income", "income_total")),
    "expenditure_total": ("expenditure_total", _fig_summary("01", "expenditure", "expenditure_total")),
    "opening_balance": ("opening_balance", _fig_summary("01", "income", "opening_balance")),
    "closing_balance": ("closing_balance", _fig_summary("01", "expenditure", "closing_balance")),
    "surplus_distribution": ("surplus_distribution", _fig_summary("01", "expenditure", "surplus_distribution")),
    "non_fiscal_balance_used": ("non_fiscal_balance_used", _fig_summary("01", "income", "non_fiscal_balance_used")),
    **{f"income_{source}": (f"income:{source}", _fig_inc("01", None, source))
       for source in (*FUNDS, "superior_subsidy", "business", "operating", "subsidiary_remit", "other")},
    **{f"expenditure_{etype}": ("TOTAL", _fig_exp("03", "TOTAL", 0, etype))
       for etype in ("basic", "project", "upper_remit", "operating", "subsidiary")},
    "fiscal_income_total": ("income_total", _fig_summary("04", "income", "income_total")),
    "fiscal_expenditure_total": ("expenditure_total", _fig_summary("04", "expenditure", "expenditure_total")),
    "gpb_expenditure_total": ("TOTAL", _fig_exp("05", "TOTAL", 0, "total", GPB)),
    "gpb_expenditure_basic": ("TOTAL", _fig_exp("05", "TOTAL", 0, "basic", GPB)),
    "personnel_expense": ("PERSONNEL_TOTAL", _fig_exp("06", "PERSONNEL_TOTAL", 0, "basic", GPB)),
    "public_expense": ("PUBLIC_TOTAL", _fig_exp("06", "PUBLIC_TOTAL", 0, "basic", GPB)),
    "subject_expenditure": ("21011", _fig_exp("05", "21011", 2, "total", GPB)),
    "economic_expenditure": ("30101", _fig_exp("06", "30101", 2, "basic", GPB)),
    "grand_total": ("grand_total", _fig_summary("01", "income", "grand_total")),
    "fiscal_grand_total": ("grand_total", _fig_summary("04", "income", "grand_total")),
}
# a final account has printed tables: a figure of table 09 makes any document one
FINAL_ACCOUNT_MARKER = exp("09", "TOTAL", 0, "0.00", fund="state_capital", line=90)


def _prose_vs_table(metric: str) -> Callable[[bool], Case]:
    row_key, figure = NARRATIVE_METRICS[metric]
    subject = row_key if metric in ("subject_expenditure", "economic_expenditure") else None

    def build(ok: bool) -> Case:
        dataset, row = figure("500.00", 10)
        rows: dict[str, list[dict]] = {"expenditure": [FINAL_ACCOUNT_MARKER]}
        rows.setdefault(dataset, []).append(row)
        rows["narrative_fact"] = [fact(metric, "500.00" if ok else "510.00", subject_code=subject)]
        return Case(rows, f"n_{metric}_vs_table", row_key, status(ok))
    return build


for _metric in NARRATIVE_METRICS:
    RULES[f"n_{_metric}_vs_table"] = _prose_vs_table(_metric)


# "其中" breakdowns stated in prose: a total, then its parts on the lines after it.
BREAKDOWNS = {
    "n_basic_eq_personnel_public": ("expenditure_basic", [("personnel_expenditure", "70.00"),
                                                          ("public_expenditure", "30.00")]),
    "n_total_eq_basic_project": ("expenditure_total", [("expenditure_basic", "60.00"),
                                                       ("expenditure_project", "40.00")]),
    "n_income_total_eq_sources": ("income_total", [("income_general_public_budget", "70.00"),
                                                   ("income_other", "30.00")]),
    "n_procurement_total_eq_parts": ("government_procurement_total", [("government_procurement_goods", "50.00"),
                                                                      ("government_procurement_works", "20.00"),
                                                                      ("government_procurement_services", "30.00")]),
}


def _breakdown(check_id: str) -> Callable[[bool], Case]:
    total, parts = BREAKDOWNS[check_id]

    def build(ok: bool) -> Case:
        facts = [fact(total, "100.00" if ok else "103.00", line=50)]
        facts += [fact(metric, amount, line=51 + i) for i, (metric, amount) in enumerate(parts)]
        return Case({"narrative_fact": facts}, check_id, total, status(ok), "prose")
    return build


for _check_id in BREAKDOWNS:
    RULES[_check_id] = _breakdown(_check_id)


@rule("n_change_pct_recomputes")
def _change_pct(ok):
    # 113.41 this year, 13.41 more than last year (100.00): +13.41%; failing: 15.00% stated
    pct = "0.1341" if ok else "0.1500"
    return Case({"expenditure": [exp("03", "TOTAL", 0, "1.00", line=10)],
                 "narrative_fact": [fact("expenditure_total", "113.41", change_yuan=D("13.41"), change_pct=D(pct))]},
                "n_change_pct_recomputes", "expenditure_total", status(ok))


def share(part, base, pct, decimals=2, part_unit="元", part_dec=2, base_unit="元", base_dec=2, line=50):
    """A share stated in prose: part / base = pct (a fraction), the part and the percentage on ``line``."""
    return {"part_label": "基本支出", "part_metric_key": "expenditure_basic", "part_yuan": D(part),
            "part_unit": part_unit, "part_decimals": part_dec, "part_line": line,
            "base_label": None if base is None else "支出合计", "base_metric_key": None if base is None else
            "expenditure_total", "base_yuan": None if base is None else D(base),
            "base_unit": None if base is None else base_unit, "base_decimals": None if base is None else base_dec,
            "base_line": None if base is None else line, "share_pct": D(pct), "share_decimals": decimals,
            "text": "…", "source_line": line}


@rule("n_share_pct_recomputes")
def _share(ok):
    # 1,420,085.06 / 3,470,158.34 = 40.9228…%: "40.92%" is the rounded ratio; "40.93%" is not
    return Case({"narrative_share": [share("1420085.06", "3470158.34", "0.4092" if ok else "0.4093")]},
                "n_share_pct_recomputes", "expenditure_basic@50", status(ok))


# Performance scorecards (check_performance).
@rule("p_weights_sum_100")
def _weights_100(ok):
    return Case({"performance_indicator": [indicator("60", "50", line=61),
                                           indicator("40" if ok else "30", "30", line=62, name="j")]},
                "p_weights_sum_100", "P01", status(ok))


@rule("p_group_weights_sum_declared")
def _group_weights(ok):
    # 产出(60%) over 20 + 40 (failing: 20 + 30); the 效益 indicator is not in the group
    indicators = [{**indicator("20", "20", line=61), "level1": "产出指标", "level2": "数量指标"},
                  {**indicator("40" if ok else "30", "40", line=62, name="j"), "level1": "产出指标",
                   "level2": "质量指标"},
                  {**indicator("40", "40", line=63, name="k"), "level1": "效益指标", "level2": "社会效益指标"}]
    group = {"project_key": "P01", "group_level": 1, "level1": "产出指标", "level2": None,
             "declared_weight": D("60"), "declared_text": "产出(60%)", "source_line": 61}
    return Case({"performance_indicator": indicators, "performance_group": [group]},
                "p_group_weights_sum_declared", "P01:产出指标", status(ok))


@rule("p_scores_sum_total")
def _scores_total(ok):
    return Case({"project_performance": [project(total_score="90" if ok else "92")],
                 "performance_indicator": [indicator("60", "55", line=61), indicator("40", "35", line=62, name="j")]},
                "p_scores_sum_total", "P01", status(ok))


@rule("p_score_le_weight")
def _score_le_weight(ok):
    return Case({"project_performance": [project(total_score="100")],
                 "performance_indicator": [indicator("10", "8" if ok else "12", line=61)]},
                "p_score_le_weight", "P01:61", status(ok))


@rule("p_execution_rate")
def _execution_rate(ok):
    return Case({"project_performance": [project(budget_yuan="200.00", executed_yuan="150.00",
                                                 execution_rate_reported="0.75" if ok else "0.80")]},
                "p_execution_rate", "P01", status(ok))


@rule("p_funds_received_le_budget_adjusted")
def _funds_received(ok):
    return Case({"project_performance": [project(budget_yuan="80.00", adjusted_yuan="20.00",
                                                 funds_received_yuan="90.00" if ok else "150.00")]},
                "p_funds_received_le_budget_adjusted", "P01", status(ok))


@rule("p_balance_eq_received_minus_executed")
def _balance_left(ok):
    return Case({"project_performance": [project(funds_received_yuan="100.00", executed_yuan="60.00",
                                                 balance_yuan="40.00" if ok else "45.00")]},
                "p_balance_eq_received_minus_executed", "P01", status(ok))


@rule("p_grade_band")
def _grade_band(ok):
    return Case({"project_performance": [project(total_score="92" if ok else "85", grade="优")]},
                "p_grade_band", "P01", status(ok))


# Table 06's footer lines (check_table_06_split): 人员经费合计 = 301 + 303, 公用经费合计 = the rest.
def _t06_split(footer: str) -> Callable[[bool], Case]:
    check_id = "t06_personnel_eq_301_303" if footer == "PERSONNEL_TOTAL" else "t06_public_eq_other_classes"

    def build(ok: bool) -> Case:
        classes = [("301", "60.00", 11), ("302", "25.00", 12), ("303", "10.00", 13), ("310", "5.00", 14)]
        totals = {"PERSONNEL_TOTAL": "70.00", "PUBLIC_TOTAL": "30.00"}
        if not ok:
            totals[footer] = "72.00"
        rows = [exp("06", code, 1, amount, etype="basic", fund=GPB, line=line) for code, amount, line in classes]
        rows += [exp("06", key, 0, amount, etype="basic", fund=GPB, line=20) for key, amount in totals.items()]
        return Case({"expenditure": rows}, check_id, footer, status(ok), "basic")
    return build


RULES["t06_personnel_eq_301_303"] = _t06_split("PERSONNEL_TOTAL")
RULES["t06_public_eq_other_classes"] = _t06_split("PUBLIC_TOTAL")


# --- budgets (部门预算): tables B01–B09 and the 编制说明 (check_budget_*, and the shared 三公 and
# breakdown rules under b_ names). Every case is a document of kind budget.

BUDGET = "budget"
BUDGET_FUNDS = {"B03": "all", "B05": GPB, "B06": "government_fund", "B07": "state_capital", "B08": GPB}


def bexp(table, code, level, amount, etype="total", fund=None, line=10, unit="元", dec=2):
    """A figure of a budget's expenditure table (B01, B03–B09); B08 and B09 are economic."""
    row = exp(table, code, level, amount, etype=etype, fund=fund or BUDGET_FUNDS.get(table, "all"), unit=unit,
              dec=dec, line=line)
    return {**row, "classification": "economic" if table in ("B08", "B09") else "function"}


def budget_case(rows, check_id, row_key, ok, column_key=None) -> Case:
    return Case(rows, check_id, row_key, status(ok), column_key, kind=BUDGET)


def _budget_table_row(table, code, level, amount, line):
    """A figure in the main column of a budget subject table; returns (row, dataset, column_key)."""
    if table == "B02":
        return inc("B02", code, "total", amount, line=line), "income", "total"
    if table == "B08":
        return bexp("B08", code, level, amount, etype="basic", line=line), "expenditure", "basic"
    return bexp(table, code, level, amount, line=line), "expenditure", "total"


def _budget_rollup(table: str, kind: str) -> Callable[[bool], Case]:
    parent, level, children, child_level = (ECONOMIC_ROLLUP_KINDS if table == "B08" else ROLLUP_KINDS)[kind]

    def build(ok: bool) -> Case:
        amounts = [(parent, level, "100.00"), (children[0], child_level, "60.00"),
                   (children[1], child_level, "40.00" if ok else "39.00")]
        rows = [_budget_table_row(table, code, lvl, amount, 10 + i) for i, (code, lvl, amount) in enumerate(amounts)]
        return budget_case({rows[0][1]: [row for row, _, _ in rows]}, f"{table.lower()}_{kind}", parent, ok,
                           rows[0][2])
    return build


for _table in ("B02", "B03", "B05", "B06", "B07", "B08"):
    for _kind in (ECONOMIC_ROLLUP_KINDS if _table == "B08" else ROLLUP_KINDS):
        RULES[f"{_table.lower()}_{_kind}"] = _budget_rollup(_table, _kind)

# Row identities within a budget table: (table, total column, {part column: amount}); failing: the last
# part 10 元 short. Blank cells are not parts, so a row prints only some of its part columns.
BUDGET_ROWS = {
    "b02_total_eq_sum_sources": ("B02", "total", {"fiscal_appropriation": "80.00", "business": "10.00",
                                                  "other": "10.00"}),
    "b02_fiscal_eq_sum_funds": ("B02", "fiscal_appropriation", {GPB: "70.00", "government_fund": "30.00"}),
    "b03_total_eq_sum_types": ("B03", "total", {"basic": "60.00", "project": "30.00", "operating": "10.00"}),
    "b05_total_eq_basic_project": ("B05", "total", {"basic": "60.00", "project": "40.00"}),
    "b06_total_eq_basic_project": ("B06", "total", {"basic": "60.00", "project": "40.00"}),
    "b07_total_eq_basic_project": ("B07", "total", {"basic": "60.00", "project": "40.00"}),
    "b03_basic_eq_personnel_public": ("B03", "basic", {"personnel": "70.00", "public": "30.00"}),
    "b05_basic_eq_personnel_public": ("B05", "basic", {"personnel": "70.00", "public": "30.00"}),
    "b08_basic_eq_personnel_public": ("B08", "basic", {"personnel": "70.00", "public": "30.00"}),
    "b04_total_eq_sum_funds": ("B04", "all", {GPB: "100.00"}),  # 政府性基金 / 国有资本 printed blank
}


def _budget_row(check_id: str) -> Callable[[bool], Case]:
    table, total, parts = BUDGET_ROWS[check_id]

    def build(ok: bool) -> Case:
        amounts = {total: "100.00", **parts}
        if not ok:
            last = list(parts)[-1]
            amounts[last] = str(D(parts[last]) - 10)
        if table == "B02":
            rows = {"income": [inc("B02", "204", column, amount, line=10) for column, amount in amounts.items()]}
        elif table == "B04":
            rows = {"expenditure": [bexp("B04", "204", 1, amount, fund=column, line=10)
                                    for column, amount in amounts.items()]}
        else:
            rows = {"expenditure": [bexp(table, "204" if table != "B08" else "301", 1, amount, etype=column, line=10)
                                    for column, amount in amounts.items()]}
        return budget_case(rows, check_id, "204" if table != "B08" else "301", ok, total)
    return build


for _check_id in BUDGET_ROWS:
    RULES[_check_id] = _budget_row(_check_id)


@rule("b01_income_grand_total")
def _b01_income(ok):
    # 收入总计 = 财政拨款收入 + 事业收入; the fund line under 财政拨款收入 is not counted again
    return budget_case({"summary_line": [summary("B01", "income", "grand_total", "100.00" if ok else "110.00")],
                        "income": [inc("B01", None, "fiscal_appropriation", "90.00", line=21),
                                   inc("B01", None, GPB, "90.00", line=22),
                                   inc("B01", None, "business", "10.00", line=23)]},
                       "b01_income_grand_total", "grand_total", ok, "income:all")


@rule("b01_expenditure_grand_total")
def _b01_expenditure(ok):
    return budget_case({"summary_line": [summary("B01", "expenditure", "grand_total", "100.00" if ok else "90.00")],
                        "expenditure": [bexp("B01", "204", 1, "60.00", line=21),
                                        bexp("B01", "208", 1, "40.00", line=22)]},
                       "b01_expenditure_grand_total", "grand_total", ok, "expenditure:all")


@rule("b04_income_grand_total")
def _b04_income(ok):
    return budget_case({"summary_line": [summary("B04", "income", "grand_total", "100.00" if ok else "101.00")],
                        "income": [inc("B04", None, GPB, "100.00", line=21),
                                   inc("B04", None, "government_fund", "0.00", line=22)]},
                       "b04_income_grand_total", "grand_total", ok, "income:all")


@rule("b04_expenditure_grand_total")
def _b04_expenditure(ok):
    # the 一般公共预算 column: 支出总计 = its classes
    return budget_case({"summary_line": [summary("B04", "expenditure", "grand_total", "100.00" if ok else "101.00",
                                                 fund=GPB)],
                        "expenditure": [bexp("B04", "204", 1, "60.00", fund=GPB, line=21),
                                        bexp("B04", "208", 1, "40.00", fund=GPB, line=22)]},
                       "b04_expenditure_grand_total", "grand_total", ok, f"expenditure:{GPB}")


def _budget_balance(table: str) -> Callable[[bool], Case]:
    def build(ok: bool) -> Case:
        return budget_case({"summary_line": [summary(table, "income", "grand_total", "100.00", line=40),
                                             summary(table, "expenditure", "grand_total",
                                                     "100.00" if ok else "105.00", line=41)]},
                           f"{table.lower()}_grand_totals_balance", "grand_total", ok, "income:all")
    return build


RULES["b01_grand_totals_balance"] = _budget_balance("B01")
RULES["b04_grand_totals_balance"] = _budget_balance("B04")


@rule("b01_fiscal_eq_sum_funds")
def _b01_funds(ok):
    return budget_case({"income": [inc("B01", None, "fiscal_appropriation", "100.00", line=21),
                                   inc("B01", None, GPB, "100.00" if ok else "90.00", line=22),
                                   inc("B01", None, "government_fund", "0.00", line=23)]},
                       "b01_fiscal_eq_sum_funds", "income:fiscal_appropriation", ok, "line")


def _budget_three_public(source: str, rule_name: str) -> Callable[[bool], Case]:
    total, amount, parts = THREE_PUBLIC[rule_name]
    check_id = ("b09_" if source == "table" else "b_n_three_public_") + rule_name

    def build(ok: bool) -> Case:
        rows = [three(total, amount if ok else D(amount) + 1, measure="budget", source=source, line=30)]
        rows += [three(c, v, measure="budget", source=source, line=31 + i) for i, (c, v) in enumerate(parts)]
        return budget_case({"three_public": rows}, check_id, total, ok, "budget:current")
    return build


for _source in ("table", "narrative"):
    for _name in THREE_PUBLIC:
        _builder = _budget_three_public(_source, _name)
        RULES[_builder(True).check_id] = _builder


@rule("b_n_three_public_vs_b09")
def _three_public_prose_vs_b09(ok):
    return budget_case({"three_public": [three("reception", "3.00", measure="budget", line=30),
                                         three("reception", "3.00" if ok else "4.00", measure="budget",
                                               source="narrative", line=50)]},
                       "b_n_three_public_vs_b09", "reception", ok, "budget:current")


# The same figure in two budget tables, and containments: check_id → (row_key, column_key, reported
# figure, computed figure). Failing as for the final accounts: 5 元 more, or above the containing figure.
def _bfig_exp(table, code, level, etype="total", fund=None):
    return lambda amount, line: ("expenditure", bexp(table, code, level, amount, etype=etype, fund=fund, line=line))


def _bfig_three(category):
    return lambda amount, line: ("three_public", three(category, amount, measure="budget", line=line))


BUDGET_CROSS_EQ = {
    "xb01_02_income_total": ("year_income", "all", _fig_summary("B01", "income", "grand_total"),
                             _fig_inc("B02", "TOTAL", "total")),
    "xb01_02_income_source": ("income:business", "line", _fig_inc("B01", None, "business"),
                              _fig_inc("B02", "TOTAL", "business")),
    "xb01_03_expenditure_total": ("year_expenditure", "all", _fig_summary("B01", "expenditure", "grand_total"),
                                  _bfig_exp("B03", "TOTAL", 0)),
    "xb01_03_class": ("204", "all", _bfig_exp("B01", "204", 1), _bfig_exp("B03", "204", 1)),
    "xb01_04_fiscal_income": ("income:fiscal_appropriation", "line", _fig_inc("B01", None, "fiscal_appropriation"),
                              _fig_summary("B04", "income", "grand_total")),
    "xb01_04_fund_income": ("income:general_public_budget", "line", _fig_inc("B01", None, GPB),
                            _fig_inc("B04", None, GPB)),
    "xb04_05_gpb_total": ("year_expenditure", GPB,
                          lambda amount, line: ("summary_line", summary("B04", "expenditure", "grand_total", amount,
                                                                        fund=GPB, line=line)),
                          _bfig_exp("B05", "TOTAL", 0)),
    "xb04_05_class": ("204", GPB, _bfig_exp("B04", "204", 1, fund=GPB), _bfig_exp("B05", "204", 1)),
    "xb05_08_basic_total": ("TOTAL", "basic", _bfig_exp("B05", "TOTAL", 0, "basic"),
                            _bfig_exp("B08", "TOTAL", 0, "basic")),
}
BUDGET_CROSS_LE = {
    "xb08_09_overseas_travel": ("30212", "basic", _bfig_exp("B08", "30212", 2, "basic"),
                                _bfig_three("overseas_travel")),
    "xb08_09_reception": ("30217", "basic", _bfig_exp("B08", "30217", 2, "basic"), _bfig_three("reception")),
    "xb08_09_vehicle_operation": ("30231", "basic", _bfig_exp("B08", "30231", 2, "basic"),
                                  _bfig_three("vehicle_operation")),
    "xb08_09_vehicle_purchase": ("31013", "basic", _bfig_exp("B08", "31013", 2, "basic"),
                                 _bfig_three("vehicle_purchase")),
    "xb09_08_agency_operating": ("AGENCY_OPERATING", "public", _bfig_exp("B09", "AGENCY_OPERATING", 0, "public", GPB),
                                 _bfig_exp("B08", "TOTAL", 0, "public")),
}


def _budget_cross(check_id: str) -> Callable[[bool], Case]:
    row_key, column_key, fig_a, fig_b = {**BUDGET_CROSS_EQ, **BUDGET_CROSS_LE}[check_id]

    def build(ok: bool) -> Case:
        if check_id in BUDGET_CROSS_LE:
            reported = "70.00" if ok else "90.00"
        else:
            reported = "80.00" if ok else "85.00"
        rows: dict[str, list[dict]] = {}
        for dataset, row in (fig_a(reported, 10), fig_b("80.00", 20)):
            rows.setdefault(dataset, []).append(row)
        return budget_case(rows, check_id, row_key, ok, column_key)
    return build


for _check_id in (*BUDGET_CROSS_EQ, *BUDGET_CROSS_LE):
    RULES[_check_id] = _budget_cross(_check_id)

# A budget's prose against its tables: metric (without its _budget ending) → (result row_key, column_key,
# the table figure).
BUDGET_NARRATIVE = {
    "income_total": ("TOTAL", "total", _fig_inc("B02", "TOTAL", "total")),
    "fiscal_income_total": ("income:fiscal_appropriation", "line", _fig_inc("B01", None, "fiscal_appropriation")),
    "income_general_public_budget": ("income:general_public_budget", "line", _fig_inc("B01", None, GPB)),
    "income_government_fund": ("income:government_fund", "line", _fig_inc("B01", None, "government_fund")),
    "income_state_capital": ("income:state_capital", "line", _fig_inc("B01", None, "state_capital")),
    **{f"income_{source}": (f"income:{source}", "line", _fig_inc("B01", None, source))
       for source in ("business", "operating", "superior_subsidy", "subsidiary_remit", "other")},
    "expenditure_total": ("TOTAL", "total", _bfig_exp("B03", "TOTAL", 0)),
    "expenditure_basic": ("TOTAL", "basic", _bfig_exp("B03", "TOTAL", 0, "basic")),
    "expenditure_project": ("TOTAL", "project", _bfig_exp("B03", "TOTAL", 0, "project")),
    "fiscal_expenditure_total": ("year_expenditure", "all", _fig_summary("B04", "expenditure", "grand_total")),
    "gpb_expenditure_total": ("TOTAL", "total", _bfig_exp("B05", "TOTAL", 0)),
    "government_fund_expenditure_total": ("TOTAL", "total", _bfig_exp("B06", "TOTAL", 0)),
    "state_capital_expenditure_total": ("TOTAL", "total", _bfig_exp("B07", "TOTAL", 0)),
    "personnel_expense": ("TOTAL", "personnel", _bfig_exp("B08", "TOTAL", 0, "personnel")),
    "public_expense": ("TOTAL", "public", _bfig_exp("B08", "TOTAL", 0, "public")),
    "agency_operating_expense": ("AGENCY_OPERATING", "public", _bfig_exp("B09", "AGENCY_OPERATING", 0, "public", GPB)),
    "subject_expenditure": ("2040601@50", "total", _bfig_exp("B05", "2040601", 3)),
}


def _budget_prose_vs_table(metric: str) -> Callable[[bool], Case]:
    row_key, column_key, figure = BUDGET_NARRATIVE[metric]
    subject = "2040601" if metric == "subject_expenditure" else None

    def build(ok: bool) -> Case:
        dataset, row = figure("500.00", 10)
        rows = {dataset: [row], "narrative_fact": [fact(f"{metric}_budget", "500.00" if ok else "510.00",
                                                         subject_code=subject)]}
        return budget_case(rows, f"b_n_{metric}_vs_table", row_key, ok, column_key)
    return build


for _metric in BUDGET_NARRATIVE:
    RULES[f"b_n_{_metric}_vs_table"] = _budget_prose_vs_table(_metric)


@rule("b_n_item_change_pct")
def _item_change_pct(ok):
    # 2025年当年预算执行数为 100.00 万元，2026年预算安排 113.41 万元，比2025年预算执行数增加 13.41% (failing: 15.00%)
    return budget_case({"narrative_fact": [
        fact("subject_prior_execution", "1000000.00", line=60, subject_code="2040601", unit="万元"),
        fact("subject_expenditure_budget", "1134100.00", line=61, subject_code="2040601", unit="万元",
             change_pct=D("0.1341" if ok else "0.1500"), change_pct_decimals=2)]},
        "b_n_item_change_pct", "2040601@61", ok, "change_pct")


def _year(metric: str, check_id: str, right: int) -> Callable[[bool], Case]:
    def build(ok: bool) -> Case:
        # the suite's documents are of 2021: a compared year is 2020, a budget year 2021
        year = fact(metric, None, line=50, number_value=D(right if ok else right + 1), unit=None, dec=0)
        return budget_case({"narrative_fact": [year]}, check_id, f"{metric}@50", ok, "year")
    return build


RULES["b_n_compared_year"] = _year("compared_year", "b_n_compared_year", 2020)
RULES["b_n_budget_year"] = _year("budget_year", "b_n_budget_year", 2021)

BUDGET_BREAKDOWNS = {
    "b_n_income_total_eq_sources": ("income_total_budget", [("fiscal_income_total_budget", "90.00"),
                                                            ("income_business_budget", "0.00"),
                                                            ("income_other_budget", "10.00")]),
    "b_n_fiscal_expenditure_eq_funds": ("fiscal_expenditure_total_budget",
                                        [("gpb_expenditure_total_budget", "80.00"),
                                         ("government_fund_expenditure_total_budget", "20.00"),
                                         ("state_capital_expenditure_total_budget", "0.00")]),
    "b_n_procurement_total_eq_parts": ("government_procurement_total_budget",
                                       [("government_procurement_goods_budget", "50.00"),
                                        ("government_procurement_works_budget", "20.00"),
                                        ("government_procurement_services_budget", "30.00")]),
}


def _budget_breakdown(check_id: str) -> Callable[[bool], Case]:
    total, parts = BUDGET_BREAKDOWNS[check_id]

    def build(ok: bool) -> Case:
        facts = [fact(total, "100.00" if ok else "103.00", line=50)]
        facts += [fact(metric, amount, line=51 + i) for i, (metric, amount) in enumerate(parts)]
        return budget_case({"narrative_fact": facts}, check_id, total, ok, "prose")
    return build


for _check_id in BUDGET_BREAKDOWNS:
    RULES[_check_id] = _budget_breakdown(_check_id)


BUDGET_EDGE_CASES: dict[str, Case] = {
    # B02 printing 财政拨款收入 by fund with no subtotal column: the funds are the parts of 合计 …
    "b02_funds_without_subtotal": Case({"income": [inc("B02", "204", k, v, line=10) for k, v in
                                                   (("total", "100.00"), (GPB, "70.00"),
                                                    ("government_fund", "30.00"))]},
                                       "b02_total_eq_sum_sources", "204", "pass", "total", kind=BUDGET),
    # … and beside a subtotal they are not counted twice (100 = 100, not 200)
    "b02_funds_beside_subtotal": Case({"income": [inc("B02", "204", k, v, line=10) for k, v in
                                                  (("total", "100.00"), ("fiscal_appropriation", "100.00"),
                                                   (GPB, "70.00"), ("government_fund", "30.00"))]},
                                      "b02_total_eq_sum_sources", "204", "pass", "total", kind=BUDGET),
    # the shared budget's 行政单位离退休 line: 2026年预算安排 57.8 万元 (one decimal: ±500 元), 2025年 59.11 万元,
    # "减少2.21%"; the ratio of the printed figures is −2.216 %, which the rounding of 57.8 covers
    "b_item_change_pct_rounding": Case({"narrative_fact": [
        fact("subject_prior_execution", "591100.00", line=109, subject_code="2080501", unit="万元"),
        fact("subject_expenditure_budget", "578000.00", line=109, subject_code="2080501", unit="万元", dec=1,
             change_pct=D("-0.0221"), change_pct_decimals=2)]},
        "b_n_item_change_pct", "2080501@109", "rounding", "change_pct", kind=BUDGET),
    # a rate stated without the prior year's execution: not evaluated, counted
    "b_item_change_pct_no_prior": Case({"narrative_fact": [
        fact("subject_expenditure_budget", "578000.00", line=109, subject_code="2080501", unit="万元",
             change_pct=D("-0.0221"), change_pct_decimals=2)]},
        "b_n_item_change_pct", "2080501@109", "not_evaluated", "change_pct", kind=BUDGET),
    # prose in 万元 (±50 元) against the table in 元: rounding, not fail
    "b_prose_wan_vs_table_yuan": Case({"expenditure": [bexp("B03", "TOTAL", 0, "96282213.44", line=189)],
                                       "narrative_fact": [fact("expenditure_total_budget", "96282200.00", line=90,
                                                               unit="万元")]},
                                      "b_n_expenditure_total_vs_table", "TOTAL", "rounding", "total", kind=BUDGET),
}
# Prose against tables beyond equality: 机关运行经费 ≤ 06 公用经费合计 (a containment).
@rule("n_agency_operating_expense_le_public")
def _agency_le_public(ok):
    # Putuo line 395: 机关运行经费 184.65 万元; table 06 line 272: 公用经费合计 184.65 (failing: 06 prints 150.00)
    return Case({"expenditure": [exp("06", "PUBLIC_TOTAL", 0, "1846500.00" if ok else "1500000.00", etype="basic",
                                     fund=GPB, unit="万元", line=272)],
                 "narrative_fact": [fact("agency_operating_expense", "1846500.00", line=395, unit="万元")]},
                "n_agency_operating_expense_le_public", "PUBLIC_TOTAL", status(ok))


# Budget against outcome as the explanation states it (check_execution): amounts in 万元 as Putuo prints them.
def statement(kind="item", code="2010601", fund=GPB, budget="15600500.00", actual="15118900.00", rate=None,
              direction=None, word=None, line=326, label="一般公共服务支出(类)财政事务(款)行政运行(项)"):
    """A statement "年初预算为 X 万元，支出决算为 Y 万元（，完成年初预算的 Z%）。决算数…预算数" (rate: a fraction)."""
    return {"subject_kind": kind, "subject_code": code, "fund_type": fund if kind != "three_public" else None,
            "subject_label": label, "budget_yuan": None if budget is None else D(budget),
            "budget_unit": "万元", "budget_decimals": 2, "budget_line": line,
            "actual_yuan": D(actual), "actual_unit": "万元", "actual_decimals": 2, "actual_line": line,
            "rate": None if rate is None else D(rate), "rate_decimals": None if rate is None else 2,
            "rate_line": None if rate is None else line + 1, "direction": direction, "direction_text": word,
            "direction_line": None if direction is None else line + 1, "text": "…", "source_line": line}


@rule("n_execution_actual_vs_table")
def _execution_actual(ok):
    # Putuo line 326: 行政运行（项）支出决算为1511.89万元; table 05 line 211: 2010601 合计 1,511.89 (failing: 1,511.99)
    return Case({"narrative_execution": [statement()],
                 "expenditure": [exp("05", "2010601", 3, "15118900.00" if ok else "15119900.00", fund=GPB, unit="万元",
                                     line=211)]},
                "n_execution_actual_vs_table", "2010601@326", status(ok))


@rule("n_execution_rate_recomputes")
def _execution_rate(ok):
    # Putuo line 322: 年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20% (failing: 99.20%)
    return Case({"narrative_execution": [statement("total", GPB, budget="29939200.00", actual="29400500.00",
                                                   rate="0.9820" if ok else "0.9920", line=322,
                                                   label="一般公共预算财政拨款支出")]},
                "n_execution_rate_recomputes", "general_public_budget@322", status(ok))


@rule("n_execution_direction")
def _execution_direction(ok):
    # Putuo line 326–327: 年初预算 1560.05, 支出决算 1511.89, "决算数小于预算数" (failing: "大于")
    direction, word = ("lt", "小于") if ok else ("gt", "大于")
    return Case({"narrative_execution": [statement(direction=direction, word=word)]},
                "n_execution_direction", "2010601@326", status(ok))


# Department-wide funds tables (check_performance_funds): 003 lines 258–280, in 万元.
def fund(group, label, budget, executed, rate, line):
    return {"project_key": "DEPT", "fund_group": group, "label": label,
            "budget_yuan": None if budget is None else D(budget),
            "executed_yuan": None if executed is None else D(executed),
            "budget_decimals": 2, "executed_decimals": 2, "rate": None if rate is None else D(rate),
            "rate_decimals": 2, "reported_unit": "万元", "source_line": line}


@rule("p_fund_rate_recomputes")
def _fund_rate(ok):
    # 003 line 258: 资金来源：（1）财政拨款 4982.25 | 7687.56 | 64.81% — the rate printed is 预算数 / 执行数 (the
    # failing case, as printed); 执行数 / 预算数 = 154.30%
    return Case({"performance_fund": [fund("source", "资金来源：(1)财政拨款", "49822500.00", "76875600.00",
                                           "1.5430" if ok else "0.6481", 258)]},
                "p_fund_rate_recomputes", "DEPT:资金来源：(1)财政拨款", status(ok))


@rule("p_fund_sources_eq_uses")
def _fund_balance(ok):
    # 003: sources 4982.25 + 0 (budget) against structure 551.93 + 4300.32 = 4852.25 as printed (failing); passing:
    # structure 681.93 + 4300.32 = 4982.25
    rows = [fund("source", "资金来源：(1)财政拨款", "49822500.00", "76875600.00", None, 258),
            fund("source", "(2)其他资金", "0.00", "5670000.00", None, 264),
            fund("structure", "资金结构：(1)基本支出", "6819300.00" if ok else "5519300.00", "6088100.00", None, 270),
            fund("structure", "(2)项目支出", "43003200.00", "76457500.00", None, 276)]
    return Case({"performance_fund": rows}, "p_fund_sources_eq_uses", "DEPT", status(ok), "budget")


# The document as a whole (check_document, check_document_mentions).
def doc_table(code, status_="printed", statement_=None, line=10, problem=None):
    """A ``document_table`` row: the table's status and the statement that an empty one is empty."""
    return {"table_code": code, "status": status_, "title": f"表{code}", "figures": 0 if status_ != "printed" else 5,
            "blank_cells": 0, "empty_statement": statement_, "empty_statement_line": line if statement_ else None,
            "problem": problem, "source_line": None if status_ == "missing" else line}


def mention(kind, found, line=5, place="prose", year=None, role=None):
    return {"mention_kind": kind, "place": place, "found_text": found, "year_found": year, "year_role": role,
            "context": f"…{found}…", "source_line": line}


@rule("d_table_printed")
def _table_printed(ok):
    row = doc_table("05") if ok else doc_table("05", "missing", problem="neither its 公开表 marker nor its title found")
    return Case({"document_table": [row]}, "d_table_printed", "05", status(ok))


@rule("d_table_readable")
def _table_readable(ok):
    row = doc_table("03") if ok else doc_table("03", "unreadable", problem="row does not fit the header")
    return Case({"document_table": [row]}, "d_table_readable", "03", status(ok))


@rule("d_empty_table_stated")
def _empty_table_stated(ok):
    # Putuo line 286: 注：…无政府性基金预算财政拨款支出，故本表无数据。 (failing: the note left out)
    statement_ = "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。" if ok else None
    return Case({"document_table": [doc_table("08", "empty", statement_, line=286)]}, "d_empty_table_stated", "08",
                status(ok))


@rule("d_document_has_figures")
def _document_has_figures(ok):
    rows = {"expenditure": [exp("03", "TOTAL", 0, "100.00", line=10)]} if ok else {
        "document_table": [doc_table("01", "unreadable", problem="the table has no figures")]}
    return Case(rows, "d_document_has_figures", "document", status(ok))


@rule("d_year_consistent")
def _year_consistent(ok):
    # a 2021 document: "…2021年度部门决算情况说明" (failing: 2020, a heading left from last year's edition)
    return Case({"document_mention": [mention("year", "2021" if ok else "2020", place="part_heading",
                                              year=2021 if ok else 2020, role="reported")]},
                "d_year_consistent", "part_heading@5", status(ok))


@rule("d_department_consistent")
def _department_consistent(ok):
    # 普陀区财政局 abbreviates 上海市普陀区财政局; 上海市普陀区司法局 is another department (a sentence copied from its
    # report). The two cases are two departments: one department, year and kind is one document in the warehouse.
    department = "上海市普陀区财政局" if ok else "上海市长宁区财政局"
    return Case({"document_mention": [mention("department", "普陀区财政局" if ok else "上海市普陀区司法局")]},
                "d_department_consistent", "prose@5", status(ok), document={"department_name": department})


@rule("d_no_placeholder")
def _no_placeholder(ok):
    rows = {"document_mention": [] if ok else [mention("placeholder", "XX")]}
    return Case(rows, "d_no_placeholder", "document" if ok else "prose@5", status(ok))


def _blemish(check_id: str, kind: str, found: str) -> Callable[[bool], Case]:
    def build(ok: bool) -> Case:
        rows = {"document_mention": [] if ok else [mention(kind, found)]}
        return Case(rows, check_id, "document" if ok else "prose@5", "pass" if ok else "rounding")
    return build


RULES["d_text_doubled_punctuation"] = _blemish("d_text_doubled_punctuation", "doubled_punctuation", "。。")
RULES["d_text_repeated_word"] = _blemish("d_text_repeated_word", "repeated_word", "支出支出")


# --- tolerance edges and missing figures --------------------------------------------------------------

EDGE_CASES: dict[str, Case] = {
    # 10.00 万元 (±50 元) over 元 parts (±0.005 each): bound = 50.01 元
    "wan_total_on_bound": Case({"expenditure": [exp("03", "210", 1, "100000.00", unit="万元", line=10),
                                                exp("03", "21011", 2, "60000.00", line=11),
                                                exp("03", "21015", 2, "39949.99", line=12)]},
                               "t03_class_eq_sum_kuan", "210", "rounding"),
    "wan_total_cent_past_bound": Case({"expenditure": [exp("03", "210", 1, "100000.00", unit="万元", line=10),
                                                       exp("03", "21011", 2, "60000.00", line=11),
                                                       exp("03", "21015", 2, "39949.98", line=12)]},
                                      "t03_class_eq_sum_kuan", "210", "fail"),
    # 899.98 万元 vs 899.97 万元 printed in two tables of a document that warns of 尾数误差 (000 line 136):
    # difference 100 元 = ½ + ½ of 0.01 万元
    "cross_on_bound": Case({"expenditure": [exp("01", "210", 1, "8999700.00", unit="万元", line=5),
                                            exp("03", "210", 1, "8999800.00", unit="万元", line=10)],
                            "document_mention": [mention("rounding_note", "尾数误差", line=136)]},
                           "x01_03_class", "210", "rounding"),
    # the same two printings without that warning: one figure has one value, 326.71 is not 326.72 (Putuo
    # lines 94 and 154)
    "cross_duplicate_without_note": Case({"expenditure": [exp("01", "208", 1, "3267100.00", unit="万元", line=94),
                                                          exp("03", "208", 1, "3267200.00", unit="万元", line=154)]},
                                         "x01_03_class", "208", "fail"),
    # prose 142.01 万元 against a table in 元 (1,420,085.06): the 元 figure rounds to 142.01 万元
    "prose_in_wan_rounds_table_in_yuan": Case(
        {"expenditure": [FINAL_ACCOUNT_MARKER, exp("03", "TOTAL", 0, "1420085.06", etype="basic", line=10)],
         "narrative_fact": [fact("expenditure_basic", "1420100.00", unit="万元")]},
        "n_expenditure_basic_vs_table", "TOTAL", "rounding"),
    # blank cells (fct_blank_cell): a part printed blank counts as 0 in a table that prints no zero …
    "blank_part_is_zero": Case({"expenditure": t03_row("201", 1, "100.00", "60.00", "40.00", None, None, None),
                                "blank_cell": [blank("03", "201", k) for k in ("upper_remit", "operating",
                                                                               "subsidiary")]},
                               "t03_total_eq_sum_types", "201", "pass"),
    # … but stays a missing figure in a table that prints its zeros (0.00) …
    "blank_part_missing_where_zeros_printed": Case(
        {"expenditure": [*t03_row("201", 1, "100.00", "60.00", "40.00", None, None, None),
                         exp("03", "210", 1, "0.00", line=11)],
         "blank_cell": [blank("03", "201", k) for k in ("upper_remit", "operating", "subsidiary")]},
        "t03_total_eq_sum_types", "201", "not_evaluated"),
    # … and in a table that leaves a total blank beside a part it fills (004 table 04: 合计 blank, 一般公共预算 filled)
    "blank_total_beside_filled_part": Case(
        {"expenditure": [exp("04", "201", 1, "46310.40", fund=GPB, line=212)],
         "blank_cell": [blank("04", "201", column, line=212)
                        for column in ("all", "government_fund", "state_capital")]},
        "t04_total_eq_sum_funds", "201", "not_evaluated", "all"),
    # a balancing line printed blank (Putuo line 114: 使用非财政拨款结余 blank) is 0 in the balance
    "blank_balancing_line": Case(
        {"summary_line": [summary("01", "income", "grand_total", "2995.39", line=116),
                          summary("01", "income", "income_total", "2946.25", line=113),
                          summary("01", "income", "opening_balance", "49.14", line=115)],
         "blank_cell": [blank("01", "non_fiscal_balance_used", "income:all", line=114)]},
        "t01_income_grand_total", "grand_total", "pass", "income:all"),
    # a 三公 budget stated in prose while table 07 is printed empty: compared with 0
    "prose_three_public_against_empty_07": Case(
        {"three_public": [three("total", "9500.00", measure="budget", source="narrative", line=370)],
         "document_table": [doc_table("07", "empty", line=273)]},
        "n_three_public_vs_07", "total", "fail", "budget:current"),
    # a year compared with must be the year before (a 2021 document comparing with 2019: left from last year)
    "year_prior_wrong": Case({"document_mention": [mention("year", "2019", year=2019, role="prior")]},
                             "d_year_consistent", "prose@5", "fail"),
    # table 05 not printed: the rules that read it are counted as not evaluated, with that reason
    "table_missing_counted": Case({"expenditure": [exp("04", "201", 1, "100.00", fund=GPB, line=171)],
                                   "document_table": [doc_table("05", "missing")]},
                                  "t05_total_eq_sum_classes", "TOTAL", "not_evaluated"),
    "cross_fail_wan": Case({"expenditure": [exp("01", "210", 1, "8999600.00", unit="万元", line=5),
                                            exp("03", "210", 1, "8999800.00", unit="万元", line=10)]},
                           "x01_03_class", "210", "fail"),
    "row_identity_null_part": Case({"expenditure": t03_row("210", 1, "100.00", "60.00", "40.00", operating=None)},
                                   "t03_total_eq_sum_types", "210", "not_evaluated"),
    "balance_null_part": Case({"summary_line": [summary("01", "income", k, v, line=40 + i) for i, (k, v) in enumerate(
        (("grand_total", "110.00"), ("income_total", "100.00"), ("opening_balance", "10.00")))]},
        "t01_income_grand_total", "grand_total", "not_evaluated"),
    # 2.08 万元 / 25.00 万元 = 8.32%; stated "8.33%": one off in its last digit, but the two 万元 figures
    # (±50 元 each) can move the ratio by ±0.04 points → rounding, not fail
    "share_rounding": Case({"narrative_share": [share("20800.00", "250000.00", "0.0833", part_unit="万元",
                                                      base_unit="万元")]},
                           "n_share_pct_recomputes", "expenditure_basic@50", "rounding"),
    # the same "8.33%" from 元 figures (±0.005 元 each): nothing in the figures explains it
    "share_fail_yuan": Case({"narrative_share": [share("20800.00", "250000.00", "0.0833")]},
                            "n_share_pct_recomputes", "expenditure_basic@50", "fail"),
    # a base the prose names but never states: not evaluated, counted
    "share_base_missing": Case({"narrative_share": [share("40.00", None, "0.4000")]},
                               "n_share_pct_recomputes", "expenditure_basic@50", "not_evaluated"),
    # a declared group with no weighted indicator under it: not evaluated
    "group_weights_missing": Case({"performance_indicator": [{**indicator(None, "5", line=61), "level1": "产出指标"}],
                                   "performance_group": [{"project_key": "P01", "group_level": 1,
                                                          "level1": "产出指标", "level2": None,
                                                          "declared_weight": D("60"), "declared_text": "产出(60%)",
                                                          "source_line": 61}]},
                                  "p_group_weights_sum_declared", "P01:产出指标", "not_evaluated"),
    # "增长 13.40%" where 13.43 / 100.00 = 13.43%: the printed "13.40" has two decimals (recorded), so it
    # is not the "13.4%" (±0.05 points) that its value alone would suggest
    "change_pct_trailing_zero": Case({"expenditure": [exp("03", "TOTAL", 0, "1.00", line=10)],
                                      "narrative_fact": [fact("expenditure_total", "113.43", change_yuan=D("13.43"),
                                                              change_pct=D("0.1340"), change_pct_decimals=2)]},
                                     "n_change_pct_recomputes", "expenditure_total", "fail"),
    # a containment within the tolerance: 7.01 ≤ 7.00 ± 0.01
    "containment_on_bound": Case({"expenditure": [exp("06", "30217", 2, "7.01", etype="basic", fund=GPB)],
                                  "three_public": [three("reception", "7.00")]},
                                 "x06_07_reception", "30217", "rounding"),
}


# --- cross-document statements (family cross_document) --------------------------------------------
# The suite's documents are of 2021: a statement about last year names a document of 2020.

FINAL, PERFORMANCE = "final_account", "performance_report"
PRIOR = "final_account:2020"


def execution(code, budget, fund=GPB, line=70, unit="元", dec=2):
    """A 项 a final account explains: “…（项）。…年初预算为 X，支出决算为 …” (narrative_execution)."""
    return {"subject_kind": "item", "subject_code": code, "fund_type": fund, "subject_label": code,
            "budget_yuan": D(budget), "budget_unit": unit, "budget_decimals": dec, "budget_line": line,
            "text": f"{code} 年初预算为 {budget}", "source_line": line}


def _cross_case(rows, check_id, row_key, ok, column_key, others, kind=FINAL, department=None) -> Case:
    return Case(rows, check_id, row_key, status(ok), column_key, kind=kind, others=others, department=department)


@rule("c_prior_final_figure")
def _prior_final_figure(ok):
    # “本年收入 1000.00 元，比上年增加 100.00 元”: last year's 01 本年收入合计 is 900.00 (failing: it prints 890.00)
    stated = fact("income_total", "1000.00", change_yuan=D("100.00"))
    printed = summary("01", "income", "income_total", "900.00" if ok else "890.00")
    prior = Other(FINAL, 2020, {"summary_line": [printed]})
    return _cross_case({"narrative_fact": [stated]}, "c_prior_final_figure", "income_total@50", ok, PRIOR, (prior,))


@rule("c_prior_final_change_pct")
def _prior_final_change_pct(ok):
    # “机关运行经费 110.00 元，比上年增长 10.00%”: last year's prose states 100.00 (failing: 105.00, +4.76%)
    stated = fact("agency_operating_expense", "110.00", change_pct=D("0.1000"), change_pct_decimals=2)
    prior = Other(FINAL, 2020, {"narrative_fact": [fact("agency_operating_expense", "100.00" if ok else "105.00")]})
    return _cross_case({"narrative_fact": [stated]}, "c_prior_final_change_pct", "agency_operating_expense@50", ok,
                       PRIOR, (prior,))


@rule("c_final_figure")
def _final_figure(ok):
    # a self-evaluation's 公务接待费 of its year, 7.00 元; the final account's table 07 prints 7.00 (failing: 8.00)
    final = Other(FINAL, 2021, {"three_public": [three("reception", "7.00" if ok else "8.00", line=12)]})
    return _cross_case({"three_public": [three("reception", "7.00")]}, "c_final_figure",
                       "three_public:reception:actual:current:table@30", ok, "final_account:2021", (final,),
                       kind=PERFORMANCE)


@rule("c_budget_figure")
def _budget_figure(ok):
    # “行政运行（项）。…年初预算为 100.00 元”: the budget's B05 prints 2010601 as 100.00 (failing: 90.00)
    budget = Other(BUDGET, 2021, {"expenditure": [bexp("B05", "2010601", 3, "100.00" if ok else "90.00")]})
    return _cross_case({"narrative_execution": [execution("2010601", "100.00")]}, "c_budget_figure",
                       "item:2010601@70", ok, "budget:2021", (budget,))


@rule("c_prior_execution")
def _prior_execution(ok):
    # a budget's “2020年当年预算执行数为 50.00 元”: the 2020 final account's 05 prints 50.00 (failing: 60.00)
    stated = fact("subject_prior_execution", "50.00", subject_code="2040601")
    prior = Other(FINAL, 2020, {"expenditure": [exp("05", "2040601", 3, "50.00" if ok else "60.00", fund=GPB)]})
    return _cross_case({"narrative_fact": [stated]}, "c_prior_execution", "item:2040601@50", ok, PRIOR, (prior,),
                       kind=BUDGET)


@rule("c_prior_budget_figure")
def _prior_budget_figure(ok):
    # a budget's “财政拨款收入 120.00 元，比2020年预算增加 20.00 元”: the 2020 budget's B01 prints 100.00
    # (failing: 110.00)
    stated = fact("fiscal_income_total_budget", "120.00", change_yuan=D("20.00"))
    prior = Other(BUDGET, 2020, {"income": [inc("B01", None, "fiscal_appropriation", "100.00" if ok else "110.00")]})
    return _cross_case({"narrative_fact": [stated]}, "c_prior_budget_figure", "fiscal_income_total_budget@50", ok,
                       "budget:2020", (prior,), kind=BUDGET)


_PRIOR_TOTAL = fact("income_total", "1000.00", change_yuan=D("100.00"))
_RENAMED_2020 = Other(FINAL, 2020, {"summary_line": [summary("01", "income", "income_total", "900.00")]},
                      department="测绘区规划和土地管理局")
CROSS_EDGE_CASES: dict[str, Case] = {
    # no final account of 2020 loaded: not evaluated, counted
    "cross_other_not_loaded": Case({"narrative_fact": [_PRIOR_TOTAL]}, "c_prior_final_figure", "income_total@50",
                                   "not_evaluated"),
    # a final account of 2020 that prints no 本年收入合计 (nor states it): not evaluated, never against 0
    "cross_figure_not_printed": Case({"narrative_fact": [_PRIOR_TOTAL]}, "c_prior_final_figure", "income_total@50",
                                     "not_evaluated", others=(Other(FINAL, 2020, {"summary_line": [
                                         summary("01", "expenditure", "expenditure_total", "900.00")]}),)),
    # its table prints nothing for the line, its prose states it: the prose is the figure it prints
    "cross_prose_of_the_other": Case({"narrative_fact": [_PRIOR_TOTAL]}, "c_prior_final_figure", "income_total@50",
                                     "pass", others=(Other(FINAL, 2020, {"narrative_fact": [
                                         fact("income_total", "900.00", line=12)]}),)),
    # a final account of 2019 is not last year's
    "cross_other_year": Case({"narrative_fact": [_PRIOR_TOTAL]}, "c_prior_final_figure", "income_total@50",
                             "not_evaluated", others=(Other(FINAL, 2019, {"summary_line": [
                                 summary("01", "income", "income_total", "900.00")]}),)),
    # the same department printed with and without its province: 上海市普陀区监测局 ↔ 普陀区监测局
    "cross_name_with_province": Case({"narrative_execution": [execution("2010601", "100.00")]}, "c_budget_figure",
                                     "item:2010601@70", "pass", department="上海市普陀区监测局",
                                     others=(Other(BUDGET, 2021, {"expenditure": [bexp("B05", "2010601", 3, "100.00")]},
                                                   department="普陀区监测局"),)),
    # … but 上海市静安区测绘局 and 上海市测绘局 (the city's own bureau) are two departments: no budget of its own
    "cross_name_of_another_department": Case({"narrative_execution": [execution("2010601", "100.00")]},
                                             "c_budget_figure", "item:2010601@70", "not_evaluated",
                                             department="上海市静安区测绘局",
                                             others=(Other(BUDGET, 2021, {"expenditure": [
                                                 bexp("B05", "2010601", 3, "100.00")]}, department="上海市测绘局"),)),
    # a department renamed in an institutional reform: no rule matches the names (the seed department_alias
    # can; tests/test_dq_conformance.py adds the alias)
    "cross_renamed": Case({"narrative_fact": [_PRIOR_TOTAL]}, "c_prior_final_figure", "income_total@50",
                          "not_evaluated", department="测绘区规划和自然资源局", others=(_RENAMED_2020,)),
    # 9.00 万元 derived from 10.00 万元 − 1.00 万元 (±50 元 each) against 90,099.99 元: within 100.005 → rounding
    "cross_derived_rounding": Case({"narrative_fact": [fact("income_total", "100000.00", unit="万元",
                                                            change_yuan=D("10000.00"))]},
                                   "c_prior_final_figure", "income_total@50", "rounding",
                                   others=(Other(FINAL, 2020, {"summary_line": [
                                       summary("01", "income", "income_total", "90099.99")]}),)),
    # … and one cent further: fail
    "cross_derived_past_bound": Case({"narrative_fact": [fact("income_total", "100000.00", unit="万元",
                                                              change_yuan=D("10000.00"))]},
                                     "c_prior_final_figure", "income_total@50", "fail",
                                     others=(Other(FINAL, 2020, {"summary_line": [
                                         summary("01", "income", "income_total", "90100.02")]}),)),
    # the change stated in a sentence of its own (“…2940.05万元。与2023年度相比，…减少63.14万元”): this year's figure
    # is the one stated before it
    "cross_change_without_amount": Case({"narrative_fact": [fact("gpb_expenditure_total", "1000.00", line=49),
                                                            fact("gpb_expenditure_total", None, line=50,
                                                                 change_yuan=D("-100.00"))]},
                                        "c_prior_final_figure", "gpb_expenditure_total@50", "pass",
                                        others=(Other(FINAL, 2020, {"expenditure": [
                                            exp("05", "TOTAL", 0, "1100.00", fund=GPB)]}),)),
    # a 项 of the government-fund budget is looked up in B06
    "cross_item_government_fund": Case({"narrative_execution": [execution("2120801", "30.00", fund="government_fund")]},
                                       "c_budget_figure", "item:2120801@70", "fail",
                                       others=(Other(BUDGET, 2021, {"expenditure": [
                                           bexp("B05", "2120801", 3, "30.00"), bexp("B06", "2120801", 3, "31.00")]}),)),
    # table 07's 预算数 against the budget's B09
    "cross_07_budget_vs_b09": Case({"three_public": [three("vehicle", "10.00", measure="budget")]}, "c_budget_figure",
                                   "three_public:vehicle:budget:current:table@30", "fail",
                                   others=(Other(BUDGET, 2021, {"three_public": [
                                       three("vehicle", "12.00", measure="budget", line=9)]}),)),
    # a self-evaluation's “2020年决算数” column (period prior) against the 2020 final account's 07
    "cross_prior_column": Case({"three_public": [three("reception", "5.70", period="prior")]}, "c_prior_final_figure",
                               "three_public:reception:actual:prior:table@30", "pass", kind=PERFORMANCE,
                               others=(Other(FINAL, 2020, {"three_public": [three("reception", "5.70", line=8)]}),)),
    # a budget's change stated as 持平 (0) against last year's budget that prints the same total
    "cross_budget_flat": Case({"narrative_fact": [fact("gpb_expenditure_total_budget", "80.00",
                                                       change_yuan=D("0.00"))]},
                              "c_prior_budget_figure", "gpb_expenditure_total_budget@50", "pass", kind=BUDGET,
                              others=(Other(BUDGET, 2020, {"expenditure": [bexp("B05", "TOTAL", 0, "80.00")]}),)),
    # a 项's execution that last year's final account prints in its government-fund table (08), not in 05
    "cross_execution_in_08": Case({"narrative_fact": [fact("subject_prior_execution", "40.00",
                                                           subject_code="2120801")]},
                                  "c_prior_execution", "item:2120801@50", "pass", kind=BUDGET,
                                  others=(Other(FINAL, 2020, {"expenditure": [
                                      exp("08", "2120801", 3, "40.00", fund="government_fund")]}),)),
}


def all_cases() -> dict[str, Case]:
    """Every case by id: ``<check_id>:pass`` and ``<check_id>:fail`` for every rule, then the edge cases."""
    cases = {f"{check_id}:{status(ok)}": build(ok) for check_id, build in RULES.items() for ok in (True, False)}
    for case_id, case in cases.items():
        assert case.check_id == case_id.split(":")[0], (case_id, case.check_id)
    return {**cases, **EDGE_CASES, **BUDGET_EDGE_CASES, **CROSS_EDGE_CASES}
