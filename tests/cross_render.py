"""Documents of one department that talk about each other, built for the cross-document tests.

From the shared PDFs and the samples:

- :func:`next_year`: a document's next edition — every year one later, every amount doubled (a whole
  factor keeps every total the sum of its parts and every share as printed), and the sentences that
  compare with the year before rewritten by the caller (:func:`rewritten`), so the new edition's
  changes are those from the original: ``next year's figure − this year's``;
- :func:`putuo_final_2025`: the 2025 final account of 上海市普陀区财政局 after the shared 2024 one;
- :func:`ningde_final_2022`: the 2022 final account of 宁德市医疗保障局 after sample 000;
- :func:`justice_budget_2027`: the 2027 budget of 上海市普陀区司法局 after the shared 2026 one;
- :func:`final_account_05`: a final account that prints its general-budget table (公开05表) only;
- :func:`budget_document`: a budget in the 2026 Shanghai template (B01–B09 and the 编制说明) for
  any department, year and 项 lines, consistent in itself;
- :func:`putuo_budget_2024`: the 2024 budget of 普陀区财政局 (printed without 上海市) whose figures are
  the 年初预算 the shared 2024 final account states, 项 by 项.

Each takes ``planted``: a sentence or figure changed so that one statement no longer holds.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from bdw.extract.document import document_from_bytes
from tests.extract.budget_render import budget_text, corrected

SHARED = Path(__file__).resolve().parents[2] / "shared" / "pdf-samples"
PUTUO_PDF = SHARED / "上海市普陀区财政局2024年度部门决算.pdf"
JUSTICE_PDF = SHARED / "上海市普陀区司法局2026年部门预算.pdf"
RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
NINGDE = RAW / "000_ababedf1869e2353.txt"

_YEAR = re.compile(r"(?<!\d)(20\d{2})(?=\s*年)")
# an amount: a number with decimals (thousands separators allowed), or a whole number of 元 / 万元;
# never a percentage, a score (分), a year or a code
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)(?![\d.])(?!\s*[%分])|(?<![\d.,])(\d+)(?=\s*万?元)")


@cache
def pdf_text(path: Path) -> str:
    """A shared PDF's text layer as a text rendering, one line per printed line."""
    return "\n".join(document_from_bytes(path.read_bytes(), path.name).lines)


def _doubled(match: re.Match) -> str:
    if match.group(3) is not None:
        return str(int(match.group(3)) * 2)
    whole, fraction = match.group(1), match.group(2)
    value = Decimal(whole.replace(",", "") + fraction) * 2
    text = f"{value:.{len(fraction) - 1}f}"
    if "," in whole:
        head, _, tail = text.partition(".")
        text = f"{int(head):,}.{tail}"
    return text


def next_year(text: str) -> str:
    """The same document a year later with every amount doubled (the comparisons still to rewrite)."""
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + 1), text)
    return _AMOUNT.sub(_doubled, text)


def rewritten(text: str, replacements: list[tuple[str, str]]) -> str:
    """``text`` with each ``old`` (printed exactly once) replaced by ``new``."""
    for old, new in replacements:
        assert text.count(old) == 1, (old, text.count(old))
        text = text.replace(old, new)
    return text


def putuo_final_2025(planted: bool = False) -> str:
    """The shared 2024 final account a year later: its comparisons with 2024 rewritten (lines 297–298,
    313–315, 395), each change = the 2025 figure − the 2024 one (2995.39, 2940.05, 184.65 万元).
    Planted: 机关运行经费 “增加185.65万元”, so it states 2024's as 183.65 (the 2024 document: 184.65)."""
    return rewritten(next_year(pdf_text(PUTUO_PDF)), [
        ("收入\n支出总计减少113.90万元，下降1.87%", "收入\n支出总计增加2995.39万元，增长100.00%"),
        ("一般公共预算财政拨款支出减少126.28万元，下降2.10%", "一般公共预算财政拨款支出增加2940.05万元，增长100.00%"),
        ("比2024年度增加5.10万元，增长1.40%",
         f"比2024年度增加{'185.65' if planted else '184.65'}万元，增长100.00%"),
    ])


# 宁德 2021 (sample 000, lines 392–436 and 478): each sentence comparing with the year before, as the
# 2022 edition prints it (×2), and the figure it states for 2021
_NINGDE_CHANGES = (
    ("收入 1892.20 万元，比上年决算数减少 8148.10 万元，下降 81.15%", "946.10"),
    ("支出 1911.08 万元，比上年决算数减少 8639.16 万元，下降 81.89%", "955.54"),
    ("支出 1892.88 万元，比上年决算数减少 8657.36 万元，下降 82.06%", "946.44"),
    ("支出 63.14 万元，较上年决算增加 5.92 万元，增长 10.35%", "31.57"),
    ("支出 2.72 万元，较上年决算增加 2.72 万元，增长 100.00%", "1.36"),
    ("支出 30.18 万元，较上年决算增加 1.56 万元，增长 5.45%", "15.09"),
    ("支出 7.54 万元，较上年决算增加 0.38 万元，增长 5.31%", "3.77"),
    ("支出 817.74 万元，较上年决算增加 96.70 万元，增长 13.41%", "408.87"),
    ("支出 926.30 万元，较上年决算增加 520.38 万元，增长 128.20%", "463.15"),
    ("支出 45.26 万元，较上年决算增加 1.70 万元，增长 3.90%", "22.63"),
)


def ningde_final_2022(planted: bool = False) -> str:
    """Sample 000 (宁德 2021) a year later, its comparisons with 2021 rewritten: the change is the 2021
    figure (doubled), +100.00%. Planted: 行政运行 (2101501) “增加 418.87 万元”, so it states 2021's as
    398.87 (the 2021 document: 408.87)."""
    text = next_year(NINGDE.read_text(encoding="utf-8"))
    replacements = []
    for old, prior in _NINGDE_CHANGES:
        head = old.split("，")[0]
        change = "418.87" if planted and prior == "408.87" else prior
        compare = "比上年决算数" if "比上年" in old else "较上年决算"
        replacements.append((old, f"{head}，{compare}增加 {change} 万元，增长 100.00%"))
    # 项 spent in 2020 and not in 2021 nor 2022: 0.00 万元 both years
    for old in ("较上年决算减少 0.88 万元，下降 100%", "较上年决算减少 509.84 万元，下降 100%",
                "较上年决算减少 8776.00 万元，下降 100%"):
        replacements.append((old, "较上年决算增加 0.00 万元，增长 0.00%"))
    replacements.append(("比上年决算数减少 15.59%", "比上年决算数增加 100.00%"))
    return rewritten(text, replacements)


def justice_budget_2027(planted: bool = False) -> str:
    """The shared 2026 budget (misprints corrected) a year later: “比2026年预算增加 X 万元” (收入, 支出,
    一般公共预算, lines 88–91) with X = 9628.22, the 2027 figure − the 2026 one. Planted: the 收入 line
    “增加9528.22万元”, so it states 2026's 财政拨款收入 as 9728.22 (the 2026 budget: 9628.22)."""
    text = next_year(corrected(budget_text()))
    old = "比2026年预算增加1586.28万元"
    assert text.count(old) == 3
    first = "比2026年预算增加9528.22万元" if planted else "比2026年预算增加9628.22万元"
    return text.replace(old, first, 1).replace(old, "比2026年预算增加9628.22万元")


def _wan(yuan: Decimal) -> str:
    return str((yuan / 10000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _yuan(value: Decimal) -> str:
    return f"{value:.2f}"


CLASS_NAMES = {"201": "一般公共服务支出", "204": "公共安全支出", "208": "社会保障和就业支出", "210": "卫生健康支出",
               "221": "住房保障支出"}
ORDINALS = "一二三四五六七八九十"


def _rolled(items: dict[str, tuple[str, Decimal, Decimal]], names: dict[str, str]):
    """Class, 款 and 项 rows in order: (code, name, total, basic, project)."""
    rows: dict[str, list[Decimal]] = {}
    for code, (_, basic, project) in sorted(items.items()):
        for key in (code[:3], code[:5], code):
            sums = rows.setdefault(key, [Decimal(0), Decimal(0)])
            sums[0] += basic
            sums[1] += project
    labels = {**names, **{code: name for code, (name, _, _) in items.items()}}
    return [(code, labels[code], b + p, b, p) for code, (b, p) in sorted(rows.items())]


def final_account_05(department: str, year: int, items: dict[str, tuple[str, Decimal, Decimal]],
                     names: dict[str, str]) -> str:
    """A final account (in 万元) that prints only its general-budget table 05: 项 → (name, basic, project) in 元."""
    rows = _rolled(items, names)
    total = [sum(r[i] for r in rows if len(r[0]) == 3) for i in (2, 3, 4)]
    lines = [department, f"{year}年度部门决算", f"第二部分 {department}{year}年度部门决算表",
             "一般公共预算财政拨款支出决算表", "单位：万元", "项目\t\t合计\t基本支出\t项目支出",
             "支出功能分类\t科目名称\t\t\t", "科目编码\t\t\t\t", "类款项\t\t\t\t"]
    lines += [f"{code}\t{name}\t{_wan(t)}\t{_wan(b)}\t{_wan(p)}" for code, name, t, b, p in rows]
    lines.append("合计\t\t" + "\t".join(_wan(v) for v in total))
    lines.append("注：本表反映部门本年度一般公共预算财政拨款实际支出情况。")
    return "\n".join(lines) + "\n"


def budget_document(department: str, year: int, items: dict[str, tuple[str, Decimal, Decimal]],
                    names: dict[str, str], three_public: dict[str, Decimal], agency_operating: Decimal,
                    personnel: Decimal) -> str:
    """A budget in the 2026 Shanghai template, consistent in itself: 项 → (name, basic, project) in 元, all
    general-budget appropriation; 三公 and 机关运行经费 in 万元; basic spending split into personnel (301)
    and public (302) as ``personnel`` says."""
    rows = _rolled(items, names)
    classes = [r for r in rows if len(r[0]) == 3]
    total, basic, project = (sum(r[i] for r in classes) for i in (2, 3, 4))
    head = f"编制部门：{department} 单位：元"
    lines = [f"上海市普陀区{year}年区级部门预算", f"预算主管部门：{department}", f"{year}年部门预算编制说明",
             f"{year}年，{department}收入预算{_wan(total)}万元，其中：财政拨款收入{_wan(total)}万元；事业收入0万元；"
             "事业单位经营收入0万元；其他收入0万元。",
             f"支出预算{_wan(total)}万元，其中：财政拨款支出预算{_wan(total)}万元。财政拨款支出预算中，一般公共预算拨款"
             f"支出预算{_wan(total)}万元；政府性基金拨款支出预算0万元；国有资本经营预算拨款支出预算0万元。"]
    # B01
    income = [("一、财政拨款收入", total), ("1. 一般公共预算", total), ("2. 政府性基金预算", Decimal(0)),
              ("3. 国有资本经营预算", Decimal(0)), ("二、事业收入", Decimal(0)), ("三、事业单位经营收入", Decimal(0)),
              ("四、其他收入", Decimal(0))]
    lines += [f"{year}年部门财务收支预算总表", head, "本年收入\t\t本年支出\t", "项目\t预算数\t项目\t预算数"]
    for index, (label, amount) in enumerate(income):
        spent = (f"{ORDINALS[index]}、{classes[index][1]}\t{classes[index][2]:,.2f}" if index < len(classes)
                 else "\t")
        lines.append(f"{label}\t{amount:,.2f}\t{spent}")
    lines.append(f"收入总计\t{total:,.2f}\t支出总计\t{total:,.2f}")
    # B02
    lines += [f"{year}年部门收入预算总表", head, "项目\t\t收入预算\t\t\t\t",
              "功能分类科目编码\t功能分类科目名称\t合计\t财政拨款收入\t事业收入\t事业单位经营收入\t其他收入",
              "类款项\t\t\t\t\t\t"]
    lines += [f"{code}\t{name}\t{_yuan(t)}\t{_yuan(t)}\t0.00\t0.00\t0.00" for code, name, t, _, _ in rows]
    lines.append(f"合计\t\t{_yuan(total)}\t{_yuan(total)}\t0.00\t0.00\t0.00")
    # B03 and B05
    for title, group in (("支出预算总表", "支出预算"), ("一般公共预算支出功能分类预算表", "一般公共预算支出")):
        lines += [f"{year}年部门{title}", head, f"项目\t\t{group}\t\t",
                  "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出", "类款项\t\t\t\t"]
        lines += [f"{code}\t{name}\t{_yuan(t)}\t{_yuan(b)}\t{_yuan(p)}" for code, name, t, b, p in rows]
        lines.append(f"合计\t\t{_yuan(total)}\t{_yuan(basic)}\t{_yuan(project)}")
    # B04
    lines += [f"{year}年部门财政拨款收支预算总表", head, "财政拨款收入\t\t财政拨款支出\t\t\t\t",
              "项目\t预算数\t项目\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算"]
    funds = [("一、一般公共预算", total), ("二、政府性基金预算", Decimal(0)), ("三、国有资本经营预算", Decimal(0))]
    for index in range(max(len(funds), len(classes))):
        left = f"{funds[index][0]}\t{funds[index][1]:,.2f}" if index < len(funds) else "\t"
        right = (f"{ORDINALS[index]}、{classes[index][1]}\t{classes[index][2]:,.2f}\t{classes[index][2]:,.2f}\t\t"
                 if index < len(classes) else "\t\t\t\t")
        lines.append(f"{left}\t{right}")
    lines.append(f"收入总计\t{total:,.2f}\t支出总计\t{total:,.2f}\t{total:,.2f}\t\t")
    # B06, B07: empty
    for title, group, fund in (("政府性基金预算支出功能分类预算表", "政府性基金预算支出", "政府性基金"),
                               ("国有资本经营预算支出功能分类预算表", "国有资本经营预算支出", "国有资本经营")):
        lines += [f"{year}年部门{title}", head, f"项目\t\t{group}\t\t",
                  "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出", "类款项\t\t\t\t", "无\t\t\t\t",
                  "合计\t\t\t\t", f"注:本部门{year}年无{fund}预算财政拨款安排的预算，故本表为空表。"]
    # B08
    public = basic - personnel
    lines += [f"{year}年部门一般公共预算基本支出部门预算经济分类预算表", head, "项目\t\t一般公共预算基本支出\t\t",
              "部门预算经济分类科目编码\t经济分类科目名称\t合计\t人员经费\t公用经费", "类款\t\t\t\t",
              f"301\t工资福利支出\t{_yuan(personnel)}\t{_yuan(personnel)}\t0.00",
              f"30101\t基本工资\t{_yuan(personnel)}\t{_yuan(personnel)}\t0.00",
              f"302\t商品和服务支出\t{_yuan(public)}\t0.00\t{_yuan(public)}",
              f"30201\t办公费\t{_yuan(public)}\t0.00\t{_yuan(public)}",
              f"合计\t\t{_yuan(basic)}\t{_yuan(personnel)}\t{_yuan(public)}"]
    # B09 (万元)
    tp = three_public
    lines += [f"{year}年部门“三公”经费和机关运行经费预算表", f"编制部门：{department} 单位:万元",
              "“三公”经费预算数\t\t\t\t\t\t机关运行经费预算数",
              "合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\t",
              "\t\t\t小计\t购置费\t运行费\t",
              "\t".join(str(tp[k]) for k in ("total", "overseas_travel", "reception", "vehicle", "vehicle_purchase",
                                            "vehicle_operation")) + f"\t{agency_operating}"]
    # 其他相关情况说明
    lines += ["其他相关情况说明", f"一、{year}年“三公”经费预算情况说明",
              f"{year}年“三公”经费预算数为{tp['total']}万元。其中：",
              f"（一）因公出国（境）费{tp['overseas_travel']}万元。",
              f"（二）公务用车购置及运行费{tp['vehicle']}万元。其中：公务用车购置费{tp['vehicle_purchase']}万元；"
              f"公务用车运行费{tp['vehicle_operation']}万元。",
              f"（三）公务接待费{tp['reception']}万元。", "二、机关运行经费预算",
              f"{year}年{department}机关运行经费预算为{agency_operating}万元。"]
    return "\n".join(lines) + "\n"


# The 2024 final account of 上海市普陀区财政局 states its budget 项 by 项 (page 12–13, lines 322–360:
# “年初预算为 1560.05 万元” …), and in total 2993.92 万元 (line 322); the 项 add to 2993.93 万元, so two
# of them are printed rounded up from x.xx5: 1560.045 and 450.515 万元 (within ½ of the last digit).
PUTUO_NAMES = {"201": "一般公共服务支出", "20106": "财政事务", "208": "社会保障和就业支出",
               "20805": "行政事业单位养老支出", "210": "卫生健康支出", "21011": "行政事业单位医疗",
               "221": "住房保障支出", "22102": "住房改革支出"}
PUTUO_BUDGET_ITEMS = {  # 项 → (name, basic, project) in 元
    "2010601": ("行政运行", Decimal("15600450.00"), Decimal(0)),
    "2010602": ("一般行政管理事务", Decimal(0), Decimal("100000.00")),
    "2010607": ("信息化建设", Decimal(0), Decimal("1359000.00")),
    "2010608": ("财政委托业务支出", Decimal(0), Decimal("4505150.00")),
    "2080501": ("行政单位离退休", Decimal("855500.00"), Decimal(0)),
    "2080505": ("机关事业单位基本养老保险缴费支出", Decimal("1616200.00"), Decimal(0)),
    "2080506": ("机关事业单位职业年金缴费支出", Decimal("808100.00"), Decimal(0)),
    "2080599": ("其他行政事业单位养老支出", Decimal("9400.00"), Decimal(0)),
    "2101101": ("行政单位医疗", Decimal("622900.00"), Decimal(0)),
    "2210201": ("住房公积金", Decimal("1877500.00"), Decimal(0)),
    "2210203": ("购房补贴", Decimal("2585000.00"), Decimal(0)),
}
# its table 07 prints a 三公 budget of 0.95 万元, all of it for reception (line 279)
PUTUO_THREE_PUBLIC = {"total": Decimal("0.95"), "overseas_travel": Decimal(0), "reception": Decimal("0.95"),
                      "vehicle": Decimal(0), "vehicle_purchase": Decimal(0), "vehicle_operation": Decimal(0)}


def putuo_budget_2024(planted: bool = False) -> str:
    """普陀区财政局's 2024 budget as its final account states it. Planted: 信息化建设 (2010607) budgeted
    1,369,000 元, so the final account's “年初预算为135.90万元” no longer holds."""
    items = dict(PUTUO_BUDGET_ITEMS)
    if planted:
        items["2010607"] = ("信息化建设", Decimal(0), Decimal("1369000.00"))
    return budget_document("普陀区财政局", 2024, items, PUTUO_NAMES, PUTUO_THREE_PUBLIC, Decimal("184.65"),
                           personnel=Decimal("22000000.00"))


# The 2026 budget of 上海市普陀区司法局 states each 项's 2025 execution (lines 95–123: “2025年当年预算执行数为
# 1690.69万元” …); its 2025 final account prints them in table 05 (其他司法支出 as 3269.30 万元: the budget's
# 43269.3 is a misprint, its own “增加17.62%” is 3845.49 / 3269.3 − 1).
JUSTICE_NAMES = {"204": "公共安全支出", "20406": "司法", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
                 "210": "卫生健康支出", "21011": "行政事业单位医疗", "221": "住房保障支出", "22102": "住房改革支出"}
JUSTICE_EXECUTION_2025 = {  # 项 → (name, basic, project) in 元
    "2040601": ("行政运行", Decimal("16906900.00"), Decimal(0)),
    "2040604": ("基层司法业务", Decimal(0), Decimal("21494500.00")),
    "2040605": ("普法宣传", Decimal(0), Decimal("1184600.00")),
    "2040607": ("公共法律服务", Decimal(0), Decimal("6791200.00")),
    "2040613": ("信息化建设", Decimal(0), Decimal("604100.00")),
    "2040699": ("其他司法支出", Decimal(0), Decimal("32693000.00")),
    "2080501": ("行政单位离退休", Decimal("591100.00"), Decimal(0)),
    "2080505": ("机关事业单位基本养老保险缴费支出", Decimal("1563400.00"), Decimal(0)),
    "2080506": ("机关事业单位职业年金缴费支出", Decimal("779900.00"), Decimal(0)),
    "2080599": ("其他行政事业单位养老支出", Decimal("5000.00"), Decimal(0)),
    "2101101": ("行政单位医疗", Decimal("594300.00"), Decimal(0)),
    "2210201": ("住房公积金", Decimal("1983400.00"), Decimal(0)),
    "2210203": ("购房补贴", Decimal("2417600.00"), Decimal(0)),
}


def justice_final_2025() -> str:
    return final_account_05("上海市普陀区司法局", 2025, JUSTICE_EXECUTION_2025, JUSTICE_NAMES)
