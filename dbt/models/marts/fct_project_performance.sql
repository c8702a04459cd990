-- One row per project (or department-wide, project_name NULL) self-evaluation.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__project_performance') }}
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
    facts.project_key,
    facts.project_name,
    facts.budget_yuan,
    facts.adjusted_yuan,
    facts.funds_received_yuan,
    facts.executed_yuan,
    facts.balance_yuan,
    facts.execution_rate_reported,
    facts.execution_rate_decimals,
    facts.total_score,
    facts.grade,
    facts.deviation_reason,
    facts.source_line
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
inner join documents on facts.document_id = documents.document_id
