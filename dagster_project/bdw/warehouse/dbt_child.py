"""``bdw-dbt``: the dbt command, tied to the process that starts it.

dagster-dbt starts dbt with ``subprocess.Popen`` and no way to pass a ``preexec_fn``, so bdw
gives it this executable instead of ``dbt``: it asks Linux to SIGKILL it when its parent dies
(``PR_SET_PDEATHSIG``, kept across the ``dbt`` entry point it then calls in the same process),
so a ``bdw run`` killed with ``kill -9`` leaves no dbt behind, still writing the build file.
"""

from __future__ import annotations

import os
import sys

from ..extract.workers import die_with_parent

ORPHANED = 1  # the parent died before this process could tie itself to it (it was adopted by init)


def main() -> int:
    die_with_parent()
    if os.getppid() == ORPHANED:
        print("bdw-dbt: the process that started dbt is gone; not running", file=sys.stderr)
        return 1
    from dbt.cli.main import cli

    return cli()


if __name__ == "__main__":
    sys.exit(main())
