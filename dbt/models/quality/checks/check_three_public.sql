-- "三公" identities, for budget and actual, in table 07 and in the prose that restates them:
-- 合计 = 因公出国（境） + 公务用车购置及运行 + 公务接待; 公务用车 = 购置 + 运行.
-- A budget (部门预算) prints its "三公" budget in table B09: its rules are named b09_ / b_n_three_public_.
-- Figures come from dq_three_public (blank cells of table 07 count as 0 where the template prints them).
{% call check_documents_to_build() -%}
with budgets as (
    select document_id from {{ ref('dim_document') }}
    where document_kind = 'budget'
),

figures as (
    select * from {{ ref('dq_three_public') }}
    qualify row_number() over (
        partition by document_id, source, category, measure, period order by source_line
    ) = 1
),

rules as (
    select
        rule_values.rule_name,
        rule_values.total_category,
        rule_values.part_category,
        rule_values.part_label
    from (
        values
        ('total_eq_parts', 'total', 'overseas_travel', '因公出国（境）'),
        ('total_eq_parts', 'total', 'vehicle', '公务用车购置及运行'),
        ('total_eq_parts', 'total', 'reception', '公务接待'),
        ('vehicle_eq_purchase_operation', 'vehicle', 'vehicle_purchase', '购置'),
        ('vehicle_eq_purchase_operation', 'vehicle', 'vehicle_operation', '运行')
    ) as rule_values (rule_name, total_category, part_category, part_label)
),

groups as (
    select distinct
        document_id,
        source,
        measure,
        period
    from figures
),

parts as (
    select
        groups.document_id,
        groups.source,
        groups.measure,
        groups.period,
        rules.rule_name,
        rules.total_category,
        {{ sum_of_parts('figures') }},
        string_agg(rules.part_label, ' + ' order by rules.part_label) as computed_label
    from groups
    cross join rules
    left join figures
        on
            groups.document_id = figures.document_id
            and groups.source = figures.source
            and groups.measure = figures.measure
            and groups.period = figures.period
            and rules.part_category = figures.category
    group by groups.document_id, groups.source, groups.measure, groups.period, rules.rule_name, rules.total_category
)

select
    parts.document_id,
    case
        when parts.source = 'table' and budgets.document_id is not null then 'b09_'
        when parts.source = 'table' then 't07_'
        when budgets.document_id is not null then 'b_n_three_public_'
        else 'n_three_public_'
    end || parts.rule_name as check_id,
    case when parts.source = 'table' then 'table' else 'narrative' end as check_family,
    case when parts.source = 'table' then case when budgets.document_id is null then '07' else 'B09' end end
        as table_code,
    parts.total_category as row_key,
    parts.measure || ':' || parts.period as column_key,
    'eq' as comparison,
    {{ total_against_parts('totals', 'parts') }},
    case
        when parts.source = 'narrative' then '说明 '
        when budgets.document_id is null then '07 表 '
        else 'B09 表 '
    end
    || case parts.total_category when 'total' then '“三公”合计' else '公务用车购置及运行' end
    || case parts.measure when 'budget' then '（预算）' else '（决算）' end
    || case when parts.period = 'current' then '' else '（' || parts.period || '）' end as reported_label,
    parts.computed_label
from parts
left join budgets on parts.document_id = budgets.document_id
left join figures as totals
    on
        parts.document_id = totals.document_id
        and parts.source = totals.source
        and parts.measure = totals.measure
        and parts.period = totals.period
        and parts.total_category = totals.category
{%- endcall %}
