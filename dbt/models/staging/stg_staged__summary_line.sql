-- Balancing lines of tables 01 and 04.
with source as (
    select * from {{ source('staged', 'summary_line') }}
)

select
    document_id,
    batch_id,
    table_code,
    side,
    line_key,
    line_label,
    fund_type,
    cast(amount_yuan as decimal(18, 2)) as amount_yuan,
    reported_unit,
    cast(reported_decimals as integer) as reported_decimals,
    cast(source_line as integer) as source_line
from source
