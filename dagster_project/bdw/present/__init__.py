"""What people read: query results, exports, the dbt docs, the HTML report and overview, the run summary.

Everything here reads the published warehouse read-only (:mod:`bdw.warehouse.connection`), but
``bdw check``, which needs no warehouse.

- :mod:`.sql`: ``bdw sql`` (one read query, an aligned table or CSV);
- :mod:`.export`: ``bdw export`` (every mart as Parquet, CSV or one Excel workbook);
- :mod:`.docs`: ``bdw docs`` (the dbt docs site, served on localhost);
- :mod:`.findings`: the data-quality report (index + one page per document);
- :mod:`.check`: ``bdw check`` (named documents judged in memory: text, JSON, the report's pages);
- :mod:`.overview`: the overview page (spending, 三公, indicators);
- :mod:`.summary`: the lines a run ends with;
- :mod:`.html`: page chrome, tables and SVG charts shared by the pages.
"""
