-- Shares stated in prose: the part, the base it is a share of, the percentage as a fraction.
with source as (
    select * from {{ source('staged', 'narrative_share') }}
)

select
    document_id,
    batch_id,
    part_label,
    part_metric_key,
    cast(part_yuan as decimal(18, 2)) as part_yuan,
    part_unit,
    cast(part_decimals as integer) as part_decimals,
    cast(part_line as integer) as part_line,
    base_label,
    base_metric_key,
    cast(base_yuan as decimal(18, 2)) as base_yuan,
    base_unit,
    cast(base_decimals as integer) as base_decimals,
    cast(base_line as integer) as base_line,
    cast(share_pct as decimal(20, 6)) as share_pct,
    cast(share_decimals as integer) as share_decimals,
    text,
    cast(source_line as integer) as source_line
from source
