-- Tables or passages that could not be parsed, per document: where, and what was expected.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__extraction_errors') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
)

select
    facts.document_id,
    facts.source_file,
    facts.extractor,
    facts.table_code,
    facts.source_line,
    facts.expected,
    facts.message
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
