"""The rule catalogue the suites are generated from: ``dbt/seeds/dq_rule.csv``, built into ``marts.dim_dq_rule``.

One row per accounting identity (``check_id``): its family (one GX suite per family), the table it
is about, how it compares and what it means in Chinese and in English. Read from the seed rather
than from the warehouse so the Dagster checks (one per family) exist before any warehouse does;
the suites validate ``marts.dq_check_result``, whose ``check_id`` values the dbt build checks
against the same seed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BdwError
from ..settings import DBT_PROJECT_DIR

CATALOGUE = DBT_PROJECT_DIR / "seeds" / "dq_rule.csv"
COLUMNS = ("check_id", "check_family", "table_code", "comparison", "rule_zh", "rule_en")
_NAME = re.compile(r"[a-z][a-z0-9_]*")  # check_id and check_family go into SQL and file names


class CatalogueError(BdwError):
    """The rule catalogue cannot be turned into suites (a missing column, a malformed or repeated name)."""


@dataclass(frozen=True)
class Rule:
    check_id: str
    check_family: str
    table_code: str | None
    comparison: str
    rule_zh: str
    rule_en: str


def read_rules(path: Path = CATALOGUE) -> list[Rule]:
    """Every rule of the catalogue, in file order; a row the suites could not name is an error with its line."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CatalogueError(f"{path}: header lacks {', '.join(missing)} (expected {', '.join(COLUMNS)})")
        rules: list[Rule] = []
        seen: set[str] = set()
        for row in reader:
            line = reader.line_num
            for column in ("check_id", "check_family"):
                if not _NAME.fullmatch(row[column] or ""):
                    raise CatalogueError(f"{path}:{line}: {column} {row[column]!r} is not a lowercase name "
                                         "(letters, digits, underscores)")
            if row["check_id"] in seen:
                raise CatalogueError(f"{path}:{line}: check_id {row['check_id']} is listed twice")
            seen.add(row["check_id"])
            rules.append(Rule(row["check_id"], row["check_family"], row["table_code"] or None, row["comparison"],
                              row["rule_zh"], row["rule_en"]))
    return rules


def families(rules: list[Rule]) -> list[str]:
    """The families of ``rules``, sorted: one suite each."""
    return sorted({rule.check_family for rule in rules})
