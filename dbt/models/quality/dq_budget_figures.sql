-- Every printed figure of a budget's tables B01–B09 in one long shape, keyed by
-- (document, table_code, row_key, column_key), for the check_budget_* models:
--   subject rows of B02, B03, B05–B08: row_key = the code (or TOTAL), column_key = the income
--     source (B02) or the expenditure type (total, basic, project, personnel, public …);
--   class rows of B01 and B04: column_key = the fund column (all, general_public_budget …), or the
--     type when the side prints 基本/项目 columns;
--   income lines of B01 and B04: row_key = 'income:<source>', column_key = 'line';
--   balancing lines of B01 and B04: row_key = the line key, column_key = '<side>:<fund>';
--   this year's totals of B01 and B04: row_key 'year_income' / 'year_expenditure' = the printed
--     本年收入合计 / 本年支出合计 line, or the 收入总计 / 支出总计 line when the table prints no
--     carry-over line beside it (then the grand total is this year's figure);
--   B09: row_key = the “三公” category, column_key = 'budget'; 机关运行经费 is row AGENCY_OPERATING.
with expenditure as (
    select * from {{ ref('fct_expenditure') }}
    where table_code like 'B%'
),

income as (
    select * from {{ ref('fct_income') }}
    where table_code like 'B%'
),

summary_lines as (
    select * from {{ ref('fct_summary_line') }}
    where table_code like 'B%'
),

budgets as (
    select document_id from {{ ref('dim_document') }}
    where document_kind = 'budget'
),

three_public as (
    select three_public.* from {{ ref('fct_three_public') }} as three_public
    inner join budgets on three_public.document_id = budgets.document_id
    where three_public.source = 'table'
),

figures as (
    select
        document_id,
        table_code,
        classification,
        subject_code as row_key,
        subject_level,
        case
            when table_code in ('B01', 'B04') and expenditure_type = 'total' then fund_type
            else expenditure_type
        end as column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from expenditure

    union all

    select
        document_id,
        table_code,
        'function' as classification,
        coalesce(subject_code, 'income:' || income_source) as row_key,
        case
            when subject_code is null then null
            when subject_code = 'TOTAL' then 0
            else length(subject_code) // 2
        end as subject_level,
        case when subject_code is null then 'line' else income_source end as column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from income

    union all

    select
        document_id,
        table_code,
        null as classification,
        line_key as row_key,
        null as subject_level,
        side || ':' || fund_type as column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from summary_lines

    union all

    select
        document_id,
        'B09' as table_code,
        null as classification,
        category as row_key,
        null as subject_level,
        'budget' as column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from three_public
),

year_totals as (
    -- this year's income / expenditure of B01 and B04, per fund column
    select
        totals.document_id,
        totals.table_code,
        totals.fund_type as column_key,
        totals.amount_yuan,
        totals.reported_unit,
        totals.reported_decimals,
        totals.source_line,
        case totals.side when 'income' then 'year_income' else 'year_expenditure' end as row_key,
        row_number() over (
            partition by totals.document_id, totals.table_code, totals.side, totals.fund_type
            order by totals.line_key = 'grand_total', totals.source_line
        ) as preference
    from summary_lines as totals
    where
        totals.line_key in ('income_total', 'expenditure_total')
        or (
            totals.line_key = 'grand_total'
            and not exists (
                select 1 from summary_lines as carry
                where
                    carry.document_id = totals.document_id
                    and carry.table_code = totals.table_code
                    and carry.side = totals.side
                    and carry.line_key in ('opening_balance', 'closing_balance')
                    and carry.amount_yuan <> 0
            )
        )
)

select * from figures

union all

select
    document_id,
    table_code,
    null as classification,
    row_key,
    null as subject_level,
    column_key,
    amount_yuan,
    reported_unit,
    reported_decimals,
    source_line
from year_totals
where preference = 1
