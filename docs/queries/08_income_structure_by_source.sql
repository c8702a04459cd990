-- Question: where does each department's money come from (财政拨款 fiscal appropriation, 事业收入,
-- 经营收入, 上级补助, 附属单位上缴, 其他)?
-- Table 02 (收入决算表), the grand-total row (合计), one row per document and income source, with its share.
select
    department_name,
    fiscal_year,
    income_source,
    amount_yuan,
    round(
        amount_yuan / max(amount_yuan) filter (where income_source = 'total') over (partition by document_id), 4
    ) as share_of_total
from marts.fct_income
where table_code = '02' and subject_code = 'TOTAL' and amount_yuan is not null
order by department_name, fiscal_year, income_source = 'total' desc, amount_yuan desc;
