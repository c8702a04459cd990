-- One row per document in the warehouse: who published it, for which year, what kind it is.
with documents as (
    select * from {{ ref('stg_staged__documents') }}
),

first_loads as (
    select
        document_id,
        min(logged_at) as loaded_at
    from {{ ref('stg_staged__ingest_log') }}
    where status in ('loaded', 'unchanged')
    group by document_id
)

select
    documents.document_id,
    documents.source_file,
    documents.sha256,
    documents.department_name,
    documents.fiscal_year,
    documents.document_kind,
    documents.reported_unit,
    first_loads.loaded_at
from documents
left join first_loads on documents.document_id = first_loads.document_id
