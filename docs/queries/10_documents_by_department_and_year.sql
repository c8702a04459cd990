-- Question: which departments and years are in the warehouse, and of what kind?
-- One row per department, one column per kind of document, the years listed.
select
    department_name,
    string_agg(distinct fiscal_year::varchar, ', ' order by fiscal_year::varchar)
        filter (where document_kind = 'final_account') as final_account_years,
    string_agg(distinct fiscal_year::varchar, ', ' order by fiscal_year::varchar)
        filter (where document_kind = 'performance_report') as performance_report_years,
    count(*) as documents
from marts.dim_document
group by department_name
order by department_name;
