-- What one document states about another, against that document (family cross_document): every
-- statement of marts.fct_cross_document_statement whose other document is loaded, matched by
-- department identity, kind and year (dq_cross_document_pairs):
--   a stated figure (last year's figure a final account implies, a budget it states, a 项's
--     execution a budget states, last year's budget a budget implies) = the figure the other document
--     prints (n = 1; a figure derived as this year's − the change carries both printings' rounding);
--   a stated rate alone (c_prior_final_change_pct) = (this year's − last year's) / last year's, with
--     last year's figure from last year's final account (as n_change_pct_recomputes, across documents).
-- Not evaluated (and counted in dq_check_coverage, listed in marts.dq_cross_document) when the other
-- document is not loaded or does not print the figure. Each label names its document and the other
-- document's line is in part_lines, so a fail names both documents and both lines.
{% call check_documents_to_build() -%}
with pairs as (
    select * from {{ ref('dq_cross_document_pairs') }} {{ documents_to_check_only() }}
),

kinds as (
    select
        kind_values.document_kind,
        kind_values.kind_label
    from (
        values
        ('final_account', '决算'),
        ('budget', '预算'),
        ('performance_report', '绩效自评')
    ) as kind_values (document_kind, kind_label)
),

labelled as (
    select
        pairs.*,
        pairs.department_name || ' ' || pairs.fiscal_year || ' 年' || stating_kind.kind_label
        || ' ' || pairs.statement_label as reported_label,
        case
            when pairs.other_document_id is null
                then '（未载入 not loaded）' || pairs.other_fiscal_year || ' 年' || other_kind.kind_label || ' '
            else
                pairs.other_department_name || ' ' || pairs.other_fiscal_year || ' 年' || other_kind.kind_label
                || '（document ' || pairs.other_document_id || '）'
        end || pairs.other_label as computed_label,
        'document ' || pairs.other_document_id || ' line ' || pairs.other_line as other_lines,
        pairs.other_document_kind || ':' || pairs.other_fiscal_year as other_key,
        {{ half_unit('pairs.other_decimals', 'pairs.other_unit') }} as other_tolerance,
        case
            when pairs.base_yuan is not null then {{ half_unit('pairs.base_decimals', 'pairs.base_unit') }}
        end as base_tolerance
    from pairs
    inner join kinds as stating_kind on pairs.document_kind = stating_kind.document_kind
    inner join kinds as other_kind on pairs.other_document_kind = other_kind.document_kind
),

figure_checks as (
    select
        document_id,
        check_id,
        cast(null as varchar) as table_code,
        statement_key as row_key,
        other_key as column_key,
        'eq' as comparison,
        cast(stated_yuan as decimal(38, 6)) as reported,
        {{ half_unit('stated_decimals', 'stated_unit') }}
        + case when change_yuan is not null then coalesce(base_tolerance, 0) else 0 end as reported_tolerance,
        cast(other_yuan as decimal(38, 6)) as computed,
        case when other_yuan is not null then other_tolerance end as computed_tolerance,
        1 as parts_count,
        case when other_yuan is null then 1 else 0 end as parts_missing,
        source_line as reported_line,
        other_lines as part_lines,
        coalesce(stated_unit, other_unit) as unit,
        coalesce(stated_decimals, other_decimals) as decimals,
        reported_label,
        computed_label
    from labelled
    where check_id <> 'c_prior_final_change_pct'
),

rate_checks as (
    select
        document_id,
        check_id,
        cast(null as varchar) as table_code,
        statement_key as row_key,
        other_key as column_key,
        'eq' as comparison,
        cast(stated_rate as decimal(38, 6)) as reported,
        {{ half_unit('rate_decimals', "'%'") }} as reported_tolerance,
        case
            when other_yuan > 0 and base_yuan is not null
                then {{ at_printed_precision(exact_ratio('base_yuan - other_yuan', 'other_yuan'),
                                             'stated_rate', 'rate_decimals') }}
        end as computed,
        case
            when other_yuan > 0 and base_yuan is not null
                then
                    {{ exact_ratio('base_tolerance + abs(stated_rate) * other_tolerance + other_tolerance',
                                   'other_yuan') }}
                    + cast(0.000002 as decimal(38, 6))
        end as computed_tolerance,
        2 as parts_count,
        case when other_yuan is null or other_yuan <= 0 or base_yuan is null then 1 else 0 end as parts_missing,
        source_line as reported_line,
        other_lines as part_lines,
        'ratio' as unit,
        4 as decimals,
        reported_label,
        '（本年 − ' || computed_label || '）/ 上年' as computed_label
    from labelled
    where check_id = 'c_prior_final_change_pct'
)

select {{ dq_columns("'cross_document'") }}
from figure_checks

union all

select {{ dq_columns("'cross_document'") }}
from rate_checks
{%- endcall %}
