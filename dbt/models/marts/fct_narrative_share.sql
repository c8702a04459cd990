-- Shares stated in prose ("基本支出 1,420,085.06 元，占 40.92%"), current documents only.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with shares as (
    select * from {{ ref('stg_staged__narrative_share') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
),

documents as (
    select * from {{ ref('dim_document') }}
)

select
    shares.document_id,
    documents.fiscal_year,
    documents.department_name,
    shares.part_label,
    shares.part_metric_key,
    shares.part_yuan,
    shares.part_unit,
    shares.part_decimals,
    shares.part_line,
    shares.base_label,
    shares.base_metric_key,
    shares.base_yuan,
    shares.base_unit,
    shares.base_decimals,
    shares.base_line,
    shares.share_pct,
    shares.share_decimals,
    shares.text,
    shares.source_line
from shares
inner join current_documents
    on
        shares.document_id = current_documents.document_id
        and shares.batch_id = current_documents.batch_id
inner join documents on shares.document_id = documents.document_id
