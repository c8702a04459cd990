-- "三公" figures as the identities read them: every figure of table 07, the prose and base-data
-- tables, and a 07 cell printed blank in a table that prints blanks for zero as 0 (dq_blank_zeros).
with three_public as (
    select * from {{ ref('fct_three_public') }}
),

blank_zeros as (
    select
        *,
        'table' as figure_source
    from {{ ref('dq_blank_zeros') }}
    where table_code = '07'
)

select
    document_id,
    category,
    measure,
    period,
    amount_yuan,
    source,
    reported_unit,
    reported_decimals,
    source_line
from three_public

union all

select
    document_id,
    row_key as category,
    column_key as measure,
    'current' as period,
    amount_yuan,
    figure_source,
    reported_unit,
    reported_decimals,
    source_line
from blank_zeros
