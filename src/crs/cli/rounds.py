"""``crs rounds [PROFILE]``: the rounds of invitations, and whether a profile was invited.

``--on`` is the date the question is asked: rounds held after it are left out
(it is the default ``--until``), and the text output ends with where the
profile's score on that date stands in the newest pool distribution published
by then.  Default: today, so every known round is listed.  ``--new`` keeps only the
rounds the last ``crs data update`` added (what an alert needs).  The text output
ends with which rounds data is in use and its newest round.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

import attrs

from crs._dates import as_date
from crs.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    add_date_and_format,
    parse_date,
    read_one,
    report_error,
    write_json,
)
from crs.datastore import status
from crs.draws import CATEGORIES, PROGRAMS, rounds
from crs.errors import CRSError
from crs.placement import place, rounds_text
from crs.pool import standing
from crs.scoring import score

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Register ``crs rounds`` with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "rounds",
        help="the rounds of invitations, and whether a profile would have been invited",
        description=(
            "List the published Express Entry rounds of invitations. With a PROFILE, "
            "score it on each round's date and say whether it was eligible for the round "
            "and would have been invited, with its margin above or below the cut-off."
        ),
    )
    parser.add_argument(
        "profile", metavar="PROFILE", nargs="?", help="a profile .json file, or - (optional)"
    )
    parser.add_argument(
        "--since", type=parse_date, metavar="YYYY-MM-DD", help="rounds on or after this date"
    )
    parser.add_argument(
        "--until",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="rounds on or before this date (default: --on)",
    )
    parser.add_argument(
        "--category",
        metavar="SLUG",
        help=(
            "only the rounds of this category ("
            + ", ".join(CATEGORIES)
            + ") or program ("
            + ", ".join(PROGRAMS)
            + ")"
        ),
    )
    parser.add_argument(
        "--new",
        action="store_true",
        help="only the rounds the last 'crs data update' added (for alerts)",
    )
    add_date_and_format(parser, ("text", "json"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List the rounds selected by ``args``, placing ``args.profile`` against them if given."""
    on = as_date(args.on)
    until: dt.date = args.until or on
    since: dt.date | None = args.since
    slug: str | None = args.category
    if slug is not None and slug not in CATEGORIES and slug not in PROGRAMS:
        raise UsageError(
            f"unknown category {slug!r}; valid categories: {', '.join(CATEGORIES)}; "
            f"valid programs: {', '.join(PROGRAMS)}"
        )
    if since is not None and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    data = status()
    new = set(data.added) if args.new else None
    if args.profile is None:
        selected = rounds(since=since, until=until, category=slug)
        if new is not None:
            selected = tuple(r for r in selected if r.number in new)
        if args.format == "json":
            write_json([r.to_json() for r in selected], sys.stdout)
        else:
            sys.stdout.write(rounds_text(selected))
            sys.stdout.write(f"\n{data.note()}\n")
        return EXIT_OK
    try:
        profile = read_one(args.profile)
        placement = place(profile, since=since, until=until, category=slug)
        if new is not None:
            placement = attrs.evolve(
                placement, results=tuple(r for r in placement if r.round.number in new)
            )
    except CRSError as exc:
        report_error(exc, sys.stderr)
        return EXIT_INVALID
    if args.format == "json":
        write_json(placement.to_json(), sys.stdout)
        return EXIT_OK
    sys.stdout.write(placement.to_text())
    try:
        today = score(profile, on)
    except CRSError:  # e.g. born after --on: the table says so round by round
        sys.stdout.write(f"\n{data.note()}\n")
        return EXIT_OK
    text = standing(today, on).to_text()
    if placement.notice:  # said once, after the table
        text = text.replace(f" {placement.notice}", "")
    sys.stdout.write(f"\nOn {on}, the profile scores {today.total}. {text}\n{data.note()}\n")
    return EXIT_OK
