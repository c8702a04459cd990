-- Budget against outcome as the explanation states it (年初预算为 X，支出决算为 Y，完成 Z%，决算数小于预算数), current documents.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__narrative_execution') }}
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
    facts.subject_kind,
    facts.subject_code,
    facts.fund_type,
    facts.subject_label,
    facts.budget_yuan,
    facts.budget_unit,
    facts.budget_decimals,
    facts.budget_line,
    facts.actual_yuan,
    facts.actual_unit,
    facts.actual_decimals,
    facts.actual_line,
    facts.rate,
    facts.rate_decimals,
    facts.rate_line,
    facts.direction,
    facts.direction_text,
    facts.direction_line,
    facts.text,
    facts.source_line
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
inner join documents on facts.document_id = documents.document_id
