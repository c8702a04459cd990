"""``overview.html``: the warehouse across departments and years, filterable by department and year.

Spending by function class (each figure once: ``fct_spending``), 三公 budget against actual over
the years, the share of performance indicators that met their targets, and budget execution
(``fct_budget_execution``). The figures are aggregated in DuckDB, embedded in the page as JSON
and drawn in the browser (``static/overview.js``) for the department and year chosen, so one
page serves ten documents or ten thousand. Self-contained: it works with no network. Every run
writes it again (with the data-quality report).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from ..warehouse.connection import connect
from .html import empty, esc, json_script, kind_label, page, section, static, table

# Class totals (类) of the final accounts, all funds, each figure once.
SPENDING = """
select department_name, fiscal_year, subject_code, any_value(subject_name) as subject_name, sum(amount_yuan)
from marts.fct_spending
where measure = 'final' and subject_level = 1 and expenditure_type = 'total' and amount_yuan is not null
group by all
"""

# The current year's 三公 total, budget and actual; a table figure wins over the same figure in prose.
THREE_PUBLIC = """
with figures as (
    select document_id, department_name, fiscal_year, measure, amount_yuan
    from marts.fct_three_public
    where category = 'total' and coalesce(period, 'current') = 'current' and amount_yuan is not null
    qualify row_number() over (partition by document_id, measure order by source = 'table' desc, source_line) = 1
)
select department_name, fiscal_year,
       sum(amount_yuan) filter (where measure = 'budget'), sum(amount_yuan) filter (where measure = 'actual')
from figures
group by all
"""

# Met: the actual is on the right side of the target; a range only checks its lower bound.
INDICATORS = """
select department_name, fiscal_year, count(*) as indicators,
       count(*) filter (where comparator is not null and target_value is not null and actual_value is not null),
       count(*) filter (where case comparator
           when '>=' then actual_value >= target_value
           when '<=' then actual_value <= target_value
           when '=' then actual_value = target_value
           when 'range' then actual_value >= target_value end)
from marts.fct_performance_indicator
group by all
"""

EXECUTION = """
select department_name, fiscal_year, budget_yuan, final_yuan
from marts.fct_budget_execution
where scope = 'all_funds' and subject_code = 'TOTAL' and budget_yuan > 0 and final_yuan is not null
"""

DOCUMENTS = "select document_kind, fiscal_year, count(*) from marts.dim_document group by all"

CHARTS = (
    ("spending", "支出结构 · Spending by function class (类)",
     "公开03表 支出决算表（各部门决算，全部资金），各功能分类（类）的支出合计及占比；"
     "每个数字只计一次 (marts.fct_spending)。"),
    ("three-public", "三公经费 · Three public expenses, budget vs actual",
     "各年度本年预算与决算合计；表中数字优先，表中未列示时取文字说明中的数字。"),
    ("indicators", "绩效指标 · Indicators meeting their targets",
     "有比较符、目标值和实际值的指标中达标的比例；区间目标只比较下限。"),
    ("execution", "预算执行 · Budget execution (final against budget)",
     "同一部门同一年度既有部门预算又有部门决算时：支出决算合计 / 支出预算合计 (marts.fct_budget_execution)。"),
)


def _number(value) -> float | None:
    return None if value is None else float(value)  # drawn, never summed back into the warehouse


def _data(con) -> dict:
    departments: dict[str, int] = {}  # every department can be chosen, with figures or without
    for (name,) in con.execute("select distinct department_name from marts.dim_document order by 1").fetchall():
        departments.setdefault(name or "—", len(departments))

    def department(name: str | None) -> int:
        return departments.setdefault(name or "—", len(departments))

    classes: dict[str, str] = {}
    spending = []
    for name, year, code, subject, amount in con.execute(SPENDING).fetchall():
        classes.setdefault(code, subject)
        spending.append([department(name), year, code, _number(amount)])
    three_public = [[department(n), y, _number(b), _number(a)] for n, y, b, a in con.execute(THREE_PUBLIC).fetchall()]
    indicators = [[department(n), y, i, s, m] for n, y, i, s, m in con.execute(INDICATORS).fetchall()]
    execution = [[department(n), y, _number(b), _number(f)] for n, y, b, f in con.execute(EXECUTION).fetchall()]
    return {"departments": list(departments), "classes": classes, "spending": spending,
            "three_public": three_public, "indicators": indicators, "execution": execution}


def _documents(con) -> str:
    counts = Counter()
    years: set = set()
    for kind, year, count in con.execute(DOCUMENTS).fetchall():
        counts[kind, year] += count
        years.add(year)
    if not counts:
        return empty("仓库中还没有文件 · No documents in the warehouse yet: run `bdw run`.")
    kinds = sorted({kind for kind, _ in counts}, key=kind_label)
    ordered = sorted(years, key=lambda y: (y is None, y))
    rows = [[kind_label(kind), *[counts.get((kind, year), 0) for year in ordered],
             sum(counts.get((kind, year), 0) for year in ordered)] for kind in kinds]
    return table(["类型 kind", *[str(year) for year in ordered], "合计 all"], rows)


def _filters(data: dict) -> str:
    years = sorted({row[1] for key in ("spending", "three_public", "indicators", "execution") for row in data[key]
                    if row[1] is not None})
    departments = sorted(data["departments"])

    def options(values) -> str:
        return "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)

    return ('<p class="filters">部门 department <select data-choose="department"><option value="">全部 all</option>'
            f'{options(departments)}</select> 年度 year <select data-choose="year"><option value="">全部 all</option>'
            f"{options(years)}</select></p>")


def write_overview(warehouse: Path, out_dir: Path) -> Path:
    """Write ``out_dir/overview.html`` from the warehouse (opened read-only) and return its path."""
    with connect(warehouse) as con:
        documents = _documents(con)
        data = _data(con)
    sections = [section("文件 · Documents", documents, "每种类型每年度的文件数。")]
    sections.append(section("选择 · Choose", _filters(data), "以下图表只计所选部门和年度。"))
    sections += [section(title, f'<div id="{key}"></div>', note) for key, title, note in CHARTS]
    sections.append(json_script("overview-data", data) + f"<script>{static('overview.js')}</script>")
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    html = page("预算公开数据概览 · Budget-disclosure overview", f"{warehouse} · {generated}", sections)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "overview.html"
    path.write_text(html, encoding="utf-8")
    return path
