-- Every evaluation of every accounting identity (XBRL Calculations 1.1 rounding tolerance).
with results as (
    select * from {{ ref('dq_results') }}
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
    results.within_tolerance
from results
cross join latest_run
