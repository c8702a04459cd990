-- The document as a whole (family document): a final account prints all nine tables 公开01–09
-- (d_table_printed), each one it prints can be read (d_table_readable), a table printed empty (07
-- without a figure, 08/09 with nothing but zeros) says so in a note or in the explanation
-- (d_empty_table_stated); and every loaded document yields figures from its tables — a final
-- account from 01–09, a self-evaluation from its scorecards or, for a report in prose only, from
-- its prose (d_document_has_figures). Evaluations hold 1 (as expected) or 0 in reported; the
-- finding and the expectation are sentences (unit 'text').
{% call check_documents_to_build() -%}
with tables as (
    select * from {{ ref('dim_document_table') }} {{ documents_to_check_only() }}
),

documents as (
    select * from {{ ref('dim_document') }} {{ documents_to_check_only() }}
),

figures as (
        -- one row per figure, by where it was read
    {%- for model, origin, condition in [
        ('fct_expenditure', 'table', ''), ('fct_income', 'table', ''), ('fct_summary_line', 'table', ''),
        ('fct_three_public', 'table', "where source = 'table'"),
        ('fct_project_performance', 'scorecard', ''), ('fct_performance_indicator', 'scorecard', ''),
        ('fct_narrative_fact', 'prose', '')
    ] %}
        select
            document_id,
            '{{ origin }}' as origin
        from {{ ref(model) }}
        {{ condition }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

document_figures as (
    select
        documents.document_id,
        documents.document_kind,
        count(*) filter (where figures.origin = 'table') as table_figures,
        count(*) filter (where figures.origin = 'scorecard') as card_figures,
        count(*) filter (where figures.origin = 'prose') as prose_figures
    from documents
    left join figures on documents.document_id = figures.document_id
    group by documents.document_id, documents.document_kind
),

described as (
    select
        *,
        '表 ' || table_code || coalesce('“' || title || '”', '') as table_label
    from tables
),

printed_checks as (
    select
        document_id,
        'd_table_printed' as check_id,
        table_code as row_key,
        status as column_key,
        case when status = 'missing' then 0 else 1 end as reported,
        source_line as reported_line,
        case
            when status = 'missing' then '表 ' || table_code || ' 未列示：' || coalesce(problem, 'not found')
            else table_label || ' 已列示'
        end as reported_label,
        '部门决算须列示公开01–09 九张表（表 ' || table_code || '）' as computed_label
    from described
),

readable_checks as (
    select
        document_id,
        'd_table_readable' as check_id,
        table_code as row_key,
        status as column_key,
        case when status = 'unreadable' then 0 else 1 end as reported,
        source_line as reported_line,
        case
            when status = 'unreadable' then table_label || ' 无法读取：' || coalesce(problem, '')
            else table_label || ' 可读取（' || figures || ' 个数字）'
        end as reported_label,
        '列示的表可被读取' as computed_label
    from described
    where status <> 'missing'
),

stated_checks as (
    select
        document_id,
        'd_empty_table_stated' as check_id,
        table_code as row_key,
        status as column_key,
        case when empty_statement is null then 0 else 1 end as reported,
        coalesce(empty_statement_line, source_line) as reported_line,
        case
            when empty_statement is null then table_label || ' 为空表，但未说明无数据'
            else table_label || ' 为空表，已说明：“' || empty_statement || '”'
        end as reported_label,
        '空表须注明“本表无数据”或说明无相关收支' as computed_label
    from described
    where status = 'empty'
),

figure_checks as (
    select
        document_id,
        'd_document_has_figures' as check_id,
        'document' as row_key,
        document_kind as column_key,
        case
            when document_kind = 'performance_report' and card_figures + prose_figures > 0 then 1
            when document_kind <> 'performance_report' and table_figures > 0 then 1
            else 0
        end as reported,
        cast(null as integer) as reported_line,
        case
            when document_kind = 'performance_report'
                then '自评表读出 ' || card_figures || ' 个数字，正文 ' || prose_figures || ' 个'
            else '决算表读出 ' || table_figures || ' 个数字'
        end as reported_label,
        '已载入的文档至少读出一个表中数字' as computed_label
    from document_figures
),

all_checks as (
    select * from printed_checks
    union all
    select * from readable_checks
    union all
    select * from stated_checks
    union all
    select * from figure_checks
)

select
    document_id,
    check_id,
    'document' as check_family,
    cast(null as varchar) as table_code,
    row_key,
    column_key,
    'eq' as comparison,
    cast(reported as decimal(38, 6)) as reported,
    cast(0 as decimal(38, 6)) as reported_tolerance,
    cast(1 as decimal(38, 6)) as computed,
    cast(0 as decimal(38, 6)) as computed_tolerance,
    1 as parts_count,
    0 as parts_missing,
    reported_line,
    cast(reported_line as varchar) as part_lines,
    'text' as unit,
    0 as decimals,
    reported_label,
    computed_label
from all_checks
{%- endcall %}
