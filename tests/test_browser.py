"""overview.html as a person sees it: rendered by a real headless Chromium, DOM and screenshot."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from bdw.present.overview import write_overview
from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e

FACTS = ("fct_expenditure", "fct_income", "fct_three_public", "fct_project_performance",
         "fct_performance_indicator", "fct_narrative_fact", "fct_summary_line")
HOSTILE = "<script>alert(1)</script>测试局"


def _render(page: Path, tmp_path: Path, name: str) -> tuple[str, Path]:
    """The DOM after Chromium rendered ``page``, and a 1280×2000 screenshot of it."""
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("chromium is not installed: as root run `apt-get update && apt-get install -y chromium` "
                    "(.ci/run does this)")
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / f'profile-{name}'}", "--window-size=1280,2000"]
    dom = subprocess.run([*command, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0 and "</html>" in dom.stdout, dom.stderr[-2000:]
    shot = tmp_path / f"{name}.png"
    subprocess.run([*command, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000, "no screenshot"
    return dom.stdout, shot


def _warehouse_copy(pipeline_run, tmp_path: Path) -> Path:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(pipeline_run["warehouse"], copy)
    with duckdb.connect(str(copy)) as con:
        for fact in FACTS:
            con.execute(f"delete from marts.{fact}")
    return copy


def test_overview_of_the_sample_warehouse(pipeline_run, tmp_path):
    dom, shot = _render(write_overview(pipeline_run["warehouse"], tmp_path / "report"), tmp_path, "samples")
    assert "预算公开数据概览 · Budget-disclosure overview</h1>" in dom
    for title in ("文件 · Documents", "支出结构 · Spending by function class", "三公经费 · Three public expenses",
                  "绩效指标 · Indicators meeting their targets"):
        assert f"<h2>{title}" in dom, title
    for department, *_ in SAMPLES.values():
        assert f"<td>{department}</td>" in dom, department
    sections = dom.split("<section>")[2:]
    for section in sections:  # every chart is drawn or says why it is not
        assert '<svg class="chart"' in section or '<p class="empty">' in section, section[:200]
    print(f"screenshot: {shot}")


def test_overview_without_facts_says_so(pipeline_run, tmp_path):
    dom, _ = _render(write_overview(_warehouse_copy(pipeline_run, tmp_path), tmp_path), tmp_path, "empty")
    assert "<svg" not in dom
    for message in ("No table 03 (支出决算表) figures", "No 三公 figures", "No performance indicators"):
        assert message in dom, message


def test_overview_charts_escape_document_text(pipeline_run, tmp_path):
    warehouse = _warehouse_copy(pipeline_run, tmp_path)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("insert into marts.dim_document (document_id, source_file, department_name, fiscal_year, "
                     "document_kind) values ('f0', 'x/<b>.txt', ?, 2023, 'final_account')", [HOSTILE])
        con.execute("""insert into marts.fct_expenditure (document_id, fiscal_year, department_name, table_code,
                classification, subject_code, subject_name, subject_level, expenditure_type, fund_type, amount_yuan,
                source_line)
            select 'f0', 2023, $1, '03', 'function', code, name, 1, 'total', 'all', amount, 1
            from (values ('210', '卫生健康支出', 750000.00),
                         ('208', '社会保障<和>就业支出', 250000.00)) as t(code, name, amount)
            """, [HOSTILE])
        con.execute("""insert into marts.fct_three_public (document_id, fiscal_year, department_name, category,
                measure, period, amount_yuan, source, source_line)
            values ('f0', 2023, $1, 'total', 'budget', 'current', 100000, 'table', 1),
                   ('f0', 2023, $1, 'total', 'actual', 'current', 80000, 'table', 2),
                   ('f0', 2023, $1, 'total', 'actual', 'current', 90000, 'narrative', 3)""", [HOSTILE])
        con.execute("""insert into marts.fct_performance_indicator (document_id, indicator_name, comparator,
                target_value, actual_value, source_line)
            values ('f0', 'a', '>=', 95, 98, 1), ('f0', 'b', '<=', 10, 12, 2), ('f0', 'c', '=', 100, 100, 3),
                   ('f0', 'd', 'range', 80, 85, 4), ('f0', 'e', null, null, null, 5)""")
    dom, shot = _render(write_overview(warehouse, tmp_path), tmp_path, "charts")
    assert "<script>alert" not in dom and "&lt;script&gt;alert(1)&lt;/script&gt;测试局" in dom
    assert dom.count('<svg class="chart"') == 3 and dom.count('<rect class="bar"') == 2 + 2 + 1
    for text in ("75.00 万元 · 75.0%", "25.00 万元 · 25.0%", "社会保障&lt;和&gt;就业支出",
                 "10.00 万元", "8.00 万元", "3 / 4 达标 · 75%"):
        assert text in dom, text
    assert "9.00 万元" not in dom, "a table figure wins over the same figure in prose"


def test_quality_report_shows_the_findings(pipeline_run, tmp_path):
    """The data-quality report as a reviewer opens it: the ranking, then 固原's page with its findings."""
    from bdw.extract.document import document_from_bytes
    from bdw.present.findings import write_report
    from tests.conftest import sample_bytes

    index = write_report(pipeline_run["warehouse"], tmp_path / "quality", Path(pipeline_run["env"]["BDW_RAW_DIR"]))
    dom, shot = _render(index, tmp_path, "quality-index")
    assert "Documents ranked by failed checks" in dom
    for department, *_ in SAMPLES.values():
        assert department in dom, department
    assert '<svg class="chart"' in dom

    guyuan = document_from_bytes(sample_bytes("004_a15be56197084065.txt"), "004").document_id
    page, page_shot = _render(index.parent / f"{guyuan}.html", tmp_path, "quality-guyuan")
    assert "固原市医疗保障局" in page and "Findings 发现" in page
    # table 06 prints class 301 as 1,292,095.92 while its items add to 1,289,095.92 (audited by hand)
    assert "1292095.92" in page.replace(",", "") and "1289095.92" in page.replace(",", "")
    assert page.count('class="fail"') >= 5  # the document's published inconsistencies, each shown
    print(f"screenshots: {shot} {page_shot}")
