"""Figures read by hand off the two final-account samples, each checked with the line it is printed on.

000 宁德 2021 prints 万元 (×10000 to 元); 004 固原 2020 prints 元. Values below are the printed
figures converted by hand.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from .rerender import GUYUAN, NINGDE, run_sample

D = Decimal


@pytest.fixture(scope="module")
def results():
    return {NINGDE: run_sample(NINGDE), GUYUAN: run_sample(GUYUAN)}


def _one(rows: list[dict], **where) -> dict:
    found = [row for row in rows if all(row[k] == v for k, v in where.items())]
    assert len(found) == 1, f"expected one row with {where}, found {len(found)}: {found}"
    return found[0]


# (document, table, subject_code, expenditure_type, fund_type, amount in 元, line)
EXPENDITURE = [
    (NINGDE, "01", "208", "total", "all", "329300.00", 110),  # same line as 其他收入 15.60: other half
    (NINGDE, "01", "210", "total", "all", "8999700.00", 111),  # "九、卫生健康支出" name → code
    (NINGDE, "01", "221", "total", "all", "226300.00", 121),
    (NINGDE, "01", "TOTAL", "total", "all", "9555400.00", 129),
    (NINGDE, "03", "TOTAL", "total", "all", "9555400.00", 183),
    (NINGDE, "03", "TOTAL", "basic", "all", "4910300.00", 183),
    (NINGDE, "03", "TOTAL", "project", "all", "4645100.00", 183),
    (NINGDE, "03", "210", "total", "all", "8999800.00", 189),
    (NINGDE, "03", "21015", "basic", "all", "4179700.00", 193),
    (NINGDE, "03", "2101502", "project", "all", "4631500.00", 195),
    (NINGDE, "03", "208", "upper_remit", "all", "0.00", 184),
    (NINGDE, "04", "210", "total", "all", "8908800.00", 222),
    (NINGDE, "04", "210", "total", "general_public_budget", "8908800.00", 222),
    (NINGDE, "04", "221", "total", "government_fund", "0.00", 233),
    (NINGDE, "04", "TOTAL", "total", "general_public_budget", "9464400.00", 241),
    (NINGDE, "05", "TOTAL", "total", "general_public_budget", "9464400.00", 262),
    (NINGDE, "05", "TOTAL", "basic", "general_public_budget", "4819300.00", 262),
    (NINGDE, "05", "21015", "total", "general_public_budget", "8720200.00", 272),
    (NINGDE, "05", "2101501", "basic", "general_public_budget", "4088700.00", 273),
    (NINGDE, "05", "2080505", "total", "general_public_budget", "315700.00", 265),
    (NINGDE, "06", "301", "basic", "general_public_budget", "4603100.00", 291),
    (NINGDE, "06", "302", "basic", "general_public_budget", "204700.00", 291),
    (NINGDE, "06", "30703", "basic", "general_public_budget", "0.00", 291),
    (NINGDE, "06", "30103", "basic", "general_public_budget", "1604600.00", 294),
    (NINGDE, "06", "30108", "basic", "general_public_budget", "300000.00", 297),
    (NINGDE, "06", "30206", "basic", "general_public_budget", "54200.00", 297),
    (NINGDE, "06", "30228", "basic", "general_public_budget", "69600.00", 314),
    (NINGDE, "06", "30399", "basic", "general_public_budget", "11500.00", 318),
    (NINGDE, "06", "PERSONNEL_TOTAL", "basic", "general_public_budget", "4614600.00", 323),
    (NINGDE, "06", "PUBLIC_TOTAL", "basic", "general_public_budget", "204700.00", 323),
    (GUYUAN, "01", "201", "total", "all", "46310.40", 110),
    (GUYUAN, "01", "208", "total", "all", "103748.10", 117),
    (GUYUAN, "01", "210", "total", "all", "3320099.84", 118),
    (GUYUAN, "01", "TOTAL", "total", "all", "3470158.34", 136),
    (GUYUAN, "03", "TOTAL", "basic", "all", "1420085.06", 182),
    (GUYUAN, "03", "201", "total", "all", "46310.40", 183),
    (GUYUAN, "03", "21015", "total", "all", "3246703.51", 192),
    (GUYUAN, "03", "2101504", "project", "all", "1818019.76", 195),
    (GUYUAN, "03", "2101505", "total", "all", "148063.12", 196),
    (GUYUAN, "04", "201", "total", "general_public_budget", "46310.40", 212),
    (GUYUAN, "04", "TOTAL", "total", "general_public_budget", "3470158.34", 238),
    (GUYUAN, "05", "TOTAL", "total", "general_public_budget", "3470158.34", 258),
    (GUYUAN, "05", "208", "project", "general_public_budget", "0.00", 262),  # printed "0"
    (GUYUAN, "05", "21015", "total", "general_public_budget", "1234620.63", 268),  # as printed (inconsistent)
    (GUYUAN, "05", "2101504", "project", "general_public_budget", "1818019.76", 271),
    (GUYUAN, "06", "301", "basic", "general_public_budget", "1292095.92", 285),
    (GUYUAN, "06", "302", "basic", "general_public_budget", "127989.14", 285),
    (GUYUAN, "06", "30239", "basic", "general_public_budget", "87780.00", 310),
    (GUYUAN, "06", "30299", "basic", "general_public_budget", "16934.71", 312),
    (GUYUAN, "06", "PERSONNEL_TOTAL", "basic", "general_public_budget", "1292095.92", 318),
    (GUYUAN, "06", "PUBLIC_TOTAL", "basic", "general_public_budget", "127989.14", 318),  # number inside the label cell
    (GUYUAN, "06", "TOTAL", "basic", "general_public_budget", "1420085.06", 319),
]

# (document, table, subject_code, subject_name or None, income_source, amount in 元, line)
INCOME = [
    (NINGDE, "01", None, "一、一般公共预算财政拨款收入", "general_public_budget", "9305000.00", 103),
    (NINGDE, "01", None, "八、其他收入", "other", "156000.00", 110),
    (NINGDE, "01", None, "五、事业收入", "business", "0.00", 107),
    (NINGDE, "02", "TOTAL", None, "total", "9461000.00", 152),
    (NINGDE, "02", "TOTAL", None, "fiscal_appropriation", "9305000.00", 152),
    (NINGDE, "02", "TOTAL", None, "other", "156000.00", 152),
    (NINGDE, "02", "210", None, "total", "8905400.00", 158),
    (NINGDE, "02", "2101501", None, "total", "4239700.00", 163),
    (NINGDE, "02", "2101501", None, "fiscal_appropriation", "4083700.00", 163),
    (NINGDE, "02", "2210201", None, "fiscal_appropriation", "226300.00", 167),
    (NINGDE, "04", None, "一、一般公共预算财政拨款", "general_public_budget", "9305000.00", 214),
    (GUYUAN, "01", None, "一、一般公共预算财政拨款收入", "general_public_budget", "4300085.06", 110),
    (GUYUAN, "02", "TOTAL", None, "total", "4300085.06", 154),
    (GUYUAN, "02", "201", None, "total", "42320.00", 155),
    (GUYUAN, "02", "210", None, "business", "0.00", 161),  # printed "00.00"
    (GUYUAN, "02", "2101504", None, "fiscal_appropriation", "2500000.00", 167),
    (GUYUAN, "04", None, "一、一般公共预算财政拨款", "general_public_budget", "4300085.06", 212),
]

# (document, table, side, line_key, fund_type, amount in 元, line)
SUMMARY = [
    (NINGDE, "01", "income", "income_total", "all", "9461000.00", 129),
    (NINGDE, "01", "income", "opening_balance", "all", "159400.00", 131),
    (NINGDE, "01", "expenditure", "closing_balance", "all", "65000.00", 131),
    (NINGDE, "01", "income", "grand_total", "all", "9620400.00", 132),
    (NINGDE, "04", "income", "income_total", "all", "9305000.00", 241),
    (NINGDE, "04", "income", "opening_balance", "general_public_budget", "159400.00", 243),
    (NINGDE, "04", "expenditure", "grand_total", "all", "9464400.00", 246),
    (GUYUAN, "01", "income", "opening_balance", "all", "7059.50", 138),
    (GUYUAN, "01", "expenditure", "closing_balance", "all", "836986.22", 138),
    (GUYUAN, "01", "expenditure", "grand_total", "all", "4307144.56", 139),
    (GUYUAN, "04", "expenditure", "closing_balance", "general_public_budget", "836986.22", 239),
    (GUYUAN, "04", "income", "grand_total", "all", "4307144.56", 243),  # printed as 合计
]

# (document, metric_key, subject_code, amount, change, change_pct, line)
NARRATIVE = [
    (NINGDE, "income_total", None, "9461000.00", "-40740500.00", "-0.8115", 392),
    (NINGDE, "expenditure_total", None, "9555400.00", "-43195800.00", "-0.8189", 403),
    (NINGDE, "expenditure_basic", None, "4910300.00", None, None, 405),
    (NINGDE, "expenditure_project", None, "4645100.00", None, None, 406),
    (NINGDE, "subject_expenditure", "2101501", "4088700.00", "483500.00", "0.1341", 424),
    (NINGDE, "subject_expenditure", "2130599", "0.00", "-43880000.00", "-1", 436),
    (NINGDE, "gpb_expenditure_basic", None, "4819300.00", None, None, 448),
    (NINGDE, "personnel_expense", None, "4614600.00", None, None, 450),
    (NINGDE, "public_expense", None, "204700.00", None, None, 452),
    (NINGDE, "three_public_total", None, "77200.00", None, None, 458),
    (NINGDE, "three_public_budget", None, "160000.00", None, None, 458),
    (NINGDE, "agency_operating_expense", None, "204700.00", None, "-0.1559", 478),
    (GUYUAN, "expenditure_basic", None, "1420085.06", None, None, 379),
    (GUYUAN, "personnel_expense", None, "1321478.92", None, None, 397),  # "人员经费，1,321,478.92元"
    (GUYUAN, "public_expense", None, "2051038.92", None, None, 397),
    (GUYUAN, "subject_expenditure", "210", "3320099.84", None, None, 391),  # "卫生健康（类）支出"
    (GUYUAN, "economic_expenditure", "310", "94651.00", "-5149.00", "-0.0516", 407),
    (GUYUAN, "agency_operating_expense", None, "127989.14", "-7180.86", "-0.0531", 427),
    (GUYUAN, "three_public_total", None, "0.00", None, None, 413),
]


@pytest.mark.parametrize(("document", "table", "code", "kind", "fund", "amount", "line"), EXPENDITURE)
def test_expenditure_figures(results, document, table, code, kind, fund, amount, line):
    row = _one(results[document].rows["expenditure"], table_code=table, subject_code=code,
               expenditure_type=kind, fund_type=fund)
    assert (row["amount_yuan"], row["source_line"]) == (D(amount), line)


@pytest.mark.parametrize(("document", "table", "code", "name", "source", "amount", "line"), INCOME)
def test_income_figures(results, document, table, code, name, source, amount, line):
    where = {"table_code": table, "subject_code": code, "income_source": source}
    if name:
        where["subject_name"] = name
    row = _one(results[document].rows["income"], **where)
    assert (row["amount_yuan"], row["source_line"]) == (D(amount), line)


@pytest.mark.parametrize(("document", "table", "side", "key", "fund", "amount", "line"), SUMMARY)
def test_summary_figures(results, document, table, side, key, fund, amount, line):
    row = _one(results[document].rows["summary_line"], table_code=table, side=side, line_key=key, fund_type=fund)
    assert (row["amount_yuan"], row["source_line"]) == (D(amount), line)


@pytest.mark.parametrize(("document", "key", "code", "amount", "change", "pct", "line"), NARRATIVE)
def test_narrative_figures(results, document, key, code, amount, change, pct, line):
    row = _one(results[document].rows["narrative_fact"], metric_key=key, subject_code=code, source_line=line)
    expected = (D(amount), D(change) if change else None, D(pct) if pct else None)
    assert (row["amount_yuan"], row["change_yuan"], row["change_pct"]) == expected


def test_units_and_decimals_as_printed(results):
    ningde = _one(results[NINGDE].rows["expenditure"], table_code="03", subject_code="TOTAL", expenditure_type="total")
    guyuan = _one(results[GUYUAN].rows["expenditure"], table_code="03", subject_code="201", expenditure_type="total")
    zero = _one(results[GUYUAN].rows["expenditure"], table_code="05", subject_code="208", expenditure_type="project")
    assert (ningde["reported_unit"], ningde["reported_decimals"]) == ("万元", 2)
    assert (guyuan["reported_unit"], guyuan["reported_decimals"]) == ("元", 1)  # "46310.4"
    assert zero["reported_decimals"] == 0  # "0"


def test_empty_cells_are_missing_not_zero(results):
    """004 prints no figure for 外交支出 (01) or the 合计 column of 04: no row, never a 0."""
    rows = results[GUYUAN].rows["expenditure"]
    assert not [r for r in rows if r["table_code"] == "01" and r["subject_code"] == "202"]
    assert not [r for r in rows if r["table_code"] == "04" and r["fund_type"] == "all"]
    assert not [r for r in rows if r["table_code"] == "06" and r["subject_code"] == "30203"]  # 咨询费: blank
    assert not [r for r in results[GUYUAN].rows["income"] if r["table_code"] == "02" and r["income_source"] == "other"]


def test_empty_fund_tables_give_no_rows_and_no_issue(results):
    for document in (NINGDE, GUYUAN):
        result = results[document]
        assert not result.issues
        for dataset in ("expenditure", "income"):
            assert not [r for r in result.rows[dataset] if r["table_code"] in ("07", "08", "09")]


def test_subjects_are_the_printed_classification(results):
    subjects = {(r["classification"], r["subject_code"]): r for r in results[NINGDE].rows["subject"]}
    assert subjects[("function", "2101501")] == {
        "classification": "function", "subject_code": "2101501", "subject_name": "行政运行",
        "subject_level": 3, "parent_code": "21015", "source_line": 163,  # first printed in 02
    }
    assert subjects[("economic", "30108")]["subject_name"] == "机关事业单位基本养老保险缴费"  # wrap space removed
    assert subjects[("economic", "30108")]["parent_code"] == "301"
    assert subjects[("function", "208")]["subject_level"] == 1
    assert ("function", "202") not in subjects  # 外交 is only named in 01, never printed with a code
    guyuan = {(r["classification"], r["subject_code"]) for r in results[GUYUAN].rows["subject"]}
    assert ("economic", "310") in guyuan and ("function", "2101505") in guyuan


def test_performance_reports_yield_nothing():
    for name in ("001_d19904a04800f4dd.txt", "002_66a8595c7102542c.txt", "003_fe244c6e34d881f1.txt"):
        result = run_sample(name)
        assert not result.rows and not result.issues, name
