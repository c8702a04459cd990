-- Balancing identities of tables 01 and 04 (the summary lines), per fund column of 04:
-- 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余; 总计 = 本年支出合计 + 结余分配 +
-- 年末结转和结余; 收入总计 = 支出总计; 本年收入合计 = Σ income lines; 04 年初/年末 (合计) = Σ funds.
{%- set funds = ['all', 'general_public_budget', 'government_fund', 'state_capital'] %}
{% call check_documents_to_build() -%}
with lines as (
    select * from {{ ref('dq_summary_lines') }} {{ documents_to_check_only() }}
),

income_lines as (
    select * from {{ ref('fct_income') }}
    where table_code in ('01', '04') and subject_code is null
),

rules as (
    select
        rule_values.table_code,
        rule_values.check_id,
        rule_values.total_key,
        rule_values.total_side,
        rule_values.total_fund,
        rule_values.part_key,
        rule_values.part_side,
        rule_values.part_fund
    from (
        values
        ('01', 't01_income_grand_total', 'grand_total', 'income', 'all', 'income_total', 'income', 'all'),
        ('01', 't01_income_grand_total', 'grand_total', 'income', 'all', 'non_fiscal_balance_used', 'income', 'all'),
        ('01', 't01_income_grand_total', 'grand_total', 'income', 'all', 'opening_balance', 'income', 'all'),
        (
            '01', 't01_expenditure_grand_total', 'grand_total', 'expenditure',
            'all', 'expenditure_total', 'expenditure', 'all'
        ),
        (
            '01', 't01_expenditure_grand_total', 'grand_total', 'expenditure',
            'all', 'surplus_distribution', 'expenditure', 'all'
        ),
        (
            '01', 't01_expenditure_grand_total', 'grand_total', 'expenditure',
            'all', 'closing_balance', 'expenditure', 'all'
        ),
        ('01', 't01_grand_totals_balance', 'grand_total', 'income', 'all', 'grand_total', 'expenditure', 'all'),
        ('04', 't04_income_grand_total', 'grand_total', 'income', 'all', 'income_total', 'income', 'all'),
        ('04', 't04_income_grand_total', 'grand_total', 'income', 'all', 'opening_balance', 'income', 'all'),
        ('04', 't04_grand_totals_balance', 'grand_total', 'income', 'all', 'grand_total', 'expenditure', 'all'),
        {%- for fund in funds %}
            (
                '04', 't04_expenditure_grand_total', 'grand_total', 'expenditure',
                '{{ fund }}', 'expenditure_total', 'expenditure', '{{ fund }}'
            ),
            (
                '04', 't04_expenditure_grand_total', 'grand_total', 'expenditure',
                '{{ fund }}', 'closing_balance', 'expenditure', '{{ fund }}'
            ),
        {%- endfor %}
        {%- for fund in funds[1:] %}
            (
                '04', 't04_opening_eq_sum_funds', 'opening_balance', 'income',
                'all', 'opening_balance', 'income', '{{ fund }}'
            ),
            (
                '04', 't04_closing_eq_sum_funds', 'closing_balance', 'expenditure',
                'all', 'closing_balance', 'expenditure', '{{ fund }}'
            ),
        {%- endfor %}
        ('--', '--', '--', '--', '--', '--', '--', '--')
    ) as rule_values (table_code, check_id, total_key, total_side, total_fund, part_key, part_side, part_fund)
    where rule_values.table_code <> '--'
),

documents as (
    select distinct
        document_id,
        table_code
    from lines
),

parts as (
    select
        documents.document_id,
        rules.table_code,
        rules.check_id,
        rules.total_key,
        rules.total_side,
        rules.total_fund,
        {{ sum_of_parts('lines') }},
        string_agg(
            coalesce(lines.line_label, rules.part_key), ' + '
            order by coalesce(lines.line_label, rules.part_key)
        ) as computed_label
    from documents
    inner join rules on documents.table_code = rules.table_code
    left join lines
        on
            documents.document_id = lines.document_id
            and rules.table_code = lines.table_code
            and rules.part_key = lines.line_key
            and rules.part_side = lines.side
            and rules.part_fund = lines.fund_type
    group by
        documents.document_id, rules.table_code, rules.check_id, rules.total_key, rules.total_side, rules.total_fund
),

income_checks as (
    select
        income.document_id,
        income.table_code,
        't' || income.table_code || '_income_total_eq_sum_lines' as check_id,
        'income_total' as total_key,
        'income' as total_side,
        'all' as total_fund,
        {{ sum_of_parts('income') }},
        'Σ收入各项' as computed_label
    from income_lines as income
    group by income.document_id, income.table_code
),

all_checks as (
    select * from parts
    union all
    select * from income_checks
)

select
    all_checks.document_id,
    all_checks.check_id,
    'table' as check_family,
    all_checks.table_code,
    all_checks.total_key as row_key,
    all_checks.total_side || ':' || all_checks.total_fund as column_key,
    'eq' as comparison,
    {{ total_against_parts('totals', 'all_checks') }},
    all_checks.table_code || ' 表 ' || coalesce(totals.line_label, all_checks.total_key)
    || case when all_checks.total_fund = 'all' then '' else '（' || all_checks.total_fund || '）' end
    || case when all_checks.total_side = 'expenditure' then '（支出方）' else '（收入方）' end as reported_label,
    all_checks.computed_label
from all_checks
left join lines as totals
    on
        all_checks.document_id = totals.document_id
        and all_checks.table_code = totals.table_code
        and all_checks.total_key = totals.line_key
        and all_checks.total_side = totals.side
        and all_checks.total_fund = totals.fund_type
{%- endcall %}
