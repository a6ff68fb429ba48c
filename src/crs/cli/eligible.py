"""``crs eligible PROFILE``: eligibility for the programs and the draw categories in force."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crs._dates import as_date
from crs.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    add_date_and_format,
    read_one,
    report_error,
    write_json,
)
from crs.eligibility import eligibility
from crs.errors import CRSError

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Register ``crs eligible`` with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "eligible",
        help="eligibility for FSW, CEC, FST and the draw categories in force",
        description=(
            "Say whether a profile is eligible for each Express Entry program (fsw, cec, "
            "fst) and for each draw category in force on the date, and why not."
        ),
    )
    parser.add_argument("profile", metavar="PROFILE", help="a profile .json file, or -")
    add_date_and_format(parser, ("text", "json"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Assess the profile in ``args.profile`` on ``args.on`` and write the report."""
    on = as_date(args.on)
    try:
        report = eligibility(read_one(args.profile), on)
    except CRSError as exc:
        report_error(exc, sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        write_json(report.to_json(), sys.stdout)
    else:
        sys.stdout.write(report.to_text())
    return EXIT_OK
