"""Conformance suite for the accounting-identity checker (in the style of the XBRL conformance suites).

Each case is one synthetic document staged as Parquet; dbt builds ``marts.dq_check_result`` once for
all of them and every case asserts the status its rule must give: pass, fail, exactly on the
tolerance bound (rounding), one cent past it (fail), a 万元 total over 元 parts, and missing parts
(not evaluated, counted in ``marts.dq_check_coverage``, never compared against zero).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path

import duckdb
import pytest

from bdw.extract.schema import DATASETS
from bdw.stage import frame, write_parquet

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2024, 1, 1, tzinfo=UTC)


def exp(table, code, level, amount, etype="total", fund="all", unit="元", dec=2, line=1):
    return {"table_code": table, "classification": "economic" if table == "06" else "function",
            "subject_code": code, "subject_name": code, "subject_level": level, "expenditure_type": etype,
            "fund_type": fund, "amount_yuan": None if amount is None else D(amount), "reported_unit": unit,
            "reported_decimals": dec, "source_line": line}


def t03_row(code, level, total, basic, project, upper="0.00", operating="0.00", subsidiary="0.00", line=10):
    values = {"total": total, "basic": basic, "project": project, "upper_remit": upper, "operating": operating,
              "subsidiary": subsidiary}
    return [exp("03", code, level, v, etype=k, line=line) for k, v in values.items() if v is not None]


# case id → (rows per dataset, the rule, its row_key, the expected status or "not_evaluated")
CASES: dict[str, tuple[dict[str, list[dict]], str, str, str]] = {
    "rollup_pass": ({"expenditure": [exp("03", "210", 1, "100.00", line=10), exp("03", "21011", 2, "60.00", line=11),
                                     exp("03", "21015", 2, "40.00", line=12)]},
                    "t03_class_eq_sum_kuan", "210", "pass"),
    "rollup_fail": ({"expenditure": [exp("03", "210", 1, "100.00", line=10), exp("03", "21011", 2, "60.00", line=11),
                                     exp("03", "21015", 2, "39.00", line=12)]},
                    "t03_class_eq_sum_kuan", "210", "fail"),
    # 10.00 万元 (±50 元) over 元 parts (±0.005 each): bound = 50.01 元
    "wan_total_on_bound": ({"expenditure": [exp("03", "210", 1, "100000.00", unit="万元", line=10),
                                            exp("03", "21011", 2, "60000.00", line=11),
                                            exp("03", "21015", 2, "39949.99", line=12)]},
                           "t03_class_eq_sum_kuan", "210", "rounding"),
    "wan_total_cent_past_bound": ({"expenditure": [exp("03", "210", 1, "100000.00", unit="万元", line=10),
                                                   exp("03", "21011", 2, "60000.00", line=11),
                                                   exp("03", "21015", 2, "39949.98", line=12)]},
                                  "t03_class_eq_sum_kuan", "210", "fail"),
    # 899.98 万元 vs 899.97 万元 printed in two tables: difference 100 元 = ½ + ½ of 0.01 万元
    "cross_on_bound": ({"expenditure": [exp("01", "210", 1, "8999700.00", unit="万元", line=5),
                                        exp("03", "210", 1, "8999800.00", unit="万元", line=10)]},
                       "x01_03_class", "210", "rounding"),
    "cross_fail": ({"expenditure": [exp("01", "210", 1, "8999600.00", unit="万元", line=5),
                                    exp("03", "210", 1, "8999800.00", unit="万元", line=10)]},
                   "x01_03_class", "210", "fail"),
    "row_identity_pass": ({"expenditure": t03_row("210", 1, "100.00", "60.00", "40.00")},
                          "t03_total_eq_sum_types", "210", "pass"),
    "row_identity_fail": ({"expenditure": t03_row("210", 1, "100.00", "60.00", "40.05")},
                          "t03_total_eq_sum_types", "210", "fail"),
    "row_identity_null_part": ({"expenditure": t03_row("210", 1, "100.00", "60.00", "40.00", operating=None)},
                               "t03_total_eq_sum_types", "210", "not_evaluated"),
    "containment_pass": ({"expenditure": [exp("06", "30217", 2, "5.00", etype="basic", fund="general_public_budget")],
                          "three_public": [{"category": "reception", "measure": "actual", "period": "current",
                                            "amount_yuan": D("7.00"), "source": "table", "reported_unit": "元",
                                            "reported_decimals": 2, "source_line": 30}]},
                         "x06_07_reception", "30217", "pass"),
    "containment_fail": ({"expenditure": [exp("06", "30217", 2, "9.00", etype="basic", fund="general_public_budget")],
                          "three_public": [{"category": "reception", "measure": "actual", "period": "current",
                                            "amount_yuan": D("7.00"), "source": "table", "reported_unit": "元",
                                            "reported_decimals": 2, "source_line": 30}]},
                         "x06_07_reception", "30217", "fail"),
    "balance_pass": ({"summary_line": [
        {"table_code": "01", "side": s, "line_key": k, "line_label": k, "fund_type": "all", "amount_yuan": D(v),
         "reported_unit": "元", "reported_decimals": 2, "source_line": 40}
        for s, k, v in (("income", "grand_total", "110.00"), ("income", "income_total", "100.00"),
                        ("income", "non_fiscal_balance_used", "0.00"), ("income", "opening_balance", "10.00"))]},
        "t01_income_grand_total", "grand_total", "pass"),
    "balance_null_part": ({"summary_line": [
        {"table_code": "01", "side": s, "line_key": k, "line_label": k, "fund_type": "all", "amount_yuan": D(v),
         "reported_unit": "元", "reported_decimals": 2, "source_line": 40}
        for s, k, v in (("income", "grand_total", "110.00"), ("income", "income_total", "100.00"),
                        ("income", "opening_balance", "10.00"))]},
        "t01_income_grand_total", "grand_total", "not_evaluated"),
    "narrative_pass": ({"expenditure": [exp("03", "TOTAL", 0, "500.00", etype="basic", line=10)],
                        "narrative_fact": [{"metric_key": "expenditure_basic", "amount_yuan": D("500.00"),
                                            "reported_unit": "元", "reported_decimals": 2, "text": "基本支出 500.00 元",
                                            "source_line": 50}]},
                       "n_expenditure_basic_vs_table", "TOTAL", "pass"),
    "narrative_fail": ({"expenditure": [exp("03", "TOTAL", 0, "500.00", etype="basic", line=10)],
                        "narrative_fact": [{"metric_key": "expenditure_basic", "amount_yuan": D("510.00"),
                                            "reported_unit": "元", "reported_decimals": 2, "text": "基本支出 510.00 元",
                                            "source_line": 50}]},
                       "n_expenditure_basic_vs_table", "TOTAL", "fail"),
    "change_pct_pass": ({"expenditure": [exp("03", "TOTAL", 0, "1.00", line=10)],
                         "narrative_fact": [{"metric_key": "expenditure_total", "amount_yuan": D("113.41"),
                                             "change_yuan": D("13.41"), "change_pct": D("0.1341"),
                                             "reported_unit": "元", "reported_decimals": 2, "text": "增长 13.41%",
                                             "source_line": 50}]},
                        "n_change_pct_recomputes", "expenditure_total", "pass"),
    "change_pct_fail": ({"expenditure": [exp("03", "TOTAL", 0, "1.00", line=10)],
                         "narrative_fact": [{"metric_key": "expenditure_total", "amount_yuan": D("113.41"),
                                             "change_yuan": D("13.41"), "change_pct": D("0.1400"),
                                             "reported_unit": "元", "reported_decimals": 2, "text": "增长 14.00%",
                                             "source_line": 50}]},
                        "n_change_pct_recomputes", "expenditure_total", "fail"),
    "scores_pass": ({"project_performance": [{"project_key": "P01", "project_name": "p", "total_score": D("90"),
                                              "source_line": 60}],
                     "performance_indicator": [{"project_key": "P01", "indicator_name": f"i{i}", "weight": D(w),
                                                "score": D(s), "source_line": 61 + i}
                                               for i, (w, s) in enumerate((("60", "55"), ("40", "35")))]},
                    "p_scores_sum_total", "P01", "pass"),
    "scores_fail": ({"project_performance": [{"project_key": "P01", "project_name": "p", "total_score": D("92"),
                                              "source_line": 60}],
                     "performance_indicator": [{"project_key": "P01", "indicator_name": f"i{i}", "weight": D(w),
                                                "score": D(s), "source_line": 61 + i}
                                               for i, (w, s) in enumerate((("60", "55"), ("40", "35")))]},
                    "p_scores_sum_total", "P01", "fail"),
    "score_over_weight": ({"project_performance": [{"project_key": "P01", "total_score": D("100"),
                                                    "source_line": 60}],
                           "performance_indicator": [{"project_key": "P01", "indicator_name": "i", "weight": D("10"),
                                                      "score": D("12"), "source_line": 61}]},
                          "p_score_le_weight", "P01:61", "fail"),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("dq_conformance")
    staged = base / "staged"
    rows: dict[str, list[dict]] = {name: [] for name in DATASETS}
    ids = {}
    for n, (case, (datasets, *_)) in enumerate(CASES.items()):
        doc = ids[case] = f"{n:04d}" + "c" * 12
        rows["documents"].append({"document_id": doc, "batch_id": "b", "source_file": f"{case}.txt", "sha256": doc,
                                  "department_name": f"测试局{case}", "fiscal_year": 2021,
                                  "document_kind": "final_account", "reported_unit": "元", "line_count": 100,
                                  "extractor_version": "test", "extracted_at": NOW})
        rows["ingest_log"].append({"run_id": "r1", "source_file": f"{case}.txt", "sha256": doc, "document_id": doc,
                                   "status": "loaded", "reason": None, "logged_at": NOW})
        for dataset, dataset_rows in datasets.items():
            rows[dataset].extend({**row, "document_id": doc, "batch_id": "b"} for row in dataset_rows)
    for dataset, dataset_rows in rows.items():
        write_parquet(frame(dataset, dataset_rows), staged / dataset / "b.parquet")
    db = base / "wh" / "warehouse.duckdb"
    db.parent.mkdir()
    env = {**os.environ, "BDW_STAGED_DIR": str(staged), "BDW_DBT_DATABASE": str(db), "BDW_WAREHOUSE": str(db)}
    dbt = Path(sys.executable).parent / "dbt"
    done = subprocess.run([str(dbt), "build", "--select", "+dq_check_result+", "--profiles-dir", ".",
                           "--target-path", str(base / "target"), "--log-path", str(base / "logs")],
                          cwd=REPO / "dbt", env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    base.joinpath("ids.txt").write_text("\n".join(f"{k}\t{v}" for k, v in ids.items()))
    return db


def _ids(db: Path) -> dict[str, str]:
    return dict(line.split("\t") for line in (db.parent.parent / "ids.txt").read_text().splitlines())


@pytest.mark.parametrize("case", list(CASES))
def test_case(warehouse, case):
    _, check_id, row_key, expected = CASES[case]
    doc = _ids(warehouse)[case]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        results = con.execute("select status, message, within_tolerance from marts.dq_check_result "
                              "where document_id = ? and check_id = ? and row_key = ?",
                              [doc, check_id, row_key]).fetchall()
        coverage = con.execute("select evaluated, not_evaluated from marts.dq_check_coverage "
                               "where document_id = ? and check_id = ?", [doc, check_id]).fetchall()
    if expected == "not_evaluated":
        assert results == []
        assert coverage and coverage[0][1] >= 1, coverage
    else:
        assert [r[0] for r in results] == [expected], results
        assert results[0][2] == (expected != "fail")
        assert results[0][1]


def test_every_failure_names_figures_and_lines(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        messages = [m for (m,) in con.execute("select message from marts.dq_check_result where status = 'fail'")
                    .fetchall()]
    assert messages and all("≠" in m or ">" in m for m in messages)
    assert all("lines" in m for m in messages)
    wan = [m for m in messages if "万元" in m]
    assert any("899.96" in m and "899.98" in m for m in wan), wan
