-- The current documents whose extraction (document_id, batch_id) the warehouse was not built from:
-- new documents, new editions and documents extracted again. Every current document when the
-- warehouse has no record of a previous build (bdw_meta.built_documents) or on --full-refresh.
{{ config(materialized='table') }}
{%- set built = built_documents() %}
select
    current_documents.document_id,
    current_documents.batch_id
from {{ ref('int_current_document') }} as current_documents
{%- if built is not none and not flags.FULL_REFRESH %}
    anti join {{ built }} as built
        on
            current_documents.document_id = built.document_id
            and current_documents.batch_id = built.batch_id
{%- endif %}
