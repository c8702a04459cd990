-- Rows of the funds table of a department-wide self-evaluation (资金来源 / 资金结构), current documents.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__performance_fund') }}
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
    facts.fund_group,
    facts.label,
    facts.budget_yuan,
    facts.executed_yuan,
    facts.budget_decimals,
    facts.executed_decimals,
    facts.rate,
    facts.rate_decimals,
    facts.reported_unit,
    facts.source_line
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
inner join documents on facts.document_id = documents.document_id
