-- Every check of every family, evaluated or not, in one shape (see the check_* models).
-- A table, not a view: dq_check_result and dq_check_coverage both read it, and the checks are
-- the costliest part of the build (computed once instead of twice). Incremental: a build evaluates
-- the checks of the affected documents (int_document_affected: the changed ones and those sharing a
-- department with a document that arrived, changed or left, whose cross-document checks change with
-- it) and keeps the others' results.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents('affected') }}") }}
{%- set models = [
    'check_table_rollups', 'check_table_rows', 'check_table_06_split', 'check_balance_01_04',
    'check_three_public',
    'check_cross_table', 'check_narrative', 'check_execution', 'check_performance', 'check_performance_funds',
    'check_document', 'check_document_mentions',
    'check_budget_tables', 'check_budget_cross_table', 'check_budget_narrative',
    'check_cross_document'
] %}
with current_documents as (
    select distinct document_id from {{ documents_to_build('affected') }}
),

checks as (
    {%- for model in models %}
        select {{ dq_columns() }}
        from {{ ref(model) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select
    checks.*,
    coalesce(
        checks.reported is not null
        and checks.computed is not null
        and checks.parts_count > 0
        and checks.parts_missing = 0,
        false
    ) as is_evaluated
from checks
inner join current_documents on checks.document_id = current_documents.document_id
