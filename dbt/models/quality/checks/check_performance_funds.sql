-- The funds table of a department-wide self-evaluation (fct_performance_fund): every row's 执行率 =
-- 全年执行数 / 全年预算数 as printed (a rate printed as 预算数 / 执行数 fails; a row with no budget is
-- not evaluated), and the funds by source add up to the funds by structure, for the budget and for
-- the execution (资金来源 = 资金结构: the same money counted two ways).
{% call check_documents_to_build() -%}
with funds as (
    select * from {{ ref('fct_performance_fund') }} {{ documents_to_check_only() }}
),

rates as (
    select
        *,
        coalesce(rate_decimals, 0) + 2 as fraction_decimals,
        case when budget_yuan > 0 then {{ exact_ratio('executed_yuan', 'budget_yuan') }} end as ratio,
        {{ half_unit('executed_decimals', 'reported_unit') }} as executed_tolerance,
        {{ half_unit('budget_decimals', 'reported_unit') }} as budget_tolerance
    from funds
    where rate is not null
),

rate_checks as (
    select
        document_id,
        'p_fund_rate_recomputes' as check_id,
        project_key || ':' || label as row_key,
        'rate' as column_key,
        cast(rate as decimal(38, 6)) as reported,
        {{ half_unit('fraction_decimals', "'%'") }} as reported_tolerance,
        {{ at_printed_precision('ratio', 'rate', 'fraction_decimals') }} as computed,
        case
            when ratio is not null
                then
                    {{ exact_ratio('executed_tolerance + budget_tolerance * greatest(ceil(ratio), 1)', 'budget_yuan') }}
                    + cast(0.000002 as decimal(38, 6))
        end as computed_tolerance,
        2 as parts_count,
        case when ratio is null then 1 else 0 end as parts_missing,
        source_line as reported_line,
        cast(source_line as varchar) as part_lines,
        'ratio' as unit,
        4 as decimals,
        '资金表 ' || label || ' 执行率' as reported_label,
        '全年执行数 / 全年预算数' as computed_label
    from rates
),

columns as (
    select
        funds.*,
        measures.measure,
        case measures.measure when 'budget' then funds.budget_yuan else funds.executed_yuan end as amount_yuan,
        case measures.measure when 'budget' then funds.budget_decimals else funds.executed_decimals end as decimals
    from funds
    cross join (values ('budget'), ('executed')) as measures (measure)
),

sides as (
    select
        document_id,
        project_key,
        measure,
        fund_group,
        sum(amount_yuan) as amount_yuan,
        sum({{ half_unit('decimals', 'reported_unit') }}) as tolerance,
        count(*) as rows_count,
        count(*) - count(amount_yuan) as rows_missing,
        array_to_string(list_sort(list(source_line)), ', ') as row_lines,
        min(source_line) as first_line,
        max(reported_unit) as unit,
        max(decimals) as decimals
    from columns
    group by document_id, project_key, measure, fund_group
),

balance_checks as (
    select
        sources.document_id,
        'p_fund_sources_eq_uses' as check_id,
        sources.project_key as row_key,
        sources.measure as column_key,
        cast(sources.amount_yuan as decimal(38, 6)) as reported,
        cast(sources.tolerance as decimal(38, 6)) as reported_tolerance,
        cast(uses.amount_yuan as decimal(38, 6)) as computed,
        cast(uses.tolerance as decimal(38, 6)) as computed_tolerance,
        coalesce(uses.rows_count, 1) as parts_count,
        sources.rows_missing + coalesce(uses.rows_missing, 1) as parts_missing,
        sources.first_line as reported_line,
        uses.row_lines as part_lines,
        sources.unit,
        sources.decimals,
        '资金来源合计（' || case sources.measure when 'budget' then '全年预算数' else '全年执行数' end || '）'
            as reported_label,
        '资金结构合计' as computed_label
    from sides as sources
    left join sides as uses
        on
            sources.document_id = uses.document_id
            and sources.project_key = uses.project_key
            and sources.measure = uses.measure
            and uses.fund_group = 'structure'
    where sources.fund_group = 'source'
),

all_checks as (
    select * from rate_checks
    union all
    select * from balance_checks
)

select
    document_id,
    check_id,
    'performance' as check_family,
    cast(null as varchar) as table_code,
    row_key,
    column_key,
    'eq' as comparison,
    reported,
    reported_tolerance,
    computed,
    computed_tolerance,
    parts_count,
    parts_missing,
    reported_line,
    part_lines,
    unit,
    decimals,
    reported_label,
    computed_label
from all_checks
{%- endcall %}
