-- Question: how did one department's income, spending and 三公 spending develop over the years?
-- Change the name in `chosen` (use query 10 to see which departments and years are loaded).
-- One row per document; figures come from table 01 (收入支出决算总表), table 03 and table 07.
with chosen as (
    select '宁德市医疗保障局' as department_name
),

totals as (
    select
        document_id,
        max(amount_yuan) filter (where line_key = 'income_total') as income_yuan,
        max(amount_yuan) filter (where line_key = 'expenditure_total') as expenditure_yuan
    from marts.fct_summary_line
    where table_code = '01'
    group by document_id
),

spending as (
    select
        document_id,
        sum(amount_yuan) filter (where expenditure_type = 'basic') as basic_yuan,
        sum(amount_yuan) filter (where expenditure_type = 'project') as project_yuan
    from marts.fct_spending
    where measure = 'final' and subject_code = 'TOTAL'
    group by document_id
),

three_public as (
    select
        document_id,
        max(amount_yuan) filter (where measure = 'actual') as three_public_actual_yuan
    from marts.fct_three_public
    where category = 'total' and coalesce(period, 'current') = 'current' and source = 'table'
    group by document_id
)

select
    d.department_name,
    d.fiscal_year,
    d.document_kind,
    t.income_yuan,
    t.expenditure_yuan,
    s.basic_yuan,
    s.project_yuan,
    p.three_public_actual_yuan
from marts.dim_document as d
inner join chosen as c on d.department_name = c.department_name
left join totals as t on d.document_id = t.document_id
left join spending as s on d.document_id = s.document_id
left join three_public as p on d.document_id = p.document_id
order by d.fiscal_year, d.document_kind;
