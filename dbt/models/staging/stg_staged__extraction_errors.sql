-- Tables the extractors could not parse; the rest of each document still loads.
with source as (
    select * from {{ source('staged', 'extraction_errors') }}
)

select
    document_id,
    batch_id,
    source_file,
    extractor,
    table_code,
    expected,
    message,
    source_line
from source
