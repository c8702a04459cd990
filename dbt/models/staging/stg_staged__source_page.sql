-- Where each line of a PDF document was printed: its page and its row on that page.
with source as (
    select * from {{ source('staged', 'source_page') }}
)

select
    document_id,
    batch_id,
    cast(source_line as integer) as source_line,
    cast(page as integer) as page,
    cast(row_on_page as integer) as row_on_page
from source
