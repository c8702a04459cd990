{#- Marts built document by document. A full build reads every current document; an incremental
    build (the run starts from a copy of the published warehouse) reads only the documents whose
    extraction the warehouse does not hold yet (int_document_change), after deleting the rows of
    those documents and of documents no longer current (prune_documents, a pre-hook).

    The quality marts read more: a document's cross-document checks change when another document of
    its department arrives, changes or leaves, so they use scope 'affected' (int_document_affected:
    the changed documents and every current document sharing a department identity with a changed
    or departed one). -#}

{#- The documents a mart builds, to join on document_id (and batch_id): all current ones, or in an
    incremental build the changed ones (scope 'changed') or the affected ones (scope 'affected').
    The refs are taken at parse time so dbt knows what the model depends on. -#}
{% macro documents_to_build(scope='changed') -%}
    {%- set every_document = ref('int_current_document') -%}
    {%- set to_read = ref('int_document_affected') if scope == 'affected' else ref('int_document_change') -%}
    {{- to_read if is_incremental() else every_document -}}
{%- endmacro %}

{#- Pre-hook of an incremental mart: drop the rows of the documents it reads again (scope as in
    documents_to_build) and of documents that are no longer current (removed, superseded); nothing
    on a full build. -#}
{% macro prune_documents(scope='changed') -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where
            document_id in (select document_id from {{ documents_to_build(scope) }})
            or document_id not in (select document_id from {{ ref('int_current_document') }})
    {%- endif -%}
{%- endmacro %}

{#- The table where bdw records, after each build, the documents (document_id, batch_id) the
    warehouse was built from; none before the first build. -#}
{% macro built_documents() -%}
    {%- if execute -%}
        {{- return(adapter.get_relation(database=target.database, schema='bdw_meta', identifier='built_documents')) -}}
    {%- endif -%}
    {{- return(none) -}}
{%- endmacro %}

{#- A check family (quality/checks/check_*), built document by document like the marts: in an
    incremental build it evaluates only the affected documents (scope 'affected': a document's
    cross-document checks change with the other documents of its department). Its inputs are read
    for those documents only (documents_to_check_only, after each input), and its result is
    wrapped by this call block so that no row of another document is appended. -#}
{% macro check_documents_to_build() -%}
    {%- set only_affected = documents_to_check_only() -%}  {#- its refs taken at parse time -#}
    {%- if is_incremental() -%}
        select * from (
            {{ caller() }}
        ) as checks
        {{ only_affected }}
    {%- else -%}
        {{ caller() }}
    {%- endif -%}
{%- endmacro %}

{#- The filter after an input of a check family: its rows of the affected documents only, in an
    incremental build; nothing in a full build. -#}
{% macro documents_to_check_only() -%}
    {%- set affected = documents_to_build('affected') -%}  {#- its refs taken at parse time -#}
    {%- if is_incremental() -%}
        where document_id in (select document_id from {{ affected }})
    {%- endif -%}
{%- endmacro %}
