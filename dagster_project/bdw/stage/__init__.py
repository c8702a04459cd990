"""Staging: the raw folder extracted into Parquet batches, every file accounted for.

- :mod:`.run`: one run over the raw folder (which files are new, extraction, the ingest log);
- :mod:`.parquet`: rows → Parquet with exact decimal types, batches committed atomically.
"""
