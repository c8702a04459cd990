"""Supervised workers: an item over the time or memory limit is stopped, the others finish, in order."""

from __future__ import annotations

import time

import pytest

from bdw.extract.workers import Limits, Stopped, run_supervised
from tests.extract.limit_probes import behave

LIMITS = Limits(timeout_s=2.0, memory_mb=200)


def _pid(result) -> int:
    return int(result.split(":")[0])


def test_an_item_over_the_time_limit_is_stopped_and_the_rest_finish_in_order():
    items = [("ok", 0)] * 3 + [("sleep", 60)] + [("ok", 0)] * 3
    started = time.monotonic()
    results = list(run_supervised(behave, items, LIMITS, workers=2))
    assert time.monotonic() - started < 20  # not the 60 s the item asked for
    assert isinstance(results[3], Stopped) and results[3].limit == "time"
    assert "over the time limit of 2 s" in results[3].reason and "BDW_FILE_TIMEOUT_S" in results[3].reason
    assert [r.split(":")[1] for i, r in enumerate(results) if i != 3] == ["ok"] * 6


def test_an_item_over_the_memory_limit_is_stopped_and_its_worker_replaced():
    items = [("allocate", 20), ("allocate", 1000), ("allocate", 20), ("ok", 0)]
    results = list(run_supervised(behave, items, LIMITS, workers=1))
    assert isinstance(results[1], Stopped) and results[1].limit == "memory"
    assert "over the memory limit of 200 MB" in results[1].reason and "BDW_FILE_MEMORY_MB" in results[1].reason
    assert results[0].endswith(":allocate") and results[2].endswith(":allocate") and results[3].endswith(":ok")
    assert _pid(results[0]) != _pid(results[2])  # the worker that hit the limit was replaced


def test_a_crash_or_an_exception_stops_only_its_item():
    items = [("ok", 0), ("die", 0), ("ok", 0), ("raise", 0), ("ok", 0)]
    results = list(run_supervised(behave, items, LIMITS, workers=2))
    assert isinstance(results[1], Stopped) and results[1].limit == "crash" and "SIGSEGV" in results[1].reason
    assert isinstance(results[3], Stopped) and results[3].limit == "error"
    assert "ValueError: a bug in a parser" in results[3].reason
    assert [results[i].split(":")[1] for i in (0, 2, 4)] == ["ok"] * 3


def test_workers_are_long_lived_not_one_process_per_item():
    results = list(run_supervised(behave, [("ok", 0)] * 200, LIMITS, workers=2))
    assert len(results) == 200
    assert len({_pid(r) for r in results}) == 2


@pytest.mark.parametrize("limits", [Limits(timeout_s=0, memory_mb=0)])
def test_zero_means_no_limit(limits):
    results = list(run_supervised(behave, [("sleep", 0.5), ("allocate", 300)], limits, workers=1))
    assert [r.split(":")[1] for r in results] == ["sleep", "allocate"]
