-- “三公” figures a document prints that belong to another document: a previous-year column (a
-- self-evaluation's base-data table “2019年决算数”: last year's final account, c_prior_final_figure; a
-- previous-year budget column: last year's budget, c_prior_budget_figure), a self-evaluation's own
-- year (its actual: that year's final account, c_final_figure; its budget: that year's budget,
-- c_budget_figure) and a final account's budget (table 07's 预算数, “比本年预算的 16.00 万元”:
-- c_budget_figure). A final account's own actual and a budget's own budget are its own figures.
-- (No sentence: the mart leaves its text NULL.)
with documents as (
    select
        document_id,
        batch_id,
        fiscal_year,
        document_kind
    from {{ ref('int_document_version') }}
    where is_current
),

three_public as (
    select
        three_public.*,
        documents.fiscal_year,
        documents.document_kind
    from {{ ref('stg_staged__three_public') }} as three_public
    inner join documents
        on
            three_public.document_id = documents.document_id
            and three_public.batch_id = documents.batch_id
    where three_public.amount_yuan is not null
),

labels as (
    select
        label_values.category,
        label_values.label
    from (
        values
        ('total', '“三公”经费'),
        ('overseas_travel', '因公出国（境）费'),
        ('vehicle', '公务用车购置及运行费'),
        ('vehicle_purchase', '公务用车购置费'),
        ('vehicle_operation', '公务用车运行维护费'),
        ('reception', '公务接待费')
    ) as label_values (category, label)
)

select
    three_public.document_id,
    'three_public' as metric_key,
    three_public.category as subject_code,
    three_public.category as other_row_key,
    three_public.measure as other_column_key,
    cast(null as varchar) as other_metric_key,
    three_public.amount_yuan as stated_yuan,
    cast(null as decimal(20, 6)) as stated_rate,
    cast(null as integer) as rate_decimals,
    three_public.reported_unit as stated_unit,
    three_public.reported_decimals as stated_decimals,
    cast(null as decimal(18, 2)) as base_yuan,
    cast(null as varchar) as base_unit,
    cast(null as integer) as base_decimals,
    cast(null as integer) as base_line,
    cast(null as decimal(18, 2)) as change_yuan,
    three_public.source_line,
    case
        when three_public.period = 'prior' and three_public.measure = 'actual' then 'c_prior_final_figure'
        when three_public.period = 'prior' then 'c_prior_budget_figure'
        when three_public.measure = 'actual' then 'c_final_figure'
        else 'c_budget_figure'
    end as check_id,
    'three_public:' || three_public.category || ':' || three_public.measure || ':' || three_public.period
    || ':' || three_public.source || '@' || three_public.source_line as statement_key,
    case when three_public.period = 'prior' then '上年' else '本年' end
    || case three_public.measure when 'budget' then '预算 ' else '决算 ' end
    || labels.label
    || case three_public.source when 'table' then '（表）' else '（说明）' end as statement_label,
    case when three_public.measure = 'actual' then 'final_account' else 'budget' end as other_document_kind,
    three_public.fiscal_year - case when three_public.period = 'prior' then 1 else 0 end as other_fiscal_year,
    case when three_public.measure = 'actual' then ['07'] else ['B09'] end as other_tables,
    case when three_public.measure = 'actual' then '07 表 ' else 'B09 表 ' end
    || labels.label || case three_public.measure when 'budget' then ' 预算' else ' 决算' end as other_label
from three_public
inner join labels on three_public.category = labels.category
where
    three_public.period = 'prior'
    or three_public.document_kind = 'performance_report'
    or (three_public.document_kind = 'final_account' and three_public.measure = 'budget')
