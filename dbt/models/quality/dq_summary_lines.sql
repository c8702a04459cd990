-- The balancing lines of tables 01 and 04 as the identities read them: every printed line, and a
-- line printed blank in a table that prints blanks for zero as 0 (see dq_blank_zeros).
with lines as (
    select * from {{ ref('fct_summary_line') }}
),

blank_zeros as (
    select * from {{ ref('dq_blank_zeros') }}
    where column_key like '%:%'
)

select
    document_id,
    table_code,
    side,
    line_key,
    line_label,
    fund_type,
    amount_yuan,
    reported_unit,
    reported_decimals,
    source_line
from lines

union all

select
    document_id,
    table_code,
    split_part(column_key, ':', 1) as side,
    row_key as line_key,
    row_label as line_label,
    split_part(column_key, ':', 2) as fund_type,
    amount_yuan,
    reported_unit,
    reported_decimals,
    source_line
from blank_zeros
