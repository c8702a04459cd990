-- Which of the nine tables 公开01–09 each current final account prints, whether it was read, and the
-- statement that an empty one is empty.
with facts as (
    select * from {{ ref('stg_staged__document_table') }}
),

current_documents as (
    select * from {{ ref('int_current_document') }}
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
