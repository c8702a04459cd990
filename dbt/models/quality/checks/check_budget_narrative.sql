-- A budget's prose against its tables and against itself:
-- every total the 编制说明 states (收入预算, 财政拨款收入, 支出预算, 一般公共预算拨款支出预算 …, 人员 /
-- 公用经费, 机关运行经费) = the table's figure (n = 1); every printing of a per-item amount
-- (“…行政运行（01项）1672.67万元”, “2026年预算安排 1672.67 万元”) = the item in B05 (else B06, B07,
-- B03); the stated rate of an item (“比2025年预算执行数减少1.07%”) = (预算安排 − 上年执行数) / 上年执行数;
-- the years the prose names: a year a budget is compared with is the year before the budget year,
-- a year a budget is stated for is the budget year ("比2026年预算" in a 2026 budget is a fail).
-- A stated rate passes when it is the correctly rounded ratio of the printed figures; otherwise the
-- difference is judged against ½ of its last digit plus what the rounding of the figures can move it.
{% call check_documents_to_build() -%}
with facts as (
    select * from {{ ref('fct_narrative_fact') }} {{ documents_to_check_only() }}
),

figures as (
    select * from {{ ref('dq_budget_figures') }} {{ documents_to_check_only() }}
),

budgets as (
    select
        document_id,
        fiscal_year
    from {{ ref('dim_document') }}
    where document_kind = 'budget'
),

metric_map as (
    select
        metric_values.metric_key,
        metric_values.table_code,
        metric_values.row_key,
        metric_values.column_key,
        metric_values.table_label
    from (
        values
        ('income_total_budget', 'B02', 'TOTAL', 'total', 'B02 表 合计'),
        ('fiscal_income_total_budget', 'B01', 'income:fiscal_appropriation', 'line', 'B01 表 财政拨款收入'),
        ('income_general_public_budget_budget', 'B01', 'income:general_public_budget', 'line', 'B01 表 一般公共预算'),
        ('income_government_fund_budget', 'B01', 'income:government_fund', 'line', 'B01 表 政府性基金预算'),
        ('income_state_capital_budget', 'B01', 'income:state_capital', 'line', 'B01 表 国有资本经营预算'),
        ('income_business_budget', 'B01', 'income:business', 'line', 'B01 表 事业收入'),
        ('income_operating_budget', 'B01', 'income:operating', 'line', 'B01 表 事业单位经营收入'),
        ('income_superior_subsidy_budget', 'B01', 'income:superior_subsidy', 'line', 'B01 表 上级补助收入'),
        ('income_subsidiary_remit_budget', 'B01', 'income:subsidiary_remit', 'line', 'B01 表 附属单位上缴收入'),
        ('income_other_budget', 'B01', 'income:other', 'line', 'B01 表 其他收入'),
        ('expenditure_total_budget', 'B03', 'TOTAL', 'total', 'B03 表 合计'),
        ('expenditure_basic_budget', 'B03', 'TOTAL', 'basic', 'B03 表 基本支出合计'),
        ('expenditure_project_budget', 'B03', 'TOTAL', 'project', 'B03 表 项目支出合计'),
        ('fiscal_expenditure_total_budget', 'B04', 'year_expenditure', 'all', 'B04 表 本年支出'),
        ('gpb_expenditure_total_budget', 'B05', 'TOTAL', 'total', 'B05 表 合计'),
        ('government_fund_expenditure_total_budget', 'B06', 'TOTAL', 'total', 'B06 表 合计'),
        ('state_capital_expenditure_total_budget', 'B07', 'TOTAL', 'total', 'B07 表 合计'),
        ('personnel_expense_budget', 'B08', 'TOTAL', 'personnel', 'B08 表 人员经费合计'),
        ('public_expense_budget', 'B08', 'TOTAL', 'public', 'B08 表 公用经费合计'),
        ('agency_operating_expense_budget', 'B09', 'AGENCY_OPERATING', 'public', 'B09 表 机关运行经费'),
        ('subject_expenditure_budget', '<subject>', '<subject>', 'total', '科目')
    ) as metric_values (metric_key, table_code, row_key, column_key, table_label)
),

subject_figures as (
    -- an item's budget: B05 (the general budget) first, else the fund tables, else B03 (all funds)
    select
        *,
        row_number() over (
            partition by document_id, row_key
            order by case table_code when 'B05' then 1 when 'B06' then 2 when 'B07' then 3 else 4 end
        ) as preference
    from figures
    where table_code in ('B03', 'B05', 'B06', 'B07') and column_key = 'total'
),

stated as (
    select
        facts.*,
        metric_map.table_code as map_table,
        metric_map.row_key as map_row,
        metric_map.column_key as map_column,
        metric_map.table_label
    from facts
    inner join budgets on facts.document_id = budgets.document_id
    inner join metric_map on facts.metric_key = metric_map.metric_key
    where facts.amount_yuan is not null
),

matched as (
    select
        stated.*,
        coalesce(subject.table_code, fixed.table_code) as tbl_table,
        coalesce(subject.amount_yuan, fixed.amount_yuan) as tbl_yuan,
        coalesce(subject.reported_unit, fixed.reported_unit) as tbl_unit,
        coalesce(subject.reported_decimals, fixed.reported_decimals) as tbl_decimals,
        coalesce(subject.source_line, fixed.source_line) as tbl_line
    from stated
    left join subject_figures as subject
        on
            stated.map_row = '<subject>'
            and stated.document_id = subject.document_id
            and stated.subject_code = subject.row_key
            and subject.preference = 1
    left join figures as fixed
        on
            stated.map_row <> '<subject>'
            and stated.document_id = fixed.document_id
            and stated.map_table = fixed.table_code
            and stated.map_row = fixed.row_key
            and stated.map_column = fixed.column_key
),

prose_vs_table as (
    select
        document_id,
        map_column as column_key,
        amount_yuan as reported,
        reported_unit,
        reported_decimals,
        source_line as reported_line,
        tbl_yuan as computed,
        tbl_unit as computed_unit,
        tbl_decimals as computed_decimals,
        tbl_line as computed_line,
        'b_n_' || regexp_replace(metric_key, '_budget$', '') || '_vs_table' as check_id,
        case when map_table = '<subject>' then 'B05' else map_table end as table_code,
        coalesce(subject_code || '@' || source_line, map_row) as row_key,
        '说明 ' || regexp_replace(metric_key, '_budget$', '') || coalesce(' ' || subject_code, '') as reported_label,
        coalesce(tbl_table || ' 表 科目 ' || subject_code, table_label) as computed_label
    from matched
    -- prose 0 beside a table printed empty (B06, B07 without such funds) is no contradiction
    where tbl_yuan is not null or amount_yuan <> 0
),

-- an item's stated rate against the restated budget and the prior year's execution stated before it
rates as (
    select
        planned.document_id,
        planned.subject_code,
        planned.amount_yuan as planned_yuan,
        planned.change_pct,
        planned.source_line,
        planned.reported_unit,
        coalesce(
            planned.change_pct_decimals + 2, greatest({{ needed_decimals('planned.change_pct') }}, 2)
        ) as pct_decimals,
        {{ half_unit('planned.reported_decimals', 'planned.reported_unit') }} as planned_tolerance,
        execution.amount_yuan as prior_yuan,
        execution.source_line as prior_line,
        {{ half_unit('execution.reported_decimals', 'execution.reported_unit') }} as prior_tolerance
    from facts as planned
    inner join budgets on planned.document_id = budgets.document_id
    left join facts as execution
        on
            planned.document_id = execution.document_id
            and execution.metric_key = 'subject_prior_execution'
            and planned.subject_code = execution.subject_code
            and planned.source_line >= execution.source_line
    where planned.metric_key = 'subject_expenditure_budget' and planned.change_pct is not null
    qualify row_number() over (
        partition by planned.document_id, planned.subject_code, planned.source_line order by execution.source_line desc
    ) = 1
),

rate_checks as (
    select
        document_id,
        'b_n_item_change_pct' as check_id,
        cast(null as varchar) as table_code,
        coalesce(subject_code, '?') || '@' || source_line as row_key,
        'change_pct' as column_key,
        'eq' as comparison,
        cast(change_pct as decimal(38, 6)) as reported,
        {{ half_unit('pct_decimals', "'%'") }} as reported_tolerance,
        case
            when prior_yuan > 0
                then
                    {{ at_printed_precision(exact_ratio('planned_yuan - prior_yuan', 'prior_yuan'),
                                            'change_pct', 'pct_decimals') }}
        end as computed,
        case
            when prior_yuan > 0
                then
                    {{ exact_ratio('planned_tolerance + (1 + abs(change_pct)) * prior_tolerance', 'prior_yuan') }}
                    + cast(0.000002 as decimal(38, 6))
        end as computed_tolerance,
        2 as parts_count,
        case when prior_yuan is null or prior_yuan <= 0 then 1 else 0 end as parts_missing,
        source_line as reported_line,
        coalesce(prior_line || ', ', '') || source_line as part_lines,
        'ratio' as unit,
        4 as decimals,
        '说明 科目 ' || coalesce(subject_code, '?') || ' 比上年预算执行数增减率' as reported_label,
        '(预算安排 ' || {{ fmt_figure('planned_yuan', 'reported_unit', 2) }} || ' − 上年执行数 '
        || coalesce({{ fmt_figure('prior_yuan', 'reported_unit', 2) }}, '—') || ') / 上年执行数' as computed_label
    from rates
),

-- the years the prose names against the budget year
year_checks as (
    select
        facts.document_id,
        cast(null as varchar) as table_code,
        'year' as column_key,
        'eq' as comparison,
        cast(facts.number_value as decimal(38, 6)) as reported,
        cast(0 as decimal(38, 6)) as reported_tolerance,
        cast(
            budgets.fiscal_year - case facts.metric_key when 'compared_year' then 1 else 0 end as decimal(38, 6)
        ) as computed,
        cast(0 as decimal(38, 6)) as computed_tolerance,
        1 as parts_count,
        0 as parts_missing,
        facts.source_line as reported_line,
        cast(facts.source_line as varchar) as part_lines,
        '年' as unit,
        0 as decimals,
        case facts.metric_key when 'compared_year' then 'b_n_compared_year' else 'b_n_budget_year' end as check_id,
        facts.metric_key || '@' || facts.source_line as row_key,
        case facts.metric_key
            when 'compared_year' then '说明 比较的年度'
            else '说明 预算年度'
        end as reported_label,
        case facts.metric_key
            when 'compared_year' then '预算年度的上一年'
            else '预算年度'
        end as computed_label
    from facts
    inner join budgets on facts.document_id = budgets.document_id
    where facts.metric_key in ('compared_year', 'budget_year')
)

select
    document_id,
    check_id,
    'narrative' as check_family,
    table_code,
    row_key,
    column_key,
    'eq' as comparison,
    {{ printed_pair(rounding_note='false', comparison="'eq'") }},
    reported_label,
    computed_label
from prose_vs_table

{%- for checks in ['rate_checks', 'year_checks'] %}

    union all

    select {{ dq_columns("'narrative'") }}
    from {{ checks }}
{%- endfor %}
{%- endcall %}
