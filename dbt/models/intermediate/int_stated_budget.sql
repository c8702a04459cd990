-- A final account's statements of its year's budget, about the budget document of the same year
-- (c_budget_figure): the totals its prose states as a budget (“一般公共预算财政拨款支出年初预算为…”,
-- “比本年预算的 X”: metric keys ending in _budget, the 三公 aside: int_stated_three_public) and every 项
-- it explains (“…（项）。…年初预算为 X 万元，支出决算为 Y 万元”: narrative_execution).
with documents as (
    select
        document_id,
        batch_id,
        fiscal_year,
        document_kind
    from {{ ref('int_document_version') }}
    where is_current and document_kind = 'final_account'
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
    where facts.amount_yuan is not null
),

execution as (
    select
        execution.*,
        documents.fiscal_year
    from {{ ref('stg_staged__narrative_execution') }} as execution
    inner join documents
        on
            execution.document_id = documents.document_id
            and execution.batch_id = documents.batch_id
    where
        execution.subject_kind = 'item'
        and execution.subject_code is not null
        and execution.budget_yuan is not null
),

metrics as (
    select * from {{ ref('int_metric_figure') }}
    where document_kind = 'budget'
),

totals as (
    select
        facts.document_id,
        'c_budget_figure' as check_id,
        facts.metric_key || coalesce(':' || facts.subject_code, '') || '@' || facts.source_line as statement_key,
        facts.metric_key,
        facts.subject_code,
        '本年 ' || metrics.label || coalesce(' ' || facts.subject_code, '') || '（说明）' as statement_label,
        'budget' as other_document_kind,
        facts.fiscal_year as other_fiscal_year,
        case
            when metrics.row_key = '<subject>' then ['B05', 'B06', 'B07', 'B03', 'prose']
            else [metrics.table_code, 'prose']
        end as other_tables,
        case when metrics.row_key = '<subject>' then facts.subject_code else metrics.row_key end as other_row_key,
        metrics.column_key as other_column_key,
        facts.metric_key as other_metric_key,
        metrics.table_code || ' 表 ' || metrics.label || coalesce(' ' || facts.subject_code, '') as other_label,
        facts.amount_yuan as stated_yuan,
        facts.reported_unit as stated_unit,
        facts.reported_decimals as stated_decimals,
        facts.source_line,
        facts.text
    from facts
    inner join metrics on facts.metric_key = metrics.metric_key
),

items as (
    select
        document_id,
        'c_budget_figure' as check_id,
        'item:' || subject_code || '@' || budget_line as statement_key,
        'subject_expenditure_budget' as metric_key,
        subject_code,
        '本年年初预算 ' || subject_label || '（说明）' as statement_label,
        'budget' as other_document_kind,
        fiscal_year as other_fiscal_year,
        case fund_type
            when 'government_fund' then ['B06', 'prose']
            when 'state_capital' then ['B07', 'prose']
            else ['B05', 'B03', 'prose']
        end as other_tables,
        subject_code as other_row_key,
        'total' as other_column_key,
        'subject_expenditure_budget' as other_metric_key,
        case fund_type when 'government_fund' then 'B06' when 'state_capital' then 'B07' else 'B05' end
        || ' 表 科目 ' || subject_code || ' 合计' as other_label,
        budget_yuan as stated_yuan,
        budget_unit as stated_unit,
        budget_decimals as stated_decimals,
        budget_line as source_line,
        text
    from execution
),

stated as (
    select * from totals
    union all by name
    select * from items
)

select
    document_id,
    check_id,
    statement_key,
    metric_key,
    subject_code,
    statement_label,
    other_document_kind,
    other_fiscal_year,
    other_tables,
    other_row_key,
    other_column_key,
    other_metric_key,
    other_label,
    stated_yuan,
    cast(null as decimal(20, 6)) as stated_rate,
    cast(null as integer) as rate_decimals,
    stated_unit,
    stated_decimals,
    cast(null as decimal(18, 2)) as base_yuan,
    cast(null as varchar) as base_unit,
    cast(null as integer) as base_decimals,
    cast(null as integer) as base_line,
    cast(null as decimal(18, 2)) as change_yuan,
    source_line,
    text
from stated
