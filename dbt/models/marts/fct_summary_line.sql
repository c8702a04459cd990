-- The balancing lines of tables 01 and 04 (本年收入合计, 年初结转和结余, 总计, …), in 元.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with facts as (
    select * from {{ ref('stg_staged__summary_line') }}
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
    facts.line_key,
    facts.line_label,
    facts.side,
    facts.fund_type,
    facts.amount_yuan,
    facts.reported_unit,
    facts.reported_decimals,
    facts.source_line
from facts
inner join current_documents
    on
        facts.document_id = current_documents.document_id
        and facts.batch_id = current_documents.batch_id
inner join documents on facts.document_id = documents.document_id
