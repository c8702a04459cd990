"""``bdw docs``: the dbt docs site (tables, columns, lineage), built and optionally served on localhost."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

from ..errors import UsageError


def serve(directory: Path, port: int) -> None:
    """Serve ``directory`` on http://127.0.0.1:PORT/ until Ctrl-C."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise UsageError(f"cannot serve on 127.0.0.1:{port} ({error.strerror}): pick another --port") from None
    with server:
        print(f"serving {directory} at http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
