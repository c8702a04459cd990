{#- Data-quality helpers: exact DECIMAL arithmetic only (no floats, no power()). -#}

{#- Half of the last printed digit, in 元: a value printed with d decimals in unit u stands for
    ±½·10^−d·u (XBRL Calculations 1.1). -#}
{% macro half_unit(decimals, unit) -%}
    cast(
        (case {{ unit }} when '万元' then cast(10000 as decimal(18, 0)) else cast(1 as decimal(18, 0)) end)
        * (
            case coalesce({{ decimals }}, 0)
                when 0 then cast(0.5 as decimal(18, 6))
                when 1 then cast(0.05 as decimal(18, 6))
                when 2 then cast(0.005 as decimal(18, 6))
                when 3 then cast(0.0005 as decimal(18, 6))
                when 4 then cast(0.00005 as decimal(18, 6))
                else cast(0.000005 as decimal(18, 6))
            end
        )
        as decimal(38, 6)
    )
{%- endmacro %}

{#- Decimals a number needs (0–4), for figures whose printed decimals were not recorded. -#}
{% macro needed_decimals(value) -%}
    (
        case
            when {{ value }} = round({{ value }}, 0) then 0
            when {{ value }} = round({{ value }}, 1) then 1
            when {{ value }} = round({{ value }}, 2) then 2
            when {{ value }} = round({{ value }}, 3) then 3
            else 4
        end
    )
{%- endmacro %}

{#- A number written as text ('-1292095.93') with thousands separators ('-1,292,095.93'), exactly. -#}
{% macro with_separators(number_text) -%}
    {#- the text is bound once (t): spelled out four times, its expression was computed four times.
        The whole part is formatted as a BIGINT when it has at most 18 digits (every figure of a budget):
        format() of a HUGEINT costs about 50 times more, and it was half of building dq_check_result. -#}
    list_transform([{{ number_text }}], t -> (
        case when t like '-%' then '-' else '' end
        || case
            when length(split_part(ltrim(t, '-'), '.', 1)) <= 18
                then format('{:,}', cast(split_part(ltrim(t, '-'), '.', 1) as bigint))
            else format('{:,}', cast(split_part(ltrim(t, '-'), '.', 1) as hugeint))
        end
        || case when t like '%.%' then '.' || split_part(t, '.', 2) else '' end
    ))[1]
{%- endmacro %}

{#- A figure in 元 as the document printed it: in its unit, with its decimals (0–4), thousands separators. -#}
{% macro fmt_figure(value, unit, decimals) -%}
    {%- set scaled = '(' ~ value ~ ') * (case ' ~ unit ~ " when '万元' then 0.0001 else 1 end)" -%}
    {%- set text -%}
        (
            case coalesce({{ decimals }}, 2)
                when 0 then cast(cast({{ scaled }} as decimal(38, 0)) as varchar)
                when 1 then cast(cast({{ scaled }} as decimal(38, 1)) as varchar)
                when 2 then cast(cast({{ scaled }} as decimal(38, 2)) as varchar)
                when 3 then cast(cast({{ scaled }} as decimal(38, 3)) as varchar)
                else cast(cast({{ scaled }} as decimal(38, 4)) as varchar)
            end
        )
    {%- endset -%}
    (case when {{ value }} is null then '—' else {{ with_separators(text) }} end)
{%- endmacro %}

{#- a / b rounded half up to 6 decimals, in exact integer arithmetic (a, b with at most 4 decimals, b > 0). -#}
{% macro exact_ratio(a, b) -%}
    (
        cast(
            (
                2 * cast(({{ a }}) * 10000 as hugeint) * 1000000 + cast(({{ b }}) * 10000 as hugeint)
            ) // (2 * cast(({{ b }}) * 10000 as hugeint))
            as decimal(38, 0)
        ) * cast(0.000001 as decimal(7, 6))
    )
{%- endmacro %}

{#- The printed name of an amount column, for messages. -#}
{% macro column_label(table_code, column_key) -%}
    (
        case
            when {{ table_code }} = '02' then
                case {{ column_key }}
                    when 'total' then '本年收入合计'
                    when 'fiscal_appropriation' then '财政拨款收入'
                    when 'superior_subsidy' then '上级补助收入'
                    when 'business' then '事业收入'
                    when 'operating' then '经营收入'
                    when 'subsidiary_remit' then '附属单位上缴收入'
                    when 'other' then '其他收入'
                    else {{ column_key }}
                end
            else
                case {{ column_key }}
                    when 'total' then '本年支出合计'
                    when 'basic' then '基本支出'
                    when 'project' then '项目支出'
                    when 'upper_remit' then '上缴上级支出'
                    when 'operating' then '经营支出'
                    when 'subsidiary' then '对附属单位补助支出'
                    when 'all' then '合计'
                    when 'general_public_budget' then '一般公共预算财政拨款'
                    when 'government_fund' then '政府性基金预算财政拨款'
                    when 'state_capital' then '国有资本经营预算财政拨款'
                    else {{ column_key }}
                end
        end
    )
{%- endmacro %}

{#- A ratio at the printed precision of the figure it is compared with: the printed value itself
    when the exact ratio rounds (half up) to it at its `decimals` (decimals of the fraction, 0–6),
    else the exact ratio. A percentage printed as the correctly rounded ratio then passes; any
    other difference is judged against the tolerance as usual. (Each branch is cast to one
    type: DuckDB would otherwise unify the CASE to DECIMAL(38,0).) -#}
{% macro at_printed_precision(ratio, printed, decimals) -%}
    (
        case
            when {{ ratio }} is null then null
            when
                (case coalesce({{ decimals }}, 6)
                    {%- for d in range(6) %}
                    when {{ d }} then cast(round({{ ratio }}, {{ d }}) as decimal(38, 6))
                    {%- endfor %}
                    else cast({{ ratio }} as decimal(38, 6))
                end) = {{ printed }}
                then {{ printed }}
            else {{ ratio }}
        end
    )
{%- endmacro %}

{#- The columns every check_* model returns, in the order dq_checks unions them. -#}
{% macro dq_columns(family='check_family', table_code='table_code') -%}
    document_id,
    check_id,
    {{ family }} as check_family,
    {{ table_code }} as table_code,
    row_key,
    column_key,
    comparison,
    reported,
    reported_tolerance,
    computed,
    computed_tolerance,
    parts_count,
    parts_missing,
    reported_line,
    part_lines,
    unit,
    decimals,
    reported_label,
    computed_label
{%- endmacro %}

{#- The aggregates of a sum of parts, over the rows of `rel` (a NULL amount is a missing part):
    computed, its tolerance, how many parts and how many missing, their lines, unit and decimals. -#}
{% macro sum_of_parts(rel) -%}
    sum({{ rel }}.amount_yuan) as computed,
    sum(
        case
            when {{ rel }}.amount_yuan is not null
                then {{ half_unit(rel ~ '.reported_decimals', rel ~ '.reported_unit') }}
        end
    ) as computed_tolerance,
    count(*) as parts_count,
    count(*) - count({{ rel }}.amount_yuan) as parts_missing,
    array_to_string(list_sort(list_distinct(list({{ rel }}.source_line))), ', ') as part_lines,
    max({{ rel }}.reported_unit) as part_unit,
    max({{ rel }}.reported_decimals) as part_decimals
{%- endmacro %}

{#- The dq columns from `reported` to `decimals` for a printed total (`totals`: a figure row) against
    a sum of parts (`parts`: a row of sum_of_parts). -#}
{% macro total_against_parts(totals, parts) -%}
    cast({{ totals }}.amount_yuan as decimal(38, 6)) as reported,
    {{ half_unit(totals ~ '.reported_decimals', totals ~ '.reported_unit') }} as reported_tolerance,
    cast({{ parts }}.computed as decimal(38, 6)) as computed,
    cast({{ parts }}.computed_tolerance as decimal(38, 6)) as computed_tolerance,
    {{ parts }}.parts_count,
    {{ parts }}.parts_missing,
    {{ totals }}.source_line as reported_line,
    {{ parts }}.part_lines,
    coalesce({{ totals }}.reported_unit, {{ parts }}.part_unit) as unit,
    coalesce({{ totals }}.reported_decimals, {{ parts }}.part_decimals) as decimals
{%- endmacro %}

{#- The dq columns from `reported` to `decimals` for one figure printed twice (n = 1), or a figure
    against one that contains it (comparison 'le'): needs the columns reported, computed and their
    _unit, _decimals and _line, `comparison` and `rounding_note` (true when the document warns of
    尾数误差). Two printings of one figure stand for one value, so the more precise one, rounded to the
    other's precision, must equal it: the tolerance is ½ of the coarser printing's last digit (XBRL
    duplicate facts). Two different figures (a containment), and any pair in a document that warns
    its figures carry rounding differences, get ½ + ½ (XBRL Calculations 1.1, as for a total and one
    part). A missing second printing is a missing part. -#}
{% macro printed_pair(rounding_note='rounding_note', comparison='comparison') -%}
    cast(reported as decimal(38, 6)) as reported,
    case
        when {{ rounding_note }} or {{ comparison }} <> 'eq' or computed is null
            then {{ half_unit('reported_decimals', 'reported_unit') }}
        else greatest(
            {{ half_unit('reported_decimals', 'reported_unit') }}, {{ half_unit('computed_decimals', 'computed_unit') }}
        )
    end as reported_tolerance,
    cast(computed as decimal(38, 6)) as computed,
    case
        when computed is not null and ({{ rounding_note }} or {{ comparison }} <> 'eq')
            then {{ half_unit('computed_decimals', 'computed_unit') }}
        when computed is not null then cast(0 as decimal(38, 6))
    end as computed_tolerance,
    1 as parts_count,
    case when computed is null then 1 else 0 end as parts_missing,
    reported_line,
    cast(computed_line as varchar) as part_lines,
    coalesce(reported_unit, computed_unit) as unit,
    greatest(reported_decimals, computed_decimals) as decimals
{%- endmacro %}
