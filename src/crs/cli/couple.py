"""``crs couple COUPLE.json``: which partner should be the principal applicant, and by how much."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crs._dates import as_date
from crs.cli._batch import read_value
from crs.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    add_date_and_format,
    parse_date,
    report_error,
    write_json,
)
from crs.couples import compare_principal
from crs.errors import CRSError
from crs.io import load_couple

__all__ = ["add_parser", "read_json", "run"]


def add_parser(commands: Any) -> None:
    """Register ``crs couple`` with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "couple",
        help="which partner of a couple should be the principal applicant",
        description=(
            'Compare both arrangements of a couple file ({"a": PROFILE, "b": PROFILE}, '
            "optional id): A applying with B as the accompanying spouse, and B with A. "
            "Each is scored with every line explained, checked for every program and draw "
            "category in force, and placed on the rounds of the past year; the better "
            "principal applicant is named with the difference in points, line by line."
        ),
    )
    parser.add_argument("couple", metavar="COUPLE", help="a couple .json file, or -")
    parser.add_argument(
        "--since",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="place on the rounds from this date (default: a year before --on)",
    )
    add_date_and_format(parser, ("text", "json"))
    parser.set_defaults(run=run)


def read_json(path: str) -> object:
    """The JSON value in ``path`` (``-``: standard input), with or without a byte-order mark.

    Raises:
        UsageError: If the file cannot be read.
        ProfileError: If it is longer than 4 MiB, not UTF-8 text or not JSON.
    """
    return read_value(path)  # bounded, and every way it fails is one clear error


def run(args: argparse.Namespace) -> int:
    """Compare both arrangements of the couple in ``args.couple`` and write the answer."""
    on = as_date(args.on)
    if args.since is not None and args.since > on:
        raise UsageError(f"--since {args.since} is after --on {on}")
    try:
        data = read_json(args.couple)
        couple = load_couple(data)  # type: ignore[arg-type]  # a non-object is reported
        found = compare_principal(couple, on=on, since=args.since)
    except CRSError as exc:
        report_error(exc, sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        write_json(found.to_json(), sys.stdout)
    else:
        sys.stdout.write(found.to_text())
    return EXIT_OK
