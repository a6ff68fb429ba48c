"""Helpers shared by the subcommands: dates, formats, reading profiles, reporting errors."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from crs._dates import DateError, as_date
from crs.errors import CRSError, ProfileError
from crs.io import load_profile
from crs.profile import Profile

__all__ = [
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "Entry",
    "UsageError",
    "add_date_and_format",
    "error_object",
    "parse_date",
    "read_entries",
    "read_one",
    "report_error",
    "write_json",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command was called wrongly (a missing file, a bad option)."""


def parse_date(text: str) -> dt.date:
    """A date option (``--on``, ``--since``, ``--until``), read as every entry point reads dates.

    argparse turns the error into a usage message.
    """
    try:
        return as_date(text)
    except DateError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_date_and_format(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    """Add the ``--on`` and ``--format`` options every command takes."""
    parser.add_argument(
        "--on",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date to compute for (default: today)",
    )
    parser.add_argument(
        "--format", choices=formats, default="text", help="output format (default: text)"
    )


class Entry:
    """One profile read from the input: its line number, and the profile or the error."""

    __slots__ = ("error", "line", "profile")

    def __init__(self, line: int, profile: Profile | None, error: CRSError | None) -> None:
        self.line = line
        self.profile = profile
        self.error = error


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"cannot read {path}: it is not UTF-8 text") from None


def _entry(line: int, text: str) -> Entry:
    try:
        data = json.loads(text)
    except ValueError as exc:
        return Entry(line, None, ProfileError.single("", f"not valid JSON: {exc}"))
    try:
        return Entry(line, load_profile(data), None)
    except ProfileError as exc:
        return Entry(line, None, exc)


def read_entries(path: str) -> tuple[Iterable[Entry], bool]:
    """Every profile in ``path`` (``-`` for standard input), and whether it was a batch.

    A ``.jsonl`` file, or standard input holding more than one JSON value, is a
    batch with one profile a line (blank lines are skipped; line numbers count
    from 1 as in the file).  A line that is not a valid profile becomes an entry
    with its error; the others are still read.  A batch file is read line by
    line as the entries are consumed, so a large batch is never all in memory.

    Raises:
        UsageError: If the file cannot be opened.
    """
    if path.endswith(".jsonl") and path != "-":
        try:
            stream = Path(path).open(encoding="utf-8")  # noqa: SIM115 - closed by _batch
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
        return _batch(stream, path), True
    text = _read_text(path)
    batch = False
    if path == "-":
        try:
            json.loads(text)
        except ValueError:
            batch = True
    if not batch:
        return [_entry(1, text)], False
    return _batch(io.StringIO(text), path), True


def _batch(stream: IO[str], path: str) -> Iterator[Entry]:
    with stream:
        try:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    yield _entry(number, line)
        except UnicodeDecodeError:
            raise UsageError(f"cannot read {path}: it is not UTF-8 text") from None


def read_one(path: str) -> Profile:
    """The single profile in ``path``.

    Raises:
        ProfileError: If it is not a valid profile.
        UsageError: If the file cannot be read or holds a batch.
    """
    entries, batch = read_entries(path)
    if batch:
        raise UsageError(f"{path} holds a batch; this command takes one profile")
    entry = next(iter(entries))
    if entry.error is not None:
        raise entry.error
    assert entry.profile is not None
    return entry.profile


def error_object(error: CRSError, line: int) -> dict[str, Any]:
    """The JSON object for a line that could not be processed: ``{"error", "line"}``.

    ``id`` comes first when the input gave a valid one.
    """
    found = getattr(error, "id", None)
    head = {} if found is None else {"id": found}
    return {**head, "error": "; ".join(_messages(error)), "line": line}


def _messages(error: CRSError) -> list[str]:
    if isinstance(error, ProfileError):
        return [str(p) for p in error.problems]
    return [str(error)]


def report_error(error: CRSError, stream: IO[str], where: str = "") -> None:
    """Print one readable line per problem in ``error``."""
    prefix = f"{where}: " if where else ""
    for message in _messages(error):
        print(f"error: {prefix}{message}", file=stream)


def write_json(data: object, stream: IO[str], *, compact: bool = False) -> None:
    """Write ``data`` as JSON (indented, or one line when ``compact``)."""
    if compact:
        stream.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    else:
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
