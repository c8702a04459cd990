-- Blank amount cells that count as 0 for the identities. The 2024 national template prints a blank
-- where an amount is zero: in a table that prints blanks for zero, a blank cell (in a row that prints
-- other figures, or a balancing line of 01/04) is 0. A table prints blanks for zero when it prints no
-- zero of its own (0.00) and leaves no total blank beside a part it prints as non-zero (a 合计 column
-- left blank while 一般公共预算 is filled is a column not filled in, not zeros: 004's table 04).
-- Elsewhere a blank stays a missing figure. The zero takes the decimals the table prints, so it
-- stands for 0.00 at the table's precision. The facts keep these cells NULL (fct_blank_cell).
-- A table kept document by document (it depends on the document's own figures only): as a view,
-- each of its readers unioned and grouped every printed figure again (2 million rows at 10,000
-- documents), and two checks doing so at once ran out of DuckDB's memory limit.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with to_build as (
    select document_id from {{ documents_to_build() }}
),

blanks as (
    select facts.* from {{ ref('fct_blank_cell') }} as facts
    inner join to_build on facts.document_id = to_build.document_id
),

expenditure as (
    select facts.* from {{ ref('fct_expenditure') }} as facts
    inner join to_build on facts.document_id = to_build.document_id
),

income as (
    select facts.* from {{ ref('fct_income') }} as facts
    inner join to_build on facts.document_id = to_build.document_id
),

summary_lines as (
    select facts.* from {{ ref('fct_summary_line') }} as facts
    inner join to_build on facts.document_id = to_build.document_id
),

three_public as (
    select facts.* from {{ ref('fct_three_public') }} as facts
    inner join to_build on facts.document_id = to_build.document_id
    where facts.source = 'table' and facts.period = 'current'
),

printed as (
    -- every printed figure keyed as the blank cells are (row_key, column_key)
    select
        document_id,
        table_code,
        subject_code as row_key,
        case when table_code = '04' then fund_type else expenditure_type end as column_key,
        amount_yuan,
        reported_decimals,
        source_line
    from expenditure
    union all
    select
        document_id,
        table_code,
        subject_code as row_key,
        income_source as column_key,
        amount_yuan,
        reported_decimals,
        source_line
    from income
    where subject_code is not null
    union all
    select
        document_id,
        table_code,
        line_key as row_key,
        side || ':' || fund_type as column_key,
        amount_yuan,
        reported_decimals,
        source_line
    from summary_lines
    union all
    select
        document_id,
        '07' as table_code,
        category as row_key,
        measure as column_key,
        amount_yuan,
        reported_decimals,
        source_line
    from three_public
),

blank_totals as (
    select * from blanks
    where column_key in ('total', 'all') or column_key like '%:all' or (table_code = '07' and row_key = 'total')
),

not_filled_tables as (
    -- a total left blank while a part of it is printed as non-zero
    select distinct
        blank_totals.document_id,
        blank_totals.table_code
    from blank_totals
    inner join printed
        on
            blank_totals.document_id = printed.document_id
            and blank_totals.table_code = printed.table_code
            and printed.amount_yuan <> 0
            and (
                (
                    blank_totals.table_code = '07' and blank_totals.column_key = printed.column_key
                    and printed.row_key <> 'total'
                )
                or (
                    blank_totals.column_key like '%:all' and blank_totals.row_key = printed.row_key
                    and printed.column_key like split_part(blank_totals.column_key, ':', 1) || ':%'
                    and blank_totals.column_key <> printed.column_key
                )
                or (
                    blank_totals.column_key in ('total', 'all') and blank_totals.table_code <> '07'
                    and blank_totals.row_key = printed.row_key and blank_totals.source_line = printed.source_line
                    and blank_totals.column_key <> printed.column_key
                )
            )
),

blank_for_zero_tables as (
    select
        printed.document_id,
        printed.table_code,
        max(printed.reported_decimals) as decimals
    from printed
    left join not_filled_tables
        on
            printed.document_id = not_filled_tables.document_id
            and printed.table_code = not_filled_tables.table_code
    where not_filled_tables.document_id is null
    group by printed.document_id, printed.table_code
    having count(*) filter (where printed.amount_yuan = 0) = 0
)

select
    blanks.document_id,
    blanks.table_code,
    blanks.row_key,
    blanks.column_key,
    blanks.row_label,
    cast(0 as decimal(18, 2)) as amount_yuan,
    blanks.reported_unit,
    blank_for_zero_tables.decimals as reported_decimals,
    blanks.source_line
from blanks
inner join blank_for_zero_tables
    on
        blanks.document_id = blank_for_zero_tables.document_id
        and blanks.table_code = blank_for_zero_tables.table_code
