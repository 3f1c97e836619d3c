"""A real uvicorn server in a thread for the tests that talk HTTP to headquarters."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Generator
from typing import Any

# note: headquarters' keys are locked with a passphrase; every test HQ (in-process, `fieldkit hq …`
# commands and served processes, which inherit the environment) uses this one unless a test says otherwise
HQ_PASSPHRASE = "hq test passphrase 7f3a"
os.environ.setdefault("FIELDKIT_HQ_PASSPHRASE", HQ_PASSPHRASE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(
    app: Any, *, ssl_certfile: str | None = None, ssl_keyfile: str | None = None
) -> Generator[str, None, None]:
    """Yield the server's base URL while it runs; it stops when the generator is closed."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
        # note: a connection a test leaves open (a proxy tunnel, a keep-alive of a laptop thread) must
        # not stop the app's shutdown, which closes its database (a PostgreSQL pool left open keeps
        # reconnecting after the test database is dropped)
        timeout_graceful_shutdown=3,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"{'https' if ssl_certfile else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
