"""The structure the project promises: a pure extraction library, one lineage graph, the layout."""

from __future__ import annotations

import ast
import re
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


# The stages of the flow, bottom to top: a module imports only from its own stage or one below.
LAYERS = (("errors", "settings"), ("extract",), ("stage",), ("warehouse",), ("quality",), ("present",),
          ("defs", "definitions"), ("cli",))
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
PACKAGE = REPO / "dagster_project" / "bdw"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _bdw_imports(path: Path) -> set[str]:
    """The bdw modules ``path`` imports (relative imports resolved), as dotted names."""
    package = _module_name(path).split(".") if path.name == "__init__.py" else _module_name(path).split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
            found.update([module] if node.module else [f"{module}.{alias.name}" for alias in node.names])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bdw"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("bdw"))
    return found


def _import_graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    return {name: {m for d in _bdw_imports(path) if (m := known(d)) and m != name} for name, path in modules.items()}


def test_every_module_belongs_to_a_stage():
    stages = {name.split(".")[1] for name in _import_graph() if name != "bdw"}
    assert stages <= set(RANK), f"modules outside the stages {sorted(RANK)}: {sorted(stages - set(RANK))}"


def test_imports_flow_down_the_stages():
    upward = [f"{module} imports {target}" for module, targets in _import_graph().items() if module != "bdw"
              for target in targets if target != "bdw" and RANK[target.split(".")[1]] > RANK[module.split(".")[1]]]
    assert not upward, "imports against the flow (a lower stage importing a higher one):\n" + "\n".join(upward)


def test_no_module_imports_itself_through_others():
    graph = _import_graph()
    cycles, index, low, stack, on_stack = [], {}, {}, [], set()

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while (member := stack.pop()) != node:
                on_stack.discard(member)
                component.append(member)
            on_stack.discard(node)
            if component:
                cycles.append(sorted([node, *component]))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert not cycles, f"import cycles: {cycles}"


def test_no_module_writes_the_environment():
    writes = re.compile(r"os\.environ(?:\[[^]]+\]\s*=|\.(?:update|setdefault|pop)\()|os\.putenv")
    offenders = [str(path.relative_to(REPO)) for path in PACKAGE.rglob("*.py")
                 if writes.search(path.read_text(encoding="utf-8"))]
    assert not offenders, f"settings are passed down, never written to os.environ: {offenders}"


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


def _defs():
    from bdw.definitions import build_definitions
    from bdw.settings import Settings

    return build_definitions(Settings.from_env())


def test_one_lineage_graph_from_staged_parquet_to_marts():
    graph = _defs().resolve_asset_graph()
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
    defs = _defs()
    assert defs.resolve_schedule_def("bdw_daily").cron_schedule == "0 2 * * *"
    assert defs.resolve_sensor_def("bdw_raw_files") is not None


def test_sensor_requests_a_run_only_when_raw_files_change(tmp_path):
    from bdw.defs.automation import raw_files_sensor
    from bdw.defs.resources import BdwResource
    from bdw.settings import Settings

    bdw = BdwResource.from_settings(Settings.from_env().with_paths(raw_dir=tmp_path))
    (tmp_path / "a.txt").write_text("x")
    first = raw_files_sensor(dg.build_sensor_context(cursor=None), bdw=bdw)
    assert isinstance(first, dg.RunRequest)
    cursor = first.run_key
    assert isinstance(raw_files_sensor(dg.build_sensor_context(cursor=cursor), bdw=bdw), dg.SkipReason)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("new document")
    assert isinstance(raw_files_sensor(dg.build_sensor_context(cursor=cursor), bdw=bdw), dg.RunRequest)


def test_dagster_ui_binds_to_localhost_unless_told_otherwise():
    from bdw.cli import build_parser, ui_command

    args = build_parser().parse_args(["ui"])
    assert (args.host, args.port) == ("127.0.0.1", 3000)
    command = ui_command(args.host, args.port)
    assert command[1:] == ["dev", "-m", "bdw.definitions", "--host", "127.0.0.1", "--port", "3000"]
