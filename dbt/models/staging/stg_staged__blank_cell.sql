-- Amount cells a table prints blank in a row that prints other figures.
with source as (
    select * from {{ source('staged', 'blank_cell') }}
)

select
    document_id,
    batch_id,
    table_code,
    row_key,
    column_key,
    row_label,
    reported_unit,
    cast(source_line as integer) as source_line
from source
