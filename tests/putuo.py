"""Documents derived from the shared Putuo PDF (上海市普陀区财政局 2024 final account, national template).

``putuo_text()`` is the PDF's text as bdw reads it (one line per printed line, table rows with tabs).
``corrected()`` mends its four misprints, each read in the PDF:

- p. 21 (line 307): 财政拨款收入支出总计 **0.3** 万元, while table 04 (p. 13, line 202) prints 总计 2,961.68;
- p. 6 (line 94) and p. 12 (line 178): tables 01 and 04 print 社会保障和就业支出 **326.71**, while tables 02,
  03 and 05 print 326.72 and its 款 and 项 add to 326.72 (84.65 + 160.75 + 80.38 + 0.94);
- p. 21 (line 318): 一般公共服务支出（类）2106.66 万元 "占 **71.73**%" of 2940.05 万元 (= 71.65%).

``inject()`` makes one change and checks that the text it changes is printed exactly once, so a
test never passes because its injection silently missed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from bdw.extract.document import document_from_bytes
from tests.conftest import REPO

PUTUO_PDF = REPO.parent / "shared" / "pdf-samples" / "上海市普陀区财政局2024年度部门决算.pdf"
DEPARTMENT = "上海市普陀区财政局"

MISPRINTS = (
    ("财政拨款收入支出总计0.3万元", "财政拨款收入支出总计2961.68万元"),
    ("就业支出\t326.71\t326.71", "就业支出\t326.72\t326.72"),  # table 04
    ("就业支出\t326.71", "就业支出\t326.72"),  # table 01
    ("（类）2106.66万元，占71.73%", "（类）2106.66万元，占71.65%"),
)


@cache
def putuo_text() -> str:
    """The Putuo PDF's text as bdw reads it."""
    return "\n".join(document_from_bytes(PUTUO_PDF.read_bytes(), PUTUO_PDF.name).lines) + "\n"


def inject(text: str, printed: str, instead: str) -> str:
    """``text`` with the one printing of ``printed`` replaced by ``instead``."""
    assert text.count(printed) == 1, f"{printed!r} is printed {text.count(printed)} times"
    return text.replace(printed, instead)


def corrected(department: str) -> str:
    """The Putuo text with its four misprints mended, published under another department's name."""
    text = putuo_text()
    for printed, instead in MISPRINTS:
        text = inject(text, printed, instead)
    return text.replace(DEPARTMENT, department)


def without_lines(text: str, first: str, last: str) -> str:
    """``text`` without the lines from the one that is ``first`` to the one that starts with ``last``."""
    lines = text.split("\n")
    start = lines.index(first)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(last))
    return "\n".join(lines[:start] + lines[end + 1 :])


def save(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
