-- Which of the nine tables a final account prints, and whether each could be read.
with source as (
    select * from {{ source('staged', 'document_table') }}
)

select
    document_id,
    batch_id,
    table_code,
    status,
    title,
    cast(figures as integer) as figures,
    cast(blank_cells as integer) as blank_cells,
    empty_statement,
    cast(empty_statement_line as integer) as empty_statement_line,
    problem,
    cast(source_line as integer) as source_line
from source
