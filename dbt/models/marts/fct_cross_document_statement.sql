-- Every figure a document states that another document prints: which figure, which kind of document
-- of the same department prints it (other_document_kind) and for which year (other_fiscal_year), and
-- where in that document (other_tables, in order of preference, other_row_key and other_column_key: the
-- keys of the quality layer's printed figures; table 'prose' and other_metric_key: the same figure
-- stated in its prose, when its tables print none). The statements, by who states them:
--   int_stated_prior_final    a final account's year-on-year changes → last year's final account;
--   int_stated_three_public   “三公” columns of another year or another kind of document;
--   int_stated_budget         a final account's budget figures (年初预算 per 项, totals) → the budget;
--   int_stated_by_budget      a budget's last-year execution per 项 and change from last year's budget.
-- The other year is the year before the document's own (the year a comparison prints is checked by the
-- narrative rules, b_n_compared_year). A statement depends on its own document only, so this mart is
-- built document by document like the other facts; the checks (check_cross_document) pair it.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with to_build as (
    select * from {{ documents_to_build() }}
),

statements as (
    select * from {{ ref('int_stated_prior_final') }}
    union all by name
    select * from {{ ref('int_stated_three_public') }}
    union all by name
    select * from {{ ref('int_stated_budget') }}
    union all by name
    select * from {{ ref('int_stated_by_budget') }}
)

select
    statements.document_id,
    statements.check_id,
    statements.statement_key,
    statements.metric_key,
    statements.subject_code,
    statements.statement_label,
    statements.other_document_kind,
    statements.other_fiscal_year,
    statements.other_row_key,
    statements.other_column_key,
    statements.other_metric_key,
    statements.other_label,
    statements.stated_yuan,
    statements.stated_rate,
    statements.rate_decimals,
    statements.stated_unit,
    statements.stated_decimals,
    statements.base_yuan,
    statements.base_unit,
    statements.base_decimals,
    statements.base_line,
    statements.change_yuan,
    statements.source_line,
    statements.text,
    array_to_string(statements.other_tables, ',') as other_tables
from statements
inner join to_build on statements.document_id = to_build.document_id
