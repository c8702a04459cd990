-- Spending by function subject and by type, each figure once: one row per document, subject
-- (类/款/项 and TOTAL) and spending type, from the table that is authoritative for it — table 03
-- (支出决算表, all funds) of a final account, B03 (支出预算总表) of a budget. fct_expenditure holds
-- every printing: 01 and B01 repeat the class totals, 04/B04 repeat them by fund, 05/B05 the
-- general-public-budget part; summing fct_expenditure across tables counts a figure several times.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with expenditure as (
    select * from {{ ref('fct_expenditure') }}
),

current_documents as (
    select distinct document_id from {{ documents_to_build() }}
),

documents as (
    select * from {{ ref('dim_document') }}
)

select
    expenditure.document_id,
    expenditure.fiscal_year,
    expenditure.department_name,
    documents.document_kind,
    expenditure.table_code as source_table,
    expenditure.subject_code,
    expenditure.subject_name,
    expenditure.subject_level,
    expenditure.expenditure_type,
    expenditure.amount_yuan,
    expenditure.reported_unit,
    expenditure.source_line,
    case documents.document_kind when 'budget' then 'budget' else 'final' end as measure
from expenditure
inner join current_documents on expenditure.document_id = current_documents.document_id
inner join documents on expenditure.document_id = documents.document_id
where
    expenditure.classification = 'function'
    and expenditure.fund_type = 'all'
    and (
        (documents.document_kind = 'final_account' and expenditure.table_code = '03')
        or (documents.document_kind = 'budget' and expenditure.table_code = 'B03')
    )
