-- Identities within one budget table, per amount column:
-- roll-ups of B02, B03, B05–B07 (合计 = Σ类, 类 = Σ款, 款 = Σ项) and B08 (合计 = Σ类, 类 = Σ款);
-- row identities: B02 合计 = Σ income sources and 财政拨款收入 = Σ funds; B03 合计 = Σ expenditure
-- types; B05–B07 合计 = 基本支出 + 项目支出; 基本支出 = 人员经费 + 公用经费 (B03, B05 when they split it,
-- and every row of B08); B04 合计 = Σ fund columns.
-- The budget templates print blanks for nothing: a blank cell is not a part; a total without a
-- printed figure, or all of whose parts are blank, is not evaluated.
{%- set sources = ['fiscal_appropriation', 'superior_subsidy', 'business', 'operating', 'subsidiary_remit', 'other'] %}
{%- set funds = ['general_public_budget', 'government_fund', 'state_capital'] %}
{% call check_documents_to_build() -%}
with figures as (
    select * from {{ ref('dq_budget_figures') }} {{ documents_to_check_only() }}
),

children as (
    select
        document_id,
        table_code,
        column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line,
        length(row_key) as code_length,
        case length(row_key)
            when 3 then 'TOTAL'
            when 5 then left(row_key, 3)
            when 7 then left(row_key, 5)
        end as parent_key
    from figures
    where
        table_code in ('B02', 'B03', 'B05', 'B06', 'B07', 'B08')
        and regexp_full_match(row_key, '[0-9]{3}|[0-9]{5}|[0-9]{7}')
),

rollup_sums as (
    select
        children.document_id,
        children.table_code,
        children.parent_key,
        children.column_key,
        children.code_length,
        {{ sum_of_parts('children') }}
    from children
    group by children.document_id, children.table_code, children.parent_key, children.column_key, children.code_length
),

rollups as (
    select
        sums.document_id,
        lower(sums.table_code) || '_' || case
            when sums.code_length = 3 then 'total_eq_sum_classes'
            when sums.table_code = 'B08' then 'class_eq_sum_items'
            when sums.code_length = 5 then 'class_eq_sum_kuan'
            else 'kuan_eq_sum_xiang'
        end as check_id,
        sums.table_code,
        sums.parent_key as row_key,
        sums.column_key,
        {{ total_against_parts('parents', 'sums') }},
        sums.table_code || ' 表 '
        || case
            when sums.parent_key = 'TOTAL' then '合计'
            when length(sums.parent_key) = 3 then '类 ' || sums.parent_key
            else '款 ' || sums.parent_key
        end || '（' || sums.column_key || '）' as reported_label,
        case when sums.code_length = 3 then 'Σ类' when sums.code_length = 5 then 'Σ款' else 'Σ项' end as computed_label
    from rollup_sums as sums
    left join figures as parents
        on
            sums.document_id = parents.document_id
            and sums.table_code = parents.table_code
            and sums.parent_key = parents.row_key
            and sums.column_key = parents.column_key
),

row_rules as (
    select
        rule_values.table_code,
        rule_values.check_id,
        rule_values.total_key,
        rule_values.part_key,
        rule_values.unless_key
    from (
        values
        {%- for source in sources %}
            ('B02', 'b02_total_eq_sum_sources', 'total', '{{ source }}', null),
        {%- endfor %}
        {%- for fund in funds %}
            -- a fund column is a part of 合计 only where the row prints no 财政拨款收入 subtotal
            ('B02', 'b02_total_eq_sum_sources', 'total', '{{ fund }}', 'fiscal_appropriation'),
            ('B02', 'b02_fiscal_eq_sum_funds', 'fiscal_appropriation', '{{ fund }}', null),
            ('B04', 'b04_total_eq_sum_funds', 'all', '{{ fund }}', null),
        {%- endfor %}
        {%- for part in ['basic', 'project', 'upper_remit', 'operating', 'subsidiary'] %}
            ('B03', 'b03_total_eq_sum_types', 'total', '{{ part }}', null),
        {%- endfor %}
        {%- for table in ['B05', 'B06', 'B07'] %}
            ('{{ table }}', '{{ table | lower }}_total_eq_basic_project', 'total', 'basic', null),
            ('{{ table }}', '{{ table | lower }}_total_eq_basic_project', 'total', 'project', null),
        {%- endfor %}
        {%- for table in ['B03', 'B05', 'B08'] %}
            ('{{ table }}', '{{ table | lower }}_basic_eq_personnel_public', 'basic', 'personnel', null),
            ('{{ table }}', '{{ table | lower }}_basic_eq_personnel_public', 'basic', 'public', null),
        {%- endfor %}
        ('--', '--', '--', '--', null)
    ) as rule_values (table_code, check_id, total_key, part_key, unless_key)
    where rule_values.table_code <> '--'
),

row_parts as (
    select
        totals.document_id,
        row_rules.table_code,
        row_rules.check_id,
        totals.row_key,
        totals.column_key as total_key,
        {{ sum_of_parts('parts') }},
        string_agg(parts.column_key, ' + ' order by parts.column_key) as computed_label
    from figures as totals
    inner join row_rules on totals.table_code = row_rules.table_code and totals.column_key = row_rules.total_key
    inner join figures as parts
        on
            totals.document_id = parts.document_id
            and totals.table_code = parts.table_code
            and totals.row_key = parts.row_key
            and row_rules.part_key = parts.column_key
    where
        totals.row_key not like 'income:%'
        and not exists (
            select 1 from figures as subtotal
            where
                subtotal.document_id = totals.document_id
                and subtotal.table_code = totals.table_code
                and subtotal.row_key = totals.row_key
                and subtotal.column_key = row_rules.unless_key
        )
    group by totals.document_id, row_rules.table_code, row_rules.check_id, totals.row_key, totals.column_key
),

row_checks as (
    select
        row_parts.document_id,
        row_parts.check_id,
        row_parts.table_code,
        row_parts.row_key,
        row_parts.total_key as column_key,
        {{ total_against_parts('totals', 'row_parts') }},
        row_parts.table_code || ' 表 '
        || case when row_parts.row_key = 'TOTAL' then '合计行' else '科目 ' || row_parts.row_key end
        || ' ' || row_parts.total_key as reported_label,
        row_parts.computed_label
    from row_parts
    inner join figures as totals
        on
            row_parts.document_id = totals.document_id
            and row_parts.table_code = totals.table_code
            and row_parts.row_key = totals.row_key
            and row_parts.total_key = totals.column_key
),

-- the balancing lines of B01 and B04: 收入总计 = Σ income lines + 上年结转; 支出总计 = Σ classes (per
-- fund column) + 年末结转; 收入总计 = 支出总计; B01 财政拨款收入 = Σ its fund lines
balance_parts as (
    select
        document_id,
        table_code,
        'income:all' as total_column,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line,
        row_key as part_label
    from figures
    where
        table_code in ('B01', 'B04')
        and (
            row_key in ('opening_balance')
            or row_key in (
                'income:fiscal_appropriation', 'income:superior_subsidy', 'income:business',
                'income:operating', 'income:subsidiary_remit', 'income:other'
            )
            or (
                row_key in (
                    'income:general_public_budget', 'income:government_fund', 'income:state_capital'
                )
                and not exists (
                    select 1 from figures as fiscal
                    where
                        fiscal.document_id = figures.document_id
                        and fiscal.table_code = figures.table_code
                        and fiscal.row_key = 'income:fiscal_appropriation'
                )
            )
        )
        and column_key in ('line', 'income:all')

    union all

    select
        document_id,
        table_code,
        'expenditure:' || case when row_key = 'TOTAL' then 'all' else column_key end as total_column,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line,
        row_key as part_label
    from figures
    where
        table_code in ('B01', 'B04')
        and (
            (
                subject_level = 1
                and column_key in (
                    'all',
                    'general_public_budget', 'government_fund', 'state_capital'
                )
            )
            -- a side that lists spending by type (一、基本支出 二、项目支出) instead of by class
            or (row_key = 'TOTAL' and column_key in ('basic', 'project'))
        )

    union all

    select
        document_id,
        table_code,
        column_key as total_column,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line,
        row_key as part_label
    from figures
    where table_code in ('B01', 'B04') and row_key = 'closing_balance'
),

balance_sums as (
    select
        balance_parts.document_id,
        balance_parts.table_code,
        balance_parts.total_column,
        {{ sum_of_parts('balance_parts') }},
        string_agg(balance_parts.part_label, ' + ' order by balance_parts.source_line) as computed_label
    from balance_parts
    group by balance_parts.document_id, balance_parts.table_code, balance_parts.total_column
),

balance_checks as (
    select
        sums.document_id,
        lower(sums.table_code) || '_' || split_part(sums.total_column, ':', 1) || '_grand_total' as check_id,
        sums.table_code,
        'grand_total' as row_key,
        sums.total_column as column_key,
        {{ total_against_parts('totals', 'sums') }},
        sums.table_code || ' 表 '
        || case
            when sums.total_column like 'income%' then '收入总计'
            else '支出总计（' || split_part(sums.total_column, ':', 2) || '）'
        end as reported_label,
        sums.computed_label
    from balance_sums as sums
    inner join figures as totals
        on
            sums.document_id = totals.document_id
            and sums.table_code = totals.table_code
            and totals.row_key = 'grand_total'
            and sums.total_column = totals.column_key
),

pair_rules as (
    select
        rule_values.check_id,
        rule_values.table_code,
        rule_values.a_row,
        rule_values.a_column,
        rule_values.b_row,
        rule_values.b_column,
        rule_values.a_label,
        rule_values.b_label
    from (
        values
        (
            'b01_grand_totals_balance', 'B01', 'grand_total', 'income:all', 'grand_total', 'expenditure:all',
            '收入总计', '支出总计'
        ),
        (
            'b04_grand_totals_balance', 'B04', 'grand_total', 'income:all', 'grand_total', 'expenditure:all',
            '收入总计', '支出总计'
        )
    ) as rule_values (check_id, table_code, a_row, a_column, b_row, b_column, a_label, b_label)
),

pair_checks as (
    select
        a.document_id,
        pair_rules.check_id,
        pair_rules.table_code,
        pair_rules.a_row as row_key,
        pair_rules.a_column as column_key,
        cast(a.amount_yuan as decimal(38, 6)) as reported,
        {{ half_unit('a.reported_decimals', 'a.reported_unit') }} as reported_tolerance,
        cast(b.amount_yuan as decimal(38, 6)) as computed,
        case when b.amount_yuan is not null then {{ half_unit('b.reported_decimals', 'b.reported_unit') }} end
            as computed_tolerance,
        1 as parts_count,
        case when b.amount_yuan is null then 1 else 0 end as parts_missing,
        a.source_line as reported_line,
        cast(b.source_line as varchar) as part_lines,
        coalesce(a.reported_unit, b.reported_unit) as unit,
        coalesce(a.reported_decimals, b.reported_decimals) as decimals,
        pair_rules.table_code || ' 表 ' || pair_rules.a_label as reported_label,
        pair_rules.b_label as computed_label
    from pair_rules
    inner join figures as a
        on pair_rules.table_code = a.table_code and pair_rules.a_row = a.row_key and pair_rules.a_column = a.column_key
    left join figures as b
        on
            a.document_id = b.document_id
            and pair_rules.table_code = b.table_code
            and pair_rules.b_row = b.row_key
            and pair_rules.b_column = b.column_key
),

fund_lines as (
    -- B01 财政拨款收入 = its fund lines (一般公共预算 + 政府性基金预算 + 国有资本经营预算)
    select
        parts.document_id,
        {{ sum_of_parts('parts') }}
    from figures as parts
    where
        parts.table_code = 'B01'
        and parts.row_key in (
            'income:general_public_budget', 'income:government_fund', 'income:state_capital'
        )
    group by parts.document_id
),

fund_checks as (
    select
        totals.document_id,
        'b01_fiscal_eq_sum_funds' as check_id,
        'B01' as table_code,
        totals.row_key,
        totals.column_key,
        {{ total_against_parts('totals', 'fund_lines') }},
        'B01 表 财政拨款收入' as reported_label,
        '一般公共预算 + 政府性基金预算 + 国有资本经营预算' as computed_label
    from fund_lines
    inner join figures as totals
        on
            fund_lines.document_id = totals.document_id
            and totals.table_code = 'B01'
            and totals.row_key = 'income:fiscal_appropriation'
),

all_checks as (
    select * from rollups
    union all
    select * from row_checks
    union all
    select * from balance_checks
    union all
    select * from pair_checks
    union all
    select * from fund_checks
)

select
    document_id,
    check_id,
    'table' as check_family,
    table_code,
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
