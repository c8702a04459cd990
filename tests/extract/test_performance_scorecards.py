"""Project and department scorecards of every sample, figures read off the documents by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from .test_performance_samples import indicator, projects, run

# (key, name, budget 元, executed 元, total score, source line)
EXPECTED_PROJECTS = {
    "000": [
        ("P01", "城乡居民基本医疗保险省级补助资金(2021年度)", "1227500000.00", "1286730000.00", "94", 527),
        ("P02", "2021年城乡医疗救助省级补助资金(2021年度)", "93040000.00", "102480000.00", "98", 630),
        ("P03", "城乡居民医疗保险资金财政补助县级配套(2021年度)", "325700000.00", "321910000.00", "94", 718),
        ("P04", "健康扶贫补充保险(2021年度)", "25000000.00", "12476000.00", "98", 819),
        ("P05", "医保工作经费(2021年度)", "2000000.00", "1997600.00", "96", 898),
        ("P06", "城乡医疗救助县级配套资金(2021年度)", "23900000.00", "23900000.00", "98", 987),
    ],
    "002": [
        ("P01", "城乡居民基本医疗保险区级配套资金(铁)", "1100000.00", "1100000.00", "94", 14),
        ("P02", "城乡居民基本医疗保险区级配套资金(开)", "1000000.00", "675100.00", "88", 125),
        ("P03", "金山、汪仁城乡居民基本医疗保险区级配套资金", "9600000.00", "8995200.00", "89", 239),
        ("P04", "金山、汪仁拆迁户2022年城乡居民基本医疗保险个人缴费50%部分", "6400000.00", "6384300.00", "93", 349),
        ("P05", "医疗保险征收经费", "300000.00", "300000.00", "100", 460),
        ("P06", "医疗救助工作经费", "150000.00", "150000.00", "100", 498),
        ("P07", "金山、汪仁城乡居民基本医疗保险委托大冶管理工作经费", "100000.00", "100000.00", "100", 535),
        ("P08", "“两镇一区”城乡居民基本医疗保险委托阳新管理工作经费", "117000.00", "117000.00", "100", 573),
    ],
    "003": [
        # department form: budget and execution are the sums of its 资金来源 rows (4982.25 + 0, 7687.56 + 567)
        ("DEPT", None, "49822500.00", "82545600.00", "97.94", 245),
        ("P01", "城乡困难居民医疗救助", "33869250.00", "34160220.00", "98", 545),
        ("P02", "城乡困难居民资助参保", "6130750.00", "6062250.00", "99.83", 774),
    ],
    "004": [  # the 固原 forms print no scores
        ("P01", "医疗服务与保障能力提升补助资金(医疗保障服务能力提升部分)", "2500000.00", "2500000.00", None, 449),
        ("P02", "上线全市智能审核监控系统", "85000.00", "85000.00", None, 475),
        ("P03", "开展打击欺诈骗保专项行动", "50000.00", "50000.00", None, 499),
        ("P04", "医疗保障局稽核工作经费", "20000.00", "20000.00", None, 525),
        ("P05", "地方医保政策实现信息化管理", "35000.00", "35000.00", None, 551),
        ("P06", "完善医保付费体系", "100000.00", "100000.00", None, 577),
    ],
}

# (sample, line, level1, level2, name, target_text, actual_text, comparator, target, actual, unit, weight, score)
EXPECTED_INDICATORS = [
    ("000", 593, "产出指标", "成本目标", "2021年城乡居民基本医疗保险县级配套资金金额",
     ">=32750万元", "32191万元", ">=", "32750", "32191", "万元", "6", "5"),
    ("000", 606, "产出指标", "质量目标", "基金滚存结余可支配月数",
     "6-9个月", "4.89", "range", "6", "4.89", "个月", "2", "1"),
    ("000", 589, "产出指标", "时效目标", "项目完成时间", "44531.0", "44531.0", None, None, None, "date", "5", "5"),
    # target joined from the 绩效目标 section, whose name is cut at 医: prefix match
    ("000", 696, "效益指标", "可持续影响目标", "对健全社会救助体系的影响(建档立卡贫困人员医疗费用个人负担率)",
     "<=10%", "11.95%", "<=", "10", "11.95", "%", "15", "13"),
    ("002", 25, "效益指标", "社会效益", "全区所有城乡居民均纳入城乡居民基本医疗保险覆盖范围",
     "≥90%", "≥95%", ">=", "90", "95", "%", None, "9"),
    ("002", 248, "产出指标", "成本指标", "116元/人/年",
     "116元/人/年", "122元/人/年", None, "116", "122", "元/人/年", None, "6"),
    ("002", 22, "产出指标", "数量指标", "预计参保人数", "16000", "14368", None, "16000", "14368", None, None, "15"),
    ("002", 131, "预算执行", None, "预算执行率", None, "68%", None, None, "68", "%", "20", "13"),
    ("003", 319, "投入管理指标", "预算编审管理", "编审合规性、细化、量化",
     None, "70.57%", None, None, "70.57", "%", "3", "2.12"),
    ("003", 525, "效益指标", "满意度指标", "服务对象满意率", None, ">95%", None, None, "95", "%", "10", "10"),
    ("003", 641, "产出指标", "数量指标", "对符合政策规定的所有对象",
     "45000人次", "45469人次", None, "45000", "45469", "人次", "15", "13"),
    ("003", 675, "产出指标", "时效指标", "资金审批时效", "≤30天", "≤30天", "<=", "30", "30", "天", "2", "2"),
    ("003", 868, "产出指标", "数量指标", "符合政策规定的贫困对象数",
     "24523人", "24249人", None, "24523", "24249", "人", "15", "14.83"),
    ("004", 460, "产出指标", "数量指标", "参与医疗保障能力提升人数",
     "≥150人", "≥150人", ">=", "150", "150", "人", None, None),
    # merged cells shift this row one column left: 成本指标 is printed under 一级指标
    ("004", 465, "成本指标", None, "项目资金成本控制", "250万元", "250万元", None, "250", "250", "万元", None, None),
    ("004", 488, "产出指标", "时效指标", "系统配备完成时间",
     "2020年12月前", "2020年12月前", None, None, None, None, None, None),
    ("004", 517, "效益指标", "可持续影响指标", "基金安全意识明显提升",
     "有所提高", "有所提高", None, None, None, None, None, None),
]


def _dec(text):
    return None if text is None else D(text)


@pytest.mark.parametrize("sample", sorted(EXPECTED_PROJECTS))
def test_every_project_is_read(sample):
    found = projects(sample)
    assert list(found) == [key for key, *_ in EXPECTED_PROJECTS[sample]]
    for key, name, budget, executed, score, line in EXPECTED_PROJECTS[sample]:
        row = found[key]
        assert (row["project_name"], row["budget_yuan"], row["executed_yuan"], row["total_score"], row["source_line"]) \
            == (name, D(budget), D(executed), _dec(score), line), key


@pytest.mark.parametrize("expected", EXPECTED_INDICATORS, ids=lambda e: f"{e[0]}-{e[1]}")
def test_indicator_as_printed(expected):
    (sample, line, level1, level2, name, target_text, actual_text, comparator,
     target, actual, unit, weight, score) = expected
    row = indicator(sample, line)
    assert row["indicator_name"] == name
    assert (row["level1"], row["level2"]) == (level1, level2)
    assert (row["target_text"], row["actual_text"], row["comparator"]) == (target_text, actual_text, comparator)
    assert (row["target_value"], row["actual_value"], row["unit"]) == (_dec(target), _dec(actual), unit)
    assert (row["weight"], row["score"]) == (_dec(weight), _dec(score))


def test_split_form_funds_grade_and_reason():
    p01, p02, p04 = (projects("000")[key] for key in ("P01", "P02", "P04"))
    assert (p01["adjusted_yuan"], p01["funds_received_yuan"], p01["balance_yuan"]) == (
        D("59230000.00"), D("1286730000.00"), D("0.00"))
    assert p01["execution_rate_reported"] == D("1.00") and p01["grade"] == "优"
    assert p04["execution_rate_reported"] == D("0.4990") and p04["balance_yuan"] == D("12524000.00")
    assert p02["deviation_reason"].startswith("取消市、县级脱贫人口")
    assert p01["deviation_reason"] is None  # printed 无


def test_scores_add_up_where_the_form_adds_them():
    """000 and 002 indicator scores (002 with its 20-point execution row) add to the printed total."""
    for sample in ("000", "002"):
        rows = run(sample).rows["performance_indicator"]
        for key, project in projects(sample).items():
            scores = [row["score"] for row in rows if row["project_key"] == key and row["score"] is not None]
            if sample == "002" and key == "P07":
                continue  # its execution score cell is blank: 10 + 10×4 = 50 of 100 printed
            assert sum(scores) == project["total_score"], (sample, key)


def test_indicator_counts():
    counts = {}
    for sample in ("000", "002", "003", "004"):
        for row in run(sample).rows["performance_indicator"]:
            counts[(sample, row["project_key"])] = counts.get((sample, row["project_key"]), 0) + 1
    assert [counts[("000", f"P0{i}")] for i in range(1, 7)] == [19, 12, 19, 10, 14, 12]
    assert [counts[("002", f"P0{i}")] for i in range(1, 9)] == [8, 8, 8, 8, 6, 5, 6, 6]
    assert (counts[("003", "DEPT")], counts[("003", "P01")], counts[("003", "P02")]) == (23, 11, 9)
    assert [counts[("004", f"P0{i}")] for i in range(1, 7)] == [9, 7, 9, 9, 9, 9]


def test_documents_without_forms_give_no_scorecards():
    assert "project_performance" not in run("001").rows
