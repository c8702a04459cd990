-- The same figure printed in two budget tables (n = 1), and containments (≤):
-- B01 本年收入 = B02 合计, B01 income lines = B02 合计行 per source, B01 本年支出 = B03 合计,
-- B01 classes = B03 classes, B01 财政拨款收入 = B04 本年收入, B01 fund lines = B04 fund lines,
-- B04 一般公共预算 本年支出 = B05 合计 (and per class), B05 基本支出合计 = B08 合计;
-- B08 30212/30217/30231/31013 ≤ the matching B09 “三公” budget (B08 is basic spending only);
-- B09 机关运行经费 ≤ B08 公用经费合计 (机关运行经费 is the 日常公用经费 of administrative units).
-- A rule is evaluated for every key (class code, income source, fund) either table prints; a pair
-- where one table does not print the figure is not evaluated, unless the printed one is 0.
{% call check_documents_to_build() -%}
with figures as (
    select * from {{ ref('dq_budget_figures') }} {{ documents_to_check_only() }}
),

rules as (
    select
        rule_values.check_id,
        rule_values.key_domain,
        rule_values.a_table,
        rule_values.a_row,
        rule_values.a_column,
        rule_values.b_table,
        rule_values.b_row,
        rule_values.b_column,
        rule_values.comparison,
        rule_values.a_label,
        rule_values.b_label
    from (
        values
        (
            'xb01_02_income_total', 'none', 'B01', 'year_income', 'all', 'B02', 'TOTAL', 'total', 'eq',
            'B01 表 本年收入', 'B02 表 合计'
        ),
        (
            'xb01_02_income_source', 'source', 'B01', 'income:<key>', 'line', 'B02', 'TOTAL', '<key>', 'eq',
            'B01 表 收入', 'B02 表 合计行'
        ),
        (
            'xb01_03_expenditure_total', 'none', 'B01', 'year_expenditure', 'all', 'B03', 'TOTAL', 'total', 'eq',
            'B01 表 本年支出', 'B03 表 合计'
        ),
        ('xb01_03_class', 'class', 'B01', '<key>', 'all', 'B03', '<key>', 'total', 'eq', 'B01 表 类', 'B03 表 类'),
        (
            'xb01_04_fiscal_income', 'none', 'B01', 'income:fiscal_appropriation', 'line', 'B04', 'year_income', 'all',
            'eq', 'B01 表 财政拨款收入', 'B04 表 本年收入'
        ),
        (
            'xb01_04_fund_income', 'fund', 'B01', 'income:<key>', 'line', 'B04', 'income:<key>', 'line', 'eq',
            'B01 表 财政拨款收入', 'B04 表 收入'
        ),
        (
            'xb04_05_gpb_total', 'none', 'B04', 'year_expenditure', 'general_public_budget', 'B05', 'TOTAL', 'total',
            'eq', 'B04 表 一般公共预算 本年支出', 'B05 表 合计'
        ),
        (
            'xb04_05_class', 'class', 'B04', '<key>', 'general_public_budget', 'B05', '<key>', 'total', 'eq',
            'B04 表 一般公共预算 类', 'B05 表 类'
        ),
        (
            'xb05_08_basic_total', 'none', 'B05', 'TOTAL', 'basic', 'B08', 'TOTAL', 'basic', 'eq',
            'B05 表 基本支出合计', 'B08 表 合计'
        ),
        (
            'xb08_09_overseas_travel', 'none', 'B08', '30212', 'basic', 'B09', 'overseas_travel', 'budget', 'le',
            'B08 表 30212 因公出国（境）费用', 'B09 表 因公出国（境）费'
        ),
        (
            'xb08_09_reception', 'none', 'B08', '30217', 'basic', 'B09', 'reception', 'budget', 'le',
            'B08 表 30217 公务接待费', 'B09 表 公务接待费'
        ),
        (
            'xb08_09_vehicle_operation', 'none', 'B08', '30231', 'basic', 'B09', 'vehicle_operation', 'budget', 'le',
            'B08 表 30231 公务用车运行维护费', 'B09 表 公务用车运行费'
        ),
        (
            'xb08_09_vehicle_purchase', 'none', 'B08', '31013', 'basic', 'B09', 'vehicle_purchase', 'budget', 'le',
            'B08 表 31013 公务用车购置', 'B09 表 公务用车购置费'
        ),
        (
            'xb09_08_agency_operating', 'none', 'B09', 'AGENCY_OPERATING', 'public', 'B08', 'TOTAL', 'public', 'le',
            'B09 表 机关运行经费', 'B08 表 公用经费合计'
        )
    ) as rule_values (
        check_id, key_domain, a_table, a_row, a_column, b_table, b_row, b_column, comparison, a_label, b_label
    )
),

fixed_keys as (
    select
        key_values.key_domain,
        key_values.key_value
    from (
        values
        ('none', '-'),
        ('source', 'fiscal_appropriation'),
        ('source', 'superior_subsidy'),
        ('source', 'business'),
        ('source', 'operating'),
        ('source', 'subsidiary_remit'),
        ('source', 'other'),
        ('fund', 'general_public_budget'),
        ('fund', 'government_fund'),
        ('fund', 'state_capital')
    ) as key_values (key_domain, key_value)
),

keyed as (
    -- every (document, rule, key) to evaluate: fixed keys for documents that print either table,
    -- class codes that either table prints
    select distinct
        figures.document_id,
        rules.check_id,
        fixed_keys.key_value
    from rules
    inner join fixed_keys on rules.key_domain = fixed_keys.key_domain
    inner join figures on figures.table_code in (rules.a_table, rules.b_table)
    union
    select distinct
        figures.document_id,
        rules.check_id,
        figures.row_key as key_value
    from rules
    inner join figures on figures.table_code in (rules.a_table, rules.b_table)
    where rules.key_domain = 'class' and regexp_full_match(figures.row_key, '[0-9]{3}')
),

pairs as (
    select
        keyed.document_id,
        rules.check_id,
        rules.a_table as table_code,
        rules.comparison,
        a.amount_yuan as reported,
        a.reported_unit,
        a.reported_decimals,
        a.source_line as reported_line,
        b.amount_yuan as computed,
        b.reported_unit as computed_unit,
        b.reported_decimals as computed_decimals,
        b.source_line as computed_line,
        replace(rules.a_row, '<key>', keyed.key_value) as row_key,
        replace(rules.a_column, '<key>', keyed.key_value) as column_key,
        rules.a_label || case when rules.key_domain = 'none' then '' else ' ' || keyed.key_value end as reported_label,
        rules.b_label || case when rules.key_domain = 'none' then '' else ' ' || keyed.key_value end as computed_label
    from keyed
    inner join rules on keyed.check_id = rules.check_id
    left join figures as a
        on
            keyed.document_id = a.document_id
            and rules.a_table = a.table_code
            and replace(rules.a_row, '<key>', keyed.key_value) = a.row_key
            and replace(rules.a_column, '<key>', keyed.key_value) = a.column_key
    left join figures as b
        on
            keyed.document_id = b.document_id
            and rules.b_table = b.table_code
            and replace(rules.b_row, '<key>', keyed.key_value) = b.row_key
            and replace(rules.b_column, '<key>', keyed.key_value) = b.column_key
    where
        (a.amount_yuan is not null and b.amount_yuan is not null)
        or coalesce(a.amount_yuan, b.amount_yuan) <> 0
)

select
    document_id,
    check_id,
    'cross_table' as check_family,
    table_code,
    row_key,
    column_key,
    comparison,
    {{ printed_pair(rounding_note='false') }},
    reported_label,
    computed_label
from pairs
{%- endcall %}
