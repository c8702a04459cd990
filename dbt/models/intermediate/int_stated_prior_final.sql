-- A final account's year-on-year changes (“比上年决算数减少 4074.05 万元”, “与2023年度相比，…减少63.14万元”,
-- “比上年决算数减少15.59%”): statements about last year's final account. Last year's figure is this
-- year's figure − the stated change (c_prior_final_figure), this year's figure stated with the change
-- or, when the sentence states only the change, the nearest printing of the same metric before it;
-- a rate stated without a change is checked as a rate (c_prior_final_change_pct).
with documents as (
    select
        document_id,
        batch_id,
        fiscal_year,
        document_kind
    from {{ ref('int_document_version') }}
    where is_current
),

facts as (
    select
        facts.*,
        documents.fiscal_year
    from {{ ref('stg_staged__narrative_fact') }} as facts
    inner join documents
        on
            facts.document_id = documents.document_id
            and facts.batch_id = documents.batch_id
    where documents.document_kind = 'final_account'
),

metrics as (
    select * from {{ ref('int_metric_figure') }}
    where document_kind = 'final_account'
),

changes as (
    select
        changes.*,
        coalesce(changes.amount_yuan, base.amount_yuan) as base_yuan,
        case when changes.amount_yuan is null then base.reported_unit else changes.reported_unit end as base_unit,
        case when changes.amount_yuan is null then base.reported_decimals else changes.reported_decimals end
            as base_decimals,
        case when changes.amount_yuan is null then base.source_line else changes.source_line end as base_line
    from facts as changes
    left join facts as base
        on
            -- a change printed without this year's figure looks for it; written as one equality (not
            -- "amount is null and …") so that DuckDB hashes the join instead of comparing every pair
            case when changes.amount_yuan is null then changes.document_id end = base.document_id
            and changes.metric_key = base.metric_key
            and changes.subject_code is not distinct from base.subject_code
            and base.amount_yuan is not null
            and changes.source_line >= base.source_line
    where changes.change_yuan is not null or changes.change_pct is not null
    qualify row_number() over (
        partition by
            changes.document_id, changes.metric_key, changes.subject_code, changes.source_line,
            changes.change_yuan, changes.change_pct
        order by base.source_line desc nulls last
    ) = 1
)

select
    changes.document_id,
    case when changes.change_yuan is not null then 'c_prior_final_figure' else 'c_prior_final_change_pct' end
        as check_id,
    changes.metric_key || coalesce(':' || changes.subject_code, '') || '@' || changes.source_line as statement_key,
    changes.metric_key,
    changes.subject_code,
    case
        when changes.change_yuan is not null
            then
                '说明 上年 ' || metrics.label || coalesce(' ' || changes.subject_code, '') || '（本年 '
                || coalesce({{ fmt_figure('changes.base_yuan', 'changes.base_unit', 'changes.base_decimals') }}, '—')
                || ' − 增减 '
                || {{ fmt_figure('changes.change_yuan', 'changes.reported_unit', 'changes.reported_decimals') }}
                || '）'
        else '说明 比上年增减率 ' || metrics.label || coalesce(' ' || changes.subject_code, '')
    end as statement_label,
    'final_account' as other_document_kind,
    changes.fiscal_year - 1 as other_fiscal_year,
    case when metrics.table_code = 'prose' then ['prose'] else [metrics.table_code, 'prose'] end as other_tables,
    case when metrics.row_key = '<subject>' then changes.subject_code else metrics.row_key end as other_row_key,
    metrics.column_key as other_column_key,
    changes.metric_key as other_metric_key,
    case
        when metrics.table_code = 'prose' then '说明 ' || metrics.label
        else metrics.table_code || ' 表 ' || metrics.label
    end || coalesce(' ' || changes.subject_code, '') as other_label,
    changes.base_yuan - changes.change_yuan as stated_yuan,
    changes.change_pct as stated_rate,
    coalesce(changes.change_pct_decimals + 2, greatest({{ needed_decimals('changes.change_pct') }}, 2))
        as rate_decimals,
    changes.reported_unit as stated_unit,
    changes.reported_decimals as stated_decimals,
    changes.base_yuan,
    changes.base_unit,
    changes.base_decimals,
    changes.base_line,
    changes.change_yuan,
    changes.source_line,
    changes.text
from changes
inner join metrics on changes.metric_key = metrics.metric_key
