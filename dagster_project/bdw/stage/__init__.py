"""Staging: the raw folder extracted into Parquet batches, every file accounted for.

- :mod:`.run`: one run over the raw folder (which files are new, extraction, the ingest log);
- :mod:`.parquet`: rows → Parquet batches committed atomically;
- :mod:`.files`: named files extracted in memory with the same statuses, for ``bdw check``;
- :mod:`.columns`: values as stored and their SQL types, for the Parquet batches and `bdw check`.
"""
