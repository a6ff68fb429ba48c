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
from collections.abc import Iterable
from typing import Any

import attrs

from crs._dates import as_date, period_end
from crs.cli._book import each
from crs.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    Entry,
    UsageError,
    add_date_and_format,
    parse_date,
    read_entries,
    report_error,
    stale_note,
    write_json,
)
from crs.datastore import stale_notice, status
from crs.draws import CATEGORIES, PROGRAMS, rounds
from crs.errors import CRSError
from crs.placement import Placement, place, rounds_text
from crs.pool import standing
from crs.profile import Profile
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
            "and would have been invited, with its margin above or below the cut-off. "
            "A batch (.jsonl, .csv, a JSON array) gives one result a client, each with its "
            "input line; --format csv one row a client: the rounds taken part in, those "
            "invited in with their numbers, those undecided at the cut-off, and the best "
            "margin."
        ),
    )
    parser.add_argument(
        "profile",
        metavar="PROFILE",
        nargs="?",
        help="optional: a .json, .jsonl or .csv file, or - (a batch: one result a client)",
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
    add_date_and_format(parser, ("text", "json", "jsonl", "csv"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List the rounds selected by ``args``, placing ``args.profile`` against them if given."""
    on = as_date(args.on)
    until = period_end(args.until, on)  # rounds held after --on are left out
    since: dt.date | None = args.since
    slug: str | None = args.category
    if slug is not None and slug not in CATEGORIES and slug not in PROGRAMS:
        raise UsageError(
            f"unknown category {slug!r}; valid categories: {', '.join(CATEGORIES)}; "
            f"valid programs: {', '.join(PROGRAMS)}"
        )
    if since is not None and since > until:
        last = "--on" if until == on and args.until != on else "--until"
        raise UsageError(f"--since {since} is after {last} {until}")
    data = status()
    new = set(data.added) if args.new else None
    if args.profile is None:
        selected = rounds(since=since, until=until, category=slug)
        if new is not None:
            selected = tuple(r for r in selected if r.number in new)
        if args.format == "json":
            write_json([r.to_json() for r in selected], sys.stdout)
            stale_note("rounds", on)
        elif args.format in ("jsonl", "csv"):
            raise UsageError(f"--format {args.format} needs a PROFILE (one row a client)")
        else:
            notice = stale_notice(on)
            sys.stdout.write(rounds_text(selected))
            sys.stdout.write(f"\n{data.note()}\n" + (f"{notice}\n" if notice else ""))
        return EXIT_OK
    entries, batch = read_entries(args.profile)
    if not batch and args.format in ("text", "json"):
        return _one(args, entries, on, since, until, slug, new, data.note())

    def placed(profile: Profile) -> Placement:
        placement = place(profile, since=since, until=until, category=slug)
        if new is not None:
            placement = attrs.evolve(
                placement, results=tuple(r for r in placement if r.round.number in new)
            )
        return placement

    def json_of(placement: Placement, line: int) -> dict[str, Any]:
        head: dict[str, Any] = {} if placement.id is None else {"id": placement.id}
        return {**head, "line": line, "rounds": [r.to_json() for r in placement]}

    failed = each(
        entries,
        batch,
        args.format,
        args.profile,
        placed,
        json_of,
        lambda placement: placement.to_text(),
        CSV_COLUMNS,
        _csv_row,
        footer=data.note(),
        after=None if args.format == "text" else lambda: stale_note("rounds", on),
    )  # (the text output ends with the notice)
    return EXIT_INVALID if failed else EXIT_OK


CSV_COLUMNS = (
    "id", "line", "rounds", "eligible", "invited", "invited_in", "undecided_in", "best_margin",
    "warnings", "error",
)  # fmt: skip
"""The columns of ``crs rounds PROFILE --format csv``: one row a client over the period.

``rounds``: the rounds of the period; ``eligible``: those the client could take
part in; ``invited``: those they would have been invited in, and ``invited_in``
their numbers (oldest first, separated by spaces); ``undecided_in``: the numbers
of the rounds where the client's score is the cut-off and the outcome turns on
the tie-breaking time, which is not known (no ``submitted_at``, or none
published); ``best_margin``: the highest score minus cut-off over the rounds
they could take part in (empty when none); ``warnings``: the caveats of the
score on the newest round's date, joined by ``"; "`` (as ``crs score`` writes a
score's; each round's own are in the JSON).
"""


def _csv_row(placement: Placement, line: int) -> list[object]:
    taken = [r for r in placement if r.eligible]
    invited = [r for r in taken if r.invited]
    undecided = [r for r in taken if r.invited is None]
    margins = [r.margin for r in taken if r.margin is not None]
    return [
        placement.id,
        line,
        len(placement),
        len(taken),
        len(invited),
        " ".join(str(r.round.number) for r in invited),
        " ".join(str(r.round.number) for r in undecided),
        max(margins) if margins else None,
        "; ".join(placement.results[-1].warnings or ()) if placement.results else None,
        None,
    ]


def _one(
    args: argparse.Namespace,
    entries: Iterable[Entry],
    on: dt.date,
    since: dt.date | None,
    until: dt.date,
    slug: str | None,
    new: set[str] | None,
    note: str,
) -> int:
    """One profile in text or JSON: the table and where the score stands today."""
    try:
        entry = next(iter(entries))
        if entry.error is not None:
            raise entry.error
        assert entry.profile is not None
        profile = entry.profile
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
        stale_note("rounds", on)
        return EXIT_OK
    sys.stdout.write(placement.to_text())
    try:
        today = score(profile, on)
    except CRSError as exc:  # born after --on, a day before 2015: said, as the table says it
        sys.stdout.write(f"\nOn {on}, the profile cannot be scored: {exc}\n{note}\n")
        return EXIT_OK
    text = standing(today, on).to_text()
    if placement.notice:  # said once, after the table
        text = text.replace(f" {placement.notice}", "")
    # The score on --on carries its own caveats (a change reported in force by then, a test
    # expired), as `crs score` prints them; those the table's newest round said are not repeated.
    said = set(placement.warnings)
    caveats = "".join(f"warning: {w}\n" for w in today.warnings if w not in said)
    sys.stdout.write(f"\nOn {on}, the profile scores {today.total}. {text}\n{caveats}{note}\n")
    return EXIT_OK
