-- Every document ever extracted, its latest extraction batch, whether its file is still under the
-- raw folder, and whether it is the current version of its department, year and kind.
with documents as (
    select * from {{ ref('stg_staged__documents') }}
),

ingest_log as (
    select * from {{ ref('stg_staged__ingest_log') }}
),

latest_extraction as (
    select
        document_id,
        arg_max(batch_id, extracted_at) as batch_id
    from documents
    group by document_id
),

latest_run as (
    select arg_max(run_id, logged_at) as run_id
    from ingest_log
),

present as (
    select distinct ingest_log.document_id
    from ingest_log
    inner join latest_run on ingest_log.run_id = latest_run.run_id
    where ingest_log.status in ('loaded', 'unchanged')
),

first_loads as (
    select
        document_id,
        min(logged_at) as loaded_at
    from ingest_log
    where status in ('loaded', 'unchanged')
    group by document_id
),

versions as (
    select
        documents.*,
        first_loads.loaded_at,
        present.document_id is not null as is_present
    from documents
    inner join latest_extraction
        on
            documents.document_id = latest_extraction.document_id
            and documents.batch_id = latest_extraction.batch_id
    left join first_loads on documents.document_id = first_loads.document_id
    left join present on documents.document_id = present.document_id
),

ranked as (
    select
        *,
        row_number() over (
            partition by department_name, fiscal_year, document_kind, is_present
            order by loaded_at desc, document_id asc
        ) as recency,
        first_value(document_id) over (
            partition by department_name, fiscal_year, document_kind, is_present
            order by loaded_at desc, document_id asc
        ) as newest_document_id
    from versions
)

select
    document_id,
    batch_id,
    source_file,
    sha256,
    encoding,
    department_name,
    department_line,
    fiscal_year,
    fiscal_year_line,
    document_kind,
    reported_unit,
    line_count,
    extractor_version,
    extracted_at,
    loaded_at,
    is_present,
    is_present and recency = 1 as is_current,
    case
        when not is_present then 'removed'
        when recency = 1 then 'current'
        else 'superseded'
    end as version_status,
    case when is_present and recency > 1 then newest_document_id end as superseded_by
from ranked
