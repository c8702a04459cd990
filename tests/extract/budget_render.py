"""Budget renderings for tests, derived from the shared 2026 Putuo 司法局 budget (部门预算).

``budget_text()`` is the PDF's text layer as a text rendering (line for line, so line numbers are
the PDF's). The other renderings change how the same budget is printed, not what it says:

- :func:`to_wan`: tables B01–B08 in 万元 (÷ 10000, two decimals, ``单位：万元``);
- :func:`page_broken`: the long tables split over pages with the page break (``<<page>>`` or a form
  feed), a page number, the title again with （续）, the 编制部门 line and the header rows repeated,
  and page breaks between prose paragraphs;
- :func:`renamed`: another department and budget year (the years of the prose shifted with it);
- :func:`corrected`: the budget with its misprints put right (a consistent budget);
- :func:`unit_edition`: the 单位预算 of a budget unit (预算单位…表 titles, 编制单位, 单位预算编制说明),
  with the column variants of that edition: 财政拨款收入 split by fund in B02, 基本支出 split into
  人员经费 / 公用经费 in B03 and B05 (two-level headers), codes in 类 | 款 | 项 cells and amounts with
  thousands separators in B03, and item lines that name the classification without codes
  (“公共安全支出（类）司法（款）行政运行（项）”科目…).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from bdw.extract.budget.sections import title_code
from bdw.extract.document import document_from_bytes

BUDGET_PDF = Path(__file__).resolve().parents[3] / "shared" / "pdf-samples" / "上海市普陀区司法局2026年部门预算.pdf"
DEPARTMENT = "上海市普陀区司法局"
UNIT = "上海市普陀区法律援助中心"
_NUMBER = re.compile(r"^\d[\d,]*\.\d+$|^0$")


@cache
def budget_text() -> str:
    """The shared budget's text layer, one line per printed line (the PDF's line numbers)."""
    return "\n".join(document_from_bytes(BUDGET_PDF.read_bytes(), "budget.pdf").lines)


def table_lines(text: str) -> dict[str, tuple[int, int]]:
    """``{code: (title line, last tab row)}`` (1-based) of the tables B01–B09 the text prints."""
    lines = text.split("\n")
    spans: dict[str, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        code = title_code(line)
        if code and code not in spans and any("\t" in row for row in lines[index + 1: index + 6]):
            last = index + 1
            for follow in range(index + 1, len(lines)):
                if "\t" in lines[follow]:
                    last = follow + 1
                elif last > index + 3 and lines[follow].strip():
                    break
            spans[code] = (index + 1, last)
    return spans


def to_wan(text: str) -> str:
    """Tables B01–B08 rewritten in 万元, rounded half up to two decimals (±50 元 a figure)."""
    lines = text.split("\n")
    for code, (first, last) in table_lines(text).items():
        if code == "B09":
            continue
        for index in range(first - 1, last):
            if "\t" in lines[index]:
                cells = lines[index].split("\t")
                lines[index] = "\t".join(_wan(cell) for cell in cells)
            else:
                lines[index] = lines[index].replace("单位：元", "单位：万元")
    return "\n".join(lines)


def _wan(cell: str) -> str:
    if not _NUMBER.match(cell.strip()):
        return cell
    value = Decimal(cell.strip().replace(",", "")) / 10000
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def page_broken(text: str, breaks: dict[str, int] | None = None, form_feed: bool = False) -> str:
    """Each table in ``breaks`` split after that many data rows onto a new page (title （续）, 编制部门
    line and header repeated, a page number); a page break between the prose paragraphs too."""
    breaks = breaks or {"B02": 9, "B03": 12, "B05": 7, "B08": 14}
    marker = "\f" if form_feed else "<<page>>"
    lines = text.split("\n")
    spans = table_lines(text)
    inserts: dict[int, list[str]] = {}
    for number, (code, after) in enumerate(breaks.items()):
        first, last = spans[code]
        rows = [i for i in range(first, last) if "\t" in lines[i]]
        start = next(k for k, i in enumerate(rows) if re.search(r"\d\.\d", lines[i]))
        header, data = rows[:start], rows[start:]
        cut = data[after - 1]
        inserts[cut] = [f"- {20 + number} -", marker, lines[first - 1] + "（续）", lines[first],
                        *[lines[i] for i in header]]
    prose = next(i for i, line in enumerate(lines) if line.startswith("7、社会保障和就业支出"))
    inserts[prose - 1] = [marker]  # between two item paragraphs of the 编制说明
    out = []
    for index, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(index, []))
    return "\n".join(out)


def renamed(text: str, department: str, year: int) -> str:
    """The same budget for another department and budget year (2026 → year, 2025 → year − 1)."""
    text = text.replace(DEPARTMENT, department)
    return re.sub(r"20(2[56])(?=\s*年)", lambda m: str(year if m.group(1) == "26" else year - 1), text)


def corrected(text: str) -> str:
    """The budget with the misprints of pages 8–9 put right, each as the rest of the document says it:
    "比2026年预算" / "与2026年预算" → 2025 (the year before the budget); 其他司法支出's 2025 execution
    43269.3 → 3269.3 万元 (its "增加17.62%" is 3845.49 / 3269.3 − 1); 职业年金 "增加17.66%" → 17.93%
    (91.97 / 77.99 − 1); 住房公积金 "2026年预算安排201.50万元" → 208.80 (its heading, B03/B05 and 5.27%)."""
    for wrong, right in (("比2026年预算", "比2025年预算"), ("与2026年预算", "与2025年预算"),
                         ("预算执行数为43269.3万元", "预算执行数为3269.3万元"),
                         ("2026年预算安排91.97万元，比2025年预算执行数增加17.66%",
                          "2026年预算安排91.97万元，比2025年预算执行数增加17.93%"),
                         ("2026年预算安排201.50万元", "2026年预算安排208.80万元")):
        assert wrong in text, wrong
        text = text.replace(wrong, right)
    return text


# 基本支出 split into 人员经费 / 公用经费 per function row, consistent with B08: 人员经费合计 23,563,342
# = 301 + 303 (page 19–20); every basic line but 行政运行 is personnel (pensions, insurance, housing).
_PERSONNEL = {"2040601": Decimal("14548401.00")}
_PUBLIC = {"2040601": Decimal("2178324.44")}


def unit_edition(text: str) -> str:
    """The 单位预算 of 上海市普陀区法律援助中心, printed with the unit edition's titles and columns."""
    text = text.replace("上海市普陀区2026年区级部门预算", "上海市普陀区2026年区级单位预算")
    text = text.replace(f"预算主管部门：{DEPARTMENT}", f"预算单位：{UNIT}")
    text = text.replace(f"编制部门：{DEPARTMENT}", f"编制单位：{UNIT}").replace(DEPARTMENT, UNIT)
    text = re.sub(r"^(\d{4}年)部门(?=\S*表$)", r"\1预算单位", text, flags=re.M)
    text = text.replace("2026年部门预算编制说明", "2026年单位预算编制说明")
    text = re.sub(r"(\d+、)(\S+?)（\d{3}类）(\S+?)（\d{2}款）(\S+?)（\d{2}项）([\d.]+万元)",
                  r"\1“\2（类）\3（款）\4（项）”科目\5", text)
    lines = text.split("\n")
    spans = table_lines(text)
    for code, rewrite in (("B02", _unit_b02), ("B03", _unit_b03), ("B05", _unit_b05)):
        first, last = spans[code]
        lines[first + 1: last] = rewrite(lines[first + 1: last])
        spans = table_lines("\n".join(lines))
    return "\n".join(lines)


def _figure_rows(rows: list[str]) -> list[list[str]]:
    return [row.split("\t") for row in rows if re.search(r"\d\.\d", row)]


def _unit_b02(rows: list[str]) -> list[str]:
    """合计 | 财政拨款收入 (小计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算) | 事业收入 | 事业单位经营收入 |
    其他收入."""
    out = ["项目\t\t收入预算\t\t\t\t\t\t\t",
           "功能分类科目编码\t功能分类科目名称\t合计\t财政拨款收入\t\t\t\t事业收入\t事业单位经营收入\t其他收入",
           "\t\t\t小计\t一般公共预算\t政府性基金预算\t国有资本经营预算\t\t\t"]
    for code, name, total, fiscal, business, operating, other in _figure_rows(rows):
        out.append("\t".join([code, name, total, fiscal, fiscal, "", "", business, operating, other]))
    return out


def _split_basic(rows: list[str]) -> list[tuple[str, str, Decimal, Decimal, Decimal, Decimal, Decimal]]:
    """(code, name, 合计, 基本, 人员, 公用, 项目) of each figure row of B03 / B05."""
    split = []
    for code, name, total, basic, project in _figure_rows(rows):
        basic_value = Decimal(basic)
        personnel = _PERSONNEL.get(code, basic_value)
        public = _PUBLIC.get(code, Decimal("0.00"))
        if code in ("204", "20406"):
            personnel, public = _PERSONNEL["2040601"], _PUBLIC["2040601"]
        if code == "合计":
            personnel, public = Decimal("23563342.00"), Decimal("2178324.44")
        split.append((code, name, Decimal(total), basic_value, personnel, public, Decimal(project)))
    return split


def _unit_b03(rows: list[str]) -> list[str]:
    """Codes in 类 | 款 | 项 cells, amounts with thousands separators, 基本支出 over 小计 | 人员经费 | 公用经费."""
    out = ["项目\t\t\t\t支出预算\t\t\t\t",
           "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t\t\t项目支出",
           "类\t款\t项\t\t\t小计\t人员经费\t公用经费\t"]
    for code, name, *values in _split_basic(rows):
        parts = [code[:3], code[3:5], code[5:7]] if code != "合计" else ["合计", "", ""]
        out.append("\t".join([*parts, "" if code == "合计" else name, *(f"{v:,.2f}" for v in values)]))
    return out


def _unit_b05(rows: list[str]) -> list[str]:
    """基本支出 over 小计 | 人员经费 | 公用经费 (two-level header); the code in one cell."""
    out = ["项目\t\t一般公共预算支出\t\t\t\t",
           "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t\t\t项目支出",
           "类款项\t\t\t小计\t人员经费\t公用经费\t"]
    for code, name, *values in _split_basic(rows):
        out.append("\t".join([code, name if code != "合计" else "", *(f"{v:.2f}" for v in values)]))
    return out
