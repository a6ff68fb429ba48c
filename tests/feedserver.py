"""A real HTTP server on 127.0.0.1, in a thread, serving copies of IRCC's rounds feed.

The tests of ``crs data update`` fetch from it exactly as from IRCC's site: with
:mod:`urllib.request`, over a socket.  Feeds are built from the sample feed
``tests/data/ee_rounds_sample.json`` (16 real rounds, #447 the newest).
"""

from __future__ import annotations

import calendar
import copy
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

SAMPLE = Path(__file__).parent / "data" / "ee_rounds_sample.json"


def sample() -> dict[str, Any]:
    """The sample feed as a JSON object (a fresh copy each call)."""
    document: dict[str, Any] = json.loads(SAMPLE.read_text("utf-8"))
    return document


def with_new_round(
    number: str = "448", day: str = "2026-11-20", cutoff: str = "171"
) -> dict[str, Any]:
    """The sample feed with a physicians round not in the bundle, newest first."""
    document = sample()
    model = next(r for r in document["rounds"] if r["drawNumber"] == "397")
    new = copy.deepcopy(model)
    year, month, dom = day.split("-")
    months = list(calendar.month_name)[1:]
    new.update(
        drawNumber=number,
        drawDate=day,
        drawDateFull=f"{months[int(month) - 1]} {int(dom)}, {year}",
        drawCRS=cutoff,
        drawSize="402",
        drawDateTime=f"{months[int(month) - 1]} {int(dom)}, {year} at 14:02:11 UTC",
        drawCutOff=f"{months[int(month) - 2]} 03, {year} at 03:25:14 UTC",
        drawDistributionAsOn=f"{months[int(month) - 1]} {int(dom) - 3}, {year}",
    )
    document["rounds"].insert(0, new)
    return document


def encode(document: object) -> bytes:
    """A feed document as the bytes a server sends."""
    return json.dumps(document).encode("utf-8")


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, bytes]]] = {}

    def do_GET(self) -> None:
        status, body = self.routes.get(self.path, (404, b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


@contextmanager
def serve(routes: dict[str, bytes | tuple[int, bytes]]) -> Iterator[str]:
    """Serve ``routes`` (path -> body, or (status, body)) on 127.0.0.1; yield the base URL."""
    table = {
        path: body if isinstance(body, tuple) else (200, body) for path, body in routes.items()
    }
    handler = type("Handler", (_Handler,), {"routes": table})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
