"""``crs report PROFILE -o client.html``: a self-contained page to hand the client."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from crs._dates import as_date
from crs._files import write_text
from crs.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    note,
    parse_date,
    read_one,
    report_error,
    stale_note,
)
from crs.errors import CRSError
from crs.reports import report

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Register ``crs report`` with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "report",
        help="a self-contained HTML page for the client (prints to PDF)",
        description=(
            "Write one HTML page for the client: the score with every line explained, the "
            "caveats, eligibility with reasons, the changes that would raise the score most, "
            "how it moves over the next two years, and its place against the cut-offs of "
            "the past year's rounds, with charts. CSS and charts are inline: the page "
            "fetches nothing and prints cleanly to PDF (A4 or Letter) from a browser."
        ),
    )
    parser.add_argument("profile", metavar="PROFILE", help="a profile .json file, or -")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help="where to write the page (default: standard output)",
    )
    parser.add_argument(
        "--on",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date of the report (default: today)",
    )
    parser.add_argument(
        "--since",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="place on the rounds from this date (default: a year before --on)",
    )
    parser.add_argument(
        "--format",
        choices=("html", "json"),
        default="html",
        help="html: the page; json: its content as one JSON document (default: html)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the report of ``args.profile`` on ``args.on`` to ``args.output``."""
    on = as_date(args.on)
    if args.since is not None and args.since > on:
        raise UsageError(f"--since {args.since} is after --on {on}")
    try:
        found = report(read_one(args.profile), on, since=args.since)
    except CRSError as exc:
        report_error(exc, sys.stderr)
        return EXIT_INVALID
    text = (
        found.to_html()
        if args.format == "html"
        else json.dumps(found.to_json(), ensure_ascii=False, indent=2) + "\n"
    )
    if args.format == "json":  # the page says it; the document has no place for it
        stale_note("report", on)
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_text(args.output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    note(f"wrote {args.output}")
    return EXIT_OK
