-- Weights declared in the 一级/二级指标 labels of the scorecards.
with source as (
    select * from {{ source('staged', 'performance_group') }}
)

select
    document_id,
    batch_id,
    project_key,
    cast(group_level as integer) as group_level,
    level1,
    level2,
    cast(declared_weight as decimal(20, 6)) as declared_weight,
    declared_text,
    cast(source_line as integer) as source_line
from source
