-- Tables or passages that could not be parsed, per document: where, and what was expected.
select
    document_id,
    source_file,
    extractor,
    table_code,
    source_line,
    expected,
    message
from {{ ref('stg_staged__extraction_errors') }}
