-- Question: how much of each department's spending is basic spending (基本支出: salaries and running
-- costs) and how much is project spending (项目支出)?
-- fct_spending (table 03 支出决算表 of the final accounts), the grand-total row (合计, subject_code
-- 'TOTAL'), one row per document.
select
    department_name,
    fiscal_year,
    document_id,
    sum(amount_yuan) filter (where expenditure_type = 'total') as total_yuan,
    sum(amount_yuan) filter (where expenditure_type = 'basic') as basic_yuan,
    sum(amount_yuan) filter (where expenditure_type = 'project') as project_yuan,
    round(project_yuan / nullif(total_yuan, 0), 4) as project_share
from marts.fct_spending
where measure = 'final' and subject_code = 'TOTAL'
group by department_name, fiscal_year, document_id
order by project_share desc nulls last;
