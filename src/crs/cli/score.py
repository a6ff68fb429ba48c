"""``crs score PROFILE``: the CRS score of one profile or a batch, explained."""

from __future__ import annotations

import argparse
import gc
import sys
from typing import Any

from crs._dates import as_date
from crs.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    add_date_and_format,
    error_object,
    read_entries,
    report_error,
    write_json,
)
from crs.errors import CRSError
from crs.scoring import score

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    """Register ``crs score`` with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "score",
        help="score a profile (.json), a batch (.jsonl) or standard input (-)",
        description=(
            "Score a profile JSON file, a JSON Lines batch (one profile a line), "
            "or standard input (-). A line that cannot be scored is reported and the "
            "others are still scored; the exit status is then 1."
        ),
    )
    parser.add_argument("profile", metavar="PROFILE", help="a .json or .jsonl file, or -")
    add_date_and_format(parser, ("text", "json", "jsonl"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Score every profile in ``args.profile`` and write the results."""
    # A batch allocates many short-lived objects, all freed by reference counting,
    # while the line memos grow; the cyclic collector would walk those memos again
    # and again (a third of the time on large batches). Pause it for the run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    on = as_date(args.on)
    entries, batch = read_entries(args.profile)
    out = sys.stdout
    results: list[dict[str, Any]] = []
    failed = False
    for entry in entries:
        if entry.error is None:
            assert entry.profile is not None
            try:
                result = score(entry.profile, on)
                rendered: str | dict[str, Any] = (
                    result.to_json_text()
                    if args.format == "jsonl"
                    else result.to_json()
                    if args.format == "json"
                    else result.to_text()
                )
            except CRSError as exc:
                entry.error = exc
            except Exception as exc:  # a defect must never lose the rest of a batch
                entry.error = CRSError(f"could not be scored ({type(exc).__name__}: {exc})")
            else:
                if isinstance(rendered, dict):
                    results.append(rendered)
                else:
                    if batch and args.format == "text":
                        out.write(f"line {entry.line}: ")
                    out.write(rendered + "\n")
                continue
        failed = True
        assert entry.error is not None
        if args.format == "jsonl":
            write_json(error_object(entry.error, entry.line), out, compact=True)
        elif args.format == "json" and batch:
            results.append(error_object(entry.error, entry.line))
        else:
            report_error(entry.error, sys.stderr, f"line {entry.line}" if batch else "")
    if args.format == "json" and results:
        write_json(results if batch else results[0], out)
    return EXIT_INVALID if failed else EXIT_OK
