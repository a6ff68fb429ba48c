"""The real ``crs serve`` application, run by Uvicorn in a thread on a free port of 127.0.0.1.

Tests talk to it over HTTP with ``urllib``: nothing of the service is mocked.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from crs.server import create_app


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running(**options: Any) -> Iterator[str]:
    """Serve the application until the block ends; yield its base URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(**options), host="127.0.0.1", port=port, log_level="error", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def call(
    url: str, data: object = None, *, raw: bytes | None = None, method: str | None = None
) -> tuple[int, str, bytes]:
    """Send a request; return the status, the content type and the body."""
    body = raw if raw is not None else None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(url, data=body, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers.get("content-type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("content-type", ""), exc.read()


def call_json(url: str, data: object = None, **kwargs: Any) -> tuple[int, Any]:
    """:func:`call`, the body read as JSON."""
    status, _, body = call(url, data, **kwargs)
    return status, json.loads(body)
