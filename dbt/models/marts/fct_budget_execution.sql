-- Budget against outcome: one row per department, fiscal year, scope and subject code that the
-- department's budget (部门预算) or final account (部门决算) of that year prints.
--   scope all_funds:      budget table B03 (支出预算总表) against final-account table 03 (支出决算表);
--   scope general_budget: budget table B05 (一般公共预算支出功能分类预算表) against table 05.
-- The figures are the tables' 合计 columns. execution_rate = final / budget (exact, 6 decimals),
-- NULL when either is not printed or the budget is not positive.
with expenditure as (
    select * from {{ ref('fct_expenditure') }}
),

documents as (
    select * from {{ ref('dim_document') }}
),

printed as (
    select
        documents.department_name,
        documents.fiscal_year,
        documents.document_kind,
        expenditure.document_id,
        expenditure.subject_code,
        expenditure.subject_name,
        expenditure.subject_level,
        expenditure.amount_yuan,
        case when expenditure.table_code in ('B03', '03') then 'all_funds' else 'general_budget' end as scope
    from expenditure
    inner join documents on expenditure.document_id = documents.document_id
    where
        expenditure.expenditure_type = 'total'
        and (
            (documents.document_kind = 'budget' and expenditure.table_code in ('B03', 'B05'))
            or (documents.document_kind = 'final_account' and expenditure.table_code in ('03', '05'))
        )
    -- one figure per subject and table: the first printing
    qualify row_number() over (
        partition by expenditure.document_id, expenditure.table_code, expenditure.subject_code
        order by expenditure.source_line
    ) = 1
),

budget as (
    select * from printed
    where document_kind = 'budget'
),

final as (
    select * from printed
    where document_kind = 'final_account'
),

joined as (
    select
        budget.amount_yuan as budget_yuan,
        final.amount_yuan as final_yuan,
        budget.document_id as budget_document_id,
        final.document_id as final_document_id,
        coalesce(budget.department_name, final.department_name) as department_name,
        coalesce(budget.fiscal_year, final.fiscal_year) as fiscal_year,
        coalesce(budget.scope, final.scope) as scope,
        coalesce(budget.subject_code, final.subject_code) as subject_code,
        coalesce(budget.subject_name, final.subject_name) as subject_name,
        coalesce(budget.subject_level, final.subject_level) as subject_level
    from budget
    full outer join final
        on
            budget.department_name = final.department_name
            and budget.fiscal_year = final.fiscal_year
            and budget.scope = final.scope
            and budget.subject_code = final.subject_code
),

rated as (
    select
        joined.*,
        case
            when joined.budget_yuan > 0 and joined.final_yuan is not null
                -- final / budget rounded half up to 6 decimals, in exact integer arithmetic (no floats)
                then cast(
                    cast(
                        (
                            2 * cast(joined.final_yuan * 100 as hugeint) * 1000000
                            + cast(joined.budget_yuan * 100 as hugeint)
                        ) // (2 * cast(joined.budget_yuan * 100 as hugeint)) as decimal(38, 0)
                    ) * cast(0.000001 as decimal(7, 6)) as decimal(18, 6)
                )
        end as execution_rate
    from joined
)

select
    department_name,
    fiscal_year,
    scope,
    subject_code,
    subject_name,
    subject_level,
    budget_yuan,
    final_yuan,
    execution_rate,
    budget_document_id,
    final_document_id
from rated
