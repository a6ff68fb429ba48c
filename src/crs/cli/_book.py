"""Running a command over every client of a batch: one result each, or its error.

``crs eligible`` and ``crs rounds`` (with a profile) share this loop; ``crs
score`` has its own, tuned for speed.  A client that cannot be processed
becomes an error object (``{"id"?, "error", "line"}``) and the others are kept.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from crs.cli._batch import Entry
from crs.cli._common import bug_message, error_object, report_error
from crs.cli._output import Output, csv_row, dumps
from crs.errors import CRSError, ProfileError

__all__ = ["each"]


def each(
    entries: Iterable[Entry],
    batch: bool,
    fmt: str,
    path: str,
    compute: Callable[[Any], Any],
    json_of: Callable[[Any, int], Any],
    text_of: Callable[[Any], str],
    csv_columns: Sequence[str],
    csv_of: Callable[[Any, int], Sequence[object]],
    footer: str | None = None,
    after: Callable[[], None] | None = None,
) -> bool:
    """Write one result per entry in ``fmt``; return whether any entry failed.

    ``json``: one document, or in a batch an array of objects each with
    ``line``; ``jsonl``: one compact object a line; ``csv``: a header, then one
    row a client; ``text``: the readable report, ``line N:`` before each in a
    batch, then ``footer`` (after a blank line) when the input held a profile:
    an input with none is an error, and nothing follows its message (nor is
    ``after`` called, which otherwise runs last: a note on standard error).
    """
    out = Output(sys.stdout, path)
    failed = False
    count = 0
    if fmt == "csv":
        out.write(csv_row(csv_columns))
    array = fmt == "json" and batch
    for entry in entries:
        if array:
            out.write("[\n" if count == 0 else ",\n")
        count += 1
        result: Any = None
        if entry.error is None:
            try:
                result = compute(entry.profile)
            except CRSError as exc:
                entry.error = exc
            except OSError:
                raise
            except Exception as exc:  # a defect: reported as one, and the batch goes on
                if not batch:
                    raise  # one profile: the command reports it (guarded)
                entry.error = CRSError(bug_message(exc))
        if entry.error is not None:
            failed = True
            error = error_object(entry.error, entry.line)
            if fmt == "jsonl":
                out.write(dumps(error) + "\n")
            elif fmt == "csv":
                blanks = [None] * (len(csv_columns) - 3)
                out.write(csv_row([error.get("id"), entry.line, *blanks, error["error"]]))
            elif array:
                out.write(_indented(error))
            else:
                out.flush()
                report_error(entry.error, sys.stderr, f"line {entry.line}" if batch else "")
            continue
        if fmt == "jsonl":
            out.write(dumps(json_of(result, entry.line)) + "\n")
        elif fmt == "csv":
            out.write(csv_row(csv_of(result, entry.line)))
        elif array:
            out.write(_indented(json_of(result, entry.line)))
        elif fmt == "json":
            out.write(json.dumps(json_of(result, 0), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write((f"line {entry.line}: " if batch else "") + text_of(result))
    if array:
        out.write("[]\n" if count == 0 else "\n]\n")
    elif footer is not None and fmt == "text" and count:
        out.write(f"\n{footer}\n")
    out.flush()
    if count == 0:
        report_error(ProfileError.single("", "the input is empty: it holds no profile"), sys.stderr)
        return True
    if after is not None:
        after()
    return failed


def _indented(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return "  " + text.replace("\n", "\n  ")
