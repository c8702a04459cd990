"""Finding the self-evaluation forms (自评表) of a document and reading each with its layout.

A form starts at a short title line containing ``自评表`` (not a table of contents entry, not a
reference such as ``《项目支出绩效自评表》详见附件一``) and runs to the next one. Project forms
get keys ``P01``, ``P02`` … in order of appearance; a department-wide form gets ``DEPT``.
A form that cannot be read becomes one issue naming the line where the missing part was
expected, and contributes no rows; the other forms still load.
"""

from __future__ import annotations

import re

from ..cells import squash
from ..result import ExtractionIssue, ExtractionResult
from ..rows import cell_rows, is_cell_layout, tab_rows
from ..source import SourceDocument
from .layouts import cell_per_line, points, sectioned, unscored
from .model import Scorecard, ScorecardError, emit

EXTRACTOR = "performance"
TABLE_CODE = "scorecard"
_MAX_TITLE = 40
_UNIT = re.compile(r"(?:[(（]\s*(万元|元)\s*[)）]|单位\s*[：:]\s*(万元|元))")


def extract_scorecards(doc: SourceDocument) -> ExtractionResult:
    """Every readable form as ``project_performance`` + ``performance_indicator`` rows."""
    result = ExtractionResult()
    projects = 0
    for start, end in form_spans(doc):
        lines = list(doc.numbered(start, end))
        try:
            card, department = _parse(lines)
        except ScorecardError as error:
            result.issues.append(ExtractionIssue(EXTRACTOR, TABLE_CODE, error.line, error.expected, str(error)))
            continue
        except (ValueError, IndexError, KeyError, ArithmeticError) as error:
            result.issues.append(ExtractionIssue(
                EXTRACTOR, TABLE_CODE, start, "a readable self-evaluation form",
                f"form titled '{squash(doc.line(start))}' could not be read: {type(error).__name__}: {error}",
            ))
            continue
        if not department:
            projects += 1
        emit(result, card, "DEPT" if department else f"P{projects:02d}")
    return result


def form_spans(doc: SourceDocument) -> list[tuple[int, int]]:
    """``(first line, last line)`` of every form, in order."""
    titles = [number for number, text in doc.numbered() if _is_title(text)]
    ends = [following - 1 for following in titles[1:]] + [len(doc.lines)]
    return list(zip(titles, ends))


def _is_title(text: str) -> bool:
    cell = squash(text)
    return ("自评表" in cell and len(cell) <= _MAX_TITLE
            and not any(mark in cell for mark in ("《", "...", "详见", "基础数据")))


def _parse(lines: list[tuple[int, str]]) -> tuple[Scorecard, bool]:
    """The form's layout decides the parser; returns the card and whether it is department-wide."""
    department = cell_per_line.is_department_form(lines)
    if is_cell_layout(lines):
        card = cell_per_line.parse(cell_rows(lines), lines, department)
    else:
        rows = tab_rows(lines)
        text = "".join(row.text() for row in rows)
        if "评分标准" in text and "分值" in text:
            card = sectioned.parse(rows, lines)
        elif "年度财政资金总额" in text:
            card = points.parse(rows, lines)
        elif "年度指标值" in text or "全年完成值" in text:
            card = unscored.parse(rows, lines)
        else:
            raise ScorecardError(lines[0][0], "a known scorecard layout (绩效指标 table with 三级指标)",
                                 f"form titled '{squash(lines[0][1])}' has no recognised layout")
    card.unit = _unit(lines)
    return card, department


def _unit(lines: list[tuple[int, str]]) -> str:
    """The amount unit the form prints (``(万元)``, ``单位：万元``); forms default to 万元."""
    for _, text in lines:
        match = _UNIT.search(text)
        if match:
            return match.group(1) or match.group(2)
    return "万元"
