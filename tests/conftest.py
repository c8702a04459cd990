"""Shared fixtures: the sample documents and a real pipeline run into a temporary warehouse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
SHARED_SEEDS = REPO.parent / "shared" / "seeds"

SAMPLES = {
    "000_ababedf1869e2353.txt": ("宁德市医疗保障局", 2021, "final_account", "万元"),
    "001_d19904a04800f4dd.txt": ("宁县医疗保障局", 2021, "performance_report", "万元"),
    "002_66a8595c7102542c.txt": ("开发区·铁山区医疗保障局", 2022, "performance_report", "万元"),
    "003_fe244c6e34d881f1.txt": ("浏阳市医疗保障局", 2020, "performance_report", "万元"),
    "004_a15be56197084065.txt": ("固原市医疗保障局", 2020, "final_account", "元"),
}


def sample_bytes(name: str) -> bytes:
    return (RAW / name).read_bytes()


def run_bdw(env_overrides: dict[str, str], *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real ``bdw`` command in a subprocess, as a user would."""
    env = {**os.environ, **env_overrides}
    bdw = Path(sys.executable).parent / "bdw"
    return subprocess.run([str(bdw), *args], env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def pipeline_run(tmp_path_factory):
    """One real ``bdw run`` (Dagster + dbt + GX) on the samples plus a few hostile files.

    Returns the paths and the completed process; the warehouse is outside the repository.
    """
    base = tmp_path_factory.mktemp("e2e")
    raw = base / "raw"
    shutil.copytree(RAW, raw / "samples")
    (raw / "uploads").mkdir()
    shutil.copy(RAW / "004_a15be56197084065.txt", raw / "uploads" / "copy_of_guyuan.txt")  # duplicate
    (raw / "uploads" / "empty.txt").write_bytes(b"")
    (raw / "uploads" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    (raw / "uploads" / "recipe.txt").write_text("红烧肉的做法\n五花肉 500 克\n", encoding="utf-8")
    env = {
        "BDW_RAW_DIR": str(raw),
        "BDW_STAGED_DIR": str(base / "staged"),
        "BDW_WAREHOUSE": str(base / "wh" / "warehouse.duckdb"),
    }
    first = run_bdw(env, "run")
    second = run_bdw(env, "run")
    return {"env": env, "base": base, "first": first, "second": second,
            "warehouse": Path(env["BDW_WAREHOUSE"])}
