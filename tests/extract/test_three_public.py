"""三公 figures: table 07 in both layouts, the base-data table of a self-evaluation, and the prose."""

from __future__ import annotations

from decimal import Decimal as D

from .test_performance_samples import run


def _rows(sample, source=None):
    rows = run(sample).rows.get("three_public", [])
    return {(r["source"], r["period"], r["measure"], r["category"]): (r["amount_yuan"], r["reported_unit"],
                                                                       r["reported_decimals"], r["source_line"])
            for r in rows if source in (None, r["source"])}


def test_000_vertical_table_07_in_wan_yuan():
    table = _rows("000", "table")
    assert table == {
        ("table", "current", "actual", "total"): (D("77200.00"), "万元", 2, 338),
        ("table", "current", "actual", "overseas_travel"): (D("0.00"), "万元", 2, 339),
        ("table", "current", "actual", "vehicle"): (D("0.00"), "万元", 2, 340),
        ("table", "current", "actual", "vehicle_purchase"): (D("0.00"), "万元", 2, 341),
        ("table", "current", "actual", "vehicle_operation"): (D("0.00"), "万元", 2, 342),
        ("table", "current", "actual", "reception"): (D("77200.00"), "万元", 2, 343),
    }


def test_000_prose_budgets_and_actuals():
    prose = _rows("000", "narrative")
    budgets = {key[3]: value[0] for key, value in prose.items() if key[2] == "budget"}
    assert budgets == {"total": D("160000.00"), "overseas_travel": D("0.00"), "vehicle": D("100000.00"),
                       "vehicle_purchase": D("0.00"), "vehicle_operation": D("100000.00"),
                       "reception": D("60000.00")}
    assert prose[("narrative", "current", "budget", "total")][3] == 458
    # 公务用车购置及运行费 is the subtotal (line 462), not the purchase line (464)
    assert prose[("narrative", "current", "budget", "vehicle")][3] == 462
    assert prose[("narrative", "current", "budget", "vehicle_purchase")][3] == 464
    assert prose[("narrative", "current", "actual", "reception")] == (D("77200.00"), "万元", 2, 468)
    # the 9.81 万元 rental "公务用车平台租车费用" is not a three-public figure
    assert all(value[0] != D("98100.00") for value in prose.values())
    assert len(run("000").rows["three_public"]) == 18


def test_004_horizontal_table_07_in_yuan():
    table = _rows("004", "table")
    categories = {"total", "overseas_travel", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"}
    assert set(table) == {("table", "current", m, c) for m in ("budget", "actual") for c in categories}
    assert set(table.values()) == {(D("0.00"), "元", 2, 334)}  # the column numbers on line 333 are not read
    prose = _rows("004", "narrative")
    assert prose == {("narrative", "current", "budget", "total"): (D("0.00"), "元", 0, 411),
                     ("narrative", "current", "actual", "total"): (D("0.00"), "元", 0, 413)}


def test_003_base_data_prior_and_current():
    table = _rows("003", "table")
    assert table[("table", "prior", "actual", "total")] == (D("5700.00"), "万元", 2, 158)
    assert table[("table", "current", "budget", "total")] == (D("40000.00"), "万元", 0, 158)
    assert table[("table", "current", "actual", "total")] == (D("1500.00"), "万元", 2, 158)
    assert table[("table", "current", "budget", "reception")] == (D("40000.00"), "万元", 0, 183)
    assert table[("table", "current", "actual", "vehicle")] == (D("0.00"), "万元", 0, 163)
    assert table[("table", "prior", "actual", "overseas_travel")] == (D("0.00"), "万元", 0, 178)
    # 其中：公车购置 / 公车运行维护 print empty cells: no rows, never 0
    assert not any(key[3] in ("vehicle_purchase", "vehicle_operation") for key in table)
    prose = _rows("003", "narrative")
    assert prose[("narrative", "current", "actual", "total")] == (D("1500.00"), "万元", 2, 66)
    assert prose[("narrative", "current", "actual", "vehicle")] == (D("0.00"), "元", 0, 66)


def test_documents_without_three_public_figures():
    assert "three_public" not in run("001").rows
    assert "three_public" not in run("002").rows
