-- Where each printed cell of a line of a current PDF document is on its page: join a fact's
-- (document_id, source_line) here, and pick the cell that prints its figure, to outline it on the page.
{{ config(materialized='incremental', incremental_strategy='append', pre_hook="{{ prune_documents() }}") }}
with source_boxes as (
    select * from {{ ref('stg_staged__source_box') }}
),

current_documents as (
    select * from {{ documents_to_build() }}
)

select
    source_boxes.document_id,
    source_boxes.source_line,
    source_boxes.cell_index,
    source_boxes.page,
    source_boxes.x0,
    source_boxes.y0,
    source_boxes.x1,
    source_boxes.y1,
    source_boxes.text
from source_boxes
inner join current_documents
    on
        source_boxes.document_id = current_documents.document_id
        and source_boxes.batch_id = current_documents.batch_id
