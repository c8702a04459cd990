"""A function over many items in long-lived worker processes, each item under a time and a memory limit.

Each worker takes one item at a time, with the next one already queued so it never waits. An
item that runs past the wall-time limit gets its worker killed (SIGKILL) and replaced; an item
that allocates past the memory limit fails inside its worker, whose address space is capped
(``RLIMIT_AS``: the worker's own size when idle plus the limit), so the allocation fails there
rather than in the machine; that worker is replaced too. The item then yields a :class:`Stopped`
naming the limit, and every other item is done as if nothing happened. Workers are forked from a
fork server (started once, with the work function's module imported), so replacing one costs
milliseconds; a worker exits the moment the pipe to the run's process hangs up, and the fork
server with its last worker, so a killed run (``kill -9`` included) leaves none behind.

Pure Python and the standard library only, like the rest of :mod:`bdw.extract`.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import resource
import select
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection, wait

QUEUED_PER_WORKER = 2  # the item being worked on and the next one
AHEAD = 512  # items finished out of order kept at most, waiting for an earlier slow one
STARTUP_S = 60.0  # a worker that is not ready by then is broken (the machine, not an item)
_READY, _DONE, _OUT_OF_MEMORY, _FAILED = "ready", "done", "out of memory", "failed"
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    """What one item may take; 0 means no limit."""

    timeout_s: float = 120.0  # wall time, from the moment its worker starts on it
    memory_mb: int = 2048  # memory beyond what its worker holds when idle


@dataclass(frozen=True)
class Stopped:
    """An item that did not finish: ``limit`` is ``time``, ``memory``, ``crash`` or ``error``."""

    limit: str
    reason: str


class WorkerStartFailed(RuntimeError):
    """A worker process died before it could take any item: the machine, not an item, is at fault."""


# --- in the worker ----------------------------------------------------------------------------


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (no-op elsewhere)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _exit_when_parent_hangs_up(connection: Connection) -> None:
    """Exit this process as soon as the other end of ``connection`` closes: the parent is done or died.

    A worker's parent is the fork server, which outlives a killed run while any worker lives (each
    holds the fork server's lifeline), so ``PR_SET_PDEATHSIG`` alone would let a worker busy on a
    bomb run on; the pipe to the run's process hangs up the moment that process dies.
    """
    hang_up = getattr(select, "POLLRDHUP", 0) | select.POLLHUP | select.POLLERR
    watch = select.poll()
    watch.register(connection.fileno(), hang_up)

    def watch_pipe() -> None:
        while True:
            if any(event & hang_up for _, event in watch.poll()):
                os._exit(0)

    threading.Thread(target=watch_pipe, name="bdw-parent-watch", daemon=True).start()


def _address_space() -> int:
    """This process's virtual size in bytes (``VmSize``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmSize in /proc/self/status")


def _cap_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    cap = _address_space() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _serve(connection: Connection, work: Callable, memory_mb: int) -> None:
    """The worker's loop: receive ``(index, item)``, send ``(index, status, value)``, until the pipe closes."""
    die_with_parent()
    _exit_when_parent_hangs_up(connection)  # before the cap: its thread's stack is part of the baseline
    _cap_memory(memory_mb)
    reply: tuple = (None, _READY, os.getpid())
    while reply[1] != _OUT_OF_MEMORY:  # after one, a fresh worker replaces this one (its heap may be in pieces)
        try:
            connection.send(reply)
            index, item = connection.recv()
        except (EOFError, OSError):  # the parent closed the pipe (done) or died
            return
        try:
            reply = (index, _DONE, work(item))
        except MemoryError:
            reply = (index, _OUT_OF_MEMORY, None)
        except Exception as exc:  # noqa: BLE001 - reported for this item; the worker goes on
            reply = (index, _FAILED, "".join(traceback.format_exception_only(exc)).strip())
    with contextlib.suppress(OSError):
        connection.send(reply)


# --- in the parent ----------------------------------------------------------------------------


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    queue: deque = field(default_factory=deque)  # (index, item) sent, oldest first
    ready: bool = False
    head_since: float = field(default_factory=time.monotonic)  # when it started on queue[0] (or was started)

    def stop(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def _module_of(work: Callable) -> str:
    while isinstance(work, partial):
        work = work.func
    return work.__module__


class _Pool:
    def __init__(self, work: Callable, limits: Limits, size: int):
        self.work, self.limits = work, limits
        self.context = multiprocessing.get_context("forkserver")
        # takes effect when the fork server starts (the first pool of this process)
        self.context.set_forkserver_preload(["__main__", _module_of(work)])
        self.workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, self.work, self.limits.memory_mb),
                                       name="bdw-extract", daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def replace(self, worker: _Worker) -> list[tuple[int, object]]:
        """Kill ``worker``, start another in its place; return the items it still held, to send again."""
        worker.stop()
        self.workers[self.workers.index(worker)] = self._start()
        return list(worker.queue)

    def close(self) -> None:
        for worker in self.workers:
            worker.connection.close()  # the worker reads EOF and returns
        for worker in self.workers:
            worker.process.join(timeout=5)
            worker.stop()


def _death(process) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


def run_supervised(work: Callable, items: Iterable, limits: Limits, workers: int) -> Iterator:
    """``work(item)`` for every item, in input order, in ``workers`` processes; :class:`Stopped` for an item
    that ran past a limit, crashed its worker or raised."""
    items = list(items)
    if not items:
        return
    pool = _Pool(work, limits, max(1, min(workers, len(items))))
    pending: deque[tuple[int, object]] = deque(enumerate(items))
    done: dict[int, object] = {}
    emitted = 0
    try:
        while emitted < len(items):
            _dispatch(pool, pending, emitted)
            _collect(pool, pending, done)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
    finally:
        pool.close()


def _dispatch(pool: _Pool, pending: deque, emitted: int) -> None:
    for worker in list(pool.workers):
        while len(worker.queue) < QUEUED_PER_WORKER and pending and pending[0][0] < emitted + AHEAD:
            index, item = pending.popleft()
            try:
                worker.connection.send((index, item))
            except OSError:  # it died while idle: nothing of an item's doing
                _requeue(pending, [*pool.replace(worker), (index, item)])
                break
            worker.queue.append((index, item))
            if len(worker.queue) == 1 and worker.ready:
                worker.head_since = time.monotonic()


def _requeue(pending: deque, items: list) -> None:
    pending.extendleft(reversed(items))


def _collect(pool: _Pool, pending: deque, done: dict) -> None:
    """Wait for a reply, a death or a deadline; record what happened."""
    timeout = pool.limits.timeout_s
    busy = [w for w in pool.workers if w.queue]
    deadlines = [w.head_since + (timeout if w.ready else STARTUP_S) for w in busy if timeout > 0 or not w.ready]
    wait_s = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=wait_s))
    now = time.monotonic()
    for worker in busy:
        if worker.connection in ready:
            _receive(pool, worker, pending, done)
        elif worker.process.sentinel in ready:
            _lost(pool, worker, pending, done, f"the extraction process died ({_death(worker.process)})")
        elif not worker.ready and now >= worker.head_since + STARTUP_S:
            worker.stop()
            raise WorkerStartFailed(f"an extraction process did not start within {STARTUP_S:g} s")
        elif worker.ready and timeout > 0 and now >= worker.head_since + timeout:
            index, _ = worker.queue.popleft()
            done[index] = Stopped("time", f"over the time limit of {timeout:g} s per file (BDW_FILE_TIMEOUT_S): "
                                          "its extraction was stopped")
            _requeue(pending, pool.replace(worker))


def _receive(pool: _Pool, worker: _Worker, pending: deque, done: dict) -> None:
    try:
        index, status, value = worker.connection.recv()
    except (EOFError, OSError):
        worker.process.join(timeout=5)
        _lost(pool, worker, pending, done, f"the extraction process died ({_death(worker.process)})")
        return
    if status == _READY:
        worker.ready, worker.head_since = True, time.monotonic()
        return
    worker.queue.popleft()
    worker.head_since = time.monotonic()
    if status == _DONE:
        done[index] = value
    elif status == _FAILED:
        done[index] = Stopped("error", f"extraction failed: {value}")
    else:
        done[index] = Stopped("memory", f"over the memory limit of {pool.limits.memory_mb:,} MB per file "
                                        "(BDW_FILE_MEMORY_MB): its extraction was stopped")
        _requeue(pending, pool.replace(worker))


def _lost(pool: _Pool, worker: _Worker, pending: deque, done: dict, what: str) -> None:
    """A worker died: its current item is blamed (it may need more memory than allowed), the rest go again."""
    if not worker.ready:
        worker.stop()
        raise WorkerStartFailed(f"an extraction process could not start ({what})")
    index, _ = worker.queue.popleft()
    why = (f"a reader crashed on it, or it needed more than the memory limit of {pool.limits.memory_mb:,} MB "
           "(BDW_FILE_MEMORY_MB)") if pool.limits.memory_mb > 0 else "a reader crashed on it"
    done[index] = Stopped("crash", f"{what} while reading this file: {why}")
    _requeue(pending, pool.replace(worker))
