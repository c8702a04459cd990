-- "三公" expense figures.
with source as (
    select * from {{ source('staged', 'three_public') }}
)

select
    document_id,
    batch_id,
    category,
    measure,
    period,
    cast(amount_yuan as decimal(18, 2)) as amount_yuan,
    source,
    reported_unit,
    cast(reported_decimals as integer) as reported_decimals,
    cast(source_line as integer) as source_line
from source
