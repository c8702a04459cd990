-- Every version of every document ever loaded: current, superseded by a newer version, or removed.
select
    document_id,
    source_file,
    sha256,
    department_name,
    fiscal_year,
    document_kind,
    printed_date,
    printed_date_line,
    file_mtime,
    loaded_at,
    extracted_at,
    extractor_version,
    version_status,
    superseded_by,
    version_reason
from {{ ref('int_document_version') }}
