-- One row per printed income figure of tables 01, 02, 04, in 元.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with income as (
    select * from {{ ref('stg_staged__income') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
),

documents as (
    select * from {{ ref('dim_document') }}
)

select
    income.document_id,
    documents.fiscal_year,
    documents.department_name,
    income.table_code,
    income.subject_code,
    income.subject_name,
    income.income_source,
    income.amount_yuan,
    income.reported_unit,
    income.reported_decimals,
    income.source_line
from income
inner join current_documents
    on
        income.document_id = current_documents.document_id
        and income.batch_id = current_documents.batch_id
inner join documents on income.document_id = documents.document_id
