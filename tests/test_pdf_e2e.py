"""PDF in, the same warehouse out: a real ``bdw run`` on the Putuo PDF beside a scan, a decompression
bomb and a PDF that needs a password (each rejected with its reason, the good one loaded)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from tests.conftest import query, run_bdw
from tests.extract.test_pdf_hostile import one_page_pdf, zeros_stream

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "pdf-samples"
PUTUO = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"

pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(not PUTUO.exists(), reason="../shared/pdf-samples is not beside the clone")]


def _scan() -> bytes:
    import pypdfium2 as pdfium

    image = pdfium.PdfDocument(str(PUTUO))[5].render(scale=1).to_pil().convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PDF")
    return out.getvalue()


@pytest.fixture(scope="module")
def pdf_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("pdf_e2e")
    raw = base / "raw"
    (raw / "putuo").mkdir(parents=True)
    (raw / "putuo" / PUTUO.name).write_bytes(PUTUO.read_bytes())
    (raw / "scan.pdf").write_bytes(_scan())
    (raw / "bomb.pdf").write_bytes(one_page_pdf(zeros_stream(512)))
    import pikepdf

    with pikepdf.open(PUTUO) as pdf:
        pdf.save(raw / "locked.pdf", encryption=pikepdf.Encryption(user="reader-secret", owner="owner-secret"))
    env = {"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(base / "staged"),
           "BDW_WAREHOUSE": str(base / "wh" / "warehouse.duckdb"), "BDW_REPORT_DIR": str(base / "report")}
    result = run_bdw(env, "run")
    return result, Path(env["BDW_WAREHOUSE"])


def test_run_succeeds(pdf_run):
    result, warehouse = pdf_run
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert warehouse.exists()


def test_the_pdf_is_a_document_and_the_scan_is_rejected(pdf_run):
    _, warehouse = pdf_run
    documents = query(warehouse, "select department_name, fiscal_year, document_kind, reported_unit "
                                 "from marts.dim_document")
    assert documents == [("上海市普陀区财政局", 2024, "final_account", "万元")]
    log = dict(query(warehouse, "select source_file, status || ': ' || coalesce(reason, '') from marts.ingest_log"))
    assert log[f"putuo/{PUTUO.name}"].startswith("loaded")
    assert log["scan.pdf"].startswith("rejected: scanned PDF: no text layer")
    assert log["bomb.pdf"].startswith("rejected: compressed stream inflates beyond")
    assert "(a decompression bomb?)" in log["bomb.pdf"]
    assert log["locked.pdf"].startswith("rejected: encrypted (password required)")


def test_figures_join_to_their_page(pdf_run):
    _, warehouse = pdf_run
    rows = query(warehouse, """
        select e.table_code, e.subject_code, e.expenditure_type, e.amount_yuan, p.page
        from marts.fct_expenditure e
        join marts.dim_source_page p using (document_id, source_line)
        where (e.table_code = '03' and e.subject_code = '2010601' and e.expenditure_type = 'project')
           or (e.table_code = '06' and e.subject_code = 'PUBLIC_TOTAL')
        order by 1""")
    assert [(t, c, k, str(a), p) for t, c, k, a, p in rows] == [
        ("03", "2010601", "project", "83700.00", 10),
        ("06", "PUBLIC_TOTAL", "basic", "1846500.00", 17),
    ]
    unpaged = query(warehouse, """
        select count(*) from marts.fct_income i
        left join marts.dim_source_page p using (document_id, source_line) where p.page is null""")
    assert unpaged == [(0,)]
    counts = query(warehouse, "select count(*) from marts.fct_expenditure")[0][0]
    assert counts >= 100


def test_a_figure_joins_to_the_box_of_its_cell(pdf_run):
    _, warehouse = pdf_run
    # table 06's 人员经费合计, read by hand on page 17: printed "2,152.26" in the third cell of its row
    rows = query(warehouse, """
        select b.page, b.cell_index, b.text, b.x0 < b.x1 and b.y0 < b.y1, p.page
        from marts.fct_expenditure e
        join marts.dim_source_box b using (document_id, source_line)
        join marts.dim_source_page p using (document_id, source_line)
        where e.table_code = '06' and e.subject_code = 'PERSONNEL_TOTAL' and b.text = '2,152.26'""")
    assert rows == [(17, 2, "2,152.26", True, 17)]
    boxed_lines, lines = query(warehouse, """
        select (select count(distinct source_line) from marts.dim_source_box),
               (select count(*) from marts.dim_source_page)""")[0]
    assert boxed_lines == lines > 400  # every line of the PDF prints at least one cell


def test_quality_suites_ran_on_the_pdf(pdf_run):
    _, warehouse = pdf_run
    tables = {name for (name,) in query(warehouse, "select table_name from information_schema.tables "
                                                   "where table_schema = 'marts'")}
    assert "dim_source_page" in tables
    if "dq_check_result" not in tables:
        pytest.skip("marts.dq_check_result is not built in this checkout")
    statuses = dict(query(warehouse, """
        select status, count(*) from marts.dq_check_result r
        join marts.dim_document d using (document_id) group by status"""))
    assert sum(statuses.values()) > 0
    assert statuses.get("pass", 0) > 0


def test_a_finding_of_a_pdf_shows_its_page_region(pdf_run, tmp_path):
    """Putuo's table 01 prints 社会保障和就业支出 326.71 (p. 6) where table 03 prints 326.72 (p. 10): the
    report shows both page regions with the cells outlined, and quotes the lines as read, not PDF bytes."""
    import shutil
    import subprocess

    from PIL import Image

    _, warehouse = pdf_run
    (document_id,) = query(warehouse, "select document_id from marts.dim_document")[0]
    page = warehouse.parent.parent / "report" / f"{document_id}.html"
    html = page.read_text(encoding="utf-8")
    finding = html[html.index("x01_03_class"):]
    finding = finding[: finding.index('<div class="finding">') if '<div class="finding">' in finding else None]
    images = re.findall(r'<img src="(regions/[^"]+)" alt="page (\d+)">', finding)
    assert [page_number for _, page_number in images] == ["6", "10"], images
    assert "326.71" in finding and "\ufffd" not in html and "%PDF" not in html
    first = Image.open(page.parent / images[0][0]).convert("RGB")
    red = sum(1 for pixel in first.getdata() if pixel == (197, 48, 48))
    assert red > 100, "the reported cell is outlined in red"
    chromium = shutil.which("chromium")
    assert chromium, "chromium is not installed (.ci/run installs it)"
    shot = tmp_path / "finding.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,4000",
                    f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    rendered = Image.open(shot).convert("RGB")
    assert sum(1 for pixel in rendered.getdata() if pixel == (197, 48, 48)) > 100, "the browser shows the region"
    print(f"screenshot: {shot}")
