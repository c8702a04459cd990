"""Staging: the raw folder extracted into Parquet batches, every file accounted for.

- :mod:`.run`: one run over the raw folder (which files are new, extraction, the ingest log);
- :mod:`.parquet`: rows → Parquet batches committed atomically;
- :mod:`.columns`: values as stored and their SQL types, for the Parquet batches and `bdw check`.
"""
