"""The staged folder's hive layout, the move of the older flat layout into it, a batch as a Dask worker
stages it (in this process: no cluster), the driver's commit of it, and the settings that name a cluster
or a staged folder on another filesystem."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from bdw.defs.resources import BdwResource
from bdw.errors import UsageError
from bdw.extract.pipeline import DUPLICATE, LOADED, IngestLog, extractor_version, process_file
from bdw.extract.workers import Limits
from bdw.settings import Settings
from bdw.stage.batch import BatchSpec, stage_batch
from bdw.stage.cluster import _commit, batch_size, batch_specs
from bdw.stage.layout import dataset_files
from bdw.stage.migrate import migrate_flat_layout
from bdw.stage.parquet import (
    drop_documents,
    ensure_every_dataset_exists,
    frame,
    read_known_documents,
    read_parquet,
    write_parquet,
    write_rows,
)
from tests.conftest import RAW

NOW = datetime(2024, 1, 1, tzinfo=UTC)
A, B = "000_ababedf1869e2353.txt", "004_a15be56197084065.txt"  # a 2021 final account, a 2021 self-evaluation


def _document(document_id: str, year: int, kind: str, batch: str = "b1") -> dict:
    return {"document_id": document_id, "batch_id": batch, "source_file": f"{document_id}.txt", "sha256": document_id,
            "department_name": "测试局", "fiscal_year": year, "document_kind": kind, "reported_unit": "元",
            "line_count": 10, "extractor_version": "v1", "extracted_at": NOW}


def _blank(document_id: str, line: int) -> dict:
    return {"document_id": document_id, "batch_id": "b1", "table_code": "公开01", "source_line": line,
            "row_label": "合计", "column_label": "金额", "printed": "-", "reading": "zero"}


def _rows(staged: Path, dataset: str) -> list[dict]:
    frame_ = read_parquet(dataset_files(staged, dataset))
    return [] if frame_ is None else frame_.to_dicts()


# --- settings ---------------------------------------------------------------------------------

def test_bdw_cluster_names_a_scheduler_or_nothing():
    assert Settings.from_env({"BDW_CLUSTER": "tcp://10.0.0.5:8786"}).cluster == "tcp://10.0.0.5:8786"
    assert Settings.from_env({}).cluster is None
    assert Settings.from_env({"BDW_CLUSTER": ""}).cluster is None
    settings = Settings.from_env({"BDW_CLUSTER": "tcp://10.0.0.5:8786"})
    assert Settings.from_env(settings.environ()) == settings  # a child process (dagster dev) gets it back
    assert BdwResource.from_settings(settings).settings() == settings  # and the Dagster resource


def test_raw_and_staged_folders_may_be_urls_the_warehouse_may_not(tmp_path):
    assert Settings.from_env({"BDW_STAGED_DIR": f"file://{tmp_path}/staged"}).staged_dir == tmp_path / "staged"
    remote = Settings.from_env({"BDW_STAGED_DIR": "memory://bdw-test/staged", "BDW_RAW_DIR": "memory://bdw-test/raw"})
    assert not isinstance(remote.staged_dir, Path) and str(remote.staged_dir) == "memory://bdw-test/staged"
    assert remote.dbt_vars()["filesystems"] == [{"fs": "memory"}]  # dbt-duckdb registers it with DuckDB
    assert BdwResource.from_settings(remote).settings() == remote
    with pytest.raises(UsageError, match="BDW_WAREHOUSE=s3://bucket/warehouse.duckdb: must be a local path"):
        Settings.from_env({"BDW_WAREHOUSE": "s3://bucket/warehouse.duckdb"})


# --- the layout -------------------------------------------------------------------------------

def test_a_batch_writes_one_file_per_dataset_and_partition_that_duckdb_prunes(tmp_path):
    documents = [_document("d1", 2023, "final_account"), _document("d2", 2024, "performance_report")]
    rows = {"documents": documents, "blank_cell": [_blank("d1", 3), _blank("d1", 4), _blank("d2", 9)]}
    write_rows(tmp_path, "r1-00000.parquet", rows, {"d1": (2023, "final_account"), "d2": (2024, "performance_report")})
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("**/*.parquet"))
    assert written == ["blank_cell/fiscal_year=2023/document_kind=final_account/r1-00000.parquet",
                       "blank_cell/fiscal_year=2024/document_kind=performance_report/r1-00000.parquet",
                       "documents/fiscal_year=2023/document_kind=final_account/r1-00000.parquet",
                       "documents/fiscal_year=2024/document_kind=performance_report/r1-00000.parquet"]
    with duckdb.connect() as con:
        lines = con.execute(f"select source_line from read_parquet('{tmp_path}/blank_cell/**/*.parquet', "
                            "hive_partitioning = true) where fiscal_year = 2023 order by 1").fetchall()
        assert lines == [(3,), (4,)]
        plan = con.execute(f"explain analyze select count(*) from read_parquet('{tmp_path}/blank_cell/**/*.parquet',"
                           " hive_partitioning = true) where fiscal_year = 2024").fetchall()
    assert "Total Files Read: 1" in plan[0][1]  # the other year's file is never opened
    assert read_known_documents(tmp_path, "v1") == {"d1": "d1.txt", "d2": "d2.txt"}
    assert read_known_documents(tmp_path, "v2") == {}


def test_rows_of_dropped_documents_leave_the_batch_and_an_emptied_file_goes(tmp_path):
    rows = {"blank_cell": [_blank("d1", 3), _blank("d2", 4)]}
    write_rows(tmp_path, "b.parquet", rows, {"d1": (2023, "final_account"), "d2": (2023, "final_account")})
    assert drop_documents(tmp_path, "b.parquet", (2023, "final_account"), ["d2"]) == {"blank_cell": 1}
    assert [row["document_id"] for row in _rows(tmp_path, "blank_cell")] == ["d1"]
    drop_documents(tmp_path, "b.parquet", (2023, "final_account"), ["d1"])
    assert not list(tmp_path.glob("blank_cell/**/*.parquet"))


def test_a_dataset_without_rows_gets_an_empty_file_in_a_partition_no_document_has(tmp_path):
    ensure_every_dataset_exists(tmp_path)
    assert (tmp_path / "blank_cell" / "fiscal_year=0" / "document_kind=none" / "empty.parquet").exists()
    assert not (tmp_path / "ingest_log").exists()  # every run writes its own
    assert _rows(tmp_path, "blank_cell") == []


def test_the_layout_reads_and_writes_a_staged_folder_on_an_fsspec_filesystem():
    staged = Settings.from_env({"BDW_STAGED_DIR": "memory://bdw-layout-test/staged"}).staged_dir
    write_rows(staged, "r1-00000.parquet", {"documents": [_document("d1", 2023, "final_account")],
                                            "blank_cell": [_blank("d1", 3)]}, {"d1": (2023, "final_account")})
    assert [p.name for p in dataset_files(staged, "blank_cell")] == ["r1-00000.parquet"]
    assert read_known_documents(staged, "v1") == {"d1": "d1.txt"}
    assert migrate_flat_layout(staged) == 0


# --- the flat layout of older runs, moved once ------------------------------------------------

def test_a_flat_staged_folder_is_moved_into_partitions_once(tmp_path):
    documents = [_document("d1", 2023, "final_account"), _document("d2", 2024, "performance_report")]
    write_parquet(frame("documents", documents), tmp_path / "documents" / "old-00000.parquet")
    # d3's batch was cut short before its documents file: its rows never reached the marts
    write_parquet(frame("blank_cell", [_blank("d1", 3), _blank("d2", 4), _blank("d3", 5)]),
                  tmp_path / "blank_cell" / "old-00000.parquet")
    write_parquet(frame("ingest_log", []), tmp_path / "ingest_log" / "old.parquet")
    assert migrate_flat_layout(tmp_path) == 2
    assert not list(tmp_path.glob("documents/*.parquet")) and not list(tmp_path.glob("blank_cell/*.parquet"))
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("blank_cell/**/*.parquet")) == [
        "blank_cell/fiscal_year=2023/document_kind=final_account/old-00000.parquet",
        "blank_cell/fiscal_year=2024/document_kind=performance_report/old-00000.parquet"]
    assert sorted(row["document_id"] for row in _rows(tmp_path, "blank_cell")) == ["d1", "d2"]
    assert read_known_documents(tmp_path, "v1") == {"d1": "d1.txt", "d2": "d2.txt"}
    assert (tmp_path / "ingest_log" / "old.parquet").exists()  # the ingest logs stay flat
    assert migrate_flat_layout(tmp_path) == 0  # once


# --- a batch on a worker, committed by the driver ----------------------------------------------

def _spec(raw: Path, staged: Path, files: list[str], index: int = 0, limits: Limits | None = None) -> BatchSpec:
    return BatchSpec("r1", index, str(raw), str(staged), tuple(files), frozenset(), 50 * 1024 * 1024,
                     limits or Limits(), extractor_version())


def test_a_duplicate_in_its_batch_or_a_later_one_is_staged_once(tmp_path):
    raw, staged = tmp_path / "raw", tmp_path / "staged"
    raw.mkdir()
    for name in (A, B):
        shutil.copy(RAW / name, raw / name)
    shutil.copy(RAW / A, raw / "a_again.txt")  # sorts after A: a duplicate in the same batch
    shutil.copy(RAW / B, raw / "z_copy.txt")  # a duplicate in the next batch
    ingest = IngestLog("r1")
    first = _spec(raw, staged, [A, B, "a_again.txt"])
    _commit(staged, first, stage_batch(first), frozenset(), ingest)
    second = _spec(raw, staged, ["z_copy.txt"], index=1)
    result = stage_batch(second)
    assert result.rows_written["blank_cell"] > 0  # the worker extracted the copy (it cannot know it is one) …
    removed = _commit(staged, second, result, frozenset(), ingest)
    assert removed["blank_cell"] == result.rows_written["blank_cell"]  # … and the driver removed its rows
    assert [row["status"] for row in ingest.rows] == [LOADED, LOADED, DUPLICATE, DUPLICATE]
    documents = _rows(staged, "documents")
    assert sorted(doc["source_file"] for doc in documents) == sorted([A, B])
    assert not list(staged.glob("**/r1-00001.parquet"))
    for name in (A, B):  # every row of a document once, as one extraction of it gives them
        expected = process_file(raw / name, raw)
        for dataset in ("expenditure", "blank_cell", "performance_indicator"):
            staged_rows = [r for r in _rows(staged, dataset) if r["document_id"] == expected.document_id]
            assert len(staged_rows) == len(expected.rows.get(dataset, [])), (name, dataset)


def test_a_worker_applies_the_per_file_limits_and_the_batch_goes_on(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in (A, B):
        shutil.copy(RAW / name, raw / name)
    result = stage_batch(_spec(raw, tmp_path / "staged", [A, B], limits=Limits(timeout_s=0.001)))
    assert [record.source_file for record in result.records] == [A, B]
    for record in result.records:
        assert record.document is None and record.sha256
        assert record.rejection.startswith("over the time limit of 0.001 s per file (BDW_FILE_TIMEOUT_S)")


def test_batches_keep_every_worker_thread_busy_and_stay_small():
    assert batch_size(303, 2) == 38
    assert batch_size(10**6, 64) == 200
    assert batch_size(3, 8) == 1
    settings = Settings.from_env({"BDW_RAW_DIR": "/data/raw", "BDW_STAGED_DIR": "/data/staged"})
    specs = batch_specs(settings, "r1", ["a.txt", "b.txt", "c.txt"], {"d1": "b.txt", "d2": "x.txt"}, 2)
    assert [spec.files for spec in specs] == [("a.txt", "b.txt"), ("c.txt",)]
    assert [spec.known for spec in specs] == [frozenset({"d1"}), frozenset()]
    assert [spec.file_name for spec in specs] == ["r1-00000.parquet", "r1-00001.parquet"]


# --- a local run's batches --------------------------------------------------------------------

def _local_settings(tmp_path: Path) -> Settings:
    return Settings.from_env({"BDW_RAW_DIR": str(RAW), "BDW_STAGED_DIR": str(tmp_path / "staged"),
                              "BDW_WAREHOUSE": str(tmp_path / "w.duckdb"), "BDW_WORKERS": "1"})


def test_a_local_run_writes_its_batches_beside_extraction_and_loses_none(tmp_path, monkeypatch):
    import bdw.stage.run as run

    monkeypatch.setattr(run, "LOCAL_BATCH_DOCUMENTS", 2)  # the five samples: batches of 2, 2 and 1
    summary = run.stage_raw_folder(_local_settings(tmp_path), "r1")
    assert summary.counts["loaded"] == 5
    documents = _rows(tmp_path / "staged", "documents")
    assert len(documents) == 5
    assert sorted({name for path in dataset_files(tmp_path / "staged", "documents") for name in [path.name]}) == [
        "r1-00000.parquet", "r1-00001.parquet", "r1-00002.parquet"]
    assert sum(len(_rows(tmp_path / "staged", name)) for name in ("expenditure", "income")) == sum(
        summary.rows_written[name] for name in ("expenditure", "income")) > 0


def test_a_batch_that_cannot_be_written_stops_the_run_with_its_error(tmp_path, monkeypatch):
    import bdw.stage.run as run
    from bdw.stage.parquet import Batch

    calls, write = [], Batch.write

    def failing_write(batch, staged_dir, file_name):
        calls.append(file_name)
        if len(calls) == 2:
            raise OSError(f"disk full while writing {file_name}")
        return write(batch, staged_dir, file_name)

    monkeypatch.setattr(run, "LOCAL_BATCH_DOCUMENTS", 2)
    monkeypatch.setattr(Batch, "write", failing_write)
    with pytest.raises(OSError, match="disk full while writing r1-00001.parquet"):
        run.stage_raw_folder(_local_settings(tmp_path), "r1")
    assert not (tmp_path / "staged" / "ingest_log").exists()  # the run logged nothing: it did not happen
