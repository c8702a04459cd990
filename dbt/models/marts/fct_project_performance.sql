-- One row per project (or department-wide, project_name NULL) self-evaluation.
select
    document_id,
    project_key,
    project_name,
    budget_yuan,
    adjusted_yuan,
    funds_received_yuan,
    executed_yuan,
    balance_yuan,
    execution_rate_reported,
    total_score,
    grade,
    deviation_reason,
    source_line
from {{ ref('stg_staged__project_performance') }}
