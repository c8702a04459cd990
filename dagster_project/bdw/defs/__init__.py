"""Dagster wiring only: assets, checks, resources, schedule and sensor call into the stages below.

Nothing here computes: :mod:`.staged` calls :mod:`bdw.stage`, :mod:`.dbt` calls
:mod:`bdw.warehouse.dbt`, :mod:`.checks` calls :mod:`bdw.quality`, :mod:`.report` calls
:mod:`bdw.present`. Paths come from the :class:`.resources.BdwResource` built from
:class:`bdw.settings.Settings`.
"""
