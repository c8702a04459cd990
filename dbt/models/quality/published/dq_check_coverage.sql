-- How many times each rule was evaluated per document, and how many times its figures were
-- missing (a NULL total or part): those are not evaluated, never compared against zero.
-- Incremental like dq_check_result: the affected documents are counted again.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents('affected') }}") }}
with current_documents as (
    select distinct document_id from {{ documents_to_build('affected') }}
),

checks as (
    select dq_checks.* from {{ ref('dq_checks') }} as dq_checks
    inner join current_documents on dq_checks.document_id = current_documents.document_id
),

results as (
    select * from {{ ref('dq_check_result') }}
),

outcomes as (
    select
        document_id,
        check_id,
        count(*) filter (where status = 'pass') as passed,
        count(*) filter (where status = 'rounding') as rounding,
        count(*) filter (where status = 'fail') as failed
    from results
    group by document_id, check_id
),

counts as (
    select
        document_id,
        check_id,
        check_family,
        count(*) filter (where is_evaluated) as evaluated,
        count(*) filter (where not is_evaluated) as not_evaluated
    from checks
    group by document_id, check_id, check_family
)

select
    counts.document_id,
    counts.check_id,
    counts.check_family,
    counts.evaluated,
    counts.not_evaluated,
    coalesce(outcomes.passed, 0) as passed,
    coalesce(outcomes.rounding, 0) as rounding,
    coalesce(outcomes.failed, 0) as failed
from counts
left join outcomes
    on
        counts.document_id = outcomes.document_id
        and counts.check_id = outcomes.check_id
