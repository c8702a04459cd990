"""Measure bdw in one run: against the floors it also measures, on the samples and a generated corpus.

    .venv/bin/python -m bench.run --docs 10000            # the issue's target size
    .venv/bin/python -m bench.run --docs 500 --quick      # a smoke run
    .venv/bin/python -m bench.run --pdf 20                # PDF mode: 20 copies of the Putuo PDF
    .venv/bin/python -m bench.run --check                 # bdw check vs a one-document bdw run, per file
    .venv/bin/python -m bench.run --bomb 500              # the samples alone, then beside a 500 MB bomb

Floors: importing the stack in a fresh interpreter (``import dagster, dbt.cli.main,
great_expectations, duckdb``), and reading, hashing and splitting the corpus's bytes in Python.
Measures: a run on the five samples and a run with nothing changed; a run the Dagster sensor
starts on the same five files (in ``dagster dev``); one document on an empty warehouse; one new
document into a 2,000-document warehouse; a run of 1/10 and of all the documents (the marginal
cost per document); one new document into the large warehouse; the same corpus loaded in three
incremental runs against one full run (marts and check results equal). Every pipeline run is the
real ``bdw run`` in a subprocess; peak memory is the largest sum of RSS over the whole process tree
(bdw, its extraction workers and dbt), sampled every 100 ms. The ratios and whether each meets
its target end the output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from . import gx_step
from .bomb import bomb_pdf
from .generate import generate
from .runs import copy_samples, sensor_run, startup_floor

BDW = Path(sys.executable).parent / "bdw"
PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(root: int) -> int:
    """Sum of RSS (bytes) of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            pid, ppid = int(entry), int(fields[1])
            rss[pid] = int(fields[21]) * PAGE
            children.setdefault(ppid, []).append(pid)
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def bdw_run(env: dict[str, str]) -> dict:
    """One real ``bdw run``; wall seconds, peak tree RSS, exit code and the summary lines."""
    started = time.perf_counter()
    proc = subprocess.Popen([str(BDW), "run"], env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output = proc.communicate()[0]
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"bdw run failed ({proc.returncode}):\n{output[-4000:]}")
    summary = [line.split(" ", 2)[2] for line in output.splitlines() if line.startswith("bdw ")][-7:]
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(peak[0] / 2**20), "summary": summary}


def warehouse_state(warehouse: Path) -> dict:
    """Row counts of every mart but the ingest log, and the check results by status."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.sql("select table_name from information_schema.tables "
                                        "where table_schema = 'marts' and table_name <> 'ingest_log' "
                                        "order by 1").fetchall()]
        state = {t: con.sql(f"select count(*) from marts.{t}").fetchone()[0] for t in tables}
        if "dq_check_result" in tables:
            state["dq_status"] = dict(con.sql("select status, count(*) from marts.dq_check_result "
                                              "group by 1 order by 1").fetchall())
    return state


def check_results(warehouse: Path) -> str:
    """A hash of every check result row (the evaluating run aside): equal means row for row equal."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.sql("select * exclude (run_id) from marts.dq_check_result order by all").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def floor(raw: Path) -> dict:
    """Just reading, hashing and splitting the same bytes in Python: the floor for any pipeline."""
    started = time.perf_counter()
    files = lines = 0
    for path in raw.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hashlib.sha256(data).hexdigest()
            lines += len(data.decode("utf-8").splitlines())
            files += 1
    seconds = time.perf_counter() - started
    return {"files": files, "lines": lines, "seconds": round(seconds, 3),
            "ms_per_doc": round(1000 * seconds / max(files, 1), 3)}


def library_speed(raw: Path, limit: int = 500) -> dict:
    """The extraction library alone, one process, on up to ``limit`` documents."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dagster_project"))
    from bdw.extract.pipeline import process_file

    paths = sorted(p for p in raw.rglob("*") if p.is_file())[:limit]
    started = time.perf_counter()
    rows = sum(sum(len(r) for r in process_file(p, raw).rows.values()) for p in paths)
    seconds = time.perf_counter() - started
    return {"documents": len(paths), "rows": rows, "seconds": round(seconds, 2),
            "ms_per_doc": round(1000 * seconds / len(paths), 2)}


PUTUO_PDF = Path(__file__).resolve().parents[2] / "shared" / "pdf-samples" / "上海市普陀区财政局2024年度部门决算.pdf"


def pdf_mode(work: Path, copies: int) -> dict:
    """PDF throughput: ``copies`` distinct copies of the Putuo PDF (a comment appended after %%EOF),
    read by the library alone (pages per second) and by a full ``bdw run``."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dagster_project"))
    from bdw.extract.pdf import read_pdf

    data = PUTUO_PDF.read_bytes()
    raw = work / "pdf" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        (raw / f"putuo_{i:04d}.pdf").write_bytes(data + f"\n%bdw-bench {i}\n".encode())
    started = time.perf_counter()
    doc = read_pdf(data, PUTUO_PDF.name)
    seconds = time.perf_counter() - started
    pages = max(doc.pages or (0,))
    run = bdw_run(_env(work / "pdf", raw))
    return {"copies": copies, "pages_per_copy": pages, "library_pages_per_second": round(pages / seconds, 1),
            "run": run, "run_pages_per_second": round(copies * pages / run["seconds"], 1)}


SAMPLES = Path(__file__).resolve().parents[1] / "data" / "raw"


def bomb_mode(work: Path, inflated_mb: int) -> dict:
    """The five samples alone, then beside a PDF whose content stream inflates to ``inflated_mb`` MB:
    wall time and peak memory of both runs, the bomb's ingest row, and whether every mart but the
    ingest log holds the same rows (the samples load whole beside it)."""
    runs = {}
    for name in ("clean", "with_bomb"):
        raw = work / name / "raw"
        shutil.copytree(SAMPLES, raw)
        if name == "with_bomb":
            (raw / "zz_bomb.pdf").write_bytes(bomb_pdf(inflated_mb))
        runs[name] = {**bdw_run(_env(work / name, raw)), "state": warehouse_state(work / name / "warehouse.duckdb")}
    with duckdb.connect(str(work / "with_bomb" / "warehouse.duckdb"), read_only=True) as con:
        bomb = con.sql("select status, reason from marts.ingest_log where source_file = 'zz_bomb.pdf'").fetchone()
    return {"bomb_bytes": (work / "with_bomb" / "raw" / "zz_bomb.pdf").stat().st_size, "inflated_mb": inflated_mb,
            "bomb_ingest": bomb, "same_marts_as_clean": runs["clean"]["state"] == runs["with_bomb"]["state"],
            **{name: {k: v for k, v in run.items() if k in ("seconds", "peak_rss_mib")} for name, run in runs.items()}}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, the process and what it waited for) and exit code."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - started, _children_cpu() - cpu, done.returncode


def check_mode(work: Path, repeats: int) -> dict:
    """``bdw check FILE`` on each shared PDF and each sample (median of ``repeats``, after ``bdw prepare``)
    next to a one-document ``bdw run`` of the same file on an empty warehouse: wall and CPU seconds.

    CPU seconds (user + system of the command and its children) say what the command costs
    whatever else the machine is doing; wall seconds are what a person waits."""
    files = sorted(PUTUO_PDF.parent.glob("*.pdf")) + sorted(SAMPLES.glob("*.txt"))
    wall, _, code = _timed([str(BDW), "prepare"])
    if code:
        raise SystemExit(f"bdw prepare failed ({code})")
    rows = []
    for n, path in enumerate(files):
        checks = sorted(_timed([str(BDW), "check", str(path)]) for _ in range(repeats))
        check_wall, check_cpu, code = checks[len(checks) // 2]
        one = work / "check" / f"{n:02d}"
        (one / "raw").mkdir(parents=True)
        shutil.copy(path, one / "raw" / path.name)
        cpu = _children_cpu()
        run = bdw_run(_env(one, one / "raw"))
        run_cpu = _children_cpu() - cpu
        rows.append({"file": path.name, "check_exit": code, "check_s": round(check_wall, 2),
                     "check_min_s": round(checks[0][0], 2), "check_cpu_s": round(check_cpu, 2),
                     "run_s": run["seconds"], "run_cpu_s": round(run_cpu, 2),
                     "check_over_run": round(check_wall / run["seconds"], 3)})
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    return {"cpus": os.cpu_count(), "load_average": os.getloadavg(), "repeats": repeats,
            "prepare_s": round(wall, 2), "files": rows}


def _env(base: Path, raw: Path) -> dict[str, str]:
    return {"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(base / "staged"),
            "BDW_WAREHOUSE": str(base / "warehouse.duckdb"), "BDW_REPORT_DIR": str(base / "report")}


TARGETS = {  # measure → (ratio or figure, the target, whether lower is better)
    "nothing_changed_vs_floor": 1.5,
    "one_doc_vs_floor": 4.0,
    "one_new_into_medium_vs_one_doc": 1.3,
    "marginal_ms_per_doc": 10.0,
    "sensor_run_vs_bdw_run": 1.5,
    "peak_rss_mib_large": 2048,
}


def _subset(corpus: Path, target: Path, count: int) -> Path:
    for path in sorted(corpus.rglob("*.txt"))[:count]:
        destination = target / path.relative_to(corpus)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, destination)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10000, help="the large warehouse (default 10,000)")
    parser.add_argument("--medium", type=int, default=2000, help="the warehouse one new document goes into")
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temp folder)")
    parser.add_argument("--quick", action="store_true", help="skip the equivalence check and the sensor run")
    parser.add_argument("--pdf", type=int, default=0, metavar="N",
                        help="PDF mode: only measure N copies of the Putuo PDF (needs ../shared/pdf-samples)")
    parser.add_argument("--check", action="store_true",
                        help="check mode: bdw check against a one-document bdw run, per shared PDF and sample")
    parser.add_argument("--repeats", type=int, default=3, help="check mode: bdw check runs per file (median)")
    parser.add_argument("--bomb", type=int, default=0, metavar="MB",
                        help="bomb mode: the samples alone, then beside a PDF inflating to MB megabytes")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bdw-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.check:
        print(json.dumps(check_mode(work, args.repeats), ensure_ascii=False, indent=2))
        return
    if args.pdf:
        print(json.dumps(pdf_mode(work, args.pdf), ensure_ascii=False, indent=2))
        return
    if args.bomb:
        print(json.dumps(bomb_mode(work, args.bomb), ensure_ascii=False, indent=2))
        return
    n, small, medium = args.docs, max(args.docs // 10, 10), min(args.medium, args.docs)
    results: dict = {"docs": n, "cpus": os.cpu_count(), "startup_floor": startup_floor()}

    # the five samples: a first run, then a run with nothing changed
    samples = work / "samples"
    copy_samples(samples / "raw")
    results["samples_first"] = bdw_run(_env(samples, samples / "raw"))
    results["nothing_changed"] = bdw_run(_env(samples, samples / "raw"))
    if not args.quick:
        results["sensor_run"] = sensor_run(work / "sensor")
    print(json.dumps({k: results[k] for k in ("startup_floor", "samples_first", "nothing_changed")}), flush=True)

    corpus = work / "corpus"
    started = time.perf_counter()
    generate(corpus, n)
    extra = generate(work / "extra", 1, start=n)[0]
    results["generate_seconds"] = round(time.perf_counter() - started, 1)
    results["floor"] = floor(corpus)
    results["library"] = library_speed(corpus)
    print(json.dumps({k: results[k] for k in ("floor", "library")}), flush=True)

    # one document on an empty warehouse
    one = work / "one"
    shutil.copytree(extra.parent, one / "raw")
    results["one_doc_empty"] = bdw_run(_env(one, one / "raw"))

    # one new document into a warehouse of `medium` documents
    mid = work / "medium"
    _subset(corpus, mid / "raw", medium)
    results["medium_full"] = {"docs": medium, **bdw_run(_env(mid, mid / "raw"))}
    shutil.copy(extra, mid / "raw" / "added_one.txt")
    results["one_new_into_medium"] = bdw_run(_env(mid, mid / "raw"))
    print(json.dumps({k: results[k] for k in ("one_doc_empty", "medium_full", "one_new_into_medium")}), flush=True)

    # marginal cost: a run of n/10 documents and a run of n documents
    partial = work / "partial"
    _subset(corpus, partial / "raw", small)
    results["full_small"] = {"docs": small, **bdw_run(_env(partial, partial / "raw"))}
    full = work / "full"
    full.mkdir(exist_ok=True)
    results["full"] = bdw_run(_env(full, corpus))
    results["marginal_ms_per_doc"] = round(
        1000 * (results["full"]["seconds"] - results["full_small"]["seconds"]) / (n - small), 2)
    print(json.dumps({k: results[k] for k in ("full_small", "full")}), flush=True)

    # one more document into the large warehouse
    shutil.copy(extra, corpus / "added_one.txt")
    results["incremental_one"] = bdw_run(_env(full, corpus))
    full_state = warehouse_state(full / "warehouse.duckdb")
    results["warehouse_rows"] = full_state
    # the quality-validation step alone on the large warehouse: pandas suites (before issue 21) and GX in DuckDB
    results["gx_validation"] = gx_step.compare(full / "warehouse.duckdb")
    print(json.dumps({"gx_validation": results["gx_validation"]}), flush=True)

    if not args.quick:
        # the same corpus, loaded in three incremental runs, against a full refresh of it
        steps = work / "steps"
        (steps / "raw").mkdir(parents=True)
        batches = sorted(p for p in corpus.iterdir() if p.is_dir())
        for k in range(3):
            for folder in batches[k::3]:
                shutil.copytree(folder, steps / "raw" / folder.name)
            if k == 2:
                shutil.copy(corpus / "added_one.txt", steps / "raw" / "added_one.txt")
            bdw_run(_env(steps, steps / "raw"))
        results["incremental_equals_full"] = warehouse_state(steps / "warehouse.duckdb") == full_state
        results["check_results_equal"] = check_results(steps / "warehouse.duckdb") == check_results(
            full / "warehouse.duckdb")

    floor_s = results["startup_floor"]["seconds"]
    results["ratios"] = {
        "nothing_changed_vs_floor": round(results["nothing_changed"]["seconds"] / floor_s, 2),
        "one_doc_vs_floor": round(results["one_doc_empty"]["seconds"] / floor_s, 2),
        "one_new_into_medium_vs_one_doc": round(
            results["one_new_into_medium"]["seconds"] / results["one_doc_empty"]["seconds"], 2),
        "marginal_ms_per_doc": results["marginal_ms_per_doc"],
        "peak_rss_mib_large": results["full"]["peak_rss_mib"],
        **({"sensor_run_vs_bdw_run": round(results["sensor_run"]["seconds"] / results["samples_first"]["seconds"], 2)}
           if "sensor_run" in results else {}),
    }
    results["targets_met"] = {k: v <= TARGETS[k] for k, v in results["ratios"].items()}
    print(json.dumps(results, ensure_ascii=False, indent=2))
    (work / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(f"results: {work / 'results.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
