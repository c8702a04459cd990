-- The evaluated checks judged: difference, tolerance (XBRL Calculations 1.1), status and message.
-- A check of unit 'text' (family document, and the direction word of the prose) states its finding
-- and its expectation as sentences (reported_label, computed_label); reported and computed hold what
-- is compared (1 or 0, a year, a number of placeholders).
with checks as (
    select * from {{ ref('dq_checks') }}
    where is_evaluated
),

measured as (
    select
        *,
        reported - computed as difference,
        reported_tolerance + coalesce(computed_tolerance, 0) as tolerance
    from checks
),

judged as (
    select
        *,
        case
            when comparison = 'le' and difference <= 0 then 'pass'
            when comparison = 'eq' and difference = 0 then 'pass'
            when comparison = 'le' and difference <= tolerance then 'rounding'
            when comparison = 'eq' and abs(difference) <= tolerance then 'rounding'
            else 'fail'
        end as status
    from measured
),

worded as (
    select
        *,
        case
            when unit in ('万元', '元') then unit
            when unit = 'ratio' then ''
            else coalesce(unit, '')
        end as unit_text,
        case
            when unit in ('万元', '元') then {{ fmt_figure('reported', 'unit', 'decimals') }}
            when unit = 'ratio' then cast(cast(reported * 100 as decimal(38, 2)) as varchar) || '%'
            else cast(cast(reported as decimal(38, 2)) as varchar)
        end as reported_text,
        case
            when unit in ('万元', '元') then {{ fmt_figure('computed', 'unit', 'decimals') }}
            when unit = 'ratio' then cast(cast(computed * 100 as decimal(38, 2)) as varchar) || '%'
            else cast(cast(computed as decimal(38, 2)) as varchar)
        end as computed_text,
        -- the difference at the figures' decimals, the tolerance (½ of a last digit) at one more; only
        -- a failed check's message states it (formatting it for every check cost a quarter of the build
        -- of dq_check_result)
        case
            when status <> 'fail' then null
            when unit in ('万元', '元')
                then
                    {{ fmt_figure('difference', 'unit', 'decimals') }} || ' ' || unit || ', tolerance '
                    || {{ fmt_figure('tolerance', 'unit', 'coalesce(decimals, 2) + 1') }} || ' ' || unit
            when unit = 'ratio'
                then
                    cast(cast(difference * 100 as decimal(38, 2)) as varchar) || ' points, tolerance '
                    || cast(cast(tolerance * 100 as decimal(38, 3)) as varchar) || ' points'
            else
                cast(cast(difference as decimal(38, 2)) as varchar) || ', tolerance '
                || cast(cast(tolerance as decimal(38, 3)) as varchar)
        end as difference_text
    from judged
)

select
    worded.document_id,
    worded.check_id,
    worded.check_family,
    worded.table_code,
    worded.row_key,
    worded.column_key,
    worded.reported,
    worded.computed,
    worded.difference,
    worded.tolerance,
    worded.status,
    worded.reported_line as source_line,
    worded.part_lines as part_source_lines,
    worded.comparison,
    worded.unit,
    worded.decimals,
    case
        when worded.status <> 'fail' then 'info'
        when worded.check_family in ('table', 'cross_table', 'document') and worded.comparison = 'eq' then 'error'
        else 'warning'
    end as severity,
    case
        when worded.unit = 'text'
            then
                worded.reported_label
                || case worded.status when 'pass' then ' = ' when 'rounding' then ' ≈ ' else ' ≠ ' end
                || worded.computed_label
                || ' (lines ' || coalesce(cast(worded.reported_line as varchar), '—')
                || case when worded.status = 'rounding' then '; info, not a contradiction' else '' end || ')'
        else
            worded.reported_label || ' ' || worded.reported_text || ' ' || worded.unit_text
            || case
                when worded.status = 'pass' and worded.comparison = 'le' then ' ≤ '
                when worded.status = 'pass' then ' = '
                when worded.status = 'rounding' then ' ≈ '
                when worded.comparison = 'le' then ' > '
                else ' ≠ '
            end
            || worded.computed_label || ' ' || worded.computed_text || ' ' || worded.unit_text
            || ' (lines '
            || coalesce(cast(worded.reported_line as varchar), '—')
            || '; '
            || coalesce(worded.part_lines, '—')
            || case
                when worded.status = 'rounding' then '; within the rounding tolerance'
                when worded.status = 'fail' then '; difference ' || worded.difference_text
                else ''
            end || ')'
    end as message,
    worded.status <> 'fail' as within_tolerance
from worded
