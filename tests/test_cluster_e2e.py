"""``bdw run`` with ``BDW_CLUSTER``: extraction on a real Dask scheduler and two ``dask worker`` processes.

The scheduler and the workers are started from this virtual environment's ``dask`` command on
127.0.0.1 (free ports) and killed whatever happens (:func:`bench.cluster.local_cluster`). The
corpus: 300 documents generated from the samples (:mod:`bench.generate`), a copy of one of them in
the same batch, a copy of another in a later batch, and a file that is no budget disclosure. Each
cluster run must give the warehouse of a local run, row for row (run ids and times aside).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import psutil
import pytest
from bench.cluster import free_port, local_cluster
from bench.generate import generate

from tests.conftest import BDW, query, run_bdw

pytestmark = pytest.mark.e2e

DOCUMENTS = 300
LEDGER = f"files: {DOCUMENTS} loaded, 0 unchanged, 2 duplicate, 1 rejected"
VOLATILE = re.compile(r"run_id|batch_id|.*_at")  # differ between any two runs, local or not


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("cluster") / "raw"
    paths = generate(raw, DOCUMENTS)
    (raw / "batch0000" / "doc000001_again.txt").write_bytes(paths[1].read_bytes())  # the same batch as its original
    (raw / "zz").mkdir()
    (raw / "zz" / "doc000005_copy.txt").write_bytes(paths[5].read_bytes())  # the last batch
    (raw / "batch0001" / "notes.txt").write_text("会议纪要：明天上午九点开会。\n", encoding="utf-8")
    return raw


def _env(base: Path, raw: Path, cluster: str | None = None) -> dict[str, str]:
    env = {"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(base / "staged"),
           "BDW_WAREHOUSE": str(base / "wh" / "warehouse.duckdb"), "BDW_REPORT_DIR": str(base / "report")}
    return {**env, "BDW_CLUSTER": cluster} if cluster else env


@pytest.fixture(scope="module")
def local_run(raw, tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("local")
    result = run_bdw({**_env(base, raw), "BDW_CLUSTER": ""}, "run")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert LEDGER in result.stdout
    return base / "wh" / "warehouse.duckdb"


@pytest.fixture(scope="module")
def cluster_run(raw, tmp_path_factory):
    base = tmp_path_factory.mktemp("on_cluster")
    with local_cluster(2, base / "dask") as cluster:
        workers = cluster.worker_addresses()
        first = run_bdw(_env(base, raw, cluster.address), "run")
        if (base / "wh" / "warehouse.duckdb").exists():  # the warehouse of the first run, kept as it was
            shutil.copy(base / "wh" / "warehouse.duckdb", base / "first.duckdb")
        second = run_bdw(_env(base, raw, cluster.address), "run")
    return {"first": first, "second": second, "workers": workers, "warehouse": base / "first.duckdb",
            "staged": base / "staged"}


def _differences(left: Path, right: Path) -> dict[str, tuple[int, int, int]]:
    """Mart → (rows left, rows right, rows of one not in the other), for every mart that differs."""
    differing = {}
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as l (read_only)")
        con.execute(f"attach '{right}' as r (read_only)")
        marts = [t for (t,) in con.execute("select table_name from information_schema.tables where table_catalog = 'l' "
                                           "and table_schema = 'marts' order by 1").fetchall()]
        assert len(marts) > 20
        for mart in marts:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_catalog = 'l' and table_schema = "
                "'marts' and table_name = ? order by ordinal_position", [mart]).fetchall() if not VOLATILE.fullmatch(c)]
            select = ", ".join(f'"{c}"' for c in columns)
            counts = [con.execute(f'select count(*) from {db}.marts."{mart}"').fetchone()[0] for db in "lr"]
            (apart,) = con.execute(f'select count(*) from ((select {select} from l.marts."{mart}" except all '
                                   f'select {select} from r.marts."{mart}") union all (select {select} from '
                                   f'r.marts."{mart}" except all select {select} from l.marts."{mart}"))').fetchone()
            if apart or counts[0] != counts[1]:
                differing[mart] = (*counts, apart)
    return differing


def _files_by_worker(stdout: str) -> dict[str, int]:
    line = re.search(r"extract: (\d+) files read on \d+ Dask workers of \S+ \((.*)\)", stdout)
    assert line, stdout
    return {address: int(files) for address, files in re.findall(r"(tcp://[\d.:]+): (\d+)", line.group(2))}


def test_the_workers_extract_and_the_warehouse_equals_a_local_run(cluster_run, local_run):
    first = cluster_run["first"]
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert LEDGER in first.stdout
    by_worker = _files_by_worker(first.stdout)
    # both workers read files, every file was read by one of them, and none by the driver
    assert set(by_worker) == set(cluster_run["workers"].values()) and all(by_worker.values())
    assert sum(by_worker.values()) == DOCUMENTS + 3
    assert query(cluster_run["warehouse"], "select count(*) from marts.dim_document") == [(DOCUMENTS,)]
    assert _differences(local_run, cluster_run["warehouse"]) == {}


def test_the_staged_data_is_partitioned_by_year_and_kind(cluster_run):
    staged = cluster_run["staged"]
    partitions = {path.parent.relative_to(staged / "documents").as_posix()
                  for path in (staged / "documents").glob("**/*.parquet")}
    assert "fiscal_year=2021/document_kind=final_account" in partitions
    assert all(re.fullmatch(r"fiscal_year=\d{4}/document_kind=(final_account|performance_report)", p)
               for p in partitions), partitions
    # the duplicates' rows were removed from the batches that extracted them: one documents row per document
    (rows,) = duckdb.sql(f"select count(*), count(distinct document_id) from read_parquet("
                         f"'{staged}/documents/**/*.parquet', hive_partitioning = true)").fetchall()
    assert rows == (DOCUMENTS, DOCUMENTS)


def test_a_second_run_on_the_cluster_loads_nothing_again(cluster_run):
    second = cluster_run["second"]
    assert second.returncode == 0, second.stdout[-3000:]
    assert f"files: 0 loaded, {DOCUMENTS} unchanged, 2 duplicate, 1 rejected" in second.stdout


def test_a_worker_killed_mid_run_its_batch_is_retried_and_the_warehouse_is_the_same(raw, local_run, tmp_path):
    with local_cluster(2, tmp_path / "dask") as cluster:
        run = subprocess.Popen([str(BDW), "run"], env={**os.environ, **_env(tmp_path, raw, cluster.address)},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            victim, deadline = cluster.workers[0], time.monotonic() + 300
            while not any("bdw.stage.batch" in " ".join(child.cmdline())
                          for child in psutil.Process(victim.pid).children()):  # a batch in progress on it
                assert run.poll() is None and time.monotonic() < deadline, "no batch ever ran on the worker"
                time.sleep(0.02)
            os.kill(victim.pid, signal.SIGKILL)
            stdout, _ = run.communicate(timeout=600)
        finally:
            if run.poll() is None:
                run.kill()
    assert victim.wait(timeout=10) == -signal.SIGKILL
    assert run.returncode == 0, stdout[-3000:]
    assert LEDGER in stdout
    assert sum(_files_by_worker(stdout).values()) == DOCUMENTS + 3
    assert _differences(local_run, tmp_path / "wh" / "warehouse.duckdb") == {}


def test_an_unreachable_scheduler_is_named_and_nothing_is_published(raw, tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"  # nobody listens there
    result = run_bdw(_env(tmp_path, raw, address), "run")
    assert result.returncode == 1, result.stdout[-3000:]
    assert f"cannot reach the Dask scheduler at {address} (BDW_CLUSTER)" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "wh").exists() and not (tmp_path / "staged").exists()
