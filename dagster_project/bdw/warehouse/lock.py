"""One writer at a time: the lock file beside the warehouse that every way of starting a run takes.

``bdw run``, a job launched in the Dagster UI, the schedule and the sensor's runs all hold
:func:`writer_lock` for the whole run (Dagster runs through
:class:`bdw.defs.resources.WriterLockResource`). The lock is re-entrant within a process: ``bdw
run`` takes it before it starts Dagster, and the run's resource then finds it already held.
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path

from ..errors import WarehouseLocked

_HELD: dict[Path, int] = {}  # lock file → how many holders in this process


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def _locked_message(warehouse: Path) -> str:
    return f"another bdw run is writing {warehouse} (lock {lock_path(warehouse)}); wait for it to finish and run again"


@contextmanager
def writer_lock(warehouse: Path):
    """Hold the writer lock of ``warehouse``; a second writer gets :class:`WarehouseLocked` at once."""
    path = lock_path(warehouse).resolve()
    if _HELD.get(path):
        _HELD[path] += 1
        try:
            yield
        finally:
            _HELD[path] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WarehouseLocked(_locked_message(warehouse)) from None
        _HELD[path] = 1
        try:
            yield
        finally:
            del _HELD[path]
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_locked(warehouse: Path) -> bool:
    """Whether another process holds the writer lock now (for the sensor: skip rather than collide)."""
    path = lock_path(warehouse).resolve()
    if _HELD.get(path) or not path.exists():
        return bool(_HELD.get(path))
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
