"""Extraction on a Dask cluster: documents per second with one and two workers, and the driver's cost.

    .venv/bin/python -m bench.cluster --docs 1000     # text renderings generated from the samples
    .venv/bin/python -m bench.cluster --pdf 60        # distinct copies of the 25-page Putuo final account

Starts a real ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1 from this virtual
environment (:func:`local_cluster`, also used by the tests), generates a corpus from the samples
(:mod:`bench.generate`) and stages it (:func:`bdw.stage.run.stage_raw_folder`, the extraction step
of ``bdw run`` without dbt) into a fresh staged folder each time: in one local process, on one
worker, on two workers. For each it prints the wall time, documents per second, and the CPU time
of the driver (this process: listing, the ledger, the ``documents`` commit marks, the ingest log)
per document. Every worker gets one thread and one extraction process, so two workers use the
two cores of this machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    """A TCP port nobody listens on at this moment, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LocalCluster:
    """A scheduler and its workers, each a process of its own group (killed with its children)."""

    address: str
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)
    logs: Path | None = None

    def worker_addresses(self) -> dict[int, str]:
        """Worker process id → its address, as the scheduler knows them."""
        from distributed import Client

        with Client(self.address, timeout=10, set_as_default=False) as client:
            return {pid: address for address, pid in client.run(os.getpid).items()}


def _start(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    with log.open("ab") as sink:
        return subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    """Kill ``process`` and every process of its group (the batch processes of a worker)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@contextlib.contextmanager
def local_cluster(workers: int, logs: Path, env: dict[str, str] | None = None) -> Iterator[LocalCluster]:
    """A ``dask scheduler`` and ``workers`` × ``dask worker`` (one thread each, no nanny) on 127.0.0.1.

    Everything started here is killed on the way out, whatever happened.
    """
    from distributed import Client

    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **(env or {})}
    address = f"tcp://127.0.0.1:{free_port()}"
    scheduler = _start([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                        "--no-dashboard"], logs / "scheduler.log", env)
    cluster = LocalCluster(address, scheduler, logs=logs)
    try:
        for index in range(workers):
            cluster.workers.append(_start(
                [str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                 "--no-dashboard", "--name", f"bench-{index}"], logs / f"worker-{index}.log", env))
        with Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
        yield cluster
    finally:
        for process in [*cluster.workers, scheduler]:
            _stop(process)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def stage_once(raw: Path, staged: Path, cluster: str | None, workers: int = 1) -> dict:
    """Stage ``raw`` into an empty ``staged`` folder; wall time, documents per second, driver CPU per document."""
    from bdw.settings import Settings
    from bdw.stage.run import stage_raw_folder

    settings = Settings.from_env({"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(staged),
                                  "BDW_WORKERS": str(workers), "BDW_CLUSTER": cluster or ""})
    cpu, wall = _cpu(), time.perf_counter()
    summary = stage_raw_folder(settings, f"bench-{time.time_ns()}")
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    loaded = summary.counts["loaded"]
    return {"documents": loaded, "wall_s": round(wall, 2), "documents_per_s": round(loaded / wall, 1),
            "driver_cpu_ms_per_document": round(1000 * cpu / loaded, 2),
            "files_by_worker": dict(summary.files_by_worker)}


def pdf_corpus(raw: Path, copies: int) -> int:
    """``copies`` distinct copies of the Putuo PDF (a comment after %%EOF) under ``raw``; its page count."""
    from bdw.extract.pdf import read_pdf
    from bench.run import PUTUO_PDF

    data = PUTUO_PDF.read_bytes()
    raw.mkdir(parents=True, exist_ok=True)
    for index in range(copies):
        (raw / f"putuo_{index:04d}.pdf").write_bytes(data + f"\n%bdw-bench {index}\n".encode())
    return max(read_pdf(data, PUTUO_PDF.name).pages or (0,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, help="generated text documents (default 1000)")
    parser.add_argument("--pdf", type=int, default=0, metavar="N", help="N copies of the Putuo PDF instead")
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temp folder)")
    args = parser.parse_args()
    from bench.generate import generate

    with tempfile.TemporaryDirectory(prefix="bdw-bench-cluster-") as tmp:
        work = args.work or Path(tmp)
        raw = work / "raw"
        pages = None
        if args.pdf:
            pages = pdf_corpus(raw, args.pdf)
        elif not raw.exists():
            generate(raw, args.docs)
        results = {"local, 1 process": stage_once(raw, work / "staged-local", None)}
        for workers in (1, 2):
            with local_cluster(workers, work / f"logs-{workers}") as cluster:
                results[f"cluster, {workers} worker(s)"] = stage_once(raw, work / f"staged-{workers}",
                                                                      cluster.address)
        if pages:
            for result in results.values():
                result["pages_per_s"] = round(result["documents_per_s"] * pages, 1)
        print(json.dumps({"documents": args.pdf or args.docs, "pages_per_document": pages, "cpus": os.cpu_count(),
                          "load_average": os.getloadavg(), "runs": results}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
