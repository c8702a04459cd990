-- Expenditure figures, one row per printed figure.
with source as (
    select * from {{ source('staged', 'expenditure') }}
)

select
    document_id,
    batch_id,
    table_code,
    classification,
    subject_code,
    subject_name,
    cast(subject_level as integer) as subject_level,
    expenditure_type,
    fund_type,
    cast(amount_yuan as decimal(18, 2)) as amount_yuan,
    reported_unit,
    cast(reported_decimals as integer) as reported_decimals,
    cast(source_line as integer) as source_line
from source
