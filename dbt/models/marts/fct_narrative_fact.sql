-- Figures stated in prose; a score's number is in amount_yuan too (as the contract says). Other
-- numbers (a year a budget's prose names: metric compared_year / budget_year) stay in number_value.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__narrative_fact') }}
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
    facts.metric_key,
    facts.subject_code,
    facts.number_value,
    facts.change_yuan,
    facts.change_pct,
    facts.change_pct_decimals,
    facts.reported_unit,
    facts.reported_decimals,
    facts.text,
    facts.source_line,
    coalesce(
        facts.amount_yuan,
        case when facts.metric_key = 'performance_score' then cast(facts.number_value as decimal(18, 2)) end
    ) as amount_yuan
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
inner join documents on facts.document_id = documents.document_id
