-- The budget-against-outcome statements of the explanation (fct_narrative_execution): per 项, the
-- fund's total and the 三公 — "年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 Z%。决算数小于预算数…".
-- Y = the table's figure (05/08/09 by the fund's part of the explanation, 07 for the 三公; a blank
-- in a table that prints blanks for zero is 0, a 07 printed empty is 0); Z = Y / X (the 三公
-- categories state no X: their 07 budget is the base); the word (大于 / 小于 / 等于, 持平 / 基本持平)
-- fits X and Y: 大于 needs Y > X, 小于 Y < X, 等于/持平 Y = X within the rounding of the two
-- printings, 基本持平 |Y − X| ≤ 5% of X.
{% call check_documents_to_build() -%}
with statements as (
    select * from {{ ref('fct_narrative_execution') }} {{ documents_to_check_only() }}
),

table_figures as (
    select * from {{ ref('dq_table_figures') }} {{ documents_to_check_only() }}
),

three_public as (
    select * from {{ ref('dq_three_public') }}
    where source = 'table' and period = 'current'
    qualify row_number() over (partition by document_id, category, measure order by source_line) = 1
),

empty_07 as (
    select * from {{ ref('dim_document_table') }}
    where table_code = '07' and status = 'empty'
),

rounding_notes as (
    select * from {{ ref('dq_rounding_notes') }} {{ documents_to_check_only() }}
),

fund_tables as (
    select
        fund_values.fund_type,
        fund_values.table_code
    from (
        values ('general_public_budget', '05'), ('government_fund', '08'), ('state_capital', '09')
    ) as fund_values (fund_type, table_code)
),

bases as (
    -- each statement with the table figure Y is checked against and the budget Z is a share of
    select
        statements.*,
        coalesce(fund_tables.table_code, '07') as table_code,
        coalesce(
            figure.amount_yuan, actual_07.amount_yuan,
            case when statements.subject_kind = 'three_public' and empty_07.document_id is not null then 0 end
        ) as table_yuan,
        coalesce(figure.reported_unit, actual_07.reported_unit, statements.actual_unit) as table_unit,
        coalesce(figure.reported_decimals, actual_07.reported_decimals, statements.actual_decimals) as table_decimals,
        coalesce(figure.source_line, actual_07.source_line, empty_07.source_line) as table_line,
        coalesce(statements.budget_yuan, budget_07.amount_yuan) as base_yuan,
        coalesce(statements.budget_unit, budget_07.reported_unit) as base_unit,
        coalesce(statements.budget_decimals, budget_07.reported_decimals) as base_decimals,
        coalesce(statements.budget_line, budget_07.source_line) as base_line,
        rounding_notes.document_id is not null as rounding_note
    from statements
    left join fund_tables on statements.subject_kind <> 'three_public' and statements.fund_type = fund_tables.fund_type
    left join table_figures as figure
        on
            statements.document_id = figure.document_id
            and fund_tables.table_code = figure.table_code
            and (case when statements.subject_kind = 'item' then statements.subject_code else 'TOTAL' end)
            = figure.row_key
            and figure.column_key = 'total'
    left join three_public as actual_07
        on
            statements.subject_kind = 'three_public'
            and statements.document_id = actual_07.document_id
            and statements.subject_code = actual_07.category
            and actual_07.measure = 'actual'
    left join three_public as budget_07
        on
            statements.subject_kind = 'three_public'
            and statements.document_id = budget_07.document_id
            and statements.subject_code = budget_07.category
            and budget_07.measure = 'budget'
    left join empty_07 on statements.document_id = empty_07.document_id
    left join rounding_notes on statements.document_id = rounding_notes.document_id
),

actual_pairs as (
    select
        document_id,
        'n_execution_actual_vs_table' as check_id,
        'actual' as column_key,
        'eq' as comparison,
        actual_yuan as reported,
        actual_unit as reported_unit,
        actual_decimals as reported_decimals,
        actual_line as reported_line,
        table_yuan as computed,
        table_unit as computed_unit,
        table_decimals as computed_decimals,
        table_line as computed_line,
        rounding_note,
        coalesce(subject_code, subject_label) || '@' || source_line as row_key,
        '说明 ' || subject_label || ' 支出决算' as reported_label,
        table_code || ' 表 '
        || case subject_kind
            when 'total' then '合计'
            when 'three_public' then subject_label
            else coalesce(subject_code, subject_label)
        end || ' 决算数' as computed_label
    from bases
    where actual_yuan is not null
),

actual_checks as (
    select
        document_id,
        check_id,
        row_key,
        column_key,
        comparison,
        {{ printed_pair() }},
        reported_label,
        computed_label
    from actual_pairs
),

rates as (
    select
        *,
        coalesce(rate_decimals, 0) + 2 as fraction_decimals,
        case when base_yuan > 0 then {{ exact_ratio('actual_yuan', 'base_yuan') }} end as ratio,
        {{ half_unit('actual_decimals', 'actual_unit') }} as actual_tolerance,
        {{ half_unit('base_decimals', 'base_unit') }} as base_tolerance
    from bases
    where rate is not null
),

rate_checks as (
    select
        document_id,
        'n_execution_rate_recomputes' as check_id,
        coalesce(subject_code, subject_label) || '@' || source_line as row_key,
        'rate' as column_key,
        'eq' as comparison,
        cast(rate as decimal(38, 6)) as reported,
        {{ half_unit('fraction_decimals', "'%'") }} as reported_tolerance,
        {{ at_printed_precision('ratio', 'rate', 'fraction_decimals') }} as computed,
        case
            when ratio is not null
                then
                    {{ exact_ratio('actual_tolerance + base_tolerance * greatest(ceil(ratio), 1)', 'base_yuan') }}
                    + cast(0.000002 as decimal(38, 6))
        end as computed_tolerance,
        2 as parts_count,
        case when ratio is null then 1 else 0 end as parts_missing,
        rate_line as reported_line,
        cast(actual_line as varchar) || coalesce(', ' || base_line, '') as part_lines,
        'ratio' as unit,
        4 as decimals,
        '说明 ' || subject_label || ' 完成预算' as reported_label,
        '支出决算 / 年初预算' as computed_label
    from rates
),

directions as (
    select
        *,
        {{ half_unit('actual_decimals', 'actual_unit') }} + {{ half_unit('budget_decimals', 'budget_unit') }}
            as rounding,
        actual_yuan - budget_yuan as excess
    from bases
    where direction is not null and budget_yuan is not null and actual_yuan is not null
),

direction_checks as (
    select
        document_id,
        'n_execution_direction' as check_id,
        coalesce(subject_code, subject_label) || '@' || source_line as row_key,
        direction as column_key,
        'eq' as comparison,
        cast(
            case
                when direction = 'gt' then excess > rounding
                when direction = 'lt' then excess < -rounding
                when direction = 'eq' then abs(excess) <= rounding
                else abs(excess) <= budget_yuan * 0.05 + rounding
            end as integer
        ) as reported,
        cast(0 as decimal(38, 6)) as reported_tolerance,
        cast(1 as decimal(38, 6)) as computed,
        cast(0 as decimal(38, 6)) as computed_tolerance,
        1 as parts_count,
        0 as parts_missing,
        direction_line as reported_line,
        budget_line || ', ' || actual_line as part_lines,
        'text' as unit,
        2 as decimals,
        '说明 ' || subject_label || '：“决算数'
        || case
            when direction in ('gt', 'lt') or direction_text = '等于' then direction_text || '预算数”'
            else '与预算数' || direction_text || '”'
        end as reported_label,
        '年初预算 ' || {{ fmt_figure('budget_yuan', 'budget_unit', 'budget_decimals') }} || budget_unit
        || '，支出决算 ' || {{ fmt_figure('actual_yuan', 'actual_unit', 'actual_decimals') }} || actual_unit
        || case
            when abs(excess) <= rounding then '（持平）'
            when excess > 0 then '（决算大于预算）'
            else '（决算小于预算）'
        end as computed_label
    from directions
),

all_checks as (
    select * from actual_checks
    union all
    select * from rate_checks
    union all
    select * from direction_checks
)

select
    {{ dq_columns("'narrative'", 'cast(null as varchar)') }}
from all_checks
{%- endcall %}
