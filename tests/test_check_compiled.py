"""The compiled quality models ``bdw check`` runs: any materialization, and loud failures.

The runner takes whatever models the manifest holds, so these tests change the project (or its
manifest) the way other engineers might: models made incremental or ephemeral must give the same
results; a staged source the runner cannot map, a model it cannot run, must stop it with a
sentence naming the model, never give a silently partial verdict.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from bdw.errors import ChecksUnusable
from bdw.extract.pipeline import process_file
from bdw.settings import DBT_PROJECT_DIR
from bdw.warehouse.compiled import STAGED_SENTINEL, CompiledChecks, compile_manifest, is_prepared, prepare
from tests.conftest import RAW

GUYUAN = RAW / "004_a15be56197084065.txt"


def _rows(path: Path) -> dict[str, list[dict]]:
    outcome = process_file(path, path.parent, batch_id="b1")
    rows = {"documents": [outcome.document], "extraction_errors": outcome.errors, **outcome.rows}
    rows["ingest_log"] = [{"run_id": "r1", "source_file": outcome.source_file, "sha256": outcome.sha256,
                           "document_id": outcome.document_id, "status": "loaded", "reason": None,
                           "logged_at": outcome.document["extracted_at"]}]
    return rows


def _comparable(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted((k, repr(v)) for k, v in row.items())) for row in rows)


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(prepare().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def guyuan() -> dict[str, list[dict]]:
    return _rows(GUYUAN)


@pytest.fixture(scope="module")
def expected(manifest, guyuan):
    return CompiledChecks(manifest).run(guyuan)


def test_the_runner_builds_what_the_published_quality_marts_need_and_nothing_else(manifest, expected):
    checks = CompiledChecks(manifest)
    kinds = {step.kind for step in checks.steps}
    assert kinds == {"source", "seed", "table"}
    names = [step.relation.identifier for step in checks.steps]
    assert names[-1] in ("dq_check_result", "dq_check_coverage", "dim_dq_rule")
    assert "dim_source_page" not in names  # a mart no check reads is not built
    for position, step in enumerate(checks.steps):  # every step after the relations it reads
        node = manifest["nodes"].get(step.unique_id, {})
        parents = node.get("depends_on", {}).get("nodes", [])
        earlier = {s.unique_id for s in checks.steps[:position]}
        assert set(parents) <= earlier, step.unique_id
    # 004: class 301 of table 06 (line 285, 1292095.92) against its items (1289095.92)
    [row] = [r for r in expected.results if (r["check_id"], r["row_key"]) == ("t06_class_eq_sum_items", "301")]
    assert (row["status"], row["reported"], row["computed"], row["source_line"]) == (
        "fail", Decimal("1292095.92"), Decimal("1289095.92"), 285)


def test_incremental_and_ephemeral_models_give_the_same_findings(tmp_path, guyuan, expected):
    """Staging and intermediate made ephemeral (CTEs dbt inlines, staged sources included) and the
    quality checks incremental (compiled with --full-refresh: their full select)."""
    project = tmp_path / "dbt"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
    config = (project / "dbt_project.yml").read_text(encoding="utf-8")
    for layer, was, now in (("staging", "view", "ephemeral"), ("intermediate", "view", "ephemeral"),
                            ("quality", "view", "incremental")):
        config, changed = re.subn(rf"(\n    {layer}:\n      \+schema: {layer}\n      \+materialized:) {was}",
                                  rf"\1 {now}", config)
        assert changed == 1, layer
    # the check families are incremental in the project itself (document by document, like the marts)
    assert "\n      checks:\n        +materialized: incremental" in config
    (project / "dbt_project.yml").write_text(config, encoding="utf-8")
    out = tmp_path / "check"
    manifest = json.loads(compile_manifest(project, out).read_text(encoding="utf-8"))
    materialized = {n["name"]: n["config"]["materialized"] for n in manifest["nodes"].values()
                    if n["resource_type"] == "model"}
    assert (materialized["stg_staged__expenditure"], materialized["int_current_document"],
            materialized["check_table_rollups"]) == ("ephemeral", "ephemeral", "incremental")
    checks = CompiledChecks(manifest, project)
    built = {s.relation.identifier: s.kind for s in checks.steps}
    assert "int_current_document" not in built and "stg_staged__expenditure" not in built
    assert built["check_table_rollups"] == "table" and built["expenditure"] == "source"
    got = checks.run(guyuan)
    assert _comparable(got.results) == _comparable(expected.results)
    assert _comparable(got.coverage) == _comparable(expected.coverage)
    # prepared once; a change to any model makes it stale
    assert is_prepared(project, out)
    (project / "models" / "marts" / "dim_subject.sql").write_text("-- changed\nselect 1 as x\n", encoding="utf-8")
    assert not is_prepared(project, out)


def test_every_column_kind_has_one_type_in_parquet_and_in_the_check():
    """A kind added to the staged schema needs its Parquet type and its DuckDB type: the same figure
    must read the same in a run and in a check."""
    from bdw.extract.schema import DATASETS
    from bdw.stage.columns import SQL_TYPES
    from bdw.stage.parquet import _ARROW

    kinds = {kind for columns in DATASETS.values() for kind in columns.values()}
    assert kinds <= set(SQL_TYPES) == set(_ARROW)


def _model(manifest: dict, name: str) -> dict:
    return next(n for n in manifest["nodes"].values() if n["name"] == name and n["resource_type"] == "model")


def test_a_source_outside_the_staged_folder_stops_the_check(manifest):
    doctored = copy.deepcopy(manifest)
    source = next(s for s in doctored["sources"].values() if s["name"] == "expenditure")
    source["relation_name"] = "read_parquet('/somewhere/else/expenditure/*.parquet')"
    with pytest.raises(ChecksUnusable, match=r"source staged\.expenditure .* does not read the staged folder"):
        CompiledChecks(doctored)


def test_a_staged_reference_the_runner_cannot_map_stops_the_check(manifest):
    doctored = copy.deepcopy(manifest)
    model = _model(doctored, "fct_expenditure")
    model["compiled_code"] += f"\nunion all select * from read_parquet('{STAGED_SENTINEL}/expenditure/x.parquet')"
    with pytest.raises(ChecksUnusable, match="model fct_expenditure reads the staged folder through a relation"):
        CompiledChecks(doctored)


def test_a_model_that_fails_names_itself(manifest, guyuan):
    doctored = copy.deepcopy(manifest)
    _model(doctored, "fct_income")["compiled_code"] = "select no_such_column from (select 1 as x)"
    with pytest.raises(ChecksUnusable, match=r"model\.bdw\.fct_income failed in the check database: .*no_such_column"):
        CompiledChecks(doctored).run(guyuan)


def test_a_missing_output_stops_the_check(manifest):
    with pytest.raises(ChecksUnusable, match="no model dq_no_such_mart"):
        CompiledChecks(manifest, outputs=("dq_no_such_mart",))


def test_rows_for_an_unknown_dataset_are_refused(manifest):
    with pytest.raises(ChecksUnusable, match="not_a_dataset"):
        CompiledChecks(manifest).run({"not_a_dataset": [{"x": 1}]})
