"""Stated shares (占 …%) and declared group weights (产出(60%)), read by hand off the samples.

Each share: (part as printed, its line; base as printed, its line; the percentage, its line).
"""

from __future__ import annotations

from decimal import Decimal as D
from functools import cache

from bdw.extract.document import document_from_bytes
from bdw.extract.final_account.shares import ShareReader, base_metric
from bdw.extract.metadata import read_metadata
from bdw.extract.pipeline import extract_document
from bdw.extract.prose import sentences
from bdw.extract.result import ExtractionResult
from tests.conftest import SAMPLES, sample_bytes


def run_bytes(data: bytes, name: str = "test.txt") -> ExtractionResult:
    doc = document_from_bytes(data, name)
    return extract_document(doc, read_metadata(doc))


@cache
def run(prefix: str) -> ExtractionResult:
    name = next(name for name in SAMPLES if name.startswith(prefix))
    result = run_bytes(sample_bytes(name), name)
    assert not [issue for issue in result.issues if "说明" in issue.expected], result.issues
    return result


def _shares(sample):
    return [(r["part_yuan"], r["part_line"], r["base_yuan"], r["base_line"], r["share_pct"], r["source_line"])
            for r in run(sample).rows.get("narrative_share", [])]


def test_004_shares_unnamed_base_is_the_sentence_total():
    shares = _shares("004")
    # line 379: 支出合计 3,470,158.34 元，其中：基本支出 1,420,085.06 元，占 40.92%；项目支出 2,050,073.28 元，占 59.08%
    assert (D("1420085.06"), 379, D("3470158.34"), 379, D("0.4092"), 379) in shares
    assert (D("2050073.28"), 379, D("3470158.34"), 379, D("0.5908"), 379) in shares
    # line 387: 一般公共预算财政拨款支出 3,470,158.34 元，占本年支出合计的 100% (本年支出合计 stated on 379)
    assert (D("3470158.34"), 387, D("3470158.34"), 379, D("1.00"), 387) in shares
    # line 391: … 卫生健康（类）支出3,320,099.84元，占95.68% of the sentence's 3,470,158.34
    assert (D("3320099.84"), 391, D("3470158.34"), 391, D("0.9568"), 391) in shares
    assert len(shares) == 6


def test_001_named_base_from_an_earlier_sentence():
    shares = _shares("001")
    # line 38: 2021年总支出37667079.88元。基本支出3431014.3元，占总支出9.11%
    #          （其中：工资福利支出3225401.13元，占基本支出的94%
    assert (D("3431014.30"), 38, D("37667079.88"), 38, D("0.0911"), 38) in shares
    assert (D("3225401.13"), 38, D("3431014.30"), 38, D("0.94"), 38) in shares
    # line 40: 三是卫生健康支出33364351.88元，占项目支出88.58% (项目支出 34236065.58: the document's own slip)
    assert (D("33364351.88"), 40, D("34236065.58"), 40, D("0.8858"), 40) in shares
    row = next(r for r in run("001").rows["narrative_share"] if r["part_yuan"] == D("33364351.88"))
    assert row["share_decimals"] == 2 and row["base_metric_key"] == "expenditure_project"
    assert row["part_label"] == "三是卫生健康支出" and row["base_label"] == "项目支出"
    assert len(shares) == 9


def test_000_base_named_by_the_end_of_a_label():
    # lines 482/486: 授予中小企业合同金额204.31 万元 …；授予小微企业合同金额6.60万元，占小企业合同金额的3.23%
    assert (D("66000.00"), 486, D("2043100.00"), 482, D("0.0323"), 486) in _shares("000")
    # "货物采购授予中小企业合同金额占货物支出金额的100.00%" has no amount of its own: not a share
    assert len(_shares("000")) == 2


def test_003_shares_of_a_department_report():
    shares = _shares("003")
    # line 62: 人员经费支出577.77万元，占基本支出总额的94.9% (基本支出 608.81 万元 stated on line 54)
    assert (D("5777700.00"), 62, D("6088100.00"), 54, D("0.949"), 62) in shares
    assert len(shares) == 6


def _read(text: str) -> list[dict]:
    doc = document_from_bytes(text.encode(), "t.txt")
    out = ExtractionResult()
    ShareReader().read(sentences(doc, 1, None), out)
    return out.rows.get("narrative_share", [])


def test_a_base_never_stated_is_left_empty_not_guessed():
    rows = _read("本年收入合计100.00元。\n基本支出40.00元，占公用经费的40.00%。\n")
    assert [(r["part_yuan"], r["base_yuan"], r["base_line"], r["share_pct"], r["source_line"]) for r in rows] == [
        (D("40.00"), None, None, D("0.4000"), 2)]


def test_a_percentage_without_its_own_amount_is_not_a_share():
    assert _read("支出合计100.00元，货物采购授予中小企业合同金额占货物支出金额的100.00%。\n") == []
    assert _read("参保缴费人数375822人，占参保计划人数的比例为72.24%。\n") == []


def test_a_list_of_shares_broken_into_a_new_paragraph_keeps_its_base():
    # the Putuo PDF, lines 317–320: the list of 类 shares continues after a "；" that ends the line
    rows = _read("一般公共预算财政拨款支出2940.05万元，主要用于以下方面："
                 "一般公共服务支出（类）2106.66万元，占71.73%；\n"
                 "卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占\n15.16%；\n")
    assert [(r["part_yuan"], r["base_yuan"], r["base_line"]) for r in rows] == [
        (D("21066600.00"), D("29400500.00"), 1), (D("609900.00"), D("29400500.00"), 1),
        (D("4456900.00"), D("29400500.00"), 1)]


def test_base_metric_synonyms():
    assert base_metric("总支出") == base_metric("本年支出合计") == base_metric("支出资金总额") == "expenditure_total"
    assert base_metric("支出总计") == "expenditure_grand_total"
    assert base_metric("基本支出总额") == "expenditure_basic"
    assert base_metric("基本支出项收入总额") is None
    assert base_metric("小企业合同金额") is None


def _groups(sample):
    return {(r["project_key"], r["group_level"], r["level1"], r["level2"]): (r["declared_weight"], r["source_line"])
            for r in run(sample).rows.get("performance_group", [])}


def test_000_declared_percent_groups():
    groups = _groups("000")
    # line 589: 绩效 产出(60%) …; 609: 效益(30%); 610: 满意度(10%) — six cards, three groups each
    assert groups[("P01", 1, "产出指标", None)] == (D("60"), 589)
    assert groups[("P01", 1, "效益指标", None)] == (D("30"), 609)
    assert groups[("P01", 1, "满意度指标", None)] == (D("10"), 610)
    assert len(groups) == 18


def test_000_a_merged_label_beside_the_second_row_does_not_move_the_first():
    # 评分 line 608 (持社保卡就医刷卡率, 15 points) sits above the 效益(30%) label of line 609, but
    # the 绩效目标 section prints it on the row of 效益目标 / 社会效益目标 目标 1 (line 564)
    rows = [r for r in run("000").rows["performance_indicator"] if r["source_line"] == 608]
    assert [(r["level1"], r["level2"], r["weight"]) for r in rows] == [("效益指标", "社会效益目标", D("15"))]


def test_003_declared_point_groups():
    groups = _groups("003")
    # department card: line 429 质量指标（8）; project card P01: line 641 产出指标 (50分), 数量指标（15）
    assert groups[("DEPT", 2, "产出指标", "质量指标")] == (D("8"), 429)
    assert groups[("P01", 1, "产出指标", None)] == (D("50"), 641)
    assert groups[("P01", 2, "产出指标", "数量指标")] == (D("15"), 641)


def test_printed_percent_decimals_are_recorded():
    # 000 line 430: … 增长 3.90% — stored as 0.039 it would read as "3.9%" (±0.05 points)
    rows = [r for r in run("000").rows["narrative_fact"] if r["source_line"] == 430 and r["change_pct"] is not None]
    assert [(r["change_pct"], r["change_pct_decimals"]) for r in rows] == [(D("0.0390"), 2)]
