"""Department-wide prose facts (001 宁县, 003 浏阳), one sentence each."""

from __future__ import annotations

from decimal import Decimal as D

from .test_performance_samples import run


def _facts(sample):
    return [(r["metric_key"], r["amount_yuan"], r["number_value"], r["source_line"])
            for r in run(sample).rows.get("narrative_fact", [])]


def test_001_totals_parts_and_score():
    assert _facts("001") == [
        ("expenditure_total", D("37667079.88"), None, 38),
        ("expenditure_basic", D("3431014.30"), None, 38),
        ("personnel_expense", D("3225401.13"), None, 38),
        ("public_expense", D("205613.17"), None, 38),
        ("expenditure_total", D("37667079.88"), None, 40),
        ("expenditure_project", D("34236065.58"), None, 40),
        ("performance_score", None, D("94.6"), 46),
    ]
    basic = run("001").rows["narrative_fact"][1]
    assert basic["reported_unit"] == "元" and basic["reported_decimals"] == 1
    assert basic["text"].startswith("基本支出3431014.3元")


def test_003_facts_stay_inside_their_sentence():
    facts = _facts("003")
    assert ("income_total", D("82545600.00"), None, 54) in facts
    assert ("expenditure_total", D("82545600.00"), None, 54) in facts
    assert ("personnel_expense", D("5777700.00"), None, 62) in facts
    assert ("three_public_total", D("1500.00"), None, 66) in facts
    assert ("performance_score", None, D("97.94"), 124) in facts
    # "基本支出项收入总额608.81万元" (line 62) is not a basic-expenditure statement
    assert ("expenditure_basic", D("6088100.00"), None, 62) not in facts
    three_public = [r for r in run("003").rows["narrative_fact"] if r["metric_key"] == "three_public_total"]
    assert three_public[0]["change_yuan"] is None  # the 0.42 万元 cut is in the next sentence


def test_final_accounts_and_project_reports_give_no_narrative_facts():
    for sample in ("000", "002", "004"):
        assert "narrative_fact" not in run(sample).rows
