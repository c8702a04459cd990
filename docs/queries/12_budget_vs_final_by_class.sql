-- Question: how much of its budget did each department spend, class by class (预算执行: the budget,
-- 部门预算, against the final account, 部门决算, of the same department and year)?
-- One row per department, year and function class (类), plus the total: all funds (budget table B03
-- against final-account table 03). A class that only one of the two documents prints has the other
-- side empty; a department whose budget (or final account) is not loaded shows the other alone.
-- This is the data of the overview chart "预算执行 · budget vs outcome": per department and year, a
-- bar pair per class (budget, final) labelled with the execution rate, the total first.
select
    department_name,
    fiscal_year,
    subject_code,
    subject_name,
    budget_yuan,
    final_yuan,
    final_yuan - budget_yuan as over_budget_yuan,
    execution_rate,
    round(execution_rate * 100, 2) as execution_pct,
    budget_document_id,
    final_document_id
from marts.fct_budget_execution
where scope = 'all_funds' and subject_level <= 1
order by department_name, fiscal_year, subject_level, subject_code;
