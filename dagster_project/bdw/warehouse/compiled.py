"""The quality models as dbt compiled them, run on a few documents in an in-memory DuckDB.

``bdw check`` gives the findings a ``bdw run`` records without starting dbt, Dagster or Great
Expectations, and without a second definition of any rule: the identities stay defined once,
in the dbt models.

- :func:`prepare` compiles the project (``dbt compile --full-refresh`` in a subprocess, so dbt
  is never imported here) into ``dbt/target/check/``, with the staged sources rendered on a
  sentinel folder. It runs once, and again only when a file of the dbt project changes (the
  same fingerprint :mod:`.dbt` uses); ``bdw prepare`` runs it ahead of time.
- :class:`CompiledChecks` reads that manifest and keeps what the published quality marts
  (``OUTPUTS``) depend on, whatever models the project has: models, the seeds they read and the
  staged sources, in dependency order. Every model is built from nothing, as ``dbt build
  --full-refresh`` builds it, and as a table: an incremental model compiled with
  ``--full-refresh`` is its full select, a view is the same select, an ephemeral model is
  already inlined by dbt, and hooks are not run (the project's prune the rows an incremental
  build replaces, of which a build from nothing has none). The tests that compare the check with
  a run hold whatever hook or materialization a model adopts.
- :meth:`CompiledChecks.run` runs them in a fresh in-memory DuckDB: every database the manifest
  names is attached in memory, the staged sources become tables of the given rows (the values
  and types of :mod:`bdw.stage.columns`, as a run stores them), the seeds are loaded from their
  CSV files, and every reference to a source's ``read_parquet(…)`` is replaced by its table. A
  reference left unmapped, a source that does not read the staged folder, or a model that fails
  stops the check with :class:`~bdw.errors.ChecksUnusable` naming it.

The rows reach DuckDB as data, never as SQL text: as JSON files in a private temporary folder
(removed after the check; never the staged folder or the warehouse) that DuckDB reads into
typed tables. Binding them as parameters or as Arrow tables would import pandas (DuckDB's and
pyarrow's type probes), which costs more than the rest of a check's SQL.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb

from ..errors import ChecksUnusable
from ..extract.schema import DATASETS
from ..settings import DBT_PROJECT_DIR
from ..stage.columns import SQL_TYPES, stored_columns
from .project import DBT_EXECUTABLE, project_fingerprint

log = logging.getLogger("bdw")

CHECK_DIR = DBT_PROJECT_DIR / "target" / "check"
# The staged folder the manifest is compiled with: never a real folder, only a marker to replace.
STAGED_SENTINEL = "/__bdw_check_staged__"
# The published quality marts the check reads back (the contract's names); everything they
# depend on runs, nothing else.
OUTPUTS = ("dq_check_result", "dq_check_coverage", "dim_dq_rule")
# Bumped when the way the manifest is compiled changes, so older compiled manifests are redone.
COMPILE_FORMAT = "1"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Relation:
    database: str
    schema: str
    identifier: str

    @property
    def sql(self) -> str:
        return ".".join(map(_quote, (self.database, self.schema, self.identifier)))


@dataclass(frozen=True)
class Step:
    """One relation to create: a staged ``source`` (from rows), a ``seed`` (from its CSV) or a model's
    ``table`` (from the compiled SQL, whatever the model's materialization)."""

    unique_id: str
    kind: str
    relation: Relation
    sql: str = ""  # tables: the compiled select, sources already mapped
    dataset: str = ""  # sources: the staged dataset of bdw.extract.schema
    csv: Path | None = None  # seeds: the file
    column_types: tuple[tuple[str, str], ...] = ()  # seeds: the types the project gives


@dataclass(frozen=True)
class CheckTables:
    """The published quality marts of one check: rows as dicts, decimals as ``Decimal``."""

    results: list[dict]  # marts.dq_check_result
    coverage: list[dict]  # marts.dq_check_coverage
    rules: list[dict]  # marts.dim_dq_rule


# --- preparing the manifest ------------------------------------------------------------------------

def _fingerprint(project_dir: Path) -> str:
    return f"{COMPILE_FORMAT}:{STAGED_SENTINEL}:{project_fingerprint(project_dir)}"


def compile_manifest(project_dir: Path, out_dir: Path) -> Path:
    """``dbt compile`` of ``project_dir`` for the check, in a subprocess; the manifest lands in ``out_dir``.

    Compiled with ``--full-refresh`` against an empty throwaway database, so an incremental model
    compiles to its full select. Written through a temporary file and a rename: a check running
    at the same time reads the old manifest or the new one, never half of one.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = _fingerprint(project_dir)
    with tempfile.TemporaryDirectory(prefix="bdw-compile-") as tmp:
        variables = {"staged_dir": STAGED_SENTINEL, "database": str(Path(tmp) / "warehouse.duckdb")}
        command = [str(DBT_EXECUTABLE), "compile", "--full-refresh", "--quiet", "--no-partial-parse",
                   "--project-dir", str(project_dir), "--profiles-dir", str(project_dir),
                   "--target-path", str(Path(tmp) / "target"), "--log-path", str(Path(tmp) / "logs"),
                   "--vars", json.dumps(variables, sort_keys=True)]
        done = subprocess.run(command, cwd=project_dir, capture_output=True, text=True)
        manifest = Path(tmp) / "target" / "manifest.json"
        if done.returncode != 0 or not manifest.exists():
            said = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
            raise ChecksUnusable(f"dbt compile of {project_dir} failed (exit {done.returncode}): "
                                 + " ".join(said[-6:] or ["no output"]))
        staged = out_dir / f".manifest.{os.getpid()}.tmp"
        staged.write_bytes(manifest.read_bytes())
        os.replace(staged, out_dir / "manifest.json")
    stamp = out_dir / f".fingerprint.{os.getpid()}.tmp"
    stamp.write_text(fingerprint)
    os.replace(stamp, out_dir / "fingerprint")
    return out_dir / "manifest.json"


def is_prepared(project_dir: Path = DBT_PROJECT_DIR, out_dir: Path = CHECK_DIR) -> bool:
    stamp = out_dir / "fingerprint"
    return ((out_dir / "manifest.json").exists() and stamp.exists()
            and stamp.read_text() == _fingerprint(project_dir))


def prepare(project_dir: Path = DBT_PROJECT_DIR, out_dir: Path = CHECK_DIR) -> Path:
    """The check's manifest, compiled now if missing or made from other files than the project's."""
    if not is_prepared(project_dir, out_dir):
        log.info("compiling the quality models for bdw check (dbt compile: once, and after a change to dbt/)")
        compile_manifest(project_dir, out_dir)
    return out_dir / "manifest.json"


# --- reading the manifest --------------------------------------------------------------------------

def _relation(node: Mapping) -> Relation:
    return Relation(node["database"], node["schema"], node.get("alias") or node.get("identifier") or node["name"])


def _needed(manifest: Mapping, outputs: Iterable[str]) -> list[str]:
    """Unique ids of the outputs and everything they depend on, each after its dependencies."""
    nodes, sources = manifest["nodes"], manifest["sources"]
    by_name = {node["name"]: uid for uid, node in nodes.items() if node["resource_type"] in ("model", "seed")}
    missing = [name for name in outputs if name not in by_name]
    if missing:
        raise ChecksUnusable(f"the dbt project has no model {', '.join(missing)}: the check reads them back")
    ordered: list[str] = []
    state: dict[str, str] = {}

    def visit(uid: str, path: tuple[str, ...]) -> None:
        if state.get(uid) == "done":
            return
        if state.get(uid) == "visiting":
            raise ChecksUnusable(f"dependency cycle in the manifest: {' → '.join((*path, uid))}")
        state[uid] = "visiting"
        if uid not in sources:
            if uid not in nodes:
                raise ChecksUnusable(f"{path[-1]} depends on {uid}, which the manifest does not hold")
            for parent in nodes[uid].get("depends_on", {}).get("nodes", []):
                visit(parent, (*path, uid))
        state[uid] = "done"
        ordered.append(uid)

    for name in outputs:
        visit(by_name[name], ())
    return ordered


def _source_step(uid: str, source: Mapping) -> Step:
    rendered = source.get("relation_name") or ""
    if STAGED_SENTINEL not in rendered:
        raise ChecksUnusable(f"source {source['source_name']}.{source['name']} ({rendered or 'no relation'}) does "
                             "not read the staged folder: the check has no rows to give it")
    if source["name"] not in DATASETS:
        raise ChecksUnusable(f"source {source['source_name']}.{source['name']} has no staged dataset in "
                             "bdw.extract.schema.DATASETS: the check has no rows to give it")
    return Step(uid, "source", _relation(source), dataset=source["name"])


def _model_step(uid: str, node: Mapping, sources: Mapping[str, Relation]) -> Step | None:
    config = node.get("config", {})
    if config.get("materialized") == "ephemeral":
        return None  # dbt inlined it as a CTE into the models that select from it
    sql = node.get("compiled_code")
    if not node.get("compiled") or sql is None:
        raise ChecksUnusable(f"model {node['name']} is not compiled in the check's manifest: run `bdw prepare`")
    for rendered, relation in sources.items():
        sql = sql.replace(rendered, relation.sql)
    if STAGED_SENTINEL in sql:
        raise ChecksUnusable(f"model {node['name']} reads the staged folder through a relation the check "
                             "did not map to its rows (a source rendered differently from its relation_name)")
    # every model a table: a few documents' rows are small, and DuckDB plans many small queries in
    # about half the time it takes to plan the one query that views inlined into dq_checks would make
    return Step(uid, "table", _relation(node), sql=sql)


def _seed_step(uid: str, node: Mapping, project_dir: Path) -> Step:
    csv = project_dir / node["original_file_path"]
    if not csv.exists():
        raise ChecksUnusable(f"seed {node['name']}: {csv} does not exist")
    types = node.get("config", {}).get("column_types") or {}
    return Step(uid, "seed", _relation(node), csv=csv, column_types=tuple(sorted(types.items())))


class CompiledChecks:
    """The steps that build the published quality marts from staged rows, read from a compiled manifest."""

    def __init__(self, manifest: Mapping, project_dir: Path = DBT_PROJECT_DIR, outputs: Sequence[str] = OUTPUTS):
        sources = {uid: _source_step(uid, manifest["sources"][uid])
                   for uid in _needed(manifest, outputs) if uid in manifest["sources"]}
        rendered = {manifest["sources"][uid]["relation_name"]: step.relation for uid, step in sources.items()}
        # every source of the project is mapped (an ephemeral model may inline one the model does not name)
        for uid, source in manifest["sources"].items():
            if uid not in sources and STAGED_SENTINEL in (source.get("relation_name") or ""):
                rendered[source["relation_name"]] = _relation(source)
        self.steps: list[Step] = []
        for uid in _needed(manifest, outputs):
            if uid in sources:
                self.steps.append(sources[uid])
                continue
            node = manifest["nodes"][uid]
            if node["resource_type"] == "seed":
                self.steps.append(_seed_step(uid, node, project_dir))
            elif node["resource_type"] == "model":
                step = _model_step(uid, node, rendered)
                if step:
                    self.steps.append(step)
            else:
                raise ChecksUnusable(f"{uid}: a {node['resource_type']} is not something the check can build")
        by_name = {manifest["nodes"][s.unique_id]["name"]: s.relation
                   for s in self.steps if s.unique_id in manifest["nodes"]}
        self.outputs = {name: by_name[name] for name in outputs}

    @classmethod
    def load(cls, project_dir: Path = DBT_PROJECT_DIR, out_dir: Path = CHECK_DIR) -> CompiledChecks:
        """The checks of the project, compiling its manifest first when it is missing or stale."""
        manifest = prepare(project_dir, out_dir)
        return cls(json.loads(manifest.read_text(encoding="utf-8")), project_dir)

    @property
    def datasets(self) -> list[str]:
        """The staged datasets the checks read."""
        return [step.dataset for step in self.steps if step.kind == "source"]

    def run(self, rows: Mapping[str, Sequence[Mapping]]) -> CheckTables:
        """Build the quality marts from ``rows`` (dataset → staged rows, as a run would stage them).

        A dataset missing from ``rows`` is empty. Nothing outside a private temporary folder is written.
        """
        unknown = sorted(set(rows) - set(DATASETS))
        if unknown:
            raise ChecksUnusable(f"rows given for datasets the extraction does not stage: {unknown}")
        with tempfile.TemporaryDirectory(prefix="bdw-check-") as tmp, duckdb.connect(":memory:") as con:
            con.execute("set TimeZone = 'UTC'")
            for database in sorted({step.relation.database for step in self.steps}):
                con.execute(f"attach ':memory:' as {_quote(database)}")
            for database, schema in sorted({(s.relation.database, s.relation.schema) for s in self.steps}):
                con.execute(f"create schema if not exists {_quote(database)}.{_quote(schema)}")
            for step in self.steps:
                try:
                    if step.kind == "source":
                        _load_rows(con, step, rows.get(step.dataset, []), Path(tmp))
                    elif step.kind == "seed":
                        _load_seed(con, step)
                    else:
                        con.execute(f"create {step.kind} {step.relation.sql} as (\n{step.sql}\n)")
                except duckdb.Error as error:
                    raise ChecksUnusable(f"{step.unique_id} failed in the check database: "
                                         f"{' '.join(str(error).split())[:500]}") from None
            return CheckTables(*(_read(con, self.outputs[name]) for name in OUTPUTS))


def _json_value(value):
    if isinstance(value, Decimal):
        return format(value, "f")  # exact: DuckDB casts the text to the column's DECIMAL
    if isinstance(value, date):  # a date or a timestamp (with its time zone)
        return value.isoformat()
    return value


def _load_rows(con: duckdb.DuckDBPyConnection, step: Step, rows: Sequence[Mapping], tmp: Path) -> None:
    """The staged dataset's table, typed as a run's Parquet reads, holding ``rows``."""
    kinds = DATASETS[step.dataset]
    columns = ", ".join(f"{_quote(c)} {SQL_TYPES[kind]}" for c, kind in kinds.items())
    con.execute(f"create table {step.relation.sql} ({columns})")
    if not rows:
        return
    stored = stored_columns(step.dataset, rows)
    records = [{c: _json_value(stored[c][i]) for c in kinds} for i in range(len(rows))]
    path = tmp / f"{step.dataset}.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    # read as text, cast by the insert: a figure goes from its decimal text to DECIMAL, never through a float
    as_text = "{" + ", ".join(f"{_literal(c)}: 'VARCHAR'" for c in kinds) + "}"
    con.execute(f"insert into {step.relation.sql} select * from "
                f"read_json({_literal(str(path))}, format = 'array', columns = {as_text})")


def _load_seed(con: duckdb.DuckDBPyConnection, step: Step) -> None:
    types = "{" + ", ".join(f"{_literal(c)}: {_literal(t)}" for c, t in step.column_types) + "}"
    options = f", types = {types}" if step.column_types else ""
    con.execute(f"create table {step.relation.sql} as select * from "
                f"read_csv({_literal(str(step.csv))}, header = true{options})")


def _read(con: duckdb.DuckDBPyConnection, relation: Relation) -> list[dict]:
    cursor = con.execute(f"select * from {relation.sql}")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
