"""``crs serve``: the HTTP service and the front-desk form (:mod:`crs.server`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crs.cli._common import EXIT_OK, UsageError

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
    app = create_app(max_body=args.max_body or MAX_BODY)
    print(f"crs serve: http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, server_header=False, log_level="warning")
    return EXIT_OK
