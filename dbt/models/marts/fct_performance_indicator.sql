-- One row per performance indicator (一级/二级/三级指标) with target, actual, weight and score.
select
    document_id,
    project_key,
    project_name,
    level1,
    level2,
    indicator_name,
    target_text,
    actual_text,
    comparator,
    target_value,
    actual_value,
    unit,
    weight,
    score,
    deviation_reason,
    source_line
from {{ ref('stg_staged__performance_indicator') }}
