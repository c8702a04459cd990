-- Every place a final account names its department or year, and every blemish in its text.
with source as (
    select * from {{ source('staged', 'document_mention') }}
)

select
    document_id,
    batch_id,
    mention_kind,
    place,
    found_text,
    cast(year_found as integer) as year_found,
    year_role,
    context,
    cast(source_line as integer) as source_line
from source
