"""Dagster wiring only: assets, checks, schedule and sensor call into :mod:`bdw.extract`, dbt and GX."""
