-- One row per current document: who published it, for which year, what kind it is.
select
    document_id,
    source_file,
    sha256,
    department_name,
    fiscal_year,
    document_kind,
    reported_unit,
    loaded_at
from {{ ref('int_document_version') }}
where is_current
