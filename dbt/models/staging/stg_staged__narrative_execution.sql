-- Budget against outcome as the explanation states it (年初预算为 X，支出决算为 Y，完成 Z%).
with source as (
    select * from {{ source('staged', 'narrative_execution') }}
)

select
    document_id,
    batch_id,
    subject_kind,
    subject_code,
    fund_type,
    subject_label,
    cast(budget_yuan as decimal(18, 2)) as budget_yuan,
    budget_unit,
    cast(budget_decimals as integer) as budget_decimals,
    cast(budget_line as integer) as budget_line,
    cast(actual_yuan as decimal(18, 2)) as actual_yuan,
    actual_unit,
    cast(actual_decimals as integer) as actual_decimals,
    cast(actual_line as integer) as actual_line,
    cast(rate as decimal(20, 6)) as rate,
    cast(rate_decimals as integer) as rate_decimals,
    cast(rate_line as integer) as rate_line,
    direction,
    direction_text,
    cast(direction_line as integer) as direction_line,
    text,
    cast(source_line as integer) as source_line
from source
