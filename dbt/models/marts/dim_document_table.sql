-- Which of the nine tables 公开01–09 each current final account prints, whether it was read, and the
-- statement that an empty one is empty.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__document_table') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
)

select
    facts.document_id,
    facts.table_code,
    facts.status,
    facts.title,
    facts.figures,
    facts.blank_cells,
    facts.empty_statement,
    facts.empty_statement_line,
    facts.problem,
    facts.source_line
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
