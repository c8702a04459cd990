-- Weights declared in the 一级/二级指标 labels of the scorecards, current documents only.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with groups as (
    select * from {{ ref('stg_staged__performance_group') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
),

documents as (
    select * from {{ ref('dim_document') }}
)

select
    groups.document_id,
    documents.fiscal_year,
    documents.department_name,
    groups.project_key,
    groups.group_level,
    groups.level1,
    groups.level2,
    groups.declared_weight,
    groups.declared_text,
    groups.source_line
from groups
inner join current_documents
    on
        groups.document_id = current_documents.document_id
        and groups.batch_id = current_documents.batch_id
inner join documents on groups.document_id = documents.document_id
