"""The structure the project promises: a pure extraction library, one lineage graph, the layout."""

from __future__ import annotations

import ast
from pathlib import Path

import dagster as dg

from tests.conftest import RAW, REPO, SHARED_SEEDS

EXTRACT = REPO / "dagster_project" / "bdw" / "extract"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


# The extraction library reads documents (PDFs with PDFium, through pypdfium2) but never
# orchestrates or stores: no Dagster, dbt, DuckDB or DataFrame import.
FORBIDDEN_IN_EXTRACT = {"dagster", "dagster_dbt", "dagster_webserver", "dbt", "duckdb", "polars", "pandas",
                        "pyarrow", "great_expectations", "sqlalchemy"}


def test_extraction_library_is_pure_python():
    files = sorted(EXTRACT.rglob("*.py"))
    assert len(files) >= 8
    for path in files:
        forbidden = _imports(path) & FORBIDDEN_IN_EXTRACT
        assert not forbidden, (f"{path.relative_to(REPO)} imports {sorted(forbidden)}: the extraction library "
                               "must not import orchestration or storage packages")
    assert "pypdfium2" in _imports(EXTRACT / "pdf" / "pdfium.py")
    assert not any("pdfplumber" in _imports(path) for path in files), "PDFs are read with PDFium only"


def test_top_level_layout():
    for name in ("dagster_project", "dbt", "data/raw", "data/staged", "expectations", "tests", "pyproject.toml"):
        assert (REPO / name).exists(), name


def test_raw_folder_ships_the_seeds_byte_for_byte():
    seeds = sorted(p.name for p in SHARED_SEEDS.glob("*.txt"))
    if not seeds:  # shared/ is beside every clone in CI; this guards a checkout without it
        seeds = sorted(p.name for p in RAW.iterdir())
    assert len(seeds) == 5
    for name in seeds:
        source = SHARED_SEEDS / name
        if source.exists():
            assert (RAW / name).read_bytes() == source.read_bytes(), name


def test_one_lineage_graph_from_staged_parquet_to_marts():
    from bdw.definitions import defs

    graph = defs.resolve_asset_graph()
    staged_documents = dg.AssetKey(["staged", "documents"])
    assert graph.get(staged_documents).is_materializable  # produced by the extraction asset, not a bare source
    downstream = graph.get(staged_documents).child_keys
    assert dg.AssetKey(["staging", "stg_staged__documents"]) in downstream
    staging = graph.get(dg.AssetKey(["staging", "stg_staged__documents"]))
    assert dg.AssetKey(["intermediate", "int_document_version"]) in staging.child_keys
    versions = graph.get(dg.AssetKey(["intermediate", "int_document_version"]))
    assert dg.AssetKey(["marts", "dim_document"]) in versions.child_keys
    check_keys = {key.name for key in graph.asset_check_keys}
    assert {"gx_dim_document", "gx_ingest_log"} <= check_keys


def test_schedule_and_sensor_are_defined():
    from bdw.definitions import defs

    assert defs.resolve_schedule_def("bdw_daily").cron_schedule == "0 2 * * *"
    assert defs.resolve_sensor_def("bdw_raw_files") is not None


def test_sensor_requests_a_run_only_when_raw_files_change(tmp_path, monkeypatch):
    from bdw.defs.automation import raw_files_sensor

    monkeypatch.setenv("BDW_RAW_DIR", str(tmp_path))
    (tmp_path / "a.txt").write_text("x")
    first = raw_files_sensor(dg.build_sensor_context(cursor=None))
    assert isinstance(first, dg.RunRequest)
    cursor = first.run_key
    assert isinstance(raw_files_sensor(dg.build_sensor_context(cursor=cursor)), dg.SkipReason)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("new document")
    assert isinstance(raw_files_sensor(dg.build_sensor_context(cursor=cursor)), dg.RunRequest)


def test_dagster_ui_binds_to_localhost_unless_told_otherwise():
    from bdw.cli import build_parser, ui_command

    args = build_parser().parse_args(["ui"])
    assert (args.host, args.port) == ("127.0.0.1", 3000)
    command = ui_command(args.host, args.port)
    assert command[1:] == ["dev", "-m", "bdw.definitions", "--host", "127.0.0.1", "--port", "3000"]
