"""The identity suites are generated from the rule catalogue and stay in step with it."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bdw.quality.catalogue import CatalogueError, families, read_rules
from bdw.quality.suites import is_identity_suite, out_of_step, write_suites
from bdw.settings import GX_ROOT


def _suite(root: Path, family: str) -> dict:
    return json.loads((root / "expectations" / f"dq_{family}.json").read_text(encoding="utf-8"))


def test_committed_suites_are_in_step_with_the_catalogue():
    rules = read_rules()
    assert out_of_step() == [], "run `python -m bdw.quality.suites` to regenerate expectations/ from the catalogue"
    for family in families(rules):
        expectations = _suite(GX_ROOT, family)["expectations"]
        catalogued = [r.check_id for r in rules if r.check_family == family]
        assert [e["kwargs"]["check_id"] for e in expectations] == catalogued  # one expectation per rule, in order
        assert {e["type"] for e in expectations} == {"expect_identity_to_hold"}
    total = sum(len(_suite(GX_ROOT, f)["expectations"]) for f in families(rules))
    assert total == len(rules) > 90


def test_each_expectation_names_its_rule_and_queries_its_failures():
    rules = {r.check_id: r for r in read_rules()}
    [expectation] = [e for e in _suite(GX_ROOT, "table")["expectations"]
                     if e["kwargs"]["check_id"] == "t06_class_eq_sum_items"]
    kwargs = expectation["kwargs"]
    assert (kwargs["rule_zh"], kwargs["rule_en"], kwargs["table_code"]) == (
        rules["t06_class_eq_sum_items"].rule_zh, rules["t06_class_eq_sum_items"].rule_en, "06")
    assert "r.check_id = 't06_class_eq_sum_items' and r.status = 'fail'" in kwargs["unexpected_rows_query"]
    assert "{batch}" in kwargs["unexpected_rows_query"]


def test_a_new_rule_and_a_new_family_need_no_hand_editing(tmp_path):
    root = tmp_path / "expectations"
    shutil.copytree(GX_ROOT, root, ignore=shutil.ignore_patterns("uncommitted", "plugins"))
    rules = read_rules()
    added = [replace(rules[0], check_id="t01_new_rule", rule_zh="新规则", rule_en="A new rule."),
             replace(rules[0], check_id="x_new_family_rule", check_family="newfamily", table_code=None,
                     rule_zh="新家族的规则", rule_en="A rule of a family the catalogue did not have.")]
    assert sorted(out_of_step(root, rules + added)) == ["checkpoints/dq_newfamily.json",
                                                        "expectations/dq_newfamily.json", "expectations/dq_table.json",
                                                        "validation_definitions/dq_newfamily.json"]
    write_suites(root, rules + added)
    assert out_of_step(root, rules + added) == []
    assert [e["kwargs"]["check_id"] for e in _suite(root, "newfamily")["expectations"]] == ["x_new_family_rule"]
    assert _suite(root, "table")["expectations"][-1]["kwargs"]["check_id"] == "t01_new_rule"
    checkpoint = json.loads((root / "checkpoints" / "dq_newfamily.json").read_text())
    definition = json.loads((root / "validation_definitions" / "dq_newfamily.json").read_text())
    assert checkpoint["validation_definitions"][0]["id"] == definition["id"]
    assert definition["suite"]["id"] == _suite(root, "newfamily")["id"]
    # the family leaves the catalogue: its files go, the hand-written suites stay
    assert sorted(write_suites(root, rules)) == ["checkpoints/dq_newfamily.json", "expectations/dq_newfamily.json",
                                                 "expectations/dq_table.json",
                                                 "validation_definitions/dq_newfamily.json"]
    assert not (root / "expectations" / "dq_newfamily.json").exists()
    assert (root / "expectations" / "dim_document.json").exists() and not is_identity_suite("dim_document", root)


def test_a_hand_edited_suite_is_out_of_step(tmp_path):
    root = tmp_path / "expectations"
    shutil.copytree(GX_ROOT, root, ignore=shutil.ignore_patterns("uncommitted", "plugins"))
    suite = _suite(root, "narrative")
    suite["expectations"].pop()
    (root / "expectations" / "dq_narrative.json").write_text(json.dumps(suite), encoding="utf-8")
    assert out_of_step(root) == ["expectations/dq_narrative.json"]


@pytest.mark.parametrize("line, message", [
    ("t01 bad,table,01,eq,x,y", "check_id 't01 bad' is not a lowercase name"),
    ("t01_total_eq_sum_classes,table,01,eq,x,y", "check_id t01_total_eq_sum_classes is listed twice"),
    ("t09_x,Table,09,eq,x,y", "check_family 'Table' is not a lowercase name"),
])
def test_a_catalogue_the_suites_cannot_name_is_refused_with_its_line(tmp_path, line, message):
    catalogue = tmp_path / "dq_rule.csv"
    text = (GX_ROOT.parent / "dbt" / "seeds" / "dq_rule.csv").read_text(encoding="utf-8")
    catalogue.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=message) as error:
        read_rules(catalogue)
    assert f"{catalogue}:{len(text.splitlines()) + 1}:" in str(error.value)
