-- Every figure of the classified tables of a final account (01–06 and 02 by function) in one long
-- shape: one row per (document, table, row, column). column_key names the amount column. A cell
-- printed blank in a table that prints blanks for zero is a figure 0 here (dq_blank_zeros). A
-- budget's tables (B01–B09) have their own shape and checks (dq_budget_figures, check_budget_*).
with expenditure as (
    select * from {{ ref('fct_expenditure') }}
),

income as (
    select * from {{ ref('fct_income') }}
),

blank_zeros as (
    select * from {{ ref('dq_blank_zeros') }}
    where column_key not like '%:%' and table_code <> '07'
)

select
    document_id,
    table_code,
    classification,
    subject_code as row_key,
    subject_name,
    subject_level,
    case when table_code = '04' then fund_type else expenditure_type end as column_key,
    amount_yuan,
    reported_unit,
    reported_decimals,
    source_line
from expenditure
where table_code not like 'B%'

union all

select
    document_id,
    table_code,
    'function' as classification,
    subject_code as row_key,
    subject_name,
    case
        when subject_code = 'TOTAL' then 0
        when length(subject_code) = 3 then 1
        when length(subject_code) = 5 then 2
        else 3
    end as subject_level,
    income_source as column_key,
    amount_yuan,
    reported_unit,
    reported_decimals,
    source_line
from income
where table_code = '02' and subject_code is not null

union all

select
    document_id,
    table_code,
    case when table_code = '06' then 'economic' else 'function' end as classification,
    row_key,
    row_label as subject_name,
    case length(row_key) when 3 then 1 when 5 then 2 when 7 then 3 else 0 end as subject_level,
    column_key,
    amount_yuan,
    reported_unit,
    reported_decimals,
    source_line
from blank_zeros
