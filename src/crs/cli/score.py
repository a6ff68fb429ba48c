"""``crs score PROFILE``: the CRS score of one profile or a batch, explained."""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from crs._dates import as_date
from crs.breakdown import Score
from crs.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    add_date_and_format,
    bug_message,
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
            "others are still scored; the exit status is then 1. In a batch every output "
            "object carries its input line number (line)."
        ),
    )
    parser.add_argument("profile", metavar="PROFILE", help="a .json or .jsonl file, or -")
    add_date_and_format(parser, ("text", "json", "jsonl"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Score every profile in ``args.profile`` and write the results.

    A batch is streamed: each line is read, scored and written before the next
    is read, whatever the format (``json`` writes its array item by item), so
    memory stays flat however long the batch.  In a batch every result and
    every error object carries ``line``, its input line number.
    """
    on = as_date(args.on)
    entries, batch = read_entries(args.profile)
    out = sys.stdout
    fmt: str = args.format
    array = fmt == "json" and batch
    failed = False
    count = 0
    for entry in entries:
        if array:
            out.write("[\n" if count == 0 else ",\n")
        count += 1
        if entry.error is None:
            assert entry.profile is not None
            try:
                _write(score(entry.profile, on), entry.line, fmt, batch, out)
                continue
            except CRSError as exc:
                entry.error = exc
            except OSError:  # the output failed: the command reports it and stops
                raise
            except Exception as exc:  # a defect: reported as one, and the batch goes on
                entry.error = CRSError(bug_message(exc))
        failed = True
        assert entry.error is not None
        if fmt == "jsonl":
            write_json(error_object(entry.error, entry.line), out, compact=True)
        elif array:
            out.write(_indented(error_object(entry.error, entry.line)))
        else:
            report_error(entry.error, sys.stderr, f"line {entry.line}" if batch else "")
    if array:
        out.write("[]\n" if count == 0 else "\n]\n")
    if count == 0:
        print(
            "crs score: warning: the input holds no profile (it is empty or blank)",
            file=sys.stderr,
        )
    return EXIT_INVALID if failed else EXIT_OK


def _write(result: Score, line: int, fmt: str, batch: bool, out: IO[str]) -> None:
    if fmt == "jsonl":
        text = result.to_json_text()
        out.write(f'{text[:-1]},"line":{line}}}\n' if batch else text + "\n")
    elif fmt == "json":
        data = result.to_json()
        if batch:
            data["line"] = line
            out.write(_indented(data))
        else:
            write_json(data, out)
    else:
        if batch:
            out.write(f"line {line}: ")
        out.write(result.to_text() + "\n")


def _indented(data: dict[str, Any]) -> str:
    """One item of a JSON array as ``json.dumps(array, indent=2)`` writes it (no separator)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "  " + text.replace("\n", "\n  ")
