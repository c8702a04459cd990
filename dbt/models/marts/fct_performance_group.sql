-- Weights declared in the 一级/二级指标 labels of the scorecards, current documents only.
with groups as (
    select * from {{ ref('stg_staged__performance_group') }}
),

current_documents as (
    select * from {{ ref('int_current_document') }}
)

select
    groups.document_id,
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
