"""Hostile input and unlucky operators, through the real pipeline: a decompression bomb beside the
samples, symbolic-link loops and links to folders, two editions in one run, write attempts through
``bdw sql``, ``kill -9`` of ``bdw run``, the UI bound to every address."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from bench.bomb import bomb_pdf

from bdw import cli
from bdw.extract.document import document_from_bytes
from bdw.extract.metadata import read_metadata
from bdw.extract.pipeline import extract_document
from tests.conftest import BDW, RAW, SAMPLES, query, run_bdw, sample_bytes

pytestmark = pytest.mark.e2e

FILE_TIMEOUT_S = 15
FACTS = {"expenditure": "fct_expenditure", "income": "fct_income", "summary_line": "fct_summary_line",
         "narrative_fact": "fct_narrative_fact", "three_public": "fct_three_public",
         "project_performance": "fct_project_performance", "performance_indicator": "fct_performance_indicator"}


def _edition(name: str, department: str, new_department: str, *replacements: tuple[str, str]) -> str:
    text = (RAW / name).read_text(encoding="utf-8").replace(department, new_department)
    for old, new in replacements:
        text = text.replace(old, new)
    return text


def _write(path: Path, text: str, mtime: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))


@pytest.fixture(scope="module")
def hardened_run(tmp_path_factory):
    """One ``bdw run``: the samples, the issue's bomb (a PDF whose stream inflates to 500 MB), a link
    loop, links to folders and two pairs of editions of one department, year and kind."""
    base = tmp_path_factory.mktemp("hardened")
    raw = base / "raw"
    shutil.copytree(RAW, raw / "samples")
    (raw / "zz_bomb.pdf").write_bytes(bomb_pdf(500))
    os.symlink(raw / "loop_b", raw / "loop_a")
    os.symlink(raw / "loop_a", raw / "loop_b")
    os.symlink(raw / "samples", raw / "samples_link")
    (base / "elsewhere").mkdir()
    os.symlink(base / "elsewhere", raw / "elsewhere_link")
    now = time.time()
    # 霞浦: the printed 填报日期 decides, against the file times (the later edition is the older file)
    xiapu = ("000_ababedf1869e2353.txt", "宁德市医疗保障局", "霞浦县医疗保障局")
    _write(raw / "editions" / "xiapu_a.txt", _edition(*xiapu), now - 60)
    _write(raw / "editions" / "xiapu_b.txt", _edition(*xiapu, ("2022 年 01 月 14 日", "2022 年 03 月 01 日")),
           now - 3600)
    # 彭阳: no printed date: the later file modification time decides
    pengyang = ("004_a15be56197084065.txt", "固原市医疗保障局", "彭阳县医疗保障局")
    _write(raw / "editions" / "pengyang_a.txt", _edition(*pengyang, ("部门决算", "部门决算（更正版）")), now - 60)
    _write(raw / "editions" / "pengyang_b.txt", _edition(*pengyang), now - 3600)
    env = {"BDW_RAW_DIR": str(raw), "BDW_STAGED_DIR": str(base / "staged"),
           "BDW_WAREHOUSE": str(base / "warehouse.duckdb"), "BDW_REPORT_DIR": str(base / "report"),
           "BDW_FILE_TIMEOUT_S": str(FILE_TIMEOUT_S)}
    started = time.monotonic()
    result = run_bdw(env, "run", timeout=900)  # before the limits, this run did not end within ten minutes
    return {"result": result, "seconds": time.monotonic() - started, "warehouse": base / "warehouse.duckdb"}


def _log(run) -> dict[str, tuple[str, str]]:
    rows = query(run["warehouse"], "select source_file, status, reason from marts.ingest_log")
    return {name: (status, reason) for name, status, reason in rows}


def test_the_bomb_is_rejected_with_a_reason_and_the_run_completes(hardened_run):
    result = hardened_run["result"]
    assert result.returncode == 0, result.stdout[-3000:]
    status, reason = _log(hardened_run)["zz_bomb.pdf"]
    # with the pdfplumber reader the time limit stops it; a reader that refuses a bomb itself is as good
    assert status == "rejected" and reason, reason
    assert query(hardened_run["warehouse"], "select count(*) from marts.dim_document "
                                            "where source_file = 'zz_bomb.pdf'") == [(0,)]
    # the run's own output names it with its reason: nobody needs SQL to learn why a file did not load
    assert f"rejected: zz_bomb.pdf: {reason}" in result.stdout, result.stdout


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_loads_whole_beside_the_bomb(hardened_run, name):
    doc = document_from_bytes(sample_bytes(name), name)
    expected = extract_document(doc, read_metadata(doc))
    for dataset, table in FACTS.items():
        (count,) = query(hardened_run["warehouse"], f"select count(*) from marts.{table} where document_id = ?",
                         [doc.document_id])[0]
        assert count == len(expected.rows.get(dataset, [])), (name, table)


def test_links_get_an_ingest_row_with_a_reason(hardened_run):
    log = _log(hardened_run)
    assert log["loop_a"][0] == log["loop_b"][0] == "rejected" and "symbolic link loop" in log["loop_a"][1]
    assert log["samples_link"][0] == "rejected" and "link to a folder" in log["samples_link"][1]
    assert log["elsewhere_link"][0] == "rejected" and "outside the raw folder" in log["elsewhere_link"][1]


def _versions(run, department: str) -> dict[str, tuple]:
    rows = query(run["warehouse"], "select source_file, version_status, superseded_by, version_reason, document_id "
                                   "from marts.dim_document_version where department_name = ?", [department])
    return {Path(r[0]).name: r[1:] for r in rows}


def test_two_editions_in_one_run_the_later_printed_date_wins(hardened_run):
    versions = _versions(hardened_run, "霞浦县医疗保障局")
    assert versions["xiapu_b.txt"][0] == "current"  # 填报日期 2022-03-01, though its file is the older
    assert versions["xiapu_a.txt"][:2] == ("superseded", versions["xiapu_b.txt"][3])
    assert "later printed date (2022-03-01 after 2022-01-14)" in versions["xiapu_a.txt"][2]
    assert versions["xiapu_b.txt"][2].startswith("newest of 2 editions: later printed date")


def test_two_editions_without_printed_dates_the_later_file_wins(hardened_run):
    versions = _versions(hardened_run, "彭阳县医疗保障局")
    assert versions["pengyang_a.txt"][0] == "current"
    assert versions["pengyang_b.txt"][:2] == ("superseded", versions["pengyang_a.txt"][3])
    assert "not both with a printed date, later file modification time" in versions["pengyang_b.txt"][2]


# --- bdw sql cannot write ----------------------------------------------------------------------

def _attempts(target: Path) -> list[str]:
    return [
        f"explain analyze copy (select 'x') to '{target}.csv'",
        f"copy (select 1) to '{target}.csv'",
        f"copy marts.dim_document to '{target}.parquet' (format parquet)",
        f"export database '{target}'",
        f"attach '{target}.duckdb' as other",
        "install httpfs",
        "load httpfs",
        "set enable_external_access = true",
        "reset lock_configuration",
        "set threads = 1",
        f"pragma profiling_output = '{target}.json'",
        "create table marts.planted as select 1 as x",
        "drop table marts.dim_document",
        "create persistent secret planted (type http, bearer_token 'x')",
        f"select * from read_text('{target}.txt')",
        "select * from read_parquet('https://example.com/planted.parquet')",
    ]


def test_no_statement_through_bdw_sql_writes_attaches_loads_or_changes_settings(pipeline_run, tmp_path, capsys,
                                                                                 monkeypatch):
    warehouse = pipeline_run["warehouse"]
    monkeypatch.setenv("BDW_WAREHOUSE", str(warehouse))
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    target = tmp_path / "planted"
    (tmp_path / "planted.txt").write_text("read me", encoding="utf-8")
    for statement in _attempts(target):
        code = cli.main(["sql", statement])
        err = capsys.readouterr().err
        assert code == cli.EXIT_USAGE and "refused" in err, (statement, err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["planted.txt"]
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
    assert cli.main(["sql", "select count(*) from marts.dim_document", "--csv"]) == 0  # reading still works
    code = cli.main(["sql", "select current_setting('autoinstall_known_extensions') as i, "
                            "current_setting('autoload_known_extensions') as l", "--csv"])
    assert code == 0 and capsys.readouterr().out.splitlines()[-1].lower() == "false,false"


def test_explain_analyze_copy_through_the_real_command_writes_nothing(pipeline_run, tmp_path):
    target = tmp_path / "out.csv"
    result = run_bdw({"BDW_WAREHOUSE": str(pipeline_run["warehouse"])}, "sql",
                     f"explain analyze copy (select 'x') to '{target}'")
    assert result.returncode == cli.EXIT_USAGE, result.stderr
    assert "refused" in result.stderr and not target.exists()


def test_export_writes_only_its_own_files(pipeline_run, tmp_path):
    out = tmp_path / "out"
    result = run_bdw({"BDW_WAREHOUSE": str(pipeline_run["warehouse"])}, "export", "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted(Path(line) for line in result.stdout.split()) and all(p.parent == out for p in written)


# --- kill -9 of bdw run leaves no child --------------------------------------------------------

def _descendants(root: int) -> dict[int, str]:
    """pid → command line of every living descendant of ``root``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry))
    found, stack = {}, list(children.get(root, []))
    while stack:
        pid = stack.pop()
        try:
            found[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        stack.extend(children.get(pid, []))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _kill_minus_nine_when(env: dict, child_marker: str, log: Path, count: int = 1) -> tuple[dict[int, str], list[int]]:
    """Start ``bdw run``; once ``count`` descendants whose command line holds ``child_marker`` run, SIGKILL
    ``bdw run`` alone; return its descendants then and those still alive 15 s later."""
    with open(log, "w") as output:
        proc = subprocess.Popen([str(BDW), "run"], env={**os.environ, **env}, stdout=output,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        children = _descendants(proc.pid)
        while sum(child_marker in command for command in children.values()) < count:
            assert time.monotonic() < deadline and proc.poll() is None, \
                f"no {child_marker!r} child:\n{log.read_text()[-3000:]}"
            time.sleep(0.1)
            children = _descendants(proc.pid)
        time.sleep(1)  # let them get to work
        children = _descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 15
        while (alive := [pid for pid in children if _alive(pid)]) and time.monotonic() < deadline:
            time.sleep(0.2)
        return children, alive
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # whatever survived, so the suite goes on clean


def test_kill_minus_nine_of_bdw_run_kills_its_extraction_workers_and_dbt(tmp_path):
    shutil.copytree(RAW, tmp_path / "raw")
    (tmp_path / "raw" / "zz_bomb.pdf").write_bytes(bomb_pdf(100))  # keeps one worker busy
    env = {"BDW_RAW_DIR": str(tmp_path / "raw"), "BDW_STAGED_DIR": str(tmp_path / "staged"),
           "BDW_WAREHOUSE": str(tmp_path / "warehouse.duckdb"), "BDW_FILE_TIMEOUT_S": "5"}
    # during extraction: the fork server, its workers (one on the bomb) and their replacements
    children, alive = _kill_minus_nine_when(env, "multiprocessing.forkserver", tmp_path / "extracting.log", count=3)
    assert alive == [], {pid: children[pid] for pid in alive}
    # during dbt build: dbt (started as bdw-dbt)
    children, alive = _kill_minus_nine_when(env, "bdw-dbt", tmp_path / "building.log")
    assert any("bdw-dbt" in c for c in children.values()) and alive == [], {p: children[p] for p in alive}


# --- bdw ui --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("host", "warned"), [("0.0.0.0", True), ("::", True), ("192.168.1.20", True),
                                               ("bdw.example.org", True), ("127.0.0.1", False), ("::1", False),
                                               ("localhost", False)])
def test_bdw_ui_warns_when_reachable_from_other_machines(host, warned, monkeypatch, tmp_path, capsys):
    started = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: started.append(argv))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    assert cli.main(["ui", "--host", host, "--port", "3999"]) == 0
    logging.getLogger("bdw").handlers.clear()
    out = capsys.readouterr().out
    assert started and started[0][started[0].index("--host") + 1] == host
    assert ("no login" in out and "WARNING" in out) is warned, out


@pytest.mark.e2e
def test_bdw_ui_stops_on_sigterm_when_started_with_sigint_ignored(tmp_path):
    """``nohup bdw ui &`` starts it with SIGINT ignored; ``dagster dev`` maps SIGTERM to SIGINT's handler."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "home"), "BDW_WAREHOUSE": str(tmp_path / "w.duckdb"),
           "BDW_RAW_DIR": str(tmp_path / "raw"), "BDW_STAGED_DIR": str(tmp_path / "staged")}
    ui = subprocess.Popen([str(BDW), "ui", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL, start_new_session=True,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # the web server listening: dagster dev is fully up
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(1)
        else:
            pytest.fail("the Dagster UI did not start within 120 s")
        os.killpg(ui.pid, signal.SIGTERM)
        assert ui.wait(timeout=90) is not None
    finally:
        if ui.poll() is None:
            os.killpg(ui.pid, signal.SIGKILL)
            ui.wait()
