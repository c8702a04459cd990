"""The identity suites, generated from the rule catalogue: one suite per family, one expectation per rule.

For every family ``f`` of ``dbt/seeds/dq_rule.csv`` the GX file context holds three files, all
generated here and never edited by hand:

- ``expectations/dq_<f>.json``: the suite, an :class:`~bdw.quality.identity.ExpectIdentityToHold`
  per rule of the family, in catalogue order;
- ``validation_definitions/dq_<f>.json``: the suite on the ``dq_check_result`` asset of the
  ``warehouse`` datasource (``great_expectations.yml``);
- ``checkpoints/dq_<f>.json``: that validation, then the Data Docs update.

Ids are derived from the names (UUID 5), so the same catalogue always gives the same bytes: the
committed files are compared with what the catalogue gives by a test, :func:`write_suites` puts
them in step before every validation (a rule added to the catalogue is validated by the next
run with no hand editing), and ``python -m bdw.quality.suites`` rewrites them by hand. A family
that left the catalogue loses its files. The structural suites (``dim_document``,
``ingest_log``) are written by hand and left alone.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from ..settings import GX_ROOT
from .catalogue import Rule, families, read_rules

PREFIX = "dq_"
GENERATED_FROM = "dbt/seeds/dq_rule.csv"
GX_VERSION = "1.24.1"
# the dq_check_result asset of great_expectations.yml (its ids are fixed there)
DATASOURCE = {"id": "bfa62739-959b-452a-8114-c18db986acd4", "name": "warehouse"}
ASSET = {"id": "0d80a2c4-aab8-4f9a-9ccc-ac26e3bb7ef8", "name": "dq_check_result"}
BATCH_DEFINITION = {"id": "eee4009c-1e5a-4ee9-9f99-22948e71903e", "name": "whole_table"}
_NAMESPACE = uuid.UUID("5d0f3f8e-0b7c-4c55-9a53-bd3e8ac0f2a1")


def _id(*names: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(names)))


def suite_name(family: str) -> str:
    return f"{PREFIX}{family}"


def is_identity_suite(suite: str, root: Path = GX_ROOT) -> bool:
    """Whether ``suite`` is one of the generated family suites (its JSON says so, or the catalogue has the family)."""
    path = root / "expectations" / f"{suite}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8")).get("meta", {}).get("generated_from") == GENERATED_FROM
    return suite.startswith(PREFIX) and suite[len(PREFIX):] in families(read_rules())


def _suite(family: str, rules: list[Rule]) -> dict:
    from .identity import ExpectIdentityToHold  # imports GX: only when suites are written

    name = suite_name(family)
    expectations = []
    for rule in rules:
        config = ExpectIdentityToHold.for_rule(rule, _id(name, rule.check_id)).configuration.to_json_dict()
        config.pop("rendered_content", None)
        expectations.append(config)
    return {
        "expectations": expectations,
        "id": _id(name),
        "meta": {
            "generated_from": GENERATED_FROM,
            "description": f"The accounting identities of family '{family}': one expectation per rule of the "
                           "catalogue (marts.dim_dq_rule); each fails with the rule's failed evaluations in "
                           "marts.dq_check_result.",
            "great_expectations_version": GX_VERSION,
            "table": "dq_check_result",
        },
        "name": name,
        "notes": None,
    }


def _validation_definition(family: str) -> dict:
    name = suite_name(family)
    return {
        "data": {"asset": ASSET, "batch_definition": BATCH_DEFINITION, "datasource": DATASOURCE},
        "id": _id(name, "validation_definition"),
        "name": name,
        "suite": {"id": _id(name), "name": name},
    }


def _checkpoint(family: str) -> dict:
    name = suite_name(family)
    return {
        "actions": [{"name": "update_data_docs", "site_names": [], "type": "update_data_docs"}],
        "id": _id(name, "checkpoint"),
        "name": name,
        "result_format": "SUMMARY",
        "validation_definitions": [{"id": _id(name, "validation_definition"), "name": name}],
    }


def generated_files(rules: list[Rule]) -> dict[str, str]:
    """Path under the GX root → JSON text, for every family of ``rules``."""
    files: dict[str, str] = {}
    for family in families(rules):
        name = suite_name(family)
        members = [rule for rule in rules if rule.check_family == family]
        for folder, document in (("expectations", _suite(family, members)),
                                 ("validation_definitions", _validation_definition(family)),
                                 ("checkpoints", _checkpoint(family))):
            files[f"{folder}/{name}.json"] = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return files


def _stale_files(root: Path, current: dict[str, str]) -> list[Path]:
    """Generated files of families no longer in the catalogue."""
    stale = []
    for suite in (root / "expectations").glob(f"{PREFIX}*.json"):
        if suite.relative_to(root).as_posix() not in current and is_identity_suite(suite.stem, root):
            stale.extend(root / folder / suite.name for folder in ("expectations", "validation_definitions",
                                                                   "checkpoints"))
    return stale


def out_of_step(root: Path = GX_ROOT, rules: list[Rule] | None = None) -> list[str]:
    """The generated files that differ from what the catalogue gives, are missing, or should be gone."""
    files = generated_files(read_rules() if rules is None else rules)
    differ = [path for path, text in files.items()
              if not (root / path).exists() or (root / path).read_text(encoding="utf-8") != text]
    return differ + [path.relative_to(root).as_posix() for path in _stale_files(root, files) if path.exists()]


def write_suites(root: Path = GX_ROOT, rules: list[Rule] | None = None) -> list[str]:
    """Put the generated files in step with the catalogue; returns the paths written or deleted."""
    files = generated_files(read_rules() if rules is None else rules)
    changed = []
    for path in _stale_files(root, files):
        if path.exists():
            path.unlink()
            changed.append(path.relative_to(root).as_posix())
    for path, text in files.items():
        target = root / path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.{os.getpid()}")  # checks may run in parallel processes:
            partial.write_text(text, encoding="utf-8")  # a reader sees the old file or the new one, never half
            os.replace(partial, target)
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m bdw.quality.suites
    for changed_path in write_suites():
        print(changed_path)
