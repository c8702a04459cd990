-- Documents that warn their figures carry rounding differences (本套报表金额单位转换时可能存在尾数误差):
-- there two printings of one figure agree within ½ + ½ of their last digits; elsewhere the more
-- precise printing, rounded to the other's precision, must equal it (XBRL duplicate facts).
select distinct document_id
from {{ ref('fct_document_mention') }}
where mention_kind = 'rounding_note'
