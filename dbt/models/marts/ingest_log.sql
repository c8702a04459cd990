-- Every file found under the raw folder, in every run, and what became of it.
select
    run_id,
    source_file,
    sha256,
    document_id,
    status,
    reason,
    logged_at
from {{ ref('stg_staged__ingest_log') }}
