-- Prose against tables (a figure the explanation states = the table's figure, n = 1; 机关运行经费 ≤
-- 06 公用经费合计) and prose against itself: "其中" breakdowns add up, stated year-on-year changes and
-- shares ("占 40.92%") recompute. A "三公" figure stated while table 07 prints nothing (printed
-- empty) is compared with 0. A stated percentage passes when it is the correctly rounded ratio of the printed
-- figures; otherwise the difference is judged against ½ of its last digit plus what the
-- rounding of the figures can move the ratio.
-- A budget's prose (部门预算) is checked by check_budget_narrative; it shares the breakdowns and the
-- "三公" comparison here under its own rule names (b_n_…).
-- depends_on: {{ ref('check_cross_table') }}
-- (built after check_cross_table: the families that join every printed figure run one at a time; two at once
-- held their hash tables together and ran out of DuckDB's memory limit at 10,000 documents)
{% call check_documents_to_build() -%}
with budgets as (
    select document_id from {{ ref('dim_document') }}
    where document_kind = 'budget'
),

facts as (
    select * from {{ ref('fct_narrative_fact') }} {{ documents_to_check_only() }}
),

shares as (
    select * from {{ ref('fct_narrative_share') }} {{ documents_to_check_only() }}
),

table_figures as (
    select * from {{ ref('dq_table_figures') }} {{ documents_to_check_only() }}
),

printed_figures as (
    select * from {{ ref('dq_printed_figures') }} {{ documents_to_check_only() }}
),

income_lines as (
    select * from {{ ref('fct_income') }}
    where subject_code is null
),

three_public as (
    select * from {{ ref('dq_three_public') }} {{ documents_to_check_only() }}
),

rounding_notes as (
    select * from {{ ref('dq_rounding_notes') }} {{ documents_to_check_only() }}
),

empty_07 as (
    select * from {{ ref('dim_document_table') }}
    where table_code = '07' and status = 'empty'
),

figures as (
    select * from printed_figures
    union all
    select
        document_id,
        table_code,
        'income:' || income_source as row_key,
        'line' as column_key,
        amount_yuan,
        reported_unit,
        reported_decimals,
        source_line
    from income_lines
),

metric_map as (
    select
        metric_values.metric_key,
        metric_values.table_code,
        metric_values.row_key,
        metric_values.column_key,
        metric_values.table_label
    from (
        values
        ('income_total', '01', 'income_total', 'income:all', '01 表 本年收入合计'),
        ('expenditure_total', '01', 'expenditure_total', 'expenditure:all', '01 表 本年支出合计'),
        ('opening_balance', '01', 'opening_balance', 'income:all', '01 表 年初结转和结余'),
        ('closing_balance', '01', 'closing_balance', 'expenditure:all', '01 表 年末结转和结余'),
        ('surplus_distribution', '01', 'surplus_distribution', 'expenditure:all', '01 表 结余分配'),
        ('non_fiscal_balance_used', '01', 'non_fiscal_balance_used', 'income:all', '01 表 使用非财政拨款结余'),
        ('income_general_public_budget', '01', 'income:general_public_budget', 'line', '01 表 一般公共预算财政拨款收入'),
        ('income_government_fund', '01', 'income:government_fund', 'line', '01 表 政府性基金预算财政拨款收入'),
        ('income_state_capital', '01', 'income:state_capital', 'line', '01 表 国有资本经营预算财政拨款收入'),
        ('income_superior_subsidy', '01', 'income:superior_subsidy', 'line', '01 表 上级补助收入'),
        ('income_business', '01', 'income:business', 'line', '01 表 事业收入'),
        ('income_operating', '01', 'income:operating', 'line', '01 表 经营收入'),
        ('income_subsidiary_remit', '01', 'income:subsidiary_remit', 'line', '01 表 附属单位上缴收入'),
        ('income_other', '01', 'income:other', 'line', '01 表 其他收入'),
        ('expenditure_basic', '03', 'TOTAL', 'basic', '03 表 基本支出合计'),
        ('expenditure_project', '03', 'TOTAL', 'project', '03 表 项目支出合计'),
        ('expenditure_upper_remit', '03', 'TOTAL', 'upper_remit', '03 表 上缴上级支出合计'),
        ('expenditure_operating', '03', 'TOTAL', 'operating', '03 表 经营支出合计'),
        ('expenditure_subsidiary', '03', 'TOTAL', 'subsidiary', '03 表 对附属单位补助支出合计'),
        ('fiscal_income_total', '04', 'income_total', 'income:all', '04 表 本年收入合计'),
        ('fiscal_expenditure_total', '04', 'expenditure_total', 'expenditure:all', '04 表 本年支出合计'),
        ('gpb_expenditure_total', '05', 'TOTAL', 'total', '05 表 合计'),
        ('gpb_expenditure_basic', '05', 'TOTAL', 'basic', '05 表 基本支出合计'),
        ('personnel_expense', '06', 'PERSONNEL_TOTAL', 'basic', '06 表 人员经费合计'),
        ('public_expense', '06', 'PUBLIC_TOTAL', 'basic', '06 表 公用经费合计'),
        ('grand_total', '01', 'grand_total', 'income:all', '01 表 收入总计'),
        ('fiscal_grand_total', '04', 'grand_total', 'income:all', '04 表 收入总计'),
        ('subject_expenditure', '05', '<subject>', 'total', '05 表 科目'),
        ('economic_expenditure', '06', '<subject>', 'basic', '06 表 科目')
    ) as metric_values (metric_key, table_code, row_key, column_key, table_label)
),

final_accounts as (
    select distinct document_id from table_figures
),

prose_vs_table as (
    select
        facts.document_id,
        'n_' || facts.metric_key || '_vs_table' as check_id,
        metric_map.table_code,
        coalesce(facts.subject_code, metric_map.row_key) as row_key,
        metric_map.column_key,
        facts.amount_yuan as reported,
        facts.reported_unit,
        facts.reported_decimals,
        facts.source_line as reported_line,
        figures.amount_yuan as computed,
        figures.reported_unit as computed_unit,
        figures.reported_decimals as computed_decimals,
        figures.source_line as computed_line,
        '说明 ' || facts.metric_key || coalesce(' ' || facts.subject_code, '') as reported_label,
        metric_map.table_label || coalesce(' ' || facts.subject_code, '') as computed_label,
        'eq' as comparison,
        rounding_notes.document_id is not null as rounding_note
    from facts
    inner join metric_map on facts.metric_key = metric_map.metric_key
    inner join final_accounts on facts.document_id = final_accounts.document_id
    left join rounding_notes on facts.document_id = rounding_notes.document_id
    left join figures
        on
            facts.document_id = figures.document_id
            and metric_map.table_code = figures.table_code
            and (
                case when metric_map.row_key = '<subject>' then facts.subject_code else metric_map.row_key end
            ) = figures.row_key
            and metric_map.column_key = figures.column_key
    where facts.amount_yuan is not null
    qualify row_number() over (
        partition by facts.document_id, facts.metric_key, facts.subject_code, facts.source_line
        order by figures.source_line
    ) = 1
),

three_public_vs_table as (
    select
        prose.document_id,
        case when budgets.document_id is null then 'n_three_public_vs_07' else 'b_n_three_public_vs_b09' end
            as check_id,
        case when budgets.document_id is null then '07' else 'B09' end as table_code,
        prose.category as row_key,
        prose.measure || ':' || prose.period as column_key,
        prose.amount_yuan as reported,
        prose.reported_unit,
        prose.reported_decimals,
        prose.source_line as reported_line,
        coalesce(tbl.amount_yuan, case when empty_07.document_id is not null then 0 end) as computed,
        coalesce(tbl.reported_unit, prose.reported_unit) as computed_unit,
        coalesce(tbl.reported_decimals, prose.reported_decimals) as computed_decimals,
        coalesce(tbl.source_line, empty_07.source_line) as computed_line,
        '说明 “三公” ' || prose.category || '（' || prose.measure || '）' as reported_label,
        case when budgets.document_id is null then '07 表 ' else 'B09 表 ' end
        || prose.category || '（' || prose.measure || '）'
        || case when tbl.document_id is null and empty_07.document_id is not null then '（表内无数）' else '' end
            as computed_label,
        'eq' as comparison,
        rounding_notes.document_id is not null as rounding_note
    from three_public as prose
    left join budgets on prose.document_id = budgets.document_id
    left join three_public as tbl
        on
            prose.document_id = tbl.document_id
            and tbl.source = 'table'
            and prose.category = tbl.category
            and prose.measure = tbl.measure
            and prose.period = tbl.period
    left join empty_07 on prose.document_id = empty_07.document_id and prose.period = 'current'
    left join rounding_notes on prose.document_id = rounding_notes.document_id
    where prose.source = 'narrative'
    qualify row_number() over (
        partition by prose.document_id, prose.category, prose.measure, prose.period, prose.source_line
        order by tbl.source_line
    ) = 1
),

-- 机关运行经费 (日常公用经费 of the administrative units) is part of 06 公用经费合计
agency_vs_public as (
    select
        facts.document_id,
        'n_agency_operating_expense_le_public' as check_id,
        '06' as table_code,
        'PUBLIC_TOTAL' as row_key,
        'basic' as column_key,
        facts.amount_yuan as reported,
        facts.reported_unit,
        facts.reported_decimals,
        facts.source_line as reported_line,
        figures.amount_yuan as computed,
        figures.reported_unit as computed_unit,
        figures.reported_decimals as computed_decimals,
        figures.source_line as computed_line,
        '说明 机关运行经费' as reported_label,
        '06 表 公用经费合计' as computed_label,
        'le' as comparison,
        rounding_notes.document_id is not null as rounding_note
    from facts
    inner join final_accounts on facts.document_id = final_accounts.document_id
    left join figures
        on
            facts.document_id = figures.document_id
            and figures.table_code = '06'
            and figures.row_key = 'PUBLIC_TOTAL'
            and figures.column_key = 'basic'
    left join rounding_notes on facts.document_id = rounding_notes.document_id
    where facts.metric_key = 'agency_operating_expense' and facts.amount_yuan is not null
),

pairs as (
    select * from prose_vs_table
    union all
    select * from three_public_vs_table
    union all
    select * from agency_vs_public
),

-- "其中" breakdowns: a stated total and the parts stated after it (nearest preceding total)
breakdown_rules as (
    select
        rule_values.check_id,
        rule_values.total_metric,
        rule_values.part_metric,
        rule_values.part_label
    from (
        values
        {%- for total in ['expenditure_basic', 'gpb_expenditure_basic'] %}
        {%- for part, label in [('personnel_expenditure', '人员支出'), ('public_expenditure', '公用支出'),
                                ('personnel_expense', '人员经费'), ('public_expense', '公用经费')] %}
                ('n_basic_eq_personnel_public', '{{ total }}', '{{ part }}', '{{ label }}'),
            {%- endfor %}
        {%- endfor %}
        ('n_total_eq_basic_project', 'expenditure_total', 'expenditure_basic', '基本支出'),
        ('n_total_eq_basic_project', 'expenditure_total', 'expenditure_project', '项目支出'),
        ('n_income_total_eq_sources', 'income_total', 'fiscal_income_total', '财政拨款收入'),
        ('n_income_total_eq_sources', 'income_total', 'income_general_public_budget', '一般公共预算财政拨款收入'),
        ('n_income_total_eq_sources', 'income_total', 'income_government_fund', '政府性基金'),
        ('n_income_total_eq_sources', 'income_total', 'income_state_capital', '国有资本经营'),
        ('n_income_total_eq_sources', 'income_total', 'income_superior_subsidy', '上级补助'),
        ('n_income_total_eq_sources', 'income_total', 'income_business', '事业收入'),
        ('n_income_total_eq_sources', 'income_total', 'income_operating', '经营收入'),
        ('n_income_total_eq_sources', 'income_total', 'income_subsidiary_remit', '附属单位上缴'),
        ('n_income_total_eq_sources', 'income_total', 'income_other', '其他收入'),
        ('n_procurement_total_eq_parts', 'government_procurement_total', 'government_procurement_goods', '货物'),
        ('n_procurement_total_eq_parts', 'government_procurement_total', 'government_procurement_works', '工程'),
        ('n_procurement_total_eq_parts', 'government_procurement_total', 'government_procurement_services', '服务'),
        -- a budget's 编制说明: 收入预算 = its sources; 财政拨款支出预算 = its funds; 政府采购预算 = its parts
        {%- for part, label in [('fiscal_income_total', '财政拨款收入'), ('income_superior_subsidy', '上级补助收入'),
                                ('income_business', '事业收入'), ('income_operating', '事业单位经营收入'),
                                ('income_subsidiary_remit', '附属单位上缴收入'), ('income_other', '其他收入')] %}
            ('b_n_income_total_eq_sources', 'income_total_budget', '{{ part }}_budget', '{{ label }}'),
        {%- endfor %}
        {%- for fund, label in [('gpb', '一般公共预算'), ('government_fund', '政府性基金'),
                                ('state_capital', '国有资本经营预算')] %}
            (
                'b_n_fiscal_expenditure_eq_funds', 'fiscal_expenditure_total_budget',
                '{{ fund }}_expenditure_total_budget', '{{ label }}'
            ),
        {%- endfor %}
        {%- for part, label in [('goods', '货物'), ('works', '工程'), ('services', '服务')] %}
            (
                'b_n_procurement_total_eq_parts', 'government_procurement_total_budget',
                'government_procurement_{{ part }}_budget', '{{ label }}'
            ){% if not loop.last %},{% endif %}
        {%- endfor %}
    ) as rule_values (check_id, total_metric, part_metric, part_label)
),

breakdown_parts as (
    -- each part with the nearest total stated at or before it (the sentence that opens the breakdown)
    select
        parts.document_id,
        breakdown_rules.check_id,
        breakdown_rules.part_label,
        parts.amount_yuan,
        parts.reported_unit,
        parts.reported_decimals,
        parts.source_line,
        totals.source_line as total_line
    from facts as parts
    inner join breakdown_rules on parts.metric_key = breakdown_rules.part_metric
    inner join facts as totals
        on
            parts.document_id = totals.document_id
            and breakdown_rules.total_metric = totals.metric_key
            and parts.source_line >= totals.source_line
            and totals.amount_yuan is not null
    where parts.amount_yuan is not null
    qualify row_number() over (
        partition by parts.document_id, breakdown_rules.check_id, parts.metric_key, parts.source_line
        order by totals.source_line desc
    ) = 1
),

breakdown_nearest as (
    -- one printing of each part per breakdown: the one closest after the total; 财政拨款收入 is a part
    -- only when the breakdown names no fund (一般公共预算 …) separately, which it adds up
    select * from breakdown_parts
    qualify
        row_number() over (partition by document_id, check_id, total_line, part_label order by source_line) = 1
        and not (
            part_label = '财政拨款收入'
            and count(*) filter (
                where part_label in ('一般公共预算财政拨款收入', '政府性基金', '国有资本经营')
            ) over (partition by document_id, check_id, total_line) > 0
        )
),

breakdowns as (
    select
        breakdown_parts.document_id,
        breakdown_parts.check_id,
        breakdown_parts.total_line,
        {{ sum_of_parts('breakdown_parts') }},
        string_agg(breakdown_parts.part_label, ' + ' order by breakdown_parts.part_label) as computed_label
    from breakdown_nearest as breakdown_parts
    group by breakdown_parts.document_id, breakdown_parts.check_id, breakdown_parts.total_line
    having count(*) >= 2
),

breakdown_checks as (
    select
        breakdowns.document_id,
        breakdowns.check_id,
        cast(null as varchar) as table_code,
        totals.metric_key as row_key,
        'prose' as column_key,
        'eq' as comparison,
        cast(totals.amount_yuan as decimal(38, 6)) as reported,
        {{ half_unit('totals.reported_decimals', 'totals.reported_unit') }} as reported_tolerance,
        cast(breakdowns.computed as decimal(38, 6)) as computed,
        cast(breakdowns.computed_tolerance as decimal(38, 6)) as computed_tolerance,
        breakdowns.parts_count,
        breakdowns.parts_missing,
        totals.source_line as reported_line,
        breakdowns.part_lines,
        totals.reported_decimals as decimals,
        breakdowns.computed_label,
        coalesce(totals.reported_unit, breakdowns.part_unit) as unit,
        '说明 ' || totals.metric_key as reported_label
    from breakdowns
    inner join breakdown_rules on breakdowns.check_id = breakdown_rules.check_id
    inner join facts as totals
        on
            breakdowns.document_id = totals.document_id
            and breakdowns.total_line = totals.source_line
            and breakdown_rules.total_metric = totals.metric_key
    qualify row_number() over (partition by breakdowns.document_id, breakdowns.check_id, breakdowns.total_line) = 1
),

-- year-on-year changes: stated rate (fraction) = change / (this year − change)
changes as (
    select
        document_id,
        metric_key,
        subject_code,
        amount_yuan,
        change_yuan,
        change_pct,
        reported_unit,
        reported_decimals,
        source_line,
        amount_yuan - change_yuan as prior_yuan,
        -- decimals of the fraction: as printed, else as many as the value needs
        coalesce(change_pct_decimals + 2, greatest({{ needed_decimals('change_pct') }}, 2)) as pct_decimals,
        {{ half_unit('reported_decimals', 'reported_unit') }} as amount_tolerance
    from facts
    where change_pct is not null and document_id not in (select budgets.document_id from budgets)
),

change_checks as (
    select
        document_id,
        'n_change_pct_recomputes' as check_id,
        cast(null as varchar) as table_code,
        metric_key || coalesce(':' || subject_code, '') as row_key,
        'change_pct' as column_key,
        'eq' as comparison,
        cast(change_pct as decimal(38, 6)) as reported,
        {{ half_unit('pct_decimals', "'%'") }} as reported_tolerance,
        case
            when prior_yuan > 0 and change_yuan is not null
                then {{ at_printed_precision(exact_ratio('change_yuan', 'prior_yuan'), 'change_pct', 'pct_decimals') }}
        end as computed,
        case
            when prior_yuan > 0 and change_yuan is not null
                then
                    {{ exact_ratio('2 * amount_tolerance + abs(change_pct) * 2 * amount_tolerance', 'prior_yuan') }}
                    + cast(0.000002 as decimal(38, 6))
        end as computed_tolerance,
        3 as parts_count,
        case when change_yuan is null or amount_yuan is null or prior_yuan <= 0 then 1 else 0 end as parts_missing,
        source_line as reported_line,
        cast(source_line as varchar) as part_lines,
        'ratio' as unit,
        4 as decimals,
        '说明 ' || metric_key || coalesce(' ' || subject_code, '') || ' 增减率' as reported_label,
        '增减额 / 上年数' as computed_label
    from changes
),

-- stated shares: part / base
share_ratios as (
    select
        *,
        {{ half_unit('part_decimals', 'part_unit') }} as part_tolerance,
        {{ half_unit('base_decimals', 'base_unit') }} as base_tolerance,
        case when base_yuan > 0 then {{ exact_ratio('part_yuan', 'base_yuan') }} end as ratio
    from shares
),

share_checks as (
    select
        document_id,
        'n_share_pct_recomputes' as check_id,
        cast(null as varchar) as table_code,
        coalesce(part_metric_key, part_label, 'part') || '@' || source_line as row_key,
        'share_pct' as column_key,
        'eq' as comparison,
        cast(share_pct as decimal(38, 6)) as reported,
        {{ half_unit('share_decimals + 2', "'%'") }} as reported_tolerance,
        {{ at_printed_precision('ratio', 'share_pct', 'share_decimals + 2') }} as computed,
        case
            when ratio is not null
                then
                    {{ exact_ratio('part_tolerance + base_tolerance * greatest(ceil(ratio), 1)', 'base_yuan') }}
                    + cast(0.000002 as decimal(38, 6))
        end as computed_tolerance,
        2 as parts_count,
        case when ratio is null then 1 else 0 end as parts_missing,
        source_line as reported_line,
        part_line || coalesce(', ' || base_line, '') as part_lines,
        'ratio' as unit,
        4 as decimals,
        '说明 ' || coalesce(part_label, '') || ' 占' || coalesce(base_label, '?') || '的比例' as reported_label,
        coalesce(part_label, '') || ' ' || {{ fmt_figure('part_yuan', 'part_unit', 'part_decimals') }} || part_unit
        || ' / ' || coalesce(base_label, '?') || ' '
        || coalesce({{ fmt_figure('base_yuan', 'base_unit', 'base_decimals') }} || base_unit, '—') as computed_label
    from share_ratios
)

select
    document_id,
    check_id,
    'narrative' as check_family,
    table_code,
    row_key,
    column_key,
    comparison,
    {{ printed_pair() }},
    reported_label,
    computed_label
from pairs

{%- for checks in ['breakdown_checks', 'change_checks', 'share_checks'] %}

    union all

    select {{ dq_columns("'narrative'") }}
    from {{ checks }}
{%- endfor %}
{%- endcall %}
