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
import os
import sys
from collections.abc import Sequence

from crs._version import __version__

__all__ = ["main"]

COMMANDS: tuple[str, ...] = (
    "score",
    "eligible",
    "rounds",
    "couple",
    "report",
    "data",
    "schema",
    "serve",
)
"""Subcommand modules of :mod:`crs.cli`, in the order ``crs --help`` lists them."""


SUMMARIES: dict[str, str] = {
    "score": "score a profile (.json), a batch (.jsonl, .csv, a JSON array) or stdin (-)",
    "eligible": "eligibility for FSW, CEC, FST and the draw categories in force",
    "rounds": "the rounds of invitations, and whether a profile would have been invited",
    "couple": "which partner of a couple should be the principal applicant",
    "report": "a self-contained HTML page for the client (prints to PDF)",
    "data": "refresh the rounds data from IRCC's feed, or say which data is in use",
    "schema": "print the JSON Schema of a profile, a couple or a result",
    "serve": "serve the commands over HTTP (JSON and OpenAPI) and a form for the front desk",
}
"""Each subcommand's one-line help, as its module registers it (a test keeps them equal):
``crs --help`` lists the commands without importing what they run."""


def build_parser(command: str | None = None, *, lazy: bool = False) -> argparse.ArgumentParser:
    """The argument parser with every subcommand.

    With ``lazy``, only ``command``'s module is imported and registered in
    full; the others are listed by their :data:`SUMMARIES`, so that ``crs
    --help`` and each command load only what they use.
    """
    parser = argparse.ArgumentParser(
        prog="crs",
        description="Express Entry Comprehensive Ranking System: exact, explained, by date.",
    )
    parser.add_argument("--version", action="version", version=f"crs {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        if lazy and name != command and name in SUMMARIES:
            commands.add_parser(name, help=SUMMARIES[name], add_help=False)
        else:
            importlib.import_module(f"crs.cli.{name}").add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``crs`` command with ``argv`` (default: the process arguments).

    Returns:
        The exit status: 0 success, 1 invalid profile, 2 bad usage, 130 interrupted.
    """
    if argv is None:  # the crs program itself: NumPy's BLAS threads would only cost start-up
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    words = sys.argv[1:] if argv is None else list(argv)
    command = next((word for word in words if not word.startswith("-")), None)
    parser = build_parser(command, lazy=True)
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # argparse reports usage errors itself
        if isinstance(exc.code, int):
            return exc.code
        from crs.cli._common import EXIT_USAGE

        return EXIT_USAGE
    from crs.cli._common import guarded  # loaded by every command anyway

    status: int = guarded(args.command, lambda: args.run(args))
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
