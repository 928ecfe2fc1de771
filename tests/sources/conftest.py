"""A local HTTP mirror of a data directory (127.0.0.1, a thread; no external network)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def serve_directory() -> Iterator[Callable[..., str]]:
    """``serve_directory(path, handler=None)`` -> base URL of an HTTP server over ``path``."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(path: Path, handler: type[http.server.BaseHTTPRequestHandler] | None = None) -> str:
        cls = handler or _QuietHandler
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(cls, directory=str(path)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
