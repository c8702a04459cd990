"""``overview.html``: the documents in the warehouse, their spending structure, 三公 budget vs actual
and how many performance indicators met their targets. Read-only; one self-contained page."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from itertools import groupby
from pathlib import Path

from ..warehouse.connection import connect
from .html import bar_chart, empty, esc, page, section, table

KINDS = {"final_account": "部门决算", "performance_report": "绩效自评"}
THREE_PUBLIC = {"total": "合计", "overseas_travel": "因公出国（境）", "vehicle": "公务用车购置及运行维护",
                "vehicle_purchase": "其中：公务用车购置", "vehicle_operation": "其中：公务用车运行维护",
                "reception": "公务接待"}

DOCUMENTS = """
select d.department_name, d.fiscal_year, d.document_kind, d.reported_unit, d.source_file,
       count(e.document_id) as extraction_errors
from marts.dim_document as d
left join marts.extraction_error as e on d.document_id = e.document_id
group by all
order by d.department_name, d.fiscal_year
"""

# Table 03 (支出决算表), every fund, the total column of each 类 (function class).
SPENDING = """
select document_id, department_name, fiscal_year, subject_code, subject_name, amount_yuan
from marts.fct_expenditure
where table_code = '03' and subject_level = 1 and expenditure_type = 'total' and fund_type = 'all'
  and amount_yuan is not null
order by department_name, fiscal_year, document_id, subject_code
"""

# The current year's figures; a table figure wins over the same figure stated in prose.
THREE_PUBLIC_FIGURES = """
select document_id, department_name, fiscal_year, category, measure, amount_yuan
from marts.fct_three_public
where coalesce(period, 'current') = 'current' and amount_yuan is not null
qualify row_number() over (
    partition by document_id, category, measure order by source = 'table' desc, source_line) = 1
order by department_name, fiscal_year, document_id
"""

# Met: the actual is on the right side of the target; a range only checks its lower bound
# (target_value), the upper bound is not in the warehouse.
INDICATORS = """
select d.department_name, d.fiscal_year, count(*) as indicators,
       count(*) filter (where i.comparator is not null and i.target_value is not null
                        and i.actual_value is not null) as assessed,
       count(*) filter (where case i.comparator
           when '>=' then i.actual_value >= i.target_value
           when '<=' then i.actual_value <= i.target_value
           when '=' then i.actual_value = i.target_value
           when 'range' then i.actual_value >= i.target_value end) as met
from marts.fct_performance_indicator as i
inner join marts.dim_document as d on i.document_id = d.document_id
group by all
order by d.department_name, d.fiscal_year
"""


def _wan(yuan: Decimal) -> str:
    return f"{yuan / 10000:,.2f} 万元"


def _documents(con) -> str:
    rows = con.execute(DOCUMENTS).fetchall()
    if not rows:
        return empty("仓库中还没有文件 · No documents in the warehouse yet: run `bdw run`.")
    return table(["部门 department", "年度 year", "类型 kind", "单位 unit", "源文件 file", "解析错误 errors"],
                 [(dept, year, KINDS.get(kind, kind), unit, source, errors)
                  for dept, year, kind, unit, source, errors in rows])


def _per_document(rows: list[tuple], bars_of, series: list[str], what: str) -> str:
    """One headed chart per document: ``rows`` start (document_id, department, year) and come sorted by
    document; ``bars_of`` turns one document's rows into the chart's groups."""
    return "".join(f"<h3>{esc(dept)} {esc(year)}</h3>"
                   + bar_chart(bars_of(list(figures)), series, title=f"{dept} {year} {what}")
                   for (_, dept, year), figures in groupby(rows, key=lambda row: row[:3]))


def _spending_bars(figures: list[tuple]) -> list:
    total = sum(amount for *_, amount in figures) or None
    return [(f"{code} {name}", [(amount, _wan(amount) + (f" · {amount / total:.1%}" if total else ""))])
            for *_, code, name, amount in figures]


def _spending(con) -> str:
    rows = con.execute(SPENDING).fetchall()
    if not rows:
        return empty("暂无数据 · No table 03 (支出决算表) figures by function class in the warehouse yet.")
    return _per_document(rows, _spending_bars, ["支出合计"], "支出结构")


def _three_public_bars(figures: list[tuple]) -> list:
    amounts = {(category, measure): amount for *_, category, measure, amount in figures}
    return [(label, [(amounts.get((category, measure)),
                      _wan(amounts[category, measure]) if (category, measure) in amounts else "未列示")
                     for measure in ("budget", "actual")])
            for category, label in THREE_PUBLIC.items()
            if (category, "budget") in amounts or (category, "actual") in amounts]


def _three_public(con) -> str:
    rows = con.execute(THREE_PUBLIC_FIGURES).fetchall()
    if not rows:
        return empty("暂无数据 · No 三公 figures (公开07表 or prose) in the warehouse yet.")
    return _per_document(rows, _three_public_bars, ["预算 budget", "决算 actual"], "三公经费")


def _indicators(con) -> str:
    rows = con.execute(INDICATORS).fetchall()
    if not rows:
        return empty("暂无数据 · No performance indicators in the warehouse yet.")
    bars = [(f"{dept} {year}",
             [(met / assessed, f"{met} / {assessed} 达标 · {met / assessed:.0%}") if assessed
              else (None, f"{indicators} 项指标均无可比数值")])
            for dept, year, indicators, assessed, met in rows]
    return bar_chart(bars, ["达标比例"], maximum=1, title="绩效指标达标比例")


def write_overview(warehouse: Path, out_dir: Path) -> Path:
    """Write ``out_dir/overview.html`` from the warehouse (opened read-only) and return its path."""
    with connect(warehouse) as con:
        sections = [
            section("文件 · Documents", _documents(con)),
            section("支出结构 · Spending by function class (类)", _spending(con),
                    "公开03表 支出决算表，各功能分类（类）的支出合计及占比。"),
            section("三公经费 · Three public expenses, budget vs actual", _three_public(con),
                    "本年预算与决算；表中数字优先，表中未列示时取文字说明中的数字。"),
            section("绩效指标 · Indicators meeting their targets", _indicators(con),
                    "有比较符、目标值和实际值的指标中达标的比例；区间目标只比较下限。"),
        ]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    html = page("预算公开数据概览 · Budget-disclosure overview", f"{warehouse} · {generated}", sections)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "overview.html"
    path.write_text(html, encoding="utf-8")
    return path
