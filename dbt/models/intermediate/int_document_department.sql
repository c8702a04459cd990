-- Every document ever extracted (current or not) with the department identity its printed name
-- resolves to: the name normalised (macros/department.sql: spaces, bracket forms, a trailing 本级, a
-- province-level prefix before a named district or city), or the identity the seed department_alias
-- gives that normalised name (a rename in an institutional reform, which no rule can guess).
with versions as (
    select * from {{ ref('int_document_version') }}
),

aliases as (
    select * from {{ ref('department_alias') }}
),

spelt as (
    select
        document_id,
        department_name,
        is_current,
        {{ department_spelling('department_name') }} as spelt_name
    from versions
),

scoped as (
    select
        *,
        regexp_replace(spelt_name, '\(?本级\)?$', '') as unit_free,
        regexp_matches(spelt_name, '\(?本级\)?$') as dropped_unit
    from spelt
),

prefixed as (
    select
        *,
        {{ province_prefix('unit_free') }} as province
    from scoped
),

normalised as (
    select
        *,
        substr(unit_free, length(province) + 1) as normalised_name
    from prefixed
)

select
    normalised.document_id,
    normalised.department_name,
    normalised.is_current,
    normalised.normalised_name,
    coalesce(aliases.department_key, normalised.normalised_name) as department_key,
    coalesce(
        nullif(
            concat_ws(
                '; ',
                case when normalised.province <> '' then '省级前缀“' || normalised.province || '”省略 · prefix dropped' end,
                case when normalised.dropped_unit then '“本级”省略 · 本级 dropped' end,
                case when aliases.department_key is not null then '别名 · alias: ' || aliases.reason end
            ),
            ''
        ),
        '如印 · as printed'
    ) as matched_by
from normalised
left join aliases on normalised.normalised_name = aliases.department_name
