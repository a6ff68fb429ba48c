"""``crs data update`` and ``crs data status``: refresh the rounds data, and say which is in use.

``crs data update`` downloads IRCC's rounds feed (or reads ``--source``, a URL or
a file), checks it with the readers of the bundled data and keeps it in the user
data directory (``CRS_DATA_DIR`` overrides it); it lists the rounds it added.  A
feed that cannot be fetched or read changes nothing, and the exit status is 1.
``crs data status`` says which data is in use (bundled or downloaded), its
newest round and how old it is.  No other command touches the network.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crs.cli._common import EXIT_INVALID, EXIT_OK, add_date_and_format, note, write_json
from crs.datastore import FEED_URL, DataUpdateError, status, update

__all__ = ["add_parser", "run_status", "run_update"]


def add_parser(commands: Any) -> None:
    """Register ``crs data`` and its two subcommands with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "data",
        help="refresh the rounds data from IRCC's feed, or say which data is in use",
        description=(
            "The rounds of invitations and pool distributions ship with crs; "
            "'crs data update' downloads newer ones from IRCC into your data directory "
            "(CRS_DATA_DIR overrides it), and every later command uses the newer data."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    updating = actions.add_parser(
        "update",
        help="download IRCC's rounds feed and keep it",
        description=f"Download IRCC's rounds feed (default: {FEED_URL}), check it, and keep it.",
    )
    updating.add_argument(
        "--source",
        metavar="URL_OR_FILE",
        help="read the feed from this URL or local file instead of IRCC's site",
    )
    updating.add_argument(
        "--timeout", type=float, default=30.0, help="seconds to wait for the server (default: 30)"
    )
    add_date_and_format(
        updating,
        ("text", "json"),
        "accepted, not used: a feed is checked against the day of the update",
    )
    updating.set_defaults(run=run_update)
    showing = actions.add_parser(
        "status",
        help="which rounds data is in use and how old it is",
        description="Say which rounds data is in use (bundled or downloaded) and how old it is.",
    )
    add_date_and_format(showing, ("text", "json"))
    showing.set_defaults(run=run_status)


def run_update(args: argparse.Namespace) -> int:
    """Download the feed, keep it, and list what changed; 1 when it could not be used."""
    try:
        done = update(args.source, timeout=args.timeout)
    except DataUpdateError as exc:
        note(f"crs data update: error: {exc}")
        return EXIT_INVALID
    if args.format == "json":
        write_json(
            {
                "source": done.source,
                "added": list(done.added),
                "changed": [str(c) for c in done.report.rounds.changed],
                "warnings": list(done.report.warnings),
                "status": done.status.to_json(),
            },
            sys.stdout,
        )
    else:
        sys.stdout.write(done.to_text())
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    """Print which data is in use and how old it is."""
    current = status()
    if args.format == "json":
        write_json({**current.to_json(), "age_days": current.age(args.on)}, sys.stdout)
    else:
        sys.stdout.write(current.to_text(args.on))
    return EXIT_OK
