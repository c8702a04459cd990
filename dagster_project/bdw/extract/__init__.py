"""The extraction library: pure Python, no orchestration import (a test enforces it).

- :mod:`.document`: bytes → decoded, numbered lines, content hash, ``document_id``;
- :mod:`.metadata`: department, fiscal year, document kind, reported unit, from the text;
- :mod:`.numbers`: printed figures → exact decimals, units → 元;
- :mod:`.final_account`, :mod:`.performance`: the table and prose parsers;
- :mod:`.schema`: the staged datasets and their columns;
- :mod:`.pipeline`: a raw folder → rows per dataset, every file accounted for.
"""
