"""Shared fixtures: the sample documents and a real pipeline run into a temporary warehouse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
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


BDW = Path(sys.executable).parent / "bdw"  # the installed command, found without an activated venv


def run_bdw(env_overrides: dict[str, str], *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real ``bdw`` command in a subprocess, as a user would."""
    env = {**os.environ, **env_overrides}
    return subprocess.run([str(BDW), *args], env=env, capture_output=True, text=True, timeout=timeout)


def query(warehouse: Path, sql: str, params=()) -> list[tuple]:
    """The rows of one query on ``warehouse``, opened read-only (as an analyst would, never locking a run out)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


HOSTILE_CAP = 1_000_000
# what each hostile file must become: (status, a phrase of its reason)
HOSTILE = {
    "hostile/whitespace.txt": ("rejected", "empty file"),
    "hostile/archive.zip": ("rejected", "binary file"),
    "hostile/random.bin": ("rejected", "binary"),
    "hostile/latin1.txt": ("rejected", "undecodable text"),
    "hostile/huge.txt": ("rejected", "over the size cap"),
    "hostile/absurd.txt": ("rejected", "absurd figure"),
    "hostile/outside_link.txt": ("rejected", "outside the raw folder"),
    "hostile/truncated.txt": ("loaded", None),
    "hostile/broken_chars.txt": ("loaded", None),
}


def _renamed(name: str, department: str, new: str) -> str:
    return (RAW / name).read_text(encoding="utf-8").replace(department, new)


def write_hostile_files(folder: Path, outside: Path) -> None:
    """Files a crawler might leave: each must be rejected with a reason, or loaded as far as it goes."""
    import random
    import zipfile

    folder.mkdir(parents=True)
    (folder / "whitespace.txt").write_text(" \n\t\n\u3000\n", encoding="utf-8")
    with zipfile.ZipFile(folder / "archive.zip", "w") as archive:
        archive.writestr("doc.txt", sample_bytes("000_ababedf1869e2353.txt"))
    (folder / "random.bin").write_bytes(random.Random(1).randbytes(4096))
    (folder / "latin1.txt").write_bytes("Résumé des dépenses: 1.000,00 ÿ année 2021 ".encode("latin-1") * 200)
    (folder / "huge.txt").write_text("部门决算\n" + "一般公共预算\t1.00\n" * 60000, encoding="utf-8")
    absurd = _renamed("004_a15be56197084065.txt", "固原市医疗保障局", "隆德县医疗保障局")
    (folder / "absurd.txt").write_text(absurd.replace("3470158.34", "99999999999999999.99", 1), encoding="utf-8")
    outside.write_bytes(sample_bytes("001_d19904a04800f4dd.txt"))
    (folder / "outside_link.txt").symlink_to(outside)
    cut = _renamed("000_ababedf1869e2353.txt", "宁德市医疗保障局", "蕉城区医疗保障局").split("\n")[:190]
    (folder / "truncated.txt").write_text("\n".join(cut), encoding="utf-8")
    broken = _renamed("004_a15be56197084065.txt", "固原市医疗保障局", "西吉县医疗保障局").encode("utf-8")
    middle = broken.index("部门职责".encode())
    (folder / "broken_chars.txt").write_bytes(broken[:middle] + b"\xff\xfe" + broken[middle + 2:])


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
    write_hostile_files(raw / "hostile", base / "outside.txt")
    env = {
        "BDW_RAW_DIR": str(raw),
        "BDW_STAGED_DIR": str(base / "staged"),
        "BDW_WAREHOUSE": str(base / "wh" / "warehouse.duckdb"),
        "BDW_MAX_FILE_BYTES": str(HOSTILE_CAP),
    }
    first = run_bdw(env, "run")
    # the first run's GX Data Docs page of dq_table, read now: the site is the repository's, later runs add pages
    from bdw.quality.gx import docs_index
    pages = sorted((docs_index().parent / "validations" / "dq_table").rglob("*.html"), key=lambda p: p.stat().st_mtime)
    page = base / "dq_table.html"
    if pages:
        shutil.copy(pages[-1], page)
    second = run_bdw(env, "run")
    return {"env": env, "base": base, "first": first, "second": second,
            "warehouse": Path(env["BDW_WAREHOUSE"]), "dq_table_page": page}
