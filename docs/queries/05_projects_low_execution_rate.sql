-- Question: which projects spent much less than their budget (execution rate 执行率 = executed / budget
-- below 90 %), and does the rate the document prints agree with the one recomputed from its figures?
select
    d.department_name,
    d.fiscal_year,
    coalesce(p.project_name, '（部门整体）') as project,
    p.budget_yuan,
    p.executed_yuan,
    round(p.executed_yuan / p.budget_yuan, 4) as execution_rate,
    p.execution_rate_reported,
    p.total_score,
    p.grade,
    p.source_line
from marts.fct_project_performance as p
inner join marts.dim_document as d on p.document_id = d.document_id
where p.budget_yuan > 0 and p.executed_yuan / p.budget_yuan < 0.9
order by execution_rate;
