"""Budgets are a document kind of their own, read by the budget parser only; other disclosures that
bdw does not read are rejected with a reason that names them."""

from __future__ import annotations

import pytest

from bdw.extract import final_account, performance
from bdw.extract.budget import extract as extract_budget
from bdw.extract.document import document_from_bytes
from bdw.extract.metadata import read_metadata
from bdw.extract.pipeline import extract_corpus, extract_document
from bdw.extract.source import RejectedFile
from tests.conftest import SAMPLES, sample_bytes

from .budget_render import BUDGET_PDF, budget_text


def meta_of(text: str):
    return read_metadata(document_from_bytes(text.encode("utf-8"), "x.txt"))


@pytest.mark.parametrize(("text", "department", "year"), [
    ("上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区司法局\n目录\n", "上海市普陀区司法局", 2026),
    ("上海市普陀区2026年区级单位预算\n预算单位：上海市普陀区法律援助中心\n", "上海市普陀区法律援助中心", 2026),
    ("上海市长宁区民政局2025年部门预算\n目录\n一、部门主要职能\n", "上海市长宁区民政局", 2025),
    ("2024年部门财务收支预算总表\n编制部门：上海市徐汇区财政局 单位：元\n本年收入\t\t本年支出\t\n",
     "上海市徐汇区财政局", 2024),
    ("崇左水文中心2025年单位预算公开说明\n目 录\n", "崇左水文中心", 2025),
], ids=["department-edition", "unit-edition", "title-names-department", "tables-only", "other-province"])
def test_budgets_are_recognised_with_department_and_year(text, department, year):
    meta = meta_of(text)
    assert (meta.department_name, meta.fiscal_year, meta.document_kind) == (department, year, "budget")


@pytest.mark.parametrize(("text", "kind"), [
    ("关于上海市普陀区2024年预算执行情况和2025年预算草案的报告\n各位代表：\n", "预算执行报告"),
    ("上海市普陀区2024年区本级决算\n一般公共预算收入决算表\n", "政府决算"),
    ("上海市普陀区2025年区级预算\n一般公共预算收入预算表\n", "政府预算"),
    ("关于2024年度区级预算执行和其他财政收支的审计工作报告\n", "审计报告"),
], ids=["execution-report", "government-final-account", "government-budget", "audit-report"])
def test_other_disclosures_are_rejected_naming_their_kind(text, kind):
    with pytest.raises(RejectedFile) as rejected:
        meta_of(text)
    reason = rejected.value.reason
    assert kind in reason and "does not read" in reason and "line 1" in reason


def test_other_kinds_in_the_pipeline_become_rejected_files_with_the_reason(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "report.txt").write_text("关于上海市普陀区2024年预算执行情况和2025年预算草案的报告\n", encoding="utf-8")
    corpus = extract_corpus(raw, "r1")
    [row] = corpus.rows["ingest_log"]
    assert row["status"] == "rejected" and "预算执行报告" in row["reason"] and "does not read yet" in row["reason"]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_samples_keep_their_kind(name):
    meta = read_metadata(document_from_bytes(sample_bytes(name), name))
    assert meta.document_kind == SAMPLES[name][2]


@pytest.mark.skipif(not BUDGET_PDF.exists(), reason="../shared/pdf-samples is not beside the clone")
def test_budget_tables_never_reach_the_final_account_parsers():
    doc = document_from_bytes(budget_text().encode("utf-8"), "budget.txt")
    meta = read_metadata(doc)
    # the final-account parsers, were they run on a budget, would find none of their tables …
    assert final_account.extract(doc, meta).rows == {}
    # … and the pipeline does not run them (nor the self-evaluation parser, whose 三公 prose reader would
    # take the budget's 三公 sentences for actual spending)
    result = extract_document(doc, meta)
    assert {row["table_code"] for row in result.rows["expenditure"]} <= {f"B0{n}" for n in range(1, 10)}
    assert {row["measure"] for row in result.rows["three_public"]} == {"budget"}
    assert not [issue for issue in result.issues if issue.extractor != "budget"]
    assert performance.extract(doc, meta).rows.get("three_public")  # what it would have added


@pytest.mark.parametrize("name", ["000_ababedf1869e2353.txt", "004_a15be56197084065.txt"])
def test_final_accounts_give_the_budget_parser_nothing(name):
    doc = document_from_bytes(sample_bytes(name), name)
    meta = read_metadata(doc)
    result = extract_budget(doc, meta)
    assert not [rows for dataset, rows in result.rows.items() if dataset != "narrative_fact" and rows]
    assert {issue.table_code for issue in result.issues} == {f"B0{n}" for n in range(1, 10)}
    assert all(row["table_code"][0] != "B" for dataset in ("expenditure", "income")
               for row in extract_document(doc, meta).rows.get(dataset, []))
