-- Performance indicators.
with source as (
    select * from {{ source('staged', 'performance_indicator') }}
)

select
    document_id,
    batch_id,
    project_key,
    project_name,
    level1,
    level2,
    indicator_name,
    target_text,
    actual_text,
    comparator,
    cast(target_value as decimal(20, 6)) as target_value,
    cast(actual_value as decimal(20, 6)) as actual_value,
    unit,
    cast(weight as decimal(20, 6)) as weight,
    cast(score as decimal(20, 6)) as score,
    deviation_reason,
    cast(source_line as integer) as source_line
from source
