-- A final account agrees with itself about who and when (family document), from every place it
-- names itself (fct_document_mention): a year it reports on is the fiscal year, a year it compares
-- with is the year before (d_year_consistent); a department it names is the department most places
-- name — the same name, an abbreviation of it (普陀区财政局) or one of its units (…财政局财政所)
-- (d_department_consistent); no placeholder is left from the template (d_no_placeholder). Doubled
-- punctuation and repeated words are blemishes, not contradictions: their status is `rounding`
-- (severity info), never `fail` (d_text_doubled_punctuation, d_text_repeated_word). A document with
-- no placeholder or blemish gets one passing evaluation of that rule.
{% call check_documents_to_build() -%}
with mentions as (
    select * from {{ ref('fct_document_mention') }} {{ documents_to_check_only() }}
),

documents as (
    select * from {{ ref('dim_document') }}
    where document_kind = 'final_account'
),

placed as (
    select
        mentions.*,
        documents.fiscal_year,
        documents.department_name,
        case mentions.place
            when 'cover' then '封面'
            when 'contents' then '目录'
            when 'part_heading' then '部分标题'
            when 'table_label' then '表头'
            when 'table' then '表格'
            else '正文'
        end || '第' || mentions.source_line || '行' as where_printed,
        regexp_replace(mentions.found_text, '\s|[（(]本级[）)]', '', 'g') as printed_name
    from mentions
    inner join documents on mentions.document_id = documents.document_id
),

year_checks as (
    select
        document_id,
        'd_year_consistent' as check_id,
        place || '@' || source_line as row_key,
        year_role as column_key,
        0 as tolerance,
        year_found as reported,
        case when year_role = 'prior' then fiscal_year - 1 else fiscal_year end as computed,
        source_line as reported_line,
        where_printed || '“' || context || '”所写年度 ' || year_found as reported_label,
        case
            when year_role = 'prior' then '对比的上一年度 ' || (fiscal_year - 1)
            else '文档所报年度 ' || fiscal_year
        end as computed_label
    from placed
    where mention_kind = 'year'
),

department_checks as (
    select
        document_id,
        'd_department_consistent' as check_id,
        place || '@' || source_line as row_key,
        found_text as column_key,
        0 as tolerance,
        case
            when
                printed_name = department_name
                or suffix(department_name, printed_name)
                or starts_with(printed_name, department_name)
                or suffix(printed_name, department_name)
                then 1
            else 0
        end as reported,
        1 as computed,
        source_line as reported_line,
        where_printed || '所写部门“' || found_text || '”' as reported_label,
        '文档部门 ' || department_name as computed_label
    from placed
    where mention_kind = 'department'
),

found_per_document as (
    -- placeholders and blemishes: one evaluation per finding, one passing one for a clean document
    select
        documents.document_id,
        rules.check_id,
        rules.mention_kind,
        rules.tolerance,
        rules.expectation,
        placed.place,
        placed.found_text,
        placed.source_line,
        placed.where_printed,
        placed.context
    from documents
    cross join (
        values
        ('d_no_placeholder', 'placeholder', 0, '无模板占位符（XX、××、某某、＊＊、【】、此处填写）'),
        ('d_text_doubled_punctuation', 'doubled_punctuation', 1, '无重复标点（信息，不计为矛盾）'),
        ('d_text_repeated_word', 'repeated_word', 1, '无重复字词（信息，不计为矛盾）')
    ) as rules (check_id, mention_kind, tolerance, expectation)
    left join placed
        on
            documents.document_id = placed.document_id
            and rules.mention_kind = placed.mention_kind
),

text_checks as (
    select
        document_id,
        check_id,
        coalesce(place || '@' || source_line, 'document') as row_key,
        found_text as column_key,
        tolerance,
        case when found_text is null then 0 else 1 end as reported,
        0 as computed,
        source_line as reported_line,
        case
            when found_text is null then '全文'
            else where_printed || '“' || found_text || '”：' || context
        end as reported_label,
        expectation as computed_label
    from found_per_document
),

all_checks as (
    select * from year_checks
    union all
    select * from department_checks
    union all
    select * from text_checks
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
    cast(tolerance as decimal(38, 6)) as reported_tolerance,
    cast(computed as decimal(38, 6)) as computed,
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
