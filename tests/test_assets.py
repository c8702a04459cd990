"""The asset graph materialized in-process with its resources, as Dagster's example projects test it."""

from __future__ import annotations

import shutil

import dagster as dg
import polars as pl
import pytest

from bdw.defs.resources import BdwResource, WriterLockResource
from bdw.defs.staged import extract_documents
from bdw.settings import Settings
from tests.conftest import RAW, SAMPLES, query


def _settings(tmp_path, *samples: str) -> Settings:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in samples:
        shutil.copy(RAW / name, raw / name)
    return Settings.from_env().with_paths(raw_dir=raw, staged_dir=tmp_path / "staged",
                                          warehouse=tmp_path / "wh" / "warehouse.duckdb",
                                          report_dir=tmp_path / "report")


def test_the_extraction_asset_stages_every_file(tmp_path):
    settings = _settings(tmp_path, "000_ababedf1869e2353.txt", "004_a15be56197084065.txt")
    (settings.raw_dir / "notes.txt").write_text("红烧肉的做法\n", encoding="utf-8")
    result = dg.materialize([extract_documents], resources={
        "bdw": BdwResource.from_settings(settings), "writer": WriterLockResource(warehouse=str(settings.warehouse))})
    assert result.success
    ingest = {e.materialization.asset_key.path[-1]: e.materialization.metadata
              for e in result.get_asset_materialization_events()}
    assert ingest["ingest_log"]["files"].data == {"loaded": 2, "unchanged": 0, "duplicate": 0, "rejected": 1}
    documents = pl.read_parquet(settings.staged_dir / "documents" / "**" / "*.parquet", hive_partitioning=False)
    assert sorted(documents["department_name"].to_list()) == ["固原市医疗保障局", "宁德市医疗保障局"]
    expenditure = pl.read_parquet(settings.staged_dir / "expenditure" / "**" / "*.parquet", hive_partitioning=False)
    assert ingest["expenditure"]["rows_written"].value == expenditure.height > 100


@pytest.mark.e2e
def test_the_whole_graph_materializes_in_process(tmp_path):
    from bdw.definitions import build_definitions

    settings = _settings(tmp_path, "004_a15be56197084065.txt")
    defs = build_definitions(settings)
    result = defs.resolve_job_def("bdw_all").execute_in_process(instance=dg.DagsterInstance.ephemeral(),
                                                                 raise_on_error=False)
    assert result.success
    assert query(settings.warehouse, "select department_name, fiscal_year, document_kind, reported_unit "
                                     "from marts.dim_document") == [SAMPLES["004_a15be56197084065.txt"]]
    failed = query(settings.warehouse, "select count(*) from marts.dq_check_result where status = 'fail'")[0][0]
    assert failed > 0  # 004 misprints class 301 (see test_dq_samples)
    assert (settings.report_dir / "index.html").exists()
    assert not list(settings.build_dir.glob("*/warehouse.duckdb")), "the build file was published by rename"
