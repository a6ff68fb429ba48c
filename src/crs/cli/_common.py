"""Helpers shared by the subcommands: dates, formats, reading profiles, reporting errors."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from typing import IO, Any

from crs._dates import DateError, as_date
from crs._version import __version__
from crs.cli._batch import Entry, UsageError, read_entries, read_one
from crs.errors import CRSError, ProfileError

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "Entry",
    "UsageError",
    "add_date_and_format",
    "bug_message",
    "error_object",
    "guarded",
    "note",
    "parse_date",
    "read_entries",
    "read_one",
    "report_error",
    "write_json",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

REPORT_URL = "https://github.com/crs-calculator/crs/issues"


def parse_date(text: str) -> dt.date:
    """A date option (``--on``, ``--since``, ``--until``), read as every entry point reads dates.

    argparse turns the error into a usage message.
    """
    try:
        return as_date(text)
    except DateError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_date_and_format(
    parser: argparse.ArgumentParser,
    formats: tuple[str, ...],
    on_help: str = "the date to compute for (default: today)",
) -> None:
    """Add the ``--on`` and ``--format`` options every command takes (``on_help``: its help)."""
    parser.add_argument(
        "--on",
        type=parse_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=on_help,
    )
    parser.add_argument(
        "--format", choices=formats, default="text", help="output format (default: text)"
    )


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


def report_error(error: CRSError, stream: IO[str] | None, where: str = "") -> None:
    """Print one readable line per problem in ``error``."""
    if stream is None:  # standard error closed: print(file=None) would write to stdout
        return
    given = getattr(error, "id", None)  # the client's id, as JSON and CSV errors carry it
    where = ", ".join(part for part in (where, f"id {given}" if given else "") if part)
    prefix = f"{where}: " if where else ""
    for message in _messages(error):
        print(f"error: {prefix}{message}", file=stream)


def write_json(data: object, stream: IO[str], *, compact: bool = False) -> None:
    """Write ``data`` as JSON (indented, or one line when ``compact``)."""
    if compact:
        stream.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    else:
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def bug_message(exc: BaseException) -> str:
    """The message for an exception that is a defect of crs, not a problem of the input."""
    return (
        f"internal error ({type(exc).__name__}: {str(exc)[:200]}): this is a bug in "
        f"crs {__version__}, not a problem of the input; please report it at {REPORT_URL} "
        "with the input and the command"
    )


# ----------------------------------------------------------------- the environment


def _escape(error: UnicodeError) -> tuple[str, int]:
    r"""Codec error handler: a character the output cannot encode, as a JSON ``\\uXXXX`` escape.

    The escapes are valid inside JSON strings (where such characters only ever
    appear), so JSON output stays valid on an ASCII terminal, and a lone
    surrogate never stops a batch.
    """
    assert isinstance(error, UnicodeEncodeError)
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:  # a surrogate pair, as JSON writes it
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


codecs.register_error("crs-escape", _escape)


def _prepare(stream: IO[str] | None) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that refuses: left as it is
            reconfigure(errors="crs-escape")


def _silence_stdout() -> None:
    """After a failed write, point standard output at nothing so exit does not fail again."""
    stdout = sys.stdout
    try:
        fd = stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (AttributeError, ValueError, OSError):
        pass


def stale_note(command: str, on: dt.date) -> None:
    """Say on standard error that the rounds data is old on ``on``, if it is.

    For an output whose document has no place for it (JSON, CSV): the text and
    HTML outputs end with the same notice.
    """
    from crs.datastore import stale_notice

    notice = stale_notice(on)
    if notice:
        note(f"crs {command}: note: {notice}")


def note(text: str) -> None:
    """Write one line to standard error, if it is open.

    With standard error closed ``sys.stderr`` is None, and ``print(file=None)``
    would write to standard output, into the JSON or CSV written there.
    """
    stderr = sys.stderr
    if stderr is None:
        return
    with contextlib.suppress(OSError, ValueError):
        print(text, file=stderr, flush=True)


def _say(command: str, message: str) -> None:
    note(f"crs {command}: {message}")


def guarded(command: str, run: Callable[[], int]) -> int:
    """Run a command so that its environment never ends it with a traceback.

    Standard output or input closed, output that cannot be written (a full
    disk, ``/dev/full``), output not UTF-8 (characters it cannot encode are
    escaped), Ctrl-C (exit status 130) and a defect of crs itself each give one
    line on standard error.  A closed pipe (``crs score big.jsonl | head``)
    ends the command quietly, with status 0.

    Returns:
        The exit status.
    """
    _prepare(sys.stdout)
    _prepare(sys.stderr)
    if sys.stdout is None:
        _say(command, "error: standard output is closed")
        return EXIT_USAGE
    try:
        status = run()
        sys.stdout.flush()
    except UsageError as exc:
        _say(command, f"error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _silence_stdout()
        _say(command, "interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `crs score big.jsonl | head`
        _silence_stdout()
        return EXIT_OK
    except OSError as exc:
        _silence_stdout()
        _say(command, f"error: cannot write the output: {exc.strerror or exc}")
        return EXIT_USAGE
    except Exception as exc:  # a defect of crs: say so, once, without a traceback
        _silence_stdout()
        _say(command, f"error: {bug_message(exc)}")
        return EXIT_INVALID
    return status
