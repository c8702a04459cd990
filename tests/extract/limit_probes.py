"""Work functions for the worker-limit tests: each behaves by its item, in a worker process.

A module of its own, importing nothing heavy, so the fork server and the workers load it fast.
"""

from __future__ import annotations

import os
import signal
import time


def behave(item: tuple[str, float]) -> str:
    """``("sleep", s)`` sleeps; ``("allocate", mb)`` holds that many MB; ``("die", _)`` kills its process;
    ``("raise", _)`` raises; anything else returns at once. Returns the worker's pid and the item's kind."""
    kind, amount = item
    if kind == "sleep":
        time.sleep(amount)
    elif kind == "allocate":
        block = bytearray(int(amount * 2**20))  # zero-filled: every page is touched
        del block
    elif kind == "swallow":  # allocate, but catch the MemoryError the way a broad reader would
        try:
            block = bytearray(int(amount * 2**20))
            del block
        except Exception:  # noqa: BLE001 - what the test is about
            return f"{os.getpid()}:swallowed"
    elif kind == "die":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif kind == "raise":
        raise ValueError("a bug in a parser")
    return f"{os.getpid()}:{kind}"
