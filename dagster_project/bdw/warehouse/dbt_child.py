"""``bdw-dbt``: the dbt command, tied to the process that starts it.

dagster-dbt starts dbt with ``subprocess.Popen`` and no way to pass a ``preexec_fn``, so bdw
gives it this executable instead of ``dbt``: it asks Linux to SIGKILL it when its parent dies
(``PR_SET_PDEATHSIG``, kept across the ``dbt`` entry point it then calls in the same process),
so a ``bdw run`` killed with ``kill -9`` leaves no dbt behind, still writing the build file.

``bdw-dbt --version`` answers from the installed package's metadata: dagster-dbt asks it before
every dbt command, and dbt's own answer imports dbt and asks PyPI for the latest release (about
1.4 s, and a network call a run has no business making).
"""

from __future__ import annotations

import os
import sys

from ..extract.workers import die_with_parent

ORPHANED = 1  # the parent died before this process could tie itself to it (it was adopted by init)


def version() -> str:
    """What ``dbt --version`` prints first, from the installed dbt-core (dagster-dbt reads the first x.y.z)."""
    from importlib.metadata import version as installed

    return f"Core:\n  - installed: {installed('dbt-core')}\n"


def main() -> int:
    if sys.argv[1:] == ["--version"]:
        print(version(), end="")
        return 0
    die_with_parent()
    if os.getppid() == ORPHANED:
        print("bdw-dbt: the process that started dbt is gone; not running", file=sys.stderr)
        return 1
    from dbt.cli.main import cli

    return cli()


if __name__ == "__main__":
    sys.exit(main())
