-- Where each printed cell of a line of a PDF document is on its page (PDF points, top-left origin).
with source as (
    select * from {{ source('staged', 'source_box') }}
)

select
    document_id,
    batch_id,
    cast(source_line as integer) as source_line,
    cast(cell_index as integer) as cell_index,
    cast(page as integer) as page,
    cast(x0 as decimal(20, 6)) as x0,
    cast(y0 as decimal(20, 6)) as y0,
    cast(x1 as decimal(20, 6)) as x1,
    cast(y1 as decimal(20, 6)) as y1,
    text
from source
