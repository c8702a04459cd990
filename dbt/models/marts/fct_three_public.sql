-- "三公" expenses (overseas travel, official vehicles, official reception): budget and actual, in 元.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with three_public as (
    select * from {{ ref('stg_staged__three_public') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
),

documents as (
    select * from {{ ref('dim_document') }}
)

select
    three_public.document_id,
    documents.fiscal_year,
    documents.department_name,
    three_public.category,
    three_public.measure,
    three_public.period,
    three_public.amount_yuan,
    three_public.source,
    three_public.reported_unit,
    three_public.reported_decimals,
    three_public.source_line
from three_public
inner join current_documents
    on
        three_public.document_id = current_documents.document_id
        and three_public.batch_id = current_documents.batch_id
inner join documents on three_public.document_id = documents.document_id
