-- Project and department-wide self-evaluations.
with source as (
    select * from {{ source('staged', 'project_performance') }}
)

select
    document_id,
    batch_id,
    project_key,
    project_name,
    cast(budget_yuan as decimal(18, 2)) as budget_yuan,
    cast(adjusted_yuan as decimal(18, 2)) as adjusted_yuan,
    cast(funds_received_yuan as decimal(18, 2)) as funds_received_yuan,
    cast(executed_yuan as decimal(18, 2)) as executed_yuan,
    cast(balance_yuan as decimal(18, 2)) as balance_yuan,
    cast(execution_rate_reported as decimal(20, 6)) as execution_rate_reported,
    cast(execution_rate_decimals as integer) as execution_rate_decimals,
    cast(total_score as decimal(20, 6)) as total_score,
    grade,
    deviation_reason,
    cast(source_line as integer) as source_line
from source
