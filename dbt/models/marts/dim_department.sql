-- One row per department name as a current document prints it, with the identity (department_key)
-- the name resolves to and the documents that print it: documents of one department are matched
-- across years and kinds (a budget, its final account, the next year's) by their identity, and this
-- table shows why two documents were matched (identity_names lists every printed name of the identity).
with documents as (
    select * from {{ ref('dim_document') }}
),

identities as (
    select * from {{ ref('int_document_department') }}
),

named as (
    select
        identities.department_key,
        identities.normalised_name,
        identities.matched_by,
        documents.department_name,
        documents.document_id,
        documents.fiscal_year,
        documents.document_kind
    from documents
    inner join identities on documents.document_id = identities.document_id
),

per_name as (
    select
        department_key,
        department_name,
        any_value(normalised_name) as normalised_name,
        any_value(matched_by) as matched_by,
        count(*) as document_count,
        string_agg(
            fiscal_year || ' ' || document_kind || ' ' || document_id, '; '
            order by fiscal_year, document_kind, document_id
        ) as documents
    from named
    group by department_key, department_name
),

per_identity as (
    select
        department_key,
        array_to_string(list_sort(list_distinct(list(department_name))), '; ') as identity_names,
        count(*) as identity_document_count
    from named
    group by department_key
)

select
    per_name.department_key,
    per_name.department_name,
    per_name.normalised_name,
    per_name.matched_by,
    per_name.document_count,
    per_name.documents,
    per_identity.identity_names,
    per_identity.identity_document_count
from per_name
inner join per_identity on per_name.department_key = per_identity.department_key
