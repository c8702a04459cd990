-- Question: did departments stay within their "三公" budgets (overseas travel 因公出国（境）,
-- official vehicles 公务用车, official reception 公务接待)?
-- Current-year figures; a figure printed in table 07 wins over the same figure stated in prose.
-- `period` ('current' / 'prior') separates the prior-year column some base-data tables print.
with figures as (
    select
        document_id,
        department_name,
        fiscal_year,
        category,
        measure,
        amount_yuan,
        source
    from marts.fct_three_public
    where coalesce(period, 'current') = 'current' and amount_yuan is not null
    qualify row_number() over (
        partition by document_id, category, measure
        order by source = 'table' desc, source_line
    ) = 1
)

select
    department_name,
    fiscal_year,
    category,
    max(amount_yuan) filter (where measure = 'budget') as budget_yuan,
    max(amount_yuan) filter (where measure = 'actual') as actual_yuan,
    actual_yuan - budget_yuan as over_budget_yuan,
    round(actual_yuan / nullif(budget_yuan, 0), 4) as actual_to_budget,
    string_agg(distinct source, ', ') as sources
from figures
group by document_id, department_name, fiscal_year, category
order by department_name, fiscal_year, category;
