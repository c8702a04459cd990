-- Every figure a document states about another document, and where it was checked: the other
-- document (NULL when none of its kind and year is loaded for the department), the figure that
-- document prints and its line, the status of the check in dq_check_result, or why there is none.
-- Incremental like dq_check_result: the statements of the affected documents (int_document_affected:
-- those sharing a department with a document that arrived, changed or left) are paired again.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents('affected') }}") }}
with pairs as (
    select * from {{ ref('dq_cross_document_pairs') }}
),

to_build as (
    select distinct document_id from {{ documents_to_build('affected') }}
),

results as (
    select * from {{ ref('dq_check_result') }}
)

select
    pairs.document_id,
    pairs.check_id,
    pairs.statement_key,
    pairs.statement_label,
    pairs.metric_key,
    pairs.subject_code,
    pairs.source_line,
    pairs.other_document_kind,
    pairs.other_fiscal_year,
    pairs.department_key,
    pairs.other_document_id,
    pairs.other_department_name,
    pairs.other_label,
    pairs.other_table_code,
    pairs.other_yuan,
    pairs.other_unit,
    pairs.other_line,
    results.status,
    results.message,
    coalesce(pairs.stated_yuan, pairs.stated_rate) as stated_value,
    case when pairs.check_id = 'c_prior_final_change_pct' then 'ratio' else pairs.stated_unit end as stated_unit,
    coalesce(
        results.status,
        case
            when pairs.other_document_id is null then 'other_not_loaded'
            when pairs.other_yuan is null then 'not_printed_there'
            else 'statement_incomplete'
        end
    ) as outcome
from pairs
inner join to_build on pairs.document_id = to_build.document_id
left join results
    on
        pairs.document_id = results.document_id
        and pairs.check_id = results.check_id
        and pairs.statement_key = results.row_key
