"""The raw folder, on a local disk or an fsspec filesystem: its files in the run's order, and their fingerprint.

A local folder is listed by :func:`bdw.extract.pipeline.list_raw_files` (links, loops and folders
that cannot be listed are entries to account for); a folder on another filesystem (``s3://…``) is
listed by its fsspec implementation, which has files only.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from ..extract.pipeline import list_raw_files
from ..settings import Location


def raw_files(raw_dir: Location) -> list[Location]:
    """Every entry under ``raw_dir`` to account for, sorted by its name under the folder."""
    if isinstance(raw_dir, Path):
        return list_raw_files(raw_dir)
    root = raw_dir.path.rstrip("/")
    names = sorted(path[len(root) + 1:] for path in raw_dir.fs.find(root))
    return [raw_dir.joinpath(*name.split("/")) for name in names]


def relative_name(path: Location, raw_dir: Location) -> str:
    return path.relative_to(raw_dir).as_posix()


def ordered_names(raw_dir: Location, known_names: Iterable[str] = ()) -> list[str]:
    """Names of the files to read, already-loaded names first: a copy that appears later is the duplicate."""
    known = set(known_names)
    names = [relative_name(path, raw_dir) for path in raw_files(raw_dir)]
    return sorted(names, key=lambda name: name not in known)


def raw_fingerprint(raw_dir: Location) -> str:
    """A hash of (name, size, modification time) of every file under ``raw_dir``: changes when any file does."""
    digest = hashlib.sha256()
    if not raw_dir.is_dir():
        return digest.hexdigest()
    if isinstance(raw_dir, Path):
        for directory, subdirs, names in os.walk(raw_dir):
            subdirs.sort()
            for name in sorted(names):
                path = os.path.join(directory, name)
                try:
                    st = os.lstat(path)
                except OSError:
                    continue
                digest.update(f"{os.path.relpath(path, raw_dir)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        return digest.hexdigest()
    root = raw_dir.path.rstrip("/")
    for path, info in sorted(raw_dir.fs.find(root, detail=True).items()):
        changed = info.get("mtime") or info.get("LastModified") or info.get("updated") or info.get("created")
        digest.update(f"{path[len(root) + 1:]}\0{info.get('size')}\0{changed}\n".encode())
    return digest.hexdigest()
