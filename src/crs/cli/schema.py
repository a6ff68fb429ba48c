"""``crs schema NAME``: the JSON Schema of a document crs reads or writes."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crs.cli._common import EXIT_OK, UsageError
from crs.schemas import NAMES, schema_text

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Register ``crs schema`` with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "schema",
        help="print the JSON Schema of a profile, a couple or a result",
        description=(
            "Print the JSON Schema (draft 2020-12) of a document crs reads or writes, "
            "generated from the same declarations that check profiles. Without NAME, "
            "list the names."
        ),
    )
    parser.add_argument("name", metavar="NAME", nargs="?", help="one of: " + ", ".join(NAMES))
    parser.add_argument(
        "--batch",
        action="store_true",
        help="the schema of a batch: a JSON array of the document or an error, per item",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema ``args.name``, or the list of names."""
    if args.name is None:
        sys.stdout.write("".join(f"{name}\n" for name in NAMES))
        return EXIT_OK
    if args.name not in NAMES:
        raise UsageError(f"no schema {args.name!r} (known: {', '.join(NAMES)})")
    sys.stdout.write(schema_text(args.name, batch=args.batch))
    return EXIT_OK
