-- How many times each rule was evaluated per document, how many times it could not be, and why:
-- a table the rule reads is not printed, unreadable or printed empty (dim_document_table, the rule's
-- tables in the seed dq_rule_table), else a figure it needs is not printed (or not extracted).
-- Missing figures are never compared against zero. A rule whose table a final account does not
-- print (or prints unreadable) often cannot even form an evaluation there: it is counted here as
-- one check not evaluated, with that reason. A cross-document statement is not evaluated when the
-- other document is not loaded or does not print the figure (dq_cross_document says which).
-- Incremental like dq_check_result: the affected documents (int_document_affected) are counted again.
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

rules as (
    select * from {{ ref('dim_dq_rule') }}
),

rule_tables as (
    select * from {{ ref('dq_rule_table') }}
),

unusable_tables as (
    select document_tables.* from {{ ref('dim_document_table') }} as document_tables
    inner join current_documents on document_tables.document_id = current_documents.document_id
    where document_tables.status in ('missing', 'unreadable', 'empty')
),

table_reasons as (
    select
        unusable_tables.document_id,
        rule_tables.check_id,
        bool_or(unusable_tables.status <> 'empty') as table_not_read,
        string_agg(
            'table ' || unusable_tables.table_code || ' '
            || case unusable_tables.status
                when 'missing' then 'is not printed'
                when 'unreadable' then 'could not be read'
                else 'is printed empty'
            end,
            '; ' order by unusable_tables.table_code
        ) as reason
    from unusable_tables
    inner join rule_tables on unusable_tables.table_code = rule_tables.table_code
    group by unusable_tables.document_id, rule_tables.check_id
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
),

formed as (
    select
        counts.document_id,
        counts.check_id,
        counts.check_family,
        counts.evaluated,
        counts.not_evaluated,
        coalesce(outcomes.passed, 0) as passed,
        coalesce(outcomes.rounding, 0) as rounding,
        coalesce(outcomes.failed, 0) as failed,
        case
            when counts.not_evaluated > 0
                then coalesce(
                    table_reasons.reason,
                    case
                        when counts.check_family = 'cross_document'
                            then 'the other document is not loaded, or does not print the figure'
                        else 'a figure it needs is not printed (or not extracted)'
                    end
                )
        end as not_evaluated_reason
    from counts
    left join outcomes
        on
            counts.document_id = outcomes.document_id
            and counts.check_id = outcomes.check_id
    left join table_reasons
        on
            counts.document_id = table_reasons.document_id
            and counts.check_id = table_reasons.check_id
),

unformed as (
    -- rules that formed no evaluation at all in a final account whose table they read is missing
    select
        table_reasons.document_id,
        table_reasons.check_id,
        rules.check_family,
        0 as evaluated,
        1 as not_evaluated,
        0 as passed,
        0 as rounding,
        0 as failed,
        table_reasons.reason as not_evaluated_reason
    from table_reasons
    inner join rules on table_reasons.check_id = rules.check_id
    left join counts
        on
            table_reasons.document_id = counts.document_id
            and table_reasons.check_id = counts.check_id
    where table_reasons.table_not_read and counts.check_id is null
)

select * from formed
union all
select * from unformed
