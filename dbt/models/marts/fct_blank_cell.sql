-- Amount cells printed blank (current documents): NULL in the facts; the quality rules count them as 0
-- where the table prints blanks for zero (see dq_blank_zeros).
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__blank_cell') }}
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
    facts.table_code,
    facts.row_key,
    facts.column_key,
    facts.row_label,
    facts.reported_unit,
    facts.source_line
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
inner join documents on facts.document_id = documents.document_id
