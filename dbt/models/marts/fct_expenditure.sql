-- One row per printed expenditure figure of tables 01, 03, 04, 05, 06, 08, 09, in 元.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with expenditure as (
    select * from {{ ref('stg_staged__expenditure') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
),

documents as (
    select * from {{ ref('dim_document') }}
)

select
    expenditure.document_id,
    documents.fiscal_year,
    documents.department_name,
    expenditure.table_code,
    expenditure.classification,
    expenditure.subject_code,
    expenditure.subject_name,
    expenditure.subject_level,
    expenditure.expenditure_type,
    expenditure.fund_type,
    expenditure.amount_yuan,
    expenditure.reported_unit,
    expenditure.reported_decimals,
    expenditure.source_line
from expenditure
inner join current_documents
    on
        expenditure.document_id = current_documents.document_id
        and expenditure.batch_id = current_documents.batch_id
inner join documents on expenditure.document_id = documents.document_id
