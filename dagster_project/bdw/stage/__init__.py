"""Staging: the raw folder extracted into Parquet batches, every file accounted for.

- :mod:`.run`: one run over the raw folder (which files are new, extraction, the ingest log);
- :mod:`.cluster` and :mod:`.batch`: the same run with extraction on a Dask cluster's workers;
- :mod:`.layout`: the staged folder, hive-partitioned by fiscal year and kind; :mod:`.migrate`
  moves a folder of the older flat layout into it;
- :mod:`.raw`: the raw folder's files, on a local disk or an fsspec filesystem;
- :mod:`.parquet`: rows → Parquet with exact decimal types, files written atomically;
- :mod:`.files`: named files extracted in memory with the same statuses, for ``bdw check``;
- :mod:`.columns`: values as stored and their SQL types, for the Parquet batches and `bdw check`.
"""
