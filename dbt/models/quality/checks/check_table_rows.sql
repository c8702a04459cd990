-- Row identities: a row's total column = the sum of its part columns.
-- 03: 合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助; 05: 小计 = 基本 + 项目;
-- 02: 合计 = Σ income sources; 04: 合计 = 一般公共预算 + 政府性基金 + 国有资本经营.
-- Every part column the rule names must be printed; otherwise the row is not evaluated.
-- depends_on: {{ ref('check_table_rollups') }}
-- (built after check_table_rollups: the families that join every printed figure run one at a time; two at once
-- held their hash tables together and ran out of DuckDB's memory limit at 10,000 documents)
{% call check_documents_to_build() -%}
with figures as (
    select * from {{ ref('dq_table_figures') }} {{ documents_to_check_only() }}
),

rules as (
    select
        rule_values.table_code,
        rule_values.check_id,
        rule_values.total_key,
        rule_values.part_key
    from (
        values
        ('03', 't03_total_eq_sum_types', 'total', 'basic'),
        ('03', 't03_total_eq_sum_types', 'total', 'project'),
        ('03', 't03_total_eq_sum_types', 'total', 'upper_remit'),
        ('03', 't03_total_eq_sum_types', 'total', 'operating'),
        ('03', 't03_total_eq_sum_types', 'total', 'subsidiary'),
        ('05', 't05_total_eq_basic_project', 'total', 'basic'),
        ('05', 't05_total_eq_basic_project', 'total', 'project'),
        ('02', 't02_total_eq_sum_sources', 'total', 'fiscal_appropriation'),
        ('02', 't02_total_eq_sum_sources', 'total', 'superior_subsidy'),
        ('02', 't02_total_eq_sum_sources', 'total', 'business'),
        ('02', 't02_total_eq_sum_sources', 'total', 'operating'),
        ('02', 't02_total_eq_sum_sources', 'total', 'subsidiary_remit'),
        ('02', 't02_total_eq_sum_sources', 'total', 'other'),
        ('04', 't04_total_eq_sum_funds', 'all', 'general_public_budget'),
        ('04', 't04_total_eq_sum_funds', 'all', 'government_fund'),
        ('04', 't04_total_eq_sum_funds', 'all', 'state_capital')
    ) as rule_values (table_code, check_id, total_key, part_key)
),

rule_labels as (
    -- what a rule sums, named once per rule (an ordered aggregate per evaluated row held every
    -- row's parts in memory at once: 10,000 documents ran out of DuckDB's memory limit)
    select
        table_code,
        check_id,
        string_agg(
            {{ column_label('table_code', 'part_key') }}, ' + '
            order by {{ column_label('table_code', 'part_key') }}
        ) as computed_label
    from rules
    group by table_code, check_id
),

table_rows as (
    select distinct
        document_id,
        table_code,
        row_key
    from figures
),

parts as (
    select
        table_rows.document_id,
        rules.table_code,
        rules.check_id,
        rules.total_key,
        table_rows.row_key,
        {{ sum_of_parts('figures') }}
    from table_rows
    inner join rules on table_rows.table_code = rules.table_code
    left join figures
        on
            table_rows.document_id = figures.document_id
            and table_rows.table_code = figures.table_code
            and table_rows.row_key = figures.row_key
            and rules.part_key = figures.column_key
    group by table_rows.document_id, rules.table_code, rules.check_id, rules.total_key, table_rows.row_key
)

select
    parts.document_id,
    parts.check_id,
    'table' as check_family,
    parts.table_code,
    parts.row_key,
    parts.total_key as column_key,
    'eq' as comparison,
    {{ total_against_parts('totals', 'parts') }},
    parts.table_code || ' 表 '
    || case when parts.row_key = 'TOTAL' then '合计行' else '科目 ' || parts.row_key end
    || ' ' || {{ column_label('parts.table_code', 'parts.total_key') }} as reported_label,
    rule_labels.computed_label
from parts
inner join rule_labels on parts.table_code = rule_labels.table_code and parts.check_id = rule_labels.check_id
left join figures as totals
    on
        parts.document_id = totals.document_id
        and parts.table_code = totals.table_code
        and parts.row_key = totals.row_key
        and parts.total_key = totals.column_key
{%- endcall %}
