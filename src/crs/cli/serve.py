"""``crs serve``: the HTTP service and the front-desk form (:mod:`crs.server`)."""

from __future__ import annotations

import argparse
import socket
from typing import Any

from crs.cli._common import EXIT_OK, UsageError, note

__all__ = ["add_parser", "run"]

DEFAULT_HOST = "127.0.0.1"
"""Only this machine can reach the service unless ``--host`` says otherwise."""


def add_parser(commands: Any) -> None:
    """Register ``crs serve`` with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "serve",
        help="serve the commands over HTTP (JSON and OpenAPI) and a form for the front desk",
        description=(
            "Start the HTTP service: POST /score, /eligible, /rounds, /couple, /report and "
            "/what-if take the JSON the commands take and answer the JSON they write; "
            "GET /openapi.json describes it, GET /health says it is up, and GET / is a "
            "form for the front desk. Needs the extra: pip install 'crs-calculator[serve]'."
        ),
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"the address to bind (default: {DEFAULT_HOST})"
    )
    parser.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    parser.add_argument(
        "--max-body",
        type=int,
        default=None,
        metavar="BYTES",
        help="the largest request body accepted (default: 8 MiB); larger gets 413",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    try:
        import uvicorn

        from crs.server import MAX_BODY, create_app
    except ImportError as exc:
        raise UsageError(
            f"crs serve needs the 'serve' extra ({exc.name} is not installed): "
            "pip install 'crs-calculator[serve]'"
        ) from None
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port (0 to 65535)")
    if args.max_body is not None and args.max_body < 1:
        raise UsageError(f"--max-body {args.max_body} is not a size in bytes (1 or more)")
    app = create_app(max_body=MAX_BODY if args.max_body is None else args.max_body)
    listening = _listen(args.host, args.port)
    host, port = listening.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    note(f"crs serve: http://{shown}:{port}/ (Ctrl-C to stop)")
    config = uvicorn.Config(app, server_header=False, log_level="warning")
    uvicorn.Server(config).run(sockets=[listening])
    return EXIT_OK


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host`` and ``port``, or a usage error saying why not.

    Bound here, before the service starts, so that a port in use or a host that
    does not resolve is one error line (exit status 2), and ``--port 0`` names
    the port the system chose.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        listening = socket.socket(family, kind, proto)
    except OSError as exc:
        raise UsageError(f"--host {host}: {exc.strerror or exc}") from None
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
    except OSError as exc:
        listening.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return listening
