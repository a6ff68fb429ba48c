"""The ``crs`` command: one subcommand module per question (:data:`COMMANDS`).

Every command takes ``--on YYYY-MM-DD`` (default: today) and ``--format``.
Exit status: 0 success, 1 a profile that is invalid or could not be scored,
2 bad usage (or input that cannot be read, output that cannot be written), 130
interrupted (Ctrl-C).  Errors are one readable line per problem, naming the
field; never a traceback (see ``docs/guarantees.md``).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from crs._version import __version__
from crs.cli._common import EXIT_USAGE, guarded

__all__ = ["main"]

COMMANDS: tuple[str, ...] = ("score", "eligible", "rounds", "couple", "report", "data")
"""Subcommand modules of :mod:`crs.cli`, in the order ``crs --help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="crs",
        description="Express Entry Comprehensive Ranking System: exact, explained, by date.",
    )
    parser.add_argument("--version", action="version", version=f"crs {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"crs.cli.{name}").add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``crs`` command with ``argv`` (default: the process arguments).

    Returns:
        The exit status: 0 success, 1 invalid profile, 2 bad usage, 130 interrupted.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse reports usage errors itself
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    status: int = guarded(args.command, lambda: args.run(args))
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
