"""Code style is checked like any other behaviour: ruff on Python, sqlfluff on the dbt models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_ruff_is_clean():
    result = subprocess.run([str(BIN / "ruff"), "check", "dagster_project", "tests", "bench"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sqlfluff_is_clean():
    result = subprocess.run([str(BIN / "sqlfluff"), "lint", "dbt/models"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
