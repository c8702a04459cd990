-- Every place a current final account names its department or year, and every blemish in its text.
with facts as (
    select * from {{ ref('stg_staged__document_mention') }}
),

current_documents as (
    select * from {{ ref('int_current_document') }}
)

select
    facts.document_id,
    facts.mention_kind,
    facts.place,
    facts.found_text,
    facts.year_found,
    facts.year_role,
    facts.context,
    facts.source_line
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
