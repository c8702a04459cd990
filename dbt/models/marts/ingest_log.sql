-- Every file found under the raw folder, in every run, and what became of it. Runs are appended:
-- a run's rows never change once written.
{{ config(materialized='incremental', incremental_strategy='append') }}
with ingest_log as (
    select * from {{ ref('stg_staged__ingest_log') }}
)

select
    ingest_log.run_id,
    ingest_log.source_file,
    ingest_log.sha256,
    ingest_log.document_id,
    ingest_log.status,
    ingest_log.reason,
    ingest_log.logged_at
from ingest_log
{%- if is_incremental() %}
    where ingest_log.run_id not in (select earlier.run_id from {{ this }} as earlier)
{%- endif %}
