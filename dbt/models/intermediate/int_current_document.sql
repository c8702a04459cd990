-- The (document, batch) pairs the marts show: current versions, latest extraction.
select
    document_id,
    batch_id
from {{ ref('int_document_version') }}
where is_current
