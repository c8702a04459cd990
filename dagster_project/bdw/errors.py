"""Mistakes a person can fix, as types; the command line turns each into one line and an exit code.

Raised where the problem is found (the warehouse layer, the analyst commands); the exit codes
live with the command line (:mod:`bdw.cli`), never here.
"""

from __future__ import annotations


class BdwError(Exception):
    """A problem a person can act on; its message is one sentence saying what to do."""


class UsageError(BdwError):
    """The command was given something it cannot use (a write query, an unknown format, a missing folder)."""


class WarehouseMissing(BdwError):
    """There is no warehouse yet (nothing was ever built at that path)."""


class WarehouseLocked(BdwError):
    """Another process is writing the warehouse (a run holds the writer lock, or DuckDB's own lock)."""


class WarehouseUnusable(BdwError):
    """The warehouse file exists but cannot be opened or built."""


class ChecksUnusable(BdwError):
    """The compiled quality checks cannot be prepared or run (``dbt compile`` failed, a model failed)."""


class ClusterUnavailable(BdwError):
    """The Dask cluster named by ``BDW_CLUSTER`` cannot be reached, has no workers, or cannot stage a batch."""
