-- The catalogue of accounting-identity rules (seed dq_rule): what each check_id of
-- dq_check_result asserts, in Chinese and in English.
with rules as (
    select * from {{ ref('dq_rule') }}
)

select
    check_id,
    check_family,
    table_code,
    comparison,
    rule_zh,
    rule_en
from rules
