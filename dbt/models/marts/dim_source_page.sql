-- The page (and row on the page) of every line of a current PDF document: join any fact's
-- (document_id, source_line) here to find where its figure is printed.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with source_pages as (
    select * from {{ ref('stg_staged__source_page') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
)

select
    source_pages.document_id,
    source_pages.source_line,
    source_pages.page,
    source_pages.row_on_page
from source_pages
inner join current_documents
    on
        source_pages.document_id = current_documents.document_id
        and source_pages.batch_id = current_documents.batch_id
