"""Progress of a run's stages, as a person watching a terminal wants it: one calm line per stage.

On a terminal (``bdw run`` sets :data:`console` to it) a stage's bar is one line rewritten in
place, then left with its final count and time. Elsewhere (output piped to a file, a run
launched from the Dagster UI) a stage logs one line when it starts and one when it ends. No
colour codes either way.
"""

from __future__ import annotations

import logging
import time
from typing import TextIO

log = logging.getLogger("bdw")

console: TextIO | None = None  # the terminal to draw bars on; None: log lines instead
WIDTH = 24


class Bar:
    """The progress of one stage (``extract``, ``dbt``, ``checks``): call it with (done, total, label)."""

    def __init__(self, stage: str, unit: str):
        self.stage, self.unit = stage, unit
        self.started = time.perf_counter()
        self.done = self.total = 0
        self.drawn = False

    def __call__(self, done: int, total: int, label: str = "") -> None:
        self.done, self.total = done, max(total, done)
        if console is not None and console.isatty():
            filled = round(WIDTH * done / self.total) if self.total else WIDTH
            console.write(f"\r{self.stage:<8}[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{self.total} "
                          f"{self.unit} {time.perf_counter() - self.started:5.1f} s  {label[:40]:<40}")
            console.flush()
            self.drawn = True
        elif done == 1:
            log.info("%s: started (%d %s)", self.stage, self.total, self.unit)
        log.debug("%s [%d/%d] %s", self.stage, done, self.total, label)

    def finish(self, note: str = "") -> None:
        elapsed = time.perf_counter() - self.started
        line = f"{self.stage}: {self.done} {self.unit} in {elapsed:.1f} s" + (f" · {note}" if note else "")
        if self.drawn:
            console.write("\r" + " " * (WIDTH + 80) + "\r")
            console.flush()
        log.info("%s", line)
