-- The government classification as the documents print it: one row per code, the name most printed.
with printed as (
    select * from {{ ref('stg_staged__subject') }}
),

named as (
    select
        classification,
        subject_code,
        subject_name,
        subject_level,
        parent_code,
        count(*) as printings
    from printed
    group by all
),

ranked as (
    select
        *,
        row_number() over (
            partition by classification, subject_code
            order by printings desc, subject_name asc
        ) as name_rank,
        sum(printings) over (partition by classification, subject_code) as documents
    from named
)

select
    classification,
    subject_code,
    subject_name,
    subject_level,
    parent_code,
    documents
from ranked
where name_rank = 1
