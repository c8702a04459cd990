-- One row per performance indicator (一级/二级/三级指标) with target, actual, weight and score.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__performance_indicator') }}
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
    facts.level1,
    facts.level2,
    facts.indicator_name,
    facts.target_text,
    facts.actual_text,
    facts.comparator,
    facts.target_value,
    facts.actual_value,
    facts.unit,
    facts.weight,
    facts.score,
    facts.deviation_reason,
    facts.source_line
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
inner join documents on facts.document_id = documents.document_id
