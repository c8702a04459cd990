-- Rows of a department-wide self-evaluation's funds table (资金来源 / 资金结构).
with source as (
    select * from {{ source('staged', 'performance_fund') }}
)

select
    document_id,
    batch_id,
    project_key,
    fund_group,
    label,
    cast(budget_yuan as decimal(18, 2)) as budget_yuan,
    cast(executed_yuan as decimal(18, 2)) as executed_yuan,
    cast(budget_decimals as integer) as budget_decimals,
    cast(executed_decimals as integer) as executed_decimals,
    cast(rate as decimal(20, 6)) as rate,
    cast(rate_decimals as integer) as rate_decimals,
    reported_unit,
    cast(source_line as integer) as source_line
from source
