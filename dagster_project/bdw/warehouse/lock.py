"""One writer at a time: the lock file beside the warehouse that every way of starting a run takes."""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path

from ..errors import WarehouseLocked


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


@contextmanager
def writer_lock(warehouse: Path):
    """Hold the writer lock of ``warehouse``; a second writer gets :class:`WarehouseLocked` at once."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(warehouse)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WarehouseLocked(
                f"another bdw run is writing {warehouse} (lock {path}); wait for it to finish and run again"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
