-- Every evaluation of every accounting identity (XBRL Calculations 1.1 rounding tolerance).
-- Incremental: the evaluations of the affected documents (int_document_affected) are replaced, the
-- others kept; run_id is the run that evaluated them.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents('affected') }}") }}
with results as (
    select * from {{ ref('dq_results') }}
),

current_documents as (
    select distinct document_id from {{ documents_to_build('affected') }}
),

ingest_log as (
    select * from {{ ref('ingest_log') }}
),

latest_run as (
    select arg_max(run_id, logged_at) as run_id
    from ingest_log
)

select
    latest_run.run_id,
    results.document_id,
    results.check_id,
    results.check_family,
    results.table_code,
    results.row_key,
    results.column_key,
    results.reported,
    results.computed,
    results.difference,
    results.tolerance,
    results.status,
    results.severity,
    results.message,
    results.source_line,
    results.part_source_lines,
    results.comparison,
    results.within_tolerance,
    results.unit as reported_unit,
    results.decimals as reported_decimals
from results
inner join current_documents on results.document_id = current_documents.document_id
cross join latest_run
