"""The function and economic classifications: code shapes, levels, parents, standard 类 names.

Function codes (支出功能分类) have 3 (类), 5 (款) or 7 (项) digits and start with 2; economic
codes (部门预算支出经济分类) have 3 or 5 digits and start with 3. Codes are text, never numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

FUNCTION = "function"
ECONOMIC = "economic"
TOTAL = "TOTAL"

# The standard 类 of the function classification, by name (current names and their older forms).
STANDARD_CLASSES: dict[str, str] = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "文化体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "资源勘探信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "国土海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}

_FUNCTION_CODE = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")
_ECONOMIC_CODE = re.compile(r"^3\d{2}(?:\d{2})?$")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff）)、，])\s+|\s+(?=[\u4e00-\u9fff（(])")
_CLASS_MARK = re.compile(r"[（(]类[）)]")
_ORDINAL = re.compile(r"^(?:[（(]?[一二三四五六七八九十百]+[、.．)）]|[（(]?\d{1,2}[)）]|\d{1,2}[、.．](?!\d))\s*")


def is_function_code(text: str) -> bool:
    return bool(_FUNCTION_CODE.match(text))


def is_economic_code(text: str) -> bool:
    return bool(_ECONOMIC_CODE.match(text))


def level_of(code: str) -> int:
    """1 for a 类 (3 digits), 2 for a 款 (5), 3 for a 项 (7); 0 for a total."""
    return {3: 1, 5: 2, 7: 3}.get(len(code), 0) if code.isdigit() else 0


def parent_of(code: str) -> str | None:
    """The code one level up (``'2101501'`` → ``'21015'``), ``None`` for a 类."""
    return code[:-2] if code.isdigit() and len(code) > 3 else None


def normalize_name(text: str) -> str:
    """A printed name without wrap spaces between Chinese characters (``'基本养老 保险缴费'``)."""
    return _CJK_GAP.sub("", " ".join(text.split()))


def strip_ordinal(text: str) -> str:
    """``'九、卫生健康支出'`` → ``'卫生健康支出'``; ``'（一）人员经费'`` → ``'人员经费'``."""
    text = text.strip()
    while True:
        stripped = _ORDINAL.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


def class_key(name: str) -> str:
    """The comparison key of a 类 name: no ordinal, no spaces, no ``（类）`` mark."""
    return _CLASS_MARK.sub("", strip_ordinal(name)).replace(" ", "")


def split_code(cells: list[str]) -> tuple[str | None, str]:
    """Code and name from the label cells of a row.

    Handles a code in its own cell (``'208' | '社会保障…'``), merged with the name
    (``'201 一般公共服务支出'``, ``'2101501行政运行'``) and split over 类/款/项 cells
    (``'208' | '05' | '05'`` → ``'2080505'``). Returns ``(None, name)`` when no code is printed.
    """
    tokens = " ".join(cell for cell in cells if cell).split()
    code = ""
    while tokens and tokens[0].isdigit():
        part = tokens[0]
        if code and len(part) != 2:
            break
        code += part
        tokens.pop(0)
    if not code and tokens:
        glued = re.match(r"^(\d{3,7})(\D.*)$", tokens[0])
        if glued:
            code, tokens[0] = glued.group(1), glued.group(2)
    name = normalize_name(" ".join(tokens))
    return (code or None), name


def first_printings(tables) -> list[dict]:
    """One subject row per (classification, code): the first place the document prints it."""
    rows = sorted((row for table in tables for row in table.subjects), key=lambda row: row["source_line"])
    seen: dict[tuple[str, str], dict] = {}
    for row in rows:
        seen.setdefault((row["classification"], row["subject_code"]), row)
    return list(seen.values())


def class_codes(subjects: Iterable[dict]) -> dict[str, str]:
    """类 name → code: the standard classes, overridden by the codes the document itself prints."""
    codes = {class_key(name): code for name, code in STANDARD_CLASSES.items()}
    codes.update({class_key(row["subject_name"]): row["subject_code"] for row in subjects
                  if row["classification"] == FUNCTION and row["subject_level"] == 1})
    return codes
