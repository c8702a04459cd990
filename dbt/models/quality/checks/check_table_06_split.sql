-- Table 06 (一般公共预算财政拨款基本支出决算表) splits its classes into two footer lines:
-- 人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助, 公用经费合计 = every other class
-- (302 商品和服务支出, 307, 309, 310, 312, 399 …). A class left blank is not a part.
{% call check_documents_to_build() -%}
with figures as (
    select * from {{ ref('dq_table_figures') }}
    where table_code = '06'
),

classes as (
    select
        *,
        case when row_key in ('301', '303') then 'PERSONNEL_TOTAL' else 'PUBLIC_TOTAL' end as footer_key
    from figures
    where regexp_full_match(row_key, '[0-9]{3}')
),

sums as (
    select
        classes.document_id,
        classes.footer_key,
        classes.column_key,
        {{ sum_of_parts('classes') }},
        string_agg(classes.row_key, ' + ' order by classes.row_key) as part_codes
    from classes
    group by classes.document_id, classes.footer_key, classes.column_key
),

footers as (
    select * from figures
    where row_key in ('PERSONNEL_TOTAL', 'PUBLIC_TOTAL')
)

select
    footers.document_id,
    case footers.row_key
        when 'PERSONNEL_TOTAL' then 't06_personnel_eq_301_303'
        else 't06_public_eq_other_classes'
    end as check_id,
    'table' as check_family,
    '06' as table_code,
    footers.row_key,
    footers.column_key,
    'eq' as comparison,
    {{ total_against_parts('footers', 'sums') }},
    '06 表 ' || case footers.row_key when 'PERSONNEL_TOTAL' then '人员经费合计' else '公用经费合计' end
        as reported_label,
    'Σ类 ' || coalesce(sums.part_codes, '—') as computed_label
from footers
left join sums
    on
        footers.document_id = sums.document_id
        and footers.row_key = sums.footer_key
        and footers.column_key = sums.column_key
{%- endcall %}
