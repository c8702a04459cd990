-- Every file found under the raw folder, in every run.
with source as (
    select * from {{ source('staged', 'ingest_log') }}
)

select
    run_id,
    source_file,
    sha256,
    document_id,
    status,
    reason,
    logged_at
from source
