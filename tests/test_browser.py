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

FACTS = ("fct_expenditure", "fct_spending", "fct_income", "fct_three_public", "fct_project_performance",
         "fct_performance_indicator", "fct_narrative_fact", "fct_summary_line")
HOSTILE = "<script>alert(1)</script>测试局"


def _render(page: Path, tmp_path: Path, name: str, uri: str | None = None) -> tuple[str, Path]:
    """The DOM after Chromium rendered ``page`` (or ``uri``, the page with a query), and a 1280×2000 screenshot."""
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("chromium is not installed: as root run `apt-get update && apt-get install -y chromium` "
                    "(.ci/run does this)")
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / f'profile-{name}'}", "--window-size=1280,2000"]
    uri = uri or page.as_uri()
    dom = subprocess.run([*command, "--dump-dom", uri], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0 and "</html>" in dom.stdout, dom.stderr[-2000:]
    shot = tmp_path / f"{name}.png"
    subprocess.run([*command, f"--screenshot={shot}", uri], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000, "no screenshot"
    return dom.stdout, shot


def _warehouse_copy(pipeline_run, tmp_path: Path) -> Path:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(pipeline_run["warehouse"], copy)
    with duckdb.connect(str(copy)) as con:
        for fact in FACTS:
            con.execute(f"delete from marts.{fact}")
    return copy


def _query_uri(page: Path, **params: str) -> str:
    from urllib.parse import urlencode

    return page.as_uri() + "?" + urlencode(params)


def test_overview_of_the_sample_warehouse(pipeline_run, tmp_path):
    overview = write_overview(pipeline_run["warehouse"], tmp_path / "report")
    dom, shot = _render(overview, tmp_path, "samples")
    assert "预算公开数据概览 · Budget-disclosure overview</h1>" in dom
    for title in ("文件 · Documents", "支出结构 · Spending by function class", "三公经费 · Three public expenses",
                  "绩效指标 · Indicators meeting their targets", "预算执行 · Budget execution"):
        assert f"<h2>{title}" in dom, title
    for department, *_ in SAMPLES.values():  # every department can be chosen
        assert f'<option value="{department}">{department}</option>' in dom, department
    for chart in ("spending", "three-public", "indicators", "execution"):  # drawn, or says why not
        body = dom.split(f'<div id="{chart}">', 1)[1].split("</section>", 1)[0]
        assert '<svg class="chart"' in body or '<p class="empty">' in body, chart
    assert "部门决算</td>" in dom and "绩效自评</td>" in dom  # one Chinese label per kind
    # spending of every final account, then only 宁德 2021 (a link carries the choice)
    everyone = dom.split('<div id="spending">', 1)[1].split("</section>", 1)[0]
    assert "210 卫生健康支出" in everyone and "899.98 万元 · 94.2%" not in everyone
    chosen, _ = _render(overview, tmp_path, "ningde", uri=_query_uri(overview, department="宁德市医疗保障局",
                                                                       year="2021"))
    spending = chosen.split('<div id="spending">', 1)[1].split("</section>", 1)[0]
    assert "899.98 万元 · 94.2%" in spending and "1,231.99" not in spending
    print(f"screenshot: {shot}")


def test_overview_without_facts_says_so(pipeline_run, tmp_path):
    dom, _ = _render(write_overview(_warehouse_copy(pipeline_run, tmp_path), tmp_path), tmp_path, "empty")
    assert "<svg" not in dom
    for message in ("No spending by function class", "No 三公 figures", "No performance indicators",
                    "No department has both a budget and a final account"):
        assert message in dom, message


def test_overview_charts_escape_document_text(pipeline_run, tmp_path):
    warehouse = _warehouse_copy(pipeline_run, tmp_path)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("insert into marts.dim_document (document_id, source_file, department_name, fiscal_year, "
                     "document_kind) values ('f0', 'x/<b>.txt', ?, 2023, 'final_account')", [HOSTILE])
        con.execute("""insert into marts.fct_spending (document_id, fiscal_year, department_name, document_kind,
                measure, source_table, subject_code, subject_name, subject_level, expenditure_type, amount_yuan,
                source_line)
            select 'f0', 2023, $1, 'final_account', 'final', '03', code, name, 1, 'total', amount, 1
            from (values ('210', '卫生健康支出', 750000.00),
                         ('208', '社会保障<和>就业支出', 250000.00)) as t(code, name, amount)
            """, [HOSTILE])
        con.execute("""insert into marts.fct_three_public (document_id, fiscal_year, department_name, category,
                measure, period, amount_yuan, source, source_line)
            values ('f0', 2023, $1, 'total', 'budget', 'current', 100000, 'table', 1),
                   ('f0', 2023, $1, 'total', 'actual', 'current', 80000, 'table', 2),
                   ('f0', 2023, $1, 'total', 'actual', 'current', 90000, 'narrative', 3)""", [HOSTILE])
        con.execute("""insert into marts.fct_performance_indicator (document_id, fiscal_year, department_name,
                indicator_name, comparator, target_value, actual_value, source_line)
            values ('f0', 2023, $1, 'a', '>=', 95, 98, 1), ('f0', 2023, $1, 'b', '<=', 10, 12, 2),
                   ('f0', 2023, $1, 'c', '=', 100, 100, 3), ('f0', 2023, $1, 'd', 'range', 80, 85, 4),
                   ('f0', 2023, $1, 'e', null, null, null, 5)""", [HOSTILE])
    dom, shot = _render(write_overview(warehouse, tmp_path), tmp_path, "charts")
    assert "<script>alert" not in dom and "&lt;script&gt;alert(1)&lt;/script&gt;测试局" in dom
    assert dom.count('<svg class="chart"') == 3 and dom.count('<rect class="bar"') == 2 + 2 + 1
    for text in ("75.00 万元 · 75.0%", "25.00 万元 · 25.0%", "社会保障&lt;和&gt;就业支出",
                 "10.00 万元", "8.00 万元", "3 / 4 达标 · 75%"):
        assert text in dom, text
    assert "9.00 万元" not in dom, "a table figure wins over the same figure in prose"


def test_the_report_index_opens_ten_thousand_documents_at_once(tmp_path):
    """The index of a 10,000-document warehouse: sorted, filtered and paged in the browser, drawn in < 2 s."""
    from bdw.present.findings import index_page

    documents = [{"document_id": f"{n:016x}", "department_name": f"第{n}号区医疗保障局",
                  "fiscal_year": 2015 + n % 10, "document_kind": ("final_account", "budget")[n % 2],
                  "source_file": f"batch{n // 100:04d}/doc{n:06d}.pdf"} for n in range(10_000)]
    by_doc = {d["document_id"]: [{"status": "fail", "n": n % 7, "check_family": "table"},
                                 {"status": "pass", "n": 300, "check_family": "table"}]
              for n, d in enumerate(documents)}
    index = tmp_path / "index.html"
    index.write_text(index_page(documents, by_doc, {}, {documents[3]["document_id"]: 2}, []), encoding="utf-8")
    dom, shot = _render(index, tmp_path, "index-10000")
    rendered_ms = int(dom.split('data-rendered-ms="', 1)[1].split('"', 1)[0])
    assert rendered_ms < 2000, f"the index took {rendered_ms} ms to draw"
    assert "10,000 of 10,000 · page 1 / 100" in dom
    shown = dom.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert shown.count("<tr>") == 100 and shown.count("第6号区医疗保障局") == 1  # most fails (6) first
    filtered, _ = _render(index, tmp_path, "index-filtered", uri=_query_uri(index, q="第3号区", kind="部门预算",
                                                                            sort="document", dir="asc"))
    assert "1 of 10,000 · page 1 / 1" in filtered
    shown = filtered.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert shown.count("<tr>") == 1 and "第3号区医疗保障局" in shown
    print(f"screenshot: {shot} ({rendered_ms} ms)")


def test_quality_report_shows_the_findings(pipeline_run, tmp_path):
    """The data-quality report as a reviewer opens it: the ranking, then 固原's page with its findings."""
    from bdw.extract.document import document_from_bytes
    from bdw.present.findings import write_report
    from tests.conftest import sample_bytes

    index = write_report(pipeline_run["warehouse"], tmp_path / "quality", Path(pipeline_run["env"]["BDW_RAW_DIR"]))
    dom, shot = _render(index, tmp_path, "quality-index")
    assert "Documents 文档" in dom and "Files not loaded 未载入的文件" in dom
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
