-- Every check of every family, evaluated or not, in one shape (see the check_* models).
-- A view: the check families are incremental tables that hold the current documents only (their
-- pre-hook prunes the others), and the two marts that read this union (dq_check_result,
-- dq_check_coverage) each keep the documents they build. Stored as a table it was a third copy of
-- every evaluation: writing 2.5 million rows cost ~4 s of a 10,000-document build, while reading
-- the union again costs ~0.3 s (a view as the folder's default, dbt_project.yml).
{%- set models = [
    'check_table_rollups', 'check_table_rows', 'check_table_06_split', 'check_balance_01_04',
    'check_three_public',
    'check_cross_table', 'check_narrative', 'check_execution', 'check_performance', 'check_performance_funds',
    'check_document', 'check_document_mentions',
    'check_budget_tables', 'check_budget_cross_table', 'check_budget_narrative',
    'check_cross_document'
] %}
with checks as (
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
