-- Every place a current final account names its department or year, and every blemish in its text.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__document_mention') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
),

documents as (
    select * from {{ ref('dim_document') }}
)

select
    facts.document_id,
    documents.fiscal_year,
    documents.department_name,
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
inner join documents on facts.document_id = documents.document_id
