"""``crs score PROFILE``: the CRS score of one profile or a batch, explained."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any

from crs._dates import as_date
from crs.breakdown import Score
from crs.cli._batch import Entry
from crs.cli._common import (
    EXIT_INVALID,
    EXIT_OK,
    add_date_and_format,
    bug_message,
    error_object,
    note,
    read_entries,
    report_error,
)
from crs.cli._output import Output, csv_row, dumps
from crs.errors import CRSError
from crs.scoring import score

__all__ = ["CSV_COLUMNS", "FORMATS", "add_parser", "run"]

FORMATS = ("text", "json", "jsonl", "summary", "csv")
"""The output formats of ``crs score``."""

CSV_COLUMNS = (
    "id",
    "line",
    "total",
    "core",
    "spouse",
    "skill_transferability",
    "additional",
    "rules",
    "on",
    "warnings",
    "error",
)
"""The columns of ``crs score --format csv`` (warnings joined by ``; ``)."""


def add_parser(commands: Any) -> None:
    """Register ``crs score`` with the subcommand parsers."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "score",
        help="score a profile (.json), a batch (.jsonl, .csv, a JSON array) or stdin (-)",
        description=(
            "Score a profile JSON file, a batch (JSON Lines, one profile a line; CSV, one "
            "client a row with the flat profile keys as columns; a JSON array), or standard "
            "input (-). A line or row that cannot be scored is reported and the others are "
            "still scored; the exit status is then 1. In a batch every output object carries "
            "its input line number (line). --format summary writes one JSON line a client "
            "with the subtotals only; --format csv one row a client."
        ),
    )
    parser.add_argument(
        "profile", metavar="PROFILE", help="a .json, .jsonl or .csv file, or - (stdin)"
    )
    add_date_and_format(parser, FORMATS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Score every profile in ``args.profile`` and write the results.

    A batch is streamed: each line is read, scored and written before the next
    is read, whatever the format (``json`` writes its array item by item), so
    memory stays flat however long the batch.  In a batch every result and
    every error object carries ``line``, its input line number.
    """
    on = as_date(args.on)
    fmt: str = args.format
    out = Output(sys.stdout, args.profile)
    entries, batch = _entries(args.profile, on, fmt, out.binary())
    array = fmt == "json" and batch
    failed = False
    count = 0
    if fmt == "csv":
        out.write(csv_row(CSV_COLUMNS))
    for entry in entries:
        if type(entry) is str:  # lines scored in a vectorised chunk: their output text
            count += 1
            out.write(entry)
            out.flush()
            continue
        if type(entry) is bytes:  # the same, as UTF-8 (explained lines, see Output.binary)
            count += 1
            out.write_bytes(entry)
            continue
        assert isinstance(entry, Entry)
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
        error = error_object(entry.error, entry.line)
        if fmt in ("jsonl", "summary"):
            out.write(dumps(error) + "\n")
        elif fmt == "csv":
            out.write(csv_row([error.get("id"), entry.line, *[None] * 8, error["error"]]))
        elif array:
            out.write(_indented(error))
        else:
            out.flush()  # results before, in order
            report_error(entry.error, sys.stderr, f"line {entry.line}" if batch else "")
    if array:
        out.write("[]\n" if count == 0 else "\n]\n")
    out.flush()
    if count == 0:
        note("crs score: warning: the input holds no profile (it is empty or blank)")
    return EXIT_INVALID if failed else EXIT_OK


def _entries(
    path: str, on: date, fmt: str, binary: bool = False
) -> tuple[Iterable[Entry | str | bytes], bool]:
    """The batch's entries; a JSON Lines file in ``summary``, ``csv`` or ``jsonl`` in chunks.

    See :mod:`crs.cli._chunks`: a line it scores comes as its output text
    (explained lines as UTF-8 bytes when ``binary``), any other line as the
    entry the scalar reader gives it.
    """
    if path.endswith(".jsonl") and fmt in ("summary", "csv", "jsonl"):
        from crs.cli._batch import _open
        from crs.cli._chunks import rows

        stream = _open(path)
        found = rows(stream, on, fmt, binary=binary)
        if found is not None:
            return found, True
        stream.close()
    return read_entries(path)


def _write(result: Score, line: int, fmt: str, batch: bool, out: Output) -> None:
    if fmt == "summary":
        out.write(dumps(summary(result, line)) + "\n")
    elif fmt == "csv":
        data = summary(result, line)
        data["warnings"] = "; ".join(result.warnings)
        out.write(csv_row([data.get(name) for name in CSV_COLUMNS]))
    elif fmt == "jsonl":
        text = result.to_json_text()
        out.write(f'{text[:-1]},"line":{line}}}\n' if batch else text + "\n")
    elif fmt == "json":
        data = result.to_json()
        if batch:
            data["line"] = line
            out.write(_indented(data))
        else:
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        if batch:
            out.write(f"line {line}: ")
        out.write(result.to_text() + "\n")


def summary(result: Score, line: int) -> dict[str, Any]:
    """A result without its explained lines: what ``--format summary`` writes a client.

    ``{"id"?, "line", "total", "core", "spouse", "skill_transferability",
    "additional", "rules", "on", "warnings"}``.
    """
    head: dict[str, Any] = {} if result.id is None else {"id": result.id}
    return {
        **head,
        "line": line,
        "total": result.total,
        "core": result.core,
        "spouse": result.spouse,
        "skill_transferability": result.skill_transferability,
        "additional": result.additional,
        "rules": result.rules.name,
        "on": result.on.isoformat(),
        "warnings": list(result.warnings),
    }


def _indented(data: dict[str, Any]) -> str:
    """One item of a JSON array as ``json.dumps(array, indent=2)`` writes it (no separator)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "  " + text.replace("\n", "\n  ")
