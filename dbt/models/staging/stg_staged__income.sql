-- Income figures, one row per printed figure.
with source as (
    select * from {{ source('staged', 'income') }}
)

select
    document_id,
    batch_id,
    table_code,
    subject_code,
    subject_name,
    income_source,
    cast(amount_yuan as decimal(18, 2)) as amount_yuan,
    reported_unit,
    cast(reported_decimals as integer) as reported_decimals,
    cast(source_line as integer) as source_line
from source
