-- Roll-ups within one table, per amount column: 合计 = Σ类, 类 = Σ款, 款 = Σ项 (tables 01–05, and
-- 02 by function) and, in table 06, 合计 = Σ classes, class = Σ items. The parts are the rows the
-- table prints under the parent code (a blank cell is not a part); a parent without a printed
-- figure is not evaluated.
{% call check_documents_to_build() -%}
with figures as (
    select * from {{ ref('dq_table_figures') }} {{ documents_to_check_only() }}
),

children as (
    select
        document_id,
        table_code,
        column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line,
        length(row_key) as code_length,
        case length(row_key)
            when 3 then 'TOTAL'
            when 5 then left(row_key, 3)
            when 7 then left(row_key, 5)
        end as parent_key
    from figures
    where regexp_full_match(row_key, '[0-9]{3}|[0-9]{5}|[0-9]{7}')
),

sums as (
    select
        children.document_id,
        children.table_code,
        children.parent_key,
        children.column_key,
        children.code_length,
        {{ sum_of_parts('children') }}
    from children
    group by children.document_id, children.table_code, children.parent_key, children.column_key, children.code_length
)

select
    sums.document_id,
    't' || sums.table_code || '_' || case
        when sums.code_length = 3 then 'total_eq_sum_classes'
        when sums.table_code = '06' then 'class_eq_sum_items'
        when sums.code_length = 5 then 'class_eq_sum_kuan'
        else 'kuan_eq_sum_xiang'
    end as check_id,
    'table' as check_family,
    sums.table_code,
    sums.parent_key as row_key,
    sums.column_key,
    'eq' as comparison,
    {{ total_against_parts('parents', 'sums') }},
    sums.table_code || ' 表 '
    || case
        when sums.parent_key = 'TOTAL' then '合计'
        when length(sums.parent_key) = 3 then '类 ' || sums.parent_key
        else '款 ' || sums.parent_key
    end
    || ' ' || {{ column_label('sums.table_code', 'sums.column_key') }} as reported_label,
    case
        when sums.code_length = 3 then 'Σ类'
        when sums.table_code = '06' then 'Σ款'
        when sums.code_length = 5 then 'Σ款'
        else 'Σ项'
    end as computed_label
from sums
left join figures as parents
    on
        sums.document_id = parents.document_id
        and sums.table_code = parents.table_code
        and sums.parent_key = parents.row_key
        and sums.column_key = parents.column_key
{%- endcall %}
