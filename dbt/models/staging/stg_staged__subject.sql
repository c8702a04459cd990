-- Classification codes and names as printed.
with source as (
    select * from {{ source('staged', 'subject') }}
)

select
    document_id,
    batch_id,
    classification,
    subject_code,
    subject_name,
    cast(subject_level as integer) as subject_level,
    parent_code,
    cast(source_line as integer) as source_line
from source
