-- One row per loaded document, as the extractor read it.
with source as (
    select * from {{ source('staged', 'documents') }}
)

select
    document_id,
    batch_id,
    source_file,
    sha256,
    encoding,
    department_name,
    department_line,
    cast(fiscal_year as integer) as fiscal_year,
    fiscal_year_line,
    document_kind,
    reported_unit,
    printed_date,
    printed_date_line,
    file_mtime,
    line_count,
    extractor_version,
    extracted_at
from source
