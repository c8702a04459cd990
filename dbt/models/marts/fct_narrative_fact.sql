-- Figures stated in prose; a score's number is in amount_yuan too (as the contract says).
select
    document_id,
    metric_key,
    subject_code,
    coalesce(amount_yuan, cast(number_value as decimal(18, 2))) as amount_yuan,
    number_value,
    change_yuan,
    change_pct,
    reported_unit,
    reported_decimals,
    text,
    source_line
from {{ ref('stg_staged__narrative_fact') }}
