"""The DuckDB warehouse: opening it to read, the one writer at a time, and dbt building it.

- :mod:`.connection`: read-only connections (analysts, the report, the quality suites);
- :mod:`.lock`: the writer lock every way of starting a run takes;
- :mod:`.dbt`: the dbt project, the one way bdw calls dbt, and publishing a finished build;
- :mod:`.project`: the dbt project's files (their fingerprint) and executable, without importing dbt;
- :mod:`.compiled`: the quality models as dbt compiled them, run in memory on a few documents (``bdw check``).
"""
