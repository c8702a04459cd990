-- Question: does the prose explanation (情况说明) state the same total income and spending as table 01?
-- Each figure the text states next to the table's figure; a non-zero difference is worth a look
-- (up to 100 元 can be rounding when the document prints 万元 with two decimals).
with tables as (
    select
        document_id,
        line_key,
        max(amount_yuan) as table_yuan
    from marts.fct_summary_line
    where table_code = '01' and line_key in ('income_total', 'expenditure_total')
    group by document_id, line_key
)

select
    d.department_name,
    d.fiscal_year,
    n.metric_key,
    n.amount_yuan as prose_yuan,
    t.table_yuan,
    n.amount_yuan - t.table_yuan as difference_yuan,
    n.source_line,
    n.text
from marts.fct_narrative_fact as n
inner join marts.dim_document as d on n.document_id = d.document_id
inner join tables as t on n.document_id = t.document_id and n.metric_key = t.line_key
order by abs(difference_yuan) desc, d.department_name;
