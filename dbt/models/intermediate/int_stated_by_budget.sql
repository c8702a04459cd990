-- A budget's statements about last year: the execution of each 项 (“2025年当年预算执行数为 X 万元”),
-- about last year's final account (c_prior_execution: its 05 table, else 08, 09, else its prose), and
-- the change of a total from last year's budget (“比2025年预算增加793.14万元”, “与2025年预算持平”):
-- last year's budget = this year's − the change, about last year's budget (c_prior_budget_figure).
with documents as (
    select
        document_id,
        batch_id,
        fiscal_year,
        document_kind
    from {{ ref('int_document_version') }}
    where is_current and document_kind = 'budget'
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

metrics as (
    select * from {{ ref('int_metric_figure') }}
    where document_kind = 'budget' and row_key <> '<subject>'
),

executions as (
    select
        document_id,
        'c_prior_execution' as check_id,
        'item:' || coalesce(subject_code, '?') || '@' || source_line as statement_key,
        metric_key,
        subject_code,
        '上年预算执行数 科目 ' || coalesce(subject_code, '?') || '（说明）' as statement_label,
        'final_account' as other_document_kind,
        fiscal_year - 1 as other_fiscal_year,
        ['05', '08', '09', 'prose'] as other_tables,
        subject_code as other_row_key,
        'total' as other_column_key,
        'subject_expenditure' as other_metric_key,
        '05 表（或 08、09 表）科目 ' || coalesce(subject_code, '?') || ' 合计' as other_label,
        amount_yuan as stated_yuan,
        cast(null as decimal(18, 2)) as base_yuan,
        cast(null as varchar) as base_unit,
        cast(null as integer) as base_decimals,
        cast(null as integer) as base_line,
        cast(null as decimal(18, 2)) as change_yuan,
        reported_unit,
        reported_decimals,
        source_line,
        text
    from facts
    where metric_key = 'subject_prior_execution'
),

prior_budgets as (
    select
        facts.document_id,
        'c_prior_budget_figure' as check_id,
        facts.metric_key || '@' || facts.source_line as statement_key,
        facts.metric_key,
        facts.subject_code,
        '说明 上年 ' || metrics.label || '（本年 '
        || {{ fmt_figure('facts.amount_yuan', 'facts.reported_unit', 'facts.reported_decimals') }}
        || ' − 增减 ' || {{ fmt_figure('facts.change_yuan', 'facts.reported_unit', 'facts.reported_decimals') }}
        || '）' as statement_label,
        'budget' as other_document_kind,
        facts.fiscal_year - 1 as other_fiscal_year,
        [metrics.table_code, 'prose'] as other_tables,
        metrics.row_key as other_row_key,
        metrics.column_key as other_column_key,
        facts.metric_key as other_metric_key,
        metrics.table_code || ' 表 ' || metrics.label as other_label,
        facts.amount_yuan - facts.change_yuan as stated_yuan,
        facts.amount_yuan as base_yuan,
        facts.reported_unit as base_unit,
        facts.reported_decimals as base_decimals,
        facts.source_line as base_line,
        facts.change_yuan,
        facts.reported_unit,
        facts.reported_decimals,
        facts.source_line,
        facts.text
    from facts
    inner join metrics on facts.metric_key = metrics.metric_key
    where facts.change_yuan is not null
),

stated as (
    select * from executions
    union all by name
    select * from prior_budgets
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
    reported_unit as stated_unit,
    reported_decimals as stated_decimals,
    base_yuan,
    base_unit,
    base_decimals,
    base_line,
    change_yuan,
    source_line,
    text
from stated
