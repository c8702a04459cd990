-- Question: which documents need a look first because parts of them could not be read?
-- Ranks documents by extraction errors (tables or passages a parser could not parse), then shows how
-- the latest run saw the file. (When marts.dq_check_result exists, add its failed checks here.)
with errors as (
    select
        document_id,
        count(*) as extraction_errors,
        string_agg(distinct coalesce(table_code, extractor), ', ') as affected
    from marts.extraction_error
    group by document_id
),

latest_run as (
    select run_id from marts.ingest_log
    order by logged_at desc
    limit 1
),

latest as (
    select
        l.document_id,
        string_agg(l.status, ', ') as latest_status,
        string_agg(l.source_file, ', ') as files_in_latest_run
    from marts.ingest_log as l
    inner join latest_run as r on l.run_id = r.run_id
    where l.document_id is not null
    group by l.document_id
)

select
    d.department_name,
    d.fiscal_year,
    d.document_kind,
    d.source_file,
    coalesce(e.extraction_errors, 0) as extraction_errors,
    e.affected,
    coalesce(l.latest_status, 'not seen in the latest run') as latest_status,
    l.files_in_latest_run
from marts.dim_document as d
left join errors as e on d.document_id = e.document_id
left join latest as l on d.document_id = l.document_id
order by extraction_errors desc, d.department_name, d.fiscal_year;
