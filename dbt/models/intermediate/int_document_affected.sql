-- The documents whose quality results a build evaluates (again): in an incremental build the changed
-- documents (int_document_change) and every current document that shares a department identity with
-- a changed document or with one that is no longer current since the last build (removed or
-- superseded): what one document says about another is checked when either of them arrives, changes
-- or leaves, whatever the order they were loaded in. Every current document when the warehouse has
-- no record of a previous build or on --full-refresh.
{{ config(materialized='table') }}
{%- set built = built_documents() %}
with current_documents as (
    select * from {{ ref('int_current_document') }}
),

changed as (
    select * from {{ ref('int_document_change') }}
),

identities as (
    select * from {{ ref('int_document_department') }}
),

departed as (
    {%- if built is not none and not flags.FULL_REFRESH %}
        select built.document_id
        from {{ built }} as built
        anti join current_documents on built.document_id = current_documents.document_id
    {%- else %}
        select current_documents.document_id
        from current_documents
        where false
    {%- endif %}
),

touched_departments as (
    select identities.department_key
    from identities
    inner join changed on identities.document_id = changed.document_id
    union
    select identities.department_key
    from identities
    inner join departed on identities.document_id = departed.document_id
)

select
    current_documents.document_id,
    current_documents.batch_id
from current_documents
inner join identities on current_documents.document_id = identities.document_id
where
    current_documents.document_id in (select changed.document_id from changed)
    or identities.department_key in (select touched_departments.department_key from touched_departments)
