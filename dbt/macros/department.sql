{#- Department identity: the name a document prints, normalised so that the same department matches
    across its documents (a budget printed “普陀区司法局”, its final account “上海市普陀区司法局”).

    Conservative on purpose — two different departments matched make false fails:
    - spaces dropped, full-width brackets made ASCII;
    - a trailing 本级 / (本级) dropped (the department's own unit);
    - the name of a province-level division dropped only when a named city or district follows it:
      上海市普陀区司法局 → 普陀区司法局, 福建省宁德市医疗保障局 → 宁德市医疗保障局; never when the
      department belongs to that division itself (上海市财政局, 福建省医疗保障局, 上海市城市管理…局 keep it).
    Renames (机构改革) cannot be guessed from the names: the seed department_alias maps them. -#}

{#- The name with spaces and bracket forms that print differently made equal. -#}
{% macro department_spelling(name) -%}
    regexp_replace(replace(replace({{ name }}, '（', '('), '）', ')'), '\s+', '', 'g')
{%- endmacro %}

{#- The province-level prefix a name starts with (上海市, 福建省, 广西壮族自治区 …) when a named
    district, county, city or prefecture follows it; '' otherwise. -#}
{% macro province_prefix(spelt) -%}
    (
        case
            when regexp_matches({{ spelt }}, '^(北京市|天津市|上海市|重庆市)\p{Han}{2,4}(区|县)\p{Han}{2,}')
                then regexp_extract({{ spelt }}, '^(北京市|天津市|上海市|重庆市)', 1)
            when regexp_matches({{ spelt }}, '^\p{Han}{2,3}省\p{Han}{2,4}(市|州|盟|地区)\p{Han}{2,}')
                then regexp_extract({{ spelt }}, '^(\p{Han}{2,3}省)', 1)
            when regexp_matches({{ spelt }}, '^\p{Han}{2,8}?自治区\p{Han}{2,4}(市|州|盟|地区)\p{Han}{2,}')
                then regexp_extract({{ spelt }}, '^(\p{Han}{2,8}?自治区)', 1)
            else ''
        end
    )
{%- endmacro %}
