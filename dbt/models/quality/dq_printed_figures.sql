-- Every printed table figure keyed by (table_code, row_key, column_key): the subject rows of
-- dq_table_figures and the balancing lines of tables 01 and 04 (column `side:fund_type`).
-- The cross-table and prose checks look figures up here.
with table_figures as (
    select * from {{ ref('dq_table_figures') }}
),

summary_lines as (
    select * from {{ ref('dq_summary_lines') }}
)

select
    document_id,
    table_code,
    row_key,
    column_key,
    amount_yuan,
    reported_unit,
    reported_decimals,
    source_line
from table_figures

union all

select
    document_id,
    table_code,
    line_key as row_key,
    side || ':' || fund_type as column_key,
    amount_yuan,
    reported_unit,
    reported_decimals,
    source_line
from summary_lines
where table_code not like 'B%'
