-- Performance scorecards: indicator weights add to 100 and to the weight each 一级/二级 label
-- declares ("产出(60%)", "质量指标（20）"), scores add to the stated total,
-- score ≤ weight, execution rate = 执行数 / 预算数, funds arrived ≤ 年初预算 + 调整,
-- 结余 = 到位 − 支出, grade band (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60) matches the total.
-- Indicator scores and weights printed as whole numbers are exact (points awarded); a printed
-- fraction (2.12) and a stated total (98 for 97.9) stand for ±½ of their last digit. The execution
-- rate is 执行数 / 预算数, or 支出 / 到位 when the card prints funds received (支出实现率); a printed
-- rate that is the correctly rounded ratio passes.
-- Funds received can fall short of the budget (到位率 < 100%), so 到位 ≤ 年初预算 + 调整 is a
-- containment. Amounts are taken at the decimals they need in the document's unit.
{% call check_documents_to_build() -%}
with projects as (
    select * from {{ ref('fct_project_performance') }} {{ documents_to_check_only() }}
),

indicators as (
    select * from {{ ref('fct_performance_indicator') }} {{ documents_to_check_only() }}
),

groups as (
    select * from {{ ref('fct_performance_group') }} {{ documents_to_check_only() }}
),

documents as (
    select * from {{ ref('dim_document') }} {{ documents_to_check_only() }}
),

indicator_sums as (
    select
        document_id,
        project_key,
        sum(weight) as weight_sum,
        sum(
            case when weight <> round(weight, 0) then {{ half_unit(needed_decimals('weight'), "'分'") }} else 0 end
        ) as weight_tolerance,
        count(*) - count(weight) as weights_missing,
        sum(score) as score_sum,
        sum(
            case when score <> round(score, 0) then {{ half_unit(needed_decimals('score'), "'分'") }} else 0 end
        ) as score_tolerance,
        count(*) - count(score) as scores_missing,
        count(*) as indicator_count,
        min(source_line) || '–' || max(source_line) as part_lines
    from indicators
    group by document_id, project_key
),

weight_checks as (
    select
        document_id,
        'p_weights_sum_100' as check_id,
        project_key as row_key,
        'weight' as column_key,
        'eq' as comparison,
        cast(100 as decimal(38, 6)) as reported,
        cast(0 as decimal(38, 6)) as reported_tolerance,
        cast(weight_sum as decimal(38, 6)) as computed,
        cast(weight_tolerance as decimal(38, 6)) as computed_tolerance,
        indicator_count as parts_count,
        weights_missing as parts_missing,
        cast(null as integer) as reported_line,
        part_lines,
        '分' as unit,
        2 as decimals,
        '项目 ' || project_key || ' 满分' as reported_label,
        'Σ指标分值' as computed_label
    from indicator_sums
),

-- each indicator under its 一级 label (group key '') and under its 二级 label (group key: the label),
-- so that one equi-join finds the indicators of a group of either level (a join on "level 1, or the
-- same 二级" compared every group with every indicator: 85 s at 10,000 documents)
indicator_groups as (
    select
        *,
        '' as group_key
    from indicators
    union all
    select
        *,
        level2 as group_key
    from indicators
    where level2 is not null
),

group_sums as (
    select
        groups.document_id,
        groups.project_key,
        groups.group_level,
        groups.level1,
        groups.level2,
        groups.declared_weight,
        groups.declared_text,
        groups.source_line,
        sum(indicators.weight) as weight_sum,
        sum(
            case
                when indicators.weight <> round(indicators.weight, 0)
                    then {{ half_unit(needed_decimals('indicators.weight'), "'分'") }}
                else 0
            end
        ) as weight_tolerance,
        count(indicators.source_line) - count(indicators.weight) as weights_missing,
        count(indicators.source_line) as indicator_count,
        min(indicators.source_line) || '–' || max(indicators.source_line) as part_lines
    from groups
    left join indicator_groups as indicators
        on
            groups.document_id = indicators.document_id
            and groups.project_key = indicators.project_key
            and groups.level1 = indicators.level1
            and (case when groups.group_level = 1 then '' else groups.level2 end) = indicators.group_key
    group by all
),

group_weight_checks as (
    select
        document_id,
        'p_group_weights_sum_declared' as check_id,
        project_key || ':' || coalesce(level2, level1) as row_key,
        'weight' as column_key,
        'eq' as comparison,
        cast(declared_weight as decimal(38, 6)) as reported,
        case
            when declared_weight <> round(declared_weight, 0)
                then {{ half_unit(needed_decimals('declared_weight'), "'分'") }}
            else cast(0 as decimal(38, 6))
        end as reported_tolerance,
        cast(weight_sum as decimal(38, 6)) as computed,
        cast(weight_tolerance as decimal(38, 6)) as computed_tolerance,
        indicator_count as parts_count,
        case when indicator_count = 0 then 1 else weights_missing end as parts_missing,
        source_line as reported_line,
        part_lines,
        '分' as unit,
        2 as decimals,
        '项目 ' || project_key || ' “' || declared_text || '”' as reported_label,
        'Σ“' || coalesce(level2, level1) || '”下的指标分值' as computed_label
    from group_sums
),

score_checks as (
    select
        indicator_sums.document_id,
        'p_scores_sum_total' as check_id,
        indicator_sums.project_key as row_key,
        'score' as column_key,
        'eq' as comparison,
        cast(projects.total_score as decimal(38, 6)) as reported,
        {{ half_unit(needed_decimals('projects.total_score'), "'分'") }} as reported_tolerance,
        cast(indicator_sums.score_sum as decimal(38, 6)) as computed,
        cast(indicator_sums.score_tolerance as decimal(38, 6)) as computed_tolerance,
        indicator_sums.indicator_count as parts_count,
        indicator_sums.scores_missing as parts_missing,
        projects.source_line as reported_line,
        indicator_sums.part_lines,
        '分' as unit,
        2 as decimals,
        '项目 ' || indicator_sums.project_key || ' 总分' as reported_label,
        'Σ指标得分' as computed_label
    from indicator_sums
    inner join projects
        on
            indicator_sums.document_id = projects.document_id
            and indicator_sums.project_key = projects.project_key
),

score_weight_checks as (
    select
        document_id,
        'p_score_le_weight' as check_id,
        project_key || ':' || source_line as row_key,
        'score' as column_key,
        'le' as comparison,
        cast(score as decimal(38, 6)) as reported,
        case
            when score <> round(score, 0) then {{ half_unit(needed_decimals('score'), "'分'") }}
            else cast(0 as decimal(38, 6))
        end as reported_tolerance,
        cast(weight as decimal(38, 6)) as computed,
        case
            when weight <> round(weight, 0) then {{ half_unit(needed_decimals('weight'), "'分'") }}
            else cast(0 as decimal(38, 6))
        end as computed_tolerance,
        1 as parts_count,
        case when weight is null then 1 else 0 end as parts_missing,
        source_line as reported_line,
        cast(source_line as varchar) as part_lines,
        '分' as unit,
        2 as decimals,
        '项目 ' || project_key || ' 指标“' || left(indicator_name, 20) || '”得分' as reported_label,
        '分值' as computed_label
    from indicators
),

money as (
    select
        projects.*,
        documents.reported_unit as document_unit,
        case when documents.reported_unit = '万元' then cast(0.0001 as decimal(18, 4)) else 1 end as scale,
        coalesce(projects.funds_received_yuan, projects.budget_yuan) as base_yuan,
        coalesce(
            projects.execution_rate_decimals + 2,
            greatest({{ needed_decimals('projects.execution_rate_reported') }}, 2)
        ) as rate_decimals
    from projects
    left join documents on projects.document_id = documents.document_id
),

rate_checks as (
    select
        document_id,
        'p_execution_rate' as check_id,
        project_key as row_key,
        'execution_rate' as column_key,
        'eq' as comparison,
        cast(execution_rate_reported as decimal(38, 6)) as reported,
        {{ half_unit('rate_decimals', "'%'") }} as reported_tolerance,
        case
            when base_yuan > 0
                then {{ at_printed_precision(exact_ratio('executed_yuan', 'base_yuan'), 'execution_rate_reported',
                                             'rate_decimals') }}
        end as computed,
        case
            when base_yuan > 0
                then {{ exact_ratio(
                    half_unit(needed_decimals('executed_yuan * scale'), 'document_unit')
                    ~ ' + 2 * ' ~ half_unit(needed_decimals('base_yuan * scale'), 'document_unit'),
                    'base_yuan') }} + cast(0.000002 as decimal(38, 6))
        end as computed_tolerance,
        2 as parts_count,
        case when executed_yuan is null or base_yuan is null or base_yuan <= 0 then 1 else 0 end
            as parts_missing,
        source_line as reported_line,
        cast(source_line as varchar) as part_lines,
        'ratio' as unit,
        4 as decimals,
        '项目 ' || project_key || ' 执行率' as reported_label,
        case when funds_received_yuan is null then '执行数 / 预算数' else '支出 / 到位' end as computed_label
    from money
),

funds_checks as (
    select
        document_id,
        'p_funds_received_le_budget_adjusted' as check_id,
        project_key as row_key,
        'funds_received' as column_key,
        'le' as comparison,
        cast(funds_received_yuan as decimal(38, 6)) as reported,
        {{ half_unit(needed_decimals('funds_received_yuan * scale'), 'document_unit') }} as reported_tolerance,
        cast(budget_yuan + adjusted_yuan as decimal(38, 6)) as computed,
        {{ half_unit(needed_decimals('budget_yuan * scale'), 'document_unit') }}
        + {{ half_unit(needed_decimals('adjusted_yuan * scale'), 'document_unit') }} as computed_tolerance,
        2 as parts_count,
        case when budget_yuan is null or adjusted_yuan is null then 1 else 0 end as parts_missing,
        source_line as reported_line,
        cast(source_line as varchar) as part_lines,
        document_unit as unit,
        4 as decimals,
        '项目 ' || project_key || ' 实际到位' as reported_label,
        '年初预算 + 年中调整' as computed_label
    from money
    where funds_received_yuan is not null or adjusted_yuan is not null
),

balance_checks as (
    select
        document_id,
        'p_balance_eq_received_minus_executed' as check_id,
        project_key as row_key,
        'balance' as column_key,
        'eq' as comparison,
        cast(balance_yuan as decimal(38, 6)) as reported,
        {{ half_unit(needed_decimals('balance_yuan * scale'), 'document_unit') }} as reported_tolerance,
        cast(funds_received_yuan - executed_yuan as decimal(38, 6)) as computed,
        {{ half_unit(needed_decimals('funds_received_yuan * scale'), 'document_unit') }}
        + {{ half_unit(needed_decimals('executed_yuan * scale'), 'document_unit') }} as computed_tolerance,
        2 as parts_count,
        case when funds_received_yuan is null or executed_yuan is null then 1 else 0 end as parts_missing,
        source_line as reported_line,
        cast(source_line as varchar) as part_lines,
        document_unit as unit,
        4 as decimals,
        '项目 ' || project_key || ' 结余' as reported_label,
        '实际到位 − 实际支出' as computed_label
    from money
    where balance_yuan is not null
),

grade_checks as (
    -- reported: the total; computed: the total moved into the printed grade's band (equal when it is in it)
    select
        document_id,
        'p_grade_band' as check_id,
        project_key as row_key,
        'grade' as column_key,
        'eq' as comparison,
        cast(total_score as decimal(38, 6)) as reported,
        cast(0 as decimal(38, 6)) as reported_tolerance,
        cast(
            case grade
                when '优' then greatest(total_score, 90)
                when '良' then least(greatest(total_score, 80), 89.9999)
                when '中' then least(greatest(total_score, 60), 79.9999)
                when '差' then least(total_score, 59.9999)
            end as decimal(38, 6)
        ) as computed,
        cast(0 as decimal(38, 6)) as computed_tolerance,
        1 as parts_count,
        case when grade not in ('优', '良', '中', '差') then 1 else 0 end as parts_missing,
        source_line as reported_line,
        cast(source_line as varchar) as part_lines,
        '分' as unit,
        2 as decimals,
        '项目 ' || project_key || ' 总分' as reported_label,
        '等级“' || grade || '”的分数段' as computed_label
    from projects
    where grade is not null
),

all_checks as (
    select * from weight_checks
    union all
    select * from group_weight_checks
    union all
    select * from score_checks
    union all
    select * from score_weight_checks
    union all
    select * from rate_checks
    union all
    select * from funds_checks
    union all
    select * from balance_checks
    union all
    select * from grade_checks
)

select {{ dq_columns("'performance'", 'cast(null as varchar)') }}
from all_checks
{%- endcall %}
