-- The balancing lines of tables 01 and 04 (本年收入合计, 年初结转和结余, 总计, …), in 元.
select
    document_id,
    table_code,
    line_key,
    line_label,
    side,
    fund_type,
    amount_yuan,
    reported_unit,
    reported_decimals,
    source_line
from {{ ref('stg_staged__summary_line') }}
