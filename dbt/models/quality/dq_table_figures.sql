-- Every figure of the classified tables of a final account (01–06 and 02 by function) in one long
-- shape: one row per (document, table, row, column). column_key names the amount column. A budget's
-- tables (B01–B09) have their own shape and checks (dq_budget_figures, check_budget_*).
with expenditure as (
    select * from {{ ref('fct_expenditure') }}
),

income as (
    select * from {{ ref('fct_income') }}
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
