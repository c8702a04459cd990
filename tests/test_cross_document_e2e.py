"""What documents say about each other, through real ``bdw run``s, in both loading orders.

Documents of three departments, built from the shared PDFs and sample 000 (tests/cross_render.py):

- 上海市普陀区财政局: the shared 2024 final account (PDF); its 2025 edition, whose comparisons with 2024
  hold; its 2024 budget, printed as 普陀区财政局, whose figures are the 年初预算 the final account states;
- 上海市普陀区司法局: the shared 2026 budget (PDF, as printed); its 2027 edition with one change
  planted wrong; its 2025 final account (table 05), printing each 项's execution as the 2026 budget
  states it — except 其他司法支出, which the budget misprints as 43269.3 万元 (its own rate, 17.62%, is
  3845.49 / 3269.3 − 1);
- 宁德市医疗保障局: sample 000 (2021) and its 2022 edition with one 项's change planted wrong.

Every consistent statement passes (or is within the rounding of the printed figures), the two planted
contradictions and the misprint fail, naming both documents and both lines — whether the earlier or
the later documents arrive first; a document removed takes its findings with it; a full refresh
gives the warehouse the incremental runs built.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests import cross_render as cr
from tests.conftest import run_bdw

pytestmark = pytest.mark.e2e

EARLIER = {"putuo_final_2024.pdf": cr.PUTUO_PDF, "justice_budget_2026.pdf": cr.JUSTICE_PDF,
           "ningde_final_2021.txt": cr.NINGDE}
LATER = {"putuo_final_2025.txt": lambda: cr.putuo_final_2025(),
         "putuo_budget_2024.txt": lambda: cr.putuo_budget_2024(),
         "justice_budget_2027.txt": lambda: cr.justice_budget_2027(planted=True),
         "justice_final_2025.txt": cr.justice_final_2025,
         "ningde_final_2022.txt": lambda: cr.ningde_final_2022(planted=True)}

# The fails, each read off the documents: (stating file, rule, statement, stated, printed by the other)
FAILS = {
    # 宁德 2022 line 424: “817.74 万元，较上年决算增加 418.87 万元” → 398.87; 2021's 05 table prints 408.87 (line 273)
    ("ningde_final_2022.txt", "c_prior_final_figure", "subject_expenditure:2101501@424", "ningde_final_2021.txt"),
    # 司法局 2027 line 88: “19256.44万元 … 比2026年预算增加9528.22万元” → 9728.22; the 2026 budget's B01 prints
    # 财政拨款收入 96,282,213.44 元 (PDF line 128)
    ("justice_budget_2027.txt", "c_prior_budget_figure", "fiscal_income_total_budget@88", "justice_budget_2026.pdf"),
    # the shared 2026 budget, line 107: “2025年当年预算执行数为43269.3万元”; the 2025 final account: 3269.30
    ("justice_budget_2026.pdf", "c_prior_execution", "item:2040699@107", "justice_final_2025.txt"),
}


def _env(base: Path) -> dict[str, str]:
    return {"BDW_RAW_DIR": str(base / "raw"), "BDW_STAGED_DIR": str(base / "staged"),
            "BDW_WAREHOUSE": str(base / "wh" / "warehouse.duckdb"), "BDW_REPORT_DIR": str(base / "report")}


def _add(base: Path, documents: dict) -> None:
    raw = base / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name, source in documents.items():
        if isinstance(source, Path):
            shutil.copy(source, raw / name)
        else:
            (raw / name).write_text(source(), encoding="utf-8")


def _run(base: Path, *args: str) -> str:
    done = run_bdw(_env(base), "run", "--verbose", *args, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def _statements(base: Path) -> set[tuple]:
    """Every cross-document statement: who states it, what, the outcome, the other document and line."""
    with duckdb.connect(str(base / "wh" / "warehouse.duckdb"), read_only=True) as con:
        return set(con.execute("""
            select d.source_file, c.check_id, c.statement_key, c.outcome, o.source_file, c.other_line, c.message
            from marts.dq_cross_document c
            join marts.dim_document d on c.document_id = d.document_id
            left join marts.dim_document o on c.other_document_id = o.document_id""").fetchall())


def _marts(base: Path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted (the ingest log and the evaluating run's id aside)."""
    with duckdb.connect(str(base / "wh" / "warehouse.duckdb"), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = 'marts' and table_name <> 'ingest_log'").fetchall()]
        return {t: con.execute(f"select * exclude (run_id) from marts.{t} order by all" if t == "dq_check_result"
                               else f"select * from marts.{t} order by all").fetchall() for t in tables}


@pytest.fixture(scope="module")
def earlier_first(tmp_path_factory):
    """The earlier documents loaded, then the later ones (an incremental run), then the 2024 final account removed."""
    base = tmp_path_factory.mktemp("earlier_first")
    _add(base, EARLIER)
    _run(base)
    alone = _statements(base)
    _add(base, LATER)
    assert "dbt build (incremental)" in _run(base)
    both = _statements(base)
    (base / "raw" / "putuo_final_2024.pdf").unlink()
    assert "dbt build (incremental)" in _run(base)
    removed, removed_marts = _statements(base), _marts(base)
    assert "dbt build (from nothing)" in _run(base, "--full-refresh")
    return {"base": base, "alone": alone, "both": both, "removed": removed, "removed_marts": removed_marts,
            "refreshed_marts": _marts(base)}


@pytest.fixture(scope="module")
def later_first(tmp_path_factory):
    base = tmp_path_factory.mktemp("later_first")
    _add(base, LATER)
    _run(base)
    _add(base, EARLIER)
    assert "dbt build (incremental)" in _run(base)
    return {"base": base, "both": _statements(base)}


def _outcomes(statements: set[tuple], stating: str, other: str | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for source, _, _, outcome, other_source, _, _ in statements:
        if source == stating and (other is None or other_source == other):
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def test_alone_no_statement_finds_its_other_document(earlier_first):
    # three departments, one document each: every statement about another year or kind is not evaluated
    assert {s[3] for s in earlier_first["alone"]} == {"other_not_loaded"}
    # the 2024 final account states 15 figures of its 2024 budget (11 项, lines 326–359; the general budget's
    # total, line 322; the 三公 budget in prose, line 370, and in table 07, line 279, total and reception) …
    stated = {(s[1], s[2]) for s in earlier_first["alone"] if s[0] == "putuo_final_2024.pdf"}
    assert len({key for key in stated if key[0] == "c_budget_figure"}) == 15
    assert ("c_budget_figure", "item:2010601@326") in stated
    # … and figures of its 2023 final account: 机关运行经费 (line 395: 184.65 − 2.55), the general budget (line 314)
    assert ("c_prior_final_figure", "agency_operating_expense@395") in stated
    assert any(key[0] == "c_prior_final_figure" and key[1].startswith("gpb_expenditure_total@") for key in stated)
    # the 2026 budget: 13 项 executions of 2025 (lines 95–123), 5 totals of the 2025 budget (lines 88–92)
    assert _outcomes(earlier_first["alone"], "justice_budget_2026.pdf") == {"other_not_loaded": 18}


def test_every_consistent_statement_passes_and_every_planted_contradiction_fails(earlier_first):
    both = earlier_first["both"]
    fails = {(s[0], s[1], s[2], s[4]) for s in both if s[3] == "fail"}
    assert fails == FAILS
    # the budget of 2024 prints what the 2024 final account states: 15 statements, two 项 printed rounded up
    # from x.xx5 万元 (1560.045, 450.515) are within the rounding of their last digit
    assert _outcomes(both, "putuo_final_2024.pdf", "putuo_budget_2024.txt") == {"pass": 13, "rounding": 2}
    # the 2025 edition's comparisons with 2024 (一般公共预算财政拨款支出 +2940.05, 机关运行经费 +184.65)
    assert _outcomes(both, "putuo_final_2025.txt", "putuo_final_2024.pdf")["pass"] >= 2
    assert set(_outcomes(both, "putuo_final_2025.txt", "putuo_final_2024.pdf")) == {"pass"}
    # 12 of the 13 executions the 2026 budget states are the 2025 final account's; 其他司法支出 is misprinted
    assert _outcomes(both, "justice_budget_2026.pdf", "justice_final_2025.txt") == {"pass": 12, "fail": 1}
    # the 2027 budget's 5 totals of 2026: 2 within the rounding of 万元 against 元, 2 zeros stated in 2026's
    # prose beside empty tables, 1 planted
    assert _outcomes(both, "justice_budget_2027.txt", "justice_budget_2026.pdf") == {
        "pass": 2, "rounding": 2, "fail": 1}
    # 宁德 2022: 3 totals, 7 项 (one planted), 3 项 and 2 funds at 0.00, 机关运行经费's rate
    assert _outcomes(both, "ningde_final_2022.txt", "ningde_final_2021.txt") == {"pass": 15, "fail": 1}


def test_a_fail_names_both_documents_and_both_lines(earlier_first):
    messages = {(s[0], s[2]): s[6] for s in earlier_first["both"] if s[3] == "fail"}
    message = messages["justice_budget_2026.pdf", "item:2040699@107"]
    assert message.startswith("上海市普陀区司法局 2026 年预算 上年预算执行数 科目 2040699（说明） 43,269.3 万元 ≠ "
                              "上海市普陀区司法局 2025 年决算（document ")
    assert "3,269.3 万元 (lines 107; document " in message and " line 17; difference 40,000.0 万元" in message
    message = messages["ningde_final_2022.txt", "subject_expenditure:2101501@424"]
    assert "（本年 817.74 − 增减 418.87） 398.87 万元 ≠ 宁德市医疗保障局 2021 年决算" in message
    assert "科目 2101501 408.87 万元 (lines 424; document 043b397cd41d6586 line 273;" in message


def test_the_findings_do_not_depend_on_the_loading_order(earlier_first, later_first):
    assert later_first["both"] == earlier_first["both"]


def test_a_removed_document_takes_its_findings_with_it(earlier_first):
    before = {(s[0], s[1], s[2]): s for s in earlier_first["both"]}
    after = {(s[0], s[1], s[2]): s for s in earlier_first["removed"]}
    assert set(after) == {key for key in before if key[0] != "putuo_final_2024.pdf"}
    # what the 2025 edition said about 2024 is not evaluated any more; nothing else moved
    changed = {key for key in after if after[key] != before[key]}
    assert changed and all(key[0] == "putuo_final_2025.txt" for key in changed)
    assert {after[key][3] for key in changed} == {"other_not_loaded"}


def test_a_full_refresh_builds_what_the_incremental_runs_built(earlier_first):
    refreshed, incremental = earlier_first["refreshed_marts"], earlier_first["removed_marts"]
    assert refreshed.keys() == incremental.keys()
    for mart, rows in refreshed.items():
        assert incremental[mart] == rows, f"marts.{mart} differs between the incremental runs and a full refresh"


def test_department_identities_match_the_budget_printed_without_its_province(later_first):
    with duckdb.connect(str(later_first["base"] / "wh" / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("select department_name, department_key, matched_by, identity_names, document_count "
                           "from marts.dim_department where department_key = '普陀区财政局' order by 1").fetchall()
    names = "上海市普陀区财政局; 普陀区财政局"
    assert rows == [
        ("上海市普陀区财政局", "普陀区财政局", "省级前缀“上海市”省略 · prefix dropped", names, 2),
        ("普陀区财政局", "普陀区财政局", "如印 · as printed", names, 1),
    ]


def test_the_report_links_each_finding_to_the_other_documents_page(later_first):
    report = later_first["base"] / "report"
    with duckdb.connect(str(later_first["base"] / "wh" / "warehouse.duckdb"), read_only=True) as con:
        ids = dict(con.execute("select source_file, document_id from marts.dim_document").fetchall())
    budget = (report / f"{ids['justice_budget_2026.pdf']}.html").read_text(encoding="utf-8")
    assert "Cross-document 跨文件核对" in budget
    assert f'<a href="{ids["justice_final_2025.txt"]}.html">上海市普陀区司法局 2025 部门决算</a>' in budget
    # both lines quoted, the PDF's as printed: the budget's line 107 and the final account's line 17
    assert "预算执行数为43269.3万元" in budget and "2040699\t其他司法支出\t3269.30" in budget
    # and the final account's page lists what the budget states about it, linking back
    final = (report / f"{ids['justice_final_2025.txt']}.html").read_text(encoding="utf-8")
    assert f'<a href="{ids["justice_budget_2026.pdf"]}.html">上海市普陀区司法局 2026 部门预算</a>' in final
