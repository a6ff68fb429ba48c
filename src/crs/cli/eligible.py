"""``crs eligible PROFILE``: eligibility for the programs and the draw categories in force."""

from __future__ import annotations

import argparse
from typing import Any

from crs._dates import as_date
from crs.categories import in_force
from crs.cli._book import each
from crs.cli._common import EXIT_INVALID, EXIT_OK, add_date_and_format, read_entries
from crs.eligibility import EligibilityReport, eligibility

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Register ``crs eligible`` with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "eligible",
        help="eligibility for FSW, CEC, FST and the draw categories in force",
        description=(
            "Say whether a profile is eligible for each Express Entry program (fsw, cec, "
            "fst) and for each draw category in force on the date, and why not. A batch "
            "(.jsonl, .csv, a JSON array) gives one report a client, each with its input "
            "line; a client that cannot be assessed is reported and the exit status is 1. "
            "--format csv writes one row a client: yes/no per program and category."
        ),
    )
    parser.add_argument(
        "profile", metavar="PROFILE", help="a .json, .jsonl or .csv file, or - (stdin)"
    )
    add_date_and_format(parser, ("text", "json", "jsonl", "csv"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Assess every profile in ``args.profile`` on ``args.on`` and write the reports.

    One profile gives one report; a batch (JSON Lines, CSV, a JSON array) one
    report a client, each with its ``line``, and a bad client costs that client only.
    """
    on = as_date(args.on)
    entries, batch = read_entries(args.profile)
    slugs = ("fsw", "cec", "fst", *(v.slug for v in in_force(on)))

    def json_of(report: EligibilityReport, line: int) -> dict[str, Any]:
        data = report.to_json()
        return {**data, "line": line} if batch or args.format == "jsonl" else data

    def csv_of(report: EligibilityReport, line: int) -> list[object]:
        verdicts = {s: v.eligible for s, v in report.programs.items()}
        verdicts.update((s, c.eligible) for s, c in report.categories.items())
        cells = [_yes(verdicts[s]) if s in verdicts else None for s in slugs]
        return [report.id, line, *cells, "; ".join(report.warnings), None]  # as crs score

    failed = each(
        entries,
        batch,
        args.format,
        args.profile,
        lambda profile: eligibility(profile, on),
        json_of,
        lambda report: report.to_text(),
        ("id", "line", *slugs, "warnings", "error"),
        csv_of,
    )
    return EXIT_INVALID if failed else EXIT_OK


def _yes(value: bool) -> str:
    return "yes" if value else "no"
