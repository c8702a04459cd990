-- The same figure printed in two tables (n = 1) and containments (≤) between tables:
-- 01 本年收入合计 = 02 合计; 01 本年支出合计 = 03 合计; 01 classes = 03 classes; 04 一般公共预算
-- 本年支出 = 05 合计 (and per class); 05 基本支出 = 06 合计; 02 财政拨款 = 04 本年收入;
-- 06 30212/30217/30231/31013 ≤ the matching 07 actual; 05 ≤ 03 per row and column.
-- A pair where one table does not print the row is not evaluated, unless the printed figure is 0
-- (tables 03/05 list only the classes that have spending, table 01 prints every class).
-- The same figure in two tables has one value: the tolerance is ½ of the coarser printing's last
-- digit, or ½ + ½ where the document warns of 尾数误差 (see the macro printed_pair).
-- depends_on: {{ ref('check_table_rows') }}
-- (built after check_table_rows: the families that join every printed figure run one at a time; two at once
-- held their hash tables together and ran out of DuckDB's memory limit at 10,000 documents)
{% call check_documents_to_build() -%}
with table_figures as (
    select * from {{ ref('dq_table_figures') }} {{ documents_to_check_only() }}
),

printed_figures as (
    select * from {{ ref('dq_printed_figures') }} {{ documents_to_check_only() }}
),

three_public as (
    select * from {{ ref('dq_three_public') }}
    where source = 'table' and period = 'current'
    qualify row_number() over (partition by document_id, category, measure order by source_line) = 1
),

rounding_notes as (
    select * from {{ ref('dq_rounding_notes') }} {{ documents_to_check_only() }}
),

figures as (
    select * from printed_figures
    union all
    select
        document_id,
        '07' as table_code,
        category as row_key,
        measure as column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from three_public
),

rules as (
    select
        rule_values.check_id,
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
            'x01_02_income_total', '01', 'income_total', 'income:all', '02', 'TOTAL', 'total', 'eq',
            '01 表 本年收入合计', '02 表 合计'
        ),
        (
            'x01_03_expenditure_total', '01', 'expenditure_total', 'expenditure:all', '03', 'TOTAL', 'total', 'eq',
            '01 表 本年支出合计', '03 表 合计'
        ),
        (
            'x01_03_class', '01', '<class>', 'total', '03', '<class>', 'total', 'eq',
            '01 表 类', '03 表 类'
        ),
        (
            'x04_05_gpb_expenditure_total', '04', 'TOTAL', 'general_public_budget', '05', 'TOTAL', 'total', 'eq',
            '04 表 一般公共预算财政拨款 本年支出合计', '05 表 合计'
        ),
        (
            'x04_05_class', '04', '<class>', 'general_public_budget', '05', '<class>', 'total', 'eq',
            '04 表 一般公共预算财政拨款 类', '05 表 类'
        ),
        (
            'x05_06_basic_total', '05', 'TOTAL', 'basic', '06', 'TOTAL', 'basic', 'eq',
            '05 表 基本支出合计', '06 表 合计'
        ),
        (
            'x02_04_fiscal_income', '02', 'TOTAL', 'fiscal_appropriation', '04', 'income_total', 'income:all', 'eq',
            '02 表 财政拨款收入合计', '04 表 本年收入合计'
        ),
        (
            'x06_07_overseas_travel', '06', '30212', 'basic', '07', 'overseas_travel', 'actual', 'le',
            '06 表 30212 因公出国（境）费用', '07 表 因公出国（境）费'
        ),
        (
            'x06_07_reception', '06', '30217', 'basic', '07', 'reception', 'actual', 'le',
            '06 表 30217 公务接待费', '07 表 公务接待费'
        ),
        (
            'x06_07_vehicle_operation', '06', '30231', 'basic', '07', 'vehicle_operation', 'actual', 'le',
            '06 表 30231 公务用车运行维护费', '07 表 公务用车运行维护费'
        ),
        (
            'x06_07_vehicle_purchase', '06', '31013', 'basic', '07', 'vehicle_purchase', 'actual', 'le',
            '06 表 31013 公务用车购置', '07 表 公务用车购置费'
        ),
        (
            'x05_03_total', '05', '<any>', 'total', '03', '<any>', 'total', 'le',
            '05 表 本年支出合计', '03 表 本年支出合计'
        ),
        (
            'x05_03_basic', '05', '<any>', 'basic', '03', '<any>', 'basic', 'le',
            '05 表 基本支出', '03 表 基本支出'
        ),
        (
            'x05_03_project', '05', '<any>', 'project', '03', '<any>', 'project', 'le',
            '05 表 项目支出', '03 表 项目支出'
        )
    ) as rule_values (check_id, a_table, a_row, a_column, b_table, b_row, b_column, comparison, a_label, b_label)
),

matched_keys as (
    -- the row keys a rule is about: its fixed row, or every matching row printed on either side
    select distinct
        figures.document_id,
        rules.check_id,
        case when rules.a_row like '<%' then figures.row_key else rules.a_row end as a_row,
        case when rules.b_row like '<%' then figures.row_key else rules.b_row end as b_row
    from rules
    inner join figures
        on
            (
                (rules.a_table = figures.table_code and rules.a_column = figures.column_key)
                or (rules.b_table = figures.table_code and rules.b_column = figures.column_key)
            )
            and (
                (rules.a_row = '<class>' and regexp_full_match(figures.row_key, '[0-9]{3}'))
                or (rules.a_row = '<any>' and regexp_full_match(figures.row_key, 'TOTAL|[0-9]{3}|[0-9]{5}|[0-9]{7}'))
                or (
                    rules.a_row not like '<%'
                    and (
                        (rules.a_table = figures.table_code and rules.a_row = figures.row_key)
                        or (rules.b_table = figures.table_code and rules.b_row = figures.row_key)
                    )
                )
            )
),

pairs as (
    select
        matched_keys.document_id,
        rules.check_id,
        rules.a_table,
        matched_keys.a_row,
        rules.a_column,
        rules.comparison,
        a.amount_yuan as reported,
        a.reported_unit,
        a.reported_decimals,
        a.source_line as reported_line,
        b.amount_yuan as computed,
        b.reported_unit as computed_unit,
        b.reported_decimals as computed_decimals,
        b.source_line as computed_line,
        rules.a_label || case when rules.a_row like '<%' then ' ' || matched_keys.a_row else '' end as reported_label,
        rules.b_label || case when rules.b_row like '<%' then ' ' || matched_keys.b_row else '' end as computed_label,
        rounding_notes.document_id is not null as rounding_note
    from matched_keys
    inner join rules on matched_keys.check_id = rules.check_id
    left join rounding_notes on matched_keys.document_id = rounding_notes.document_id
    left join figures as a
        on
            matched_keys.document_id = a.document_id
            and rules.a_table = a.table_code
            and matched_keys.a_row = a.row_key
            and rules.a_column = a.column_key
    left join figures as b
        on
            matched_keys.document_id = b.document_id
            and rules.b_table = b.table_code
            and matched_keys.b_row = b.row_key
            and rules.b_column = b.column_key
    where
        (a.amount_yuan is not null and b.amount_yuan is not null)
        or coalesce(a.amount_yuan, b.amount_yuan) <> 0
),

basic_vs_06 as (
    -- 05 基本支出 = 06 人员经费合计 + 公用经费合计
    select
        basic.document_id,
        sum(parts.amount_yuan) as computed,
        sum({{ half_unit('parts.reported_decimals', 'parts.reported_unit') }}) as computed_tolerance,
        count(parts.amount_yuan) as parts_present,
        array_to_string(list_sort(list_distinct(list(parts.source_line))), ', ') as part_lines
    from table_figures as basic
    left join table_figures as parts
        on
            basic.document_id = parts.document_id
            and parts.table_code = '06'
            and parts.row_key in ('PERSONNEL_TOTAL', 'PUBLIC_TOTAL')
            and parts.column_key = 'basic'
    where basic.table_code = '05' and basic.row_key = 'TOTAL' and basic.column_key = 'basic'
    group by basic.document_id
)

select
    document_id,
    check_id,
    'cross_table' as check_family,
    a_table as table_code,
    a_row as row_key,
    a_column as column_key,
    comparison,
    {{ printed_pair() }},
    reported_label,
    computed_label
from pairs

union all

select
    basic_vs_06.document_id,
    'x05_06_basic_eq_personnel_public' as check_id,
    'cross_table' as check_family,
    '05' as table_code,
    'TOTAL' as row_key,
    'basic' as column_key,
    'eq' as comparison,
    cast(basic.amount_yuan as decimal(38, 6)) as reported,
    {{ half_unit('basic.reported_decimals', 'basic.reported_unit') }} as reported_tolerance,
    cast(basic_vs_06.computed as decimal(38, 6)) as computed,
    cast(basic_vs_06.computed_tolerance as decimal(38, 6)) as computed_tolerance,
    2 as parts_count,
    2 - basic_vs_06.parts_present as parts_missing,
    basic.source_line as reported_line,
    basic_vs_06.part_lines,
    basic.reported_unit as unit,
    basic.reported_decimals as decimals,
    '05 表 基本支出合计' as reported_label,
    '06 表 人员经费合计 + 公用经费合计' as computed_label
from basic_vs_06
inner join table_figures as basic
    on
        basic_vs_06.document_id = basic.document_id
        and basic.table_code = '05'
        and basic.row_key = 'TOTAL'
        and basic.column_key = 'basic'
{%- endcall %}
