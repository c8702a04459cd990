-- Figures stated in prose.
with source as (
    select * from {{ source('staged', 'narrative_fact') }}
)

select
    document_id,
    batch_id,
    metric_key,
    subject_code,
    cast(amount_yuan as decimal(18, 2)) as amount_yuan,
    cast(number_value as decimal(20, 6)) as number_value,
    cast(change_yuan as decimal(18, 2)) as change_yuan,
    cast(change_pct as decimal(20, 6)) as change_pct,
    cast(change_pct_decimals as integer) as change_pct_decimals,
    reported_unit,
    cast(reported_decimals as integer) as reported_decimals,
    text,
    cast(source_line as integer) as source_line
from source
