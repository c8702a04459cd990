-- Every cross-document statement (marts.fct_cross_document_statement) with the document that prints
-- its figure, when that document is loaded, and the figure as that document prints it:
--   the other document: a current one of the same department identity (marts.dim_department), of the
--     kind and year the statement names; when two match (two printed names of one identity), the one
--     printing the same name, then the latest loaded;
--   its figure: the first of other_tables that prints it (a table by row and column key, or 'prose':
--     the first printing of other_metric_key in its prose), NULL when none does.
{{ config(materialized='table') }}  -- read by check_cross_document and marts.dq_cross_document: computed once
with statements as (
    select * from {{ ref('fct_cross_document_statement') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

departments as (
    select * from {{ ref('dim_department') }}
),

identified as (
    select
        documents.*,
        departments.department_key
    from documents
    inner join departments on documents.department_name = departments.department_name
),

final_figures as (
    select
        document_id,
        table_code,
        row_key,
        column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from {{ ref('dq_printed_figures') }}
),

income_lines as (
    select
        document_id,
        table_code,
        'income:' || income_source as row_key,
        'line' as column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from {{ ref('fct_income') }}
    where subject_code is null and table_code not like 'B%'
),

three_public_tables as (
    select
        document_id,
        '07' as table_code,
        category as row_key,
        measure as column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from {{ ref('fct_three_public') }}
    where source = 'table' and period = 'current'
),

budget_figures as (
    select
        document_id,
        table_code,
        row_key,
        column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from {{ ref('dq_budget_figures') }}
),

prose_figures as (
    select
        document_id,
        'prose' as table_code,
        metric_key as row_key,
        coalesce(subject_code, '') as column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from {{ ref('fct_narrative_fact') }}
    where amount_yuan is not null
),

printed as (
    select * from final_figures
    union all
    select * from income_lines
    union all
    select * from three_public_tables
    union all
    select * from budget_figures
    union all
    select * from prose_figures
),

stating as (
    select
        statements.*,
        identified.department_key,
        identified.department_name,
        identified.fiscal_year,
        identified.document_kind
    from statements
    inner join identified on statements.document_id = identified.document_id
),

paired as (
    select
        stating.*,
        other.document_id as other_document_id,
        other.department_name as other_department_name,
        other.source_file as other_source_file
    from stating
    left join identified as other
        on
            stating.department_key = other.department_key
            and stating.other_document_kind = other.document_kind
            and stating.other_fiscal_year = other.fiscal_year
            and stating.document_id <> other.document_id
    qualify row_number() over (
        partition by stating.document_id, stating.check_id, stating.statement_key
        order by (other.department_name = stating.department_name) desc, other.loaded_at desc, other.document_id asc
    ) = 1
),

wanted as (
    -- each table the figure may be printed in, in the order the statement lists them, with the row
    -- and column key it has there (prose: the metric and the subject), so the figure is found by an
    -- equi-join (a condition with OR and list_contains made DuckDB compare every statement with every
    -- figure of its other document: 6 minutes at 10,000 documents)
    select
        document_id,
        check_id,
        statement_key,
        other_document_id,
        wanted_table_code,
        wanted_position,
        case when wanted_table_code = 'prose' then other_metric_key else other_row_key end as wanted_row_key,
        case
            when wanted_table_code = 'prose' then coalesce(subject_code, '') else other_column_key
        end as wanted_column_key
    from (
        select
            document_id,
            check_id,
            statement_key,
            other_document_id,
            other_metric_key,
            other_row_key,
            other_column_key,
            subject_code,
            unnest(string_split(other_tables, ',')) as wanted_table_code,
            unnest(range(1, len(string_split(other_tables, ',')) + 1)) as wanted_position
        from paired
        where other_document_id is not null
    ) as listed
),

found as (
    select
        wanted.document_id,
        wanted.check_id,
        wanted.statement_key,
        figure.table_code,
        figure.amount_yuan,
        figure.reported_unit,
        figure.reported_decimals,
        figure.source_line
    from wanted
    inner join printed as figure
        on
            wanted.other_document_id = figure.document_id
            and wanted.wanted_table_code = figure.table_code
            and wanted.wanted_row_key = figure.row_key
            and wanted.wanted_column_key = figure.column_key
    where figure.amount_yuan is not null
    qualify row_number() over (
        partition by wanted.document_id, wanted.check_id, wanted.statement_key
        order by wanted.wanted_position asc, figure.source_line asc
    ) = 1
)

select
    paired.document_id,
    paired.check_id,
    paired.statement_key,
    paired.metric_key,
    paired.subject_code,
    paired.statement_label,
    paired.other_document_kind,
    paired.other_fiscal_year,
    paired.other_tables,
    paired.other_row_key,
    paired.other_column_key,
    paired.other_metric_key,
    paired.other_label,
    paired.stated_yuan,
    paired.stated_rate,
    paired.rate_decimals,
    paired.stated_unit,
    paired.stated_decimals,
    paired.base_yuan,
    paired.base_unit,
    paired.base_decimals,
    paired.base_line,
    paired.change_yuan,
    paired.source_line,
    paired.text,
    paired.department_key,
    paired.department_name,
    paired.fiscal_year,
    paired.document_kind,
    paired.other_document_id,
    paired.other_department_name,
    paired.other_source_file,
    figure.table_code as other_table_code,
    figure.amount_yuan as other_yuan,
    figure.reported_unit as other_unit,
    figure.reported_decimals as other_decimals,
    figure.source_line as other_line
from paired
left join found as figure
    on
        paired.document_id = figure.document_id
        and paired.check_id = figure.check_id
        and paired.statement_key = figure.statement_key
