-- Question: which performance indicators (绩效指标) missed their targets?
-- Only indicators with a comparator and both a numeric target and a numeric actual can be judged;
-- a range target is checked against its lower bound (target_value), the upper bound is not stored.
select
    d.department_name,
    d.fiscal_year,
    i.project_name,
    i.level1,
    i.level2,
    i.indicator_name,
    i.comparator,
    i.target_text,
    i.actual_text,
    i.target_value,
    i.actual_value,
    i.unit,
    i.weight,
    i.score,
    i.source_line
from marts.fct_performance_indicator as i
inner join marts.dim_document as d on i.document_id = d.document_id
where
    i.target_value is not null
    and i.actual_value is not null
    and not case i.comparator
        when '>=' then i.actual_value >= i.target_value
        when '<=' then i.actual_value <= i.target_value
        when '=' then i.actual_value = i.target_value
        when 'range' then i.actual_value >= i.target_value
    end
order by d.department_name, d.fiscal_year, i.project_name, i.source_line;
