-- Question: which files under the raw folder were not loaded, and why?
-- Every file of the latest run that was rejected (empty, binary, not a budget disclosure, too big, …)
-- or skipped as a duplicate of bytes already loaded under another name.
with latest_run as (
    select run_id from marts.ingest_log
    order by logged_at desc
    limit 1
)

select
    l.status,
    l.source_file,
    l.reason,
    l.document_id as same_bytes_as_document,
    l.logged_at
from marts.ingest_log as l
inner join latest_run as r on l.run_id = r.run_id
where l.status in ('rejected', 'duplicate')
order by l.status desc, l.source_file;
