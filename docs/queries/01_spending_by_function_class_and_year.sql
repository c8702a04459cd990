-- Question: how is spending split across the function classes (功能分类 类), year by year?
-- fct_spending (each figure once: table 03 支出决算表 of the final accounts, all funds), the total
-- column (合计) of the class-level rows (3-digit codes such as 210 卫生健康支出), summed over every
-- department that published that year, with each class's share.
select
    fiscal_year,
    subject_code,
    any_value(subject_name) as subject_name,
    count(distinct document_id) as documents,
    sum(amount_yuan) as amount_yuan,
    round(sum(amount_yuan) / sum(sum(amount_yuan)) over (partition by fiscal_year), 4) as share_of_year
from marts.fct_spending
where
    measure = 'final'
    and subject_level = 1
    and expenditure_type = 'total'
group by fiscal_year, subject_code
order by fiscal_year, amount_yuan desc;
