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

editions as (
    select
        *,
        count(*) over edition_group as editions,
        count(printed_date) over edition_group = count(*) over edition_group as all_dated
    from versions
    window edition_group as (partition by department_name, fiscal_year, document_kind, is_present)
),

-- Editions of one department, fiscal year and kind, newest first: by printed date when every
-- edition prints one, then by file modification time, then by the run that loaded it, then document_id.
ranked as (
    select
        *,
        row_number() over (
            partition by department_name, fiscal_year, document_kind, is_present
            order by
                case when all_dated then printed_date end desc,
                file_mtime desc nulls last,
                loaded_at desc,
                document_id desc
        ) as recency
    from editions
),

-- Each edition beside the one it is compared with: the newest (or, for the newest, the runner-up).
compared as (
    select
        edition.*,
        other.document_id as other_document_id,
        other.printed_date as other_printed_date,
        other.file_mtime as other_file_mtime,
        other.loaded_at as other_loaded_at
    from ranked as edition
    left join ranked as other
        on
            edition.department_name = other.department_name
            and edition.fiscal_year = other.fiscal_year
            and edition.document_kind = other.document_kind
            and edition.is_present = other.is_present
            and other.recency = case when edition.recency = 1 then 2 else 1 end
),

-- The newer of the pair (w: winner) and the older (l), whichever this edition is.
pairs as (
    select
        *,
        recency = 1 as is_newest,
        case when recency = 1 then printed_date else other_printed_date end as w_printed_date,
        case when recency = 1 then other_printed_date else printed_date end as l_printed_date,
        case when recency = 1 then file_mtime else other_file_mtime end as w_file_mtime,
        case when recency = 1 then other_file_mtime else file_mtime end as l_file_mtime,
        case when recency = 1 then loaded_at else other_loaded_at end as w_loaded_at,
        case when recency = 1 then other_loaded_at else loaded_at end as l_loaded_at
    from compared
),

decided as (
    select
        *,
        case
            when all_dated and w_printed_date > l_printed_date
                then
                    'later printed date (' || cast(w_printed_date as varchar) || ' after '
                    || cast(l_printed_date as varchar) || ')'
            when w_file_mtime > l_file_mtime
                then
                    case when all_dated then 'same printed date' else 'not both with a printed date' end
                    || ', later file modification time ('
                    || strftime(w_file_mtime at time zone 'UTC', '%Y-%m-%d %H:%M:%S') || ' after '
                    || strftime(l_file_mtime at time zone 'UTC', '%Y-%m-%d %H:%M:%S') || ' UTC)'
            when w_loaded_at > l_loaded_at
                then 'same printed date and file time, loaded in a later run'
            else 'same printed date, file time and run: the larger document_id'
        end as decided_by
    from pairs
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
    printed_date,
    printed_date_line,
    file_mtime,
    line_count,
    extractor_version,
    extracted_at,
    loaded_at,
    is_present,
    is_present and is_newest as is_current,
    case
        when not is_present then 'removed'
        when is_newest then 'current'
        else 'superseded'
    end as version_status,
    case when is_present and not is_newest then other_document_id end as superseded_by,
    case
        when not is_present then 'its file is no longer under the raw folder'
        when editions = 1 then 'the only edition of its department, fiscal year and kind'
        when is_newest
            then
                'newest of ' || cast(editions as varchar) || ' editions: ' || decided_by
                || ' than ' || other_document_id
        else 'superseded by ' || other_document_id || ': ' || decided_by
    end as version_reason
from decided
