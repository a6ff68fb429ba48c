r"""Reading the commands' input: one profile, or a batch of them, streamed line by line.

This is the one place where the commands read profiles.  A reader turns a file
(or standard input) into :class:`Entry` objects, each with its input line
number and its profile or its error; the commands never see the bytes.  The
promises (see ``docs/guarantees.md``):

* a batch is read one line at a time, so memory does not grow with its length;
  a line longer than :data:`MAX_BYTES` is refused without being held;
* a bad line (not UTF-8, not JSON, nested too deeply, not a valid profile)
  costs that line only: it becomes an entry with its error and the next line
  is read;
* blank lines are skipped but counted, so line numbers are those of the input;
  a byte order mark at the start of a line is skipped, and a line may end in
  ``\\r\\n``.

A reader for another input form (a CSV file, a JSON array) is one more
function that yields entries and is chosen in :func:`read_entries`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from crs._json import parse
from crs.errors import CRSError, ProfileError
from crs.io import load_profile
from crs.profile import Profile

__all__ = ["MAX_BYTES", "Entry", "UsageError", "read_entries", "read_one", "read_value"]

MAX_BYTES = 4 * 2**20
"""The longest line of a batch, or the largest single profile file: 4 MiB.

A profile is a few kilobytes; anything larger is refused (with an error for
that line) before it is decoded, so a hostile input cannot exhaust memory.
"""

_BOM = b"\xef\xbb\xbf"
_CHUNK = 2**16


class UsageError(Exception):
    """The command was called wrongly (a missing file, a bad option, a closed input)."""


class Entry:
    """One profile read from the input: its line number, and the profile or the error."""

    __slots__ = ("error", "line", "profile")

    def __init__(self, line: int, profile: Profile | None, error: CRSError | None) -> None:
        self.line = line
        self.profile = profile
        self.error = error


class _TooLong:
    """A line longer than :data:`MAX_BYTES` (its bytes were skipped, not kept)."""


_TOO_LONG = _TooLong()


def _lines(stream: IO[bytes]) -> Iterator[bytes | _TooLong]:
    """The lines of ``stream``, each at most :data:`MAX_BYTES` long, or ``_TOO_LONG``."""
    while True:
        try:
            line = stream.readline(MAX_BYTES + 1)
        except OSError as exc:
            raise UsageError(f"cannot read the input: {exc.strerror or exc}") from None
        if not line:
            return
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            yield _TOO_LONG  # said at once: the rest of the line may never end (/dev/zero)
            while True:  # skip the rest of the line, a chunk at a time
                try:
                    rest = stream.readline(_CHUNK)
                except OSError as exc:
                    raise UsageError(f"cannot read the input: {exc.strerror or exc}") from None
                if not rest or rest.endswith(b"\n"):
                    break
        else:
            yield line


def _is_blank(line: bytes | _TooLong) -> bool:
    return isinstance(line, bytes) and not line.strip()


def entry_of(number: int, raw: bytes | _TooLong, what: str = "line") -> Entry:
    """The entry of one line (or one whole document) of input."""
    if isinstance(raw, _TooLong):
        return _error(
            number, f"the {what} is longer than {MAX_BYTES:,} bytes; a profile is a few kilobytes"
        )
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _error(
            number,
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at position {exc.start + 1})",
        )
    try:
        return Entry(number, load_profile(parse(text)), None)
    except ProfileError as exc:
        return Entry(number, None, exc)


def _error(number: int, message: str) -> Entry:
    return Entry(number, None, ProfileError.single("", message))


def _batch(lines: Iterable[tuple[int, bytes | _TooLong]]) -> Iterator[Entry]:
    for number, line in lines:
        if not _is_blank(line):
            yield entry_of(number, line)


def _numbered(stream: IO[bytes], start: int = 1) -> Iterator[tuple[int, bytes | _TooLong]]:
    return enumerate(_lines(stream), start=start)


def _document(stream: IO[bytes]) -> bytes | _TooLong:
    data = stream.read(MAX_BYTES + 1)
    return _TOO_LONG if len(data) > MAX_BYTES else data


def _standard_input() -> IO[bytes]:
    stdin = sys.stdin
    if stdin is None:
        raise UsageError("standard input is closed")
    stream: IO[bytes] = getattr(stdin, "buffer", None) or _encoded(stdin)
    return stream


def _encoded(stream: IO[str]) -> IO[bytes]:  # a text-only stand-in (tests replace stdin)
    import io

    return io.BytesIO(stream.read().encode("utf-8", "surrogatepass"))


def _open(path: str) -> IO[bytes]:
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_entries(path: str) -> tuple[Iterable[Entry], bool]:
    """Every profile in ``path`` (``-`` for standard input), and whether it is a batch.

    A ``.jsonl`` file is a batch (one profile a line).  Another file is one
    profile.  Standard input is one profile if its first non-blank line is
    the only one, or if the whole input is one JSON document; otherwise it is a
    batch.  Entries are read as they are consumed.

    Raises:
        UsageError: If the file cannot be opened, or standard input is closed.
    """
    if path == "-":
        return _sniff(_standard_input())
    stream = _open(path)
    if path.endswith(".jsonl"):
        return _closing(stream, _batch(_numbered(stream))), True
    with stream:
        try:
            document = _document(stream)
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return [entry_of(1, document, "file")], False


def _closing(stream: IO[bytes], entries: Iterator[Entry]) -> Iterator[Entry]:
    with stream:
        yield from entries


def _sniff(stream: IO[bytes]) -> tuple[Iterable[Entry], bool]:
    """Standard input: one profile or a batch, deciding from at most 4 MiB of it."""
    held: list[tuple[int, bytes | _TooLong]] = []
    lines = _numbered(stream)
    size = profiles = 0
    first_alone = False  # the first non-blank line is a JSON value by itself
    for number, line in lines:
        held.append((number, line))
        if _is_blank(line):
            continue
        profiles += 1
        if isinstance(line, _TooLong) or (profiles > 1 and first_alone):
            break  # a line too long for one profile, or a second line after a JSON one
        if profiles == 1:
            first_alone = _parses(line)
        size += len(line)
        if size > MAX_BYTES:
            break
    else:  # all of it is held
        given = [(number, line) for number, line in held if not _is_blank(line)]
        if not given:
            return [], True
        document = b"".join(line for _, line in held if isinstance(line, bytes))
        if len(given) == 1 or _parses(document):
            return [entry_of(given[0][0], given[0][1] if len(given) == 1 else document)], False
        return _batch(held), True
    return _batch(_chain(held, lines)), True


def _chain(
    held: list[tuple[int, bytes | _TooLong]], rest: Iterator[tuple[int, bytes | _TooLong]]
) -> Iterator[tuple[int, bytes | _TooLong]]:
    yield from held
    held.clear()
    yield from rest


def _parses(raw: bytes) -> bool:
    try:
        parse(raw.removeprefix(_BOM).decode("utf-8"))
    except (UnicodeDecodeError, ProfileError):
        return False
    return True


def read_value(path: str) -> object:
    """The one JSON document in ``path`` (``-``: standard input), read within :data:`MAX_BYTES`.

    For inputs that are not profiles (a couple file).

    Raises:
        UsageError: If the file cannot be opened, or standard input is closed.
        ProfileError: If it is too long, not UTF-8 or not JSON.
    """
    stream = _standard_input() if path == "-" else _open(path)
    try:
        document = _document(stream)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        if path != "-":
            stream.close()
    if isinstance(document, _TooLong):
        raise ProfileError.single("", f"the file is longer than {MAX_BYTES:,} bytes")
    try:
        text = document.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte 0x{document[exc.start]:02x} at position {exc.start + 1})"
        raise ProfileError.single("", message) from None
    return parse(text)


def read_one(path: str) -> Profile:
    """The single profile in ``path``.

    Raises:
        ProfileError: If it is not a valid profile, or the input holds none.
        UsageError: If the file cannot be read or holds a batch.
    """
    entries, batch = read_entries(path)
    if batch:
        found = list(_first_two(entries))
        if not found:
            raise ProfileError.single("", "the input is empty: it holds no profile")
        raise UsageError(f"{path} holds a batch; this command takes one profile")
    entry = next(iter(entries))
    if entry.error is not None:
        raise entry.error
    assert entry.profile is not None
    return entry.profile


def _first_two(entries: Iterable[Entry]) -> Iterator[Entry]:
    for i, entry in enumerate(entries):
        if i == 2:
            return
        yield entry
