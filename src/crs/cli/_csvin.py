"""Reading CSV input: a header of flat profile keys, then one client a row.

Part of the commands' input (:mod:`crs.cli._batch`, which chooses the form):
each cell is read by the declared spec of its column (:func:`cell_of`), then the
row becomes a profile as :func:`crs.flat.row_profile` nests any flat row.  A
quote never closed, a header that cannot be read and a column named twice are
each reported without losing a line (see :func:`_csv`).
"""

from __future__ import annotations

import csv
import math
from collections import deque
from collections.abc import Iterable, Iterator

from crs._json import parse
from crs.cli._batch import _BOM, MAX_BYTES, Entry, _error, _loaded, _TooLong
from crs.errors import Problem, ProfileError

__all__ = ["cell_of"]

_NOT_UTF8 = "\ud800"  # stands for a line that is not UTF-8 (never decoded text)
_LONG = "\ud801"  # stands for a line longer than MAX_BYTES


def _specs() -> dict[str, tuple[str, str]]:
    """Every flat column's JSON type and the spec's name, from the declared fields."""
    from crs.checks import field_names

    return {path: (spec.json_type(), type(spec).__name__) for path, spec in field_names()}


_SPECS: dict[str, tuple[str, str]] = {}


def cell_of(column: str, text: str) -> object:
    """A CSV cell as the JSON value its column's declared spec reads, or None (left out).

    The rules, one per JSON type of the field (:mod:`crs.checks`), so that every
    check stays the field's own:

    * an empty cell (or only spaces) is the key left out;
    * a number field (``age``, ``first_language.listening``): the cell read as a
      JSON number (``29``, ``8.0``, ``1e3``) where it is one;
    * a flag (``sibling_in_canada``): ``true`` or ``false``, in any case (Excel
      writes ``TRUE``);
    * an object or list column (``spouse``, ``work_history``): the cell read as
      JSON (``{}``: the object is given);
    * a text field (``id``, ``education``, a date), an unknown column, or a cell
      that is none of the above: its text (spaces around it removed), which the
      field's spec then reports if it is not valid.

    >>> cell_of("age", "29"), cell_of("id", "1001"), cell_of("sibling_in_canada", "TRUE")
    (29, '1001', True)
    >>> cell_of("age", "twenty") , cell_of("age", " ")
    ('twenty', None)
    """
    text = text.strip()
    if not text:
        return None
    if not _SPECS:
        _SPECS.update(_specs())
    kind, _ = _SPECS.get(column, ("string", ""))
    if kind in ("integer", "number"):
        try:
            value = parse(text)
        except ProfileError:
            return text
        finite = type(value) in (int, float) and math.isfinite(value)
        return value if finite else text  # NaN would read as "missing": kept as text
    if kind == "boolean":
        return {"true": True, "false": False}.get(text.lower(), text)
    if kind in ("object", "array"):
        try:
            return parse(text)
        except ProfileError:
            return text
    return text


def _is_header(raw: bytes | _TooLong) -> bool:
    """Whether a line is a CSV header: not JSON, and naming a flat profile key.

    One known name is enough: a header with a misspelt or foreign column
    (``client_name``) is still CSV, whose rows then report that column as an
    unknown key, as the same file named ``.csv`` does.
    """
    if not isinstance(raw, bytes):
        return False
    try:
        text = raw.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError:
        return False
    if text.lstrip().startswith(("{", "[")):
        return False
    from crs.flat import COLUMNS

    names = [name.strip() for name in next(csv.reader([text]), [])]
    known = set(COLUMNS)
    return any(name in known for name in names)


def _texts(lines: Iterable[tuple[int, bytes | _TooLong]]) -> Iterator[tuple[int, str]]:
    """The lines as text for :mod:`csv`, numbered; a line too long or not UTF-8 as a marker."""
    for number, raw in lines:
        if isinstance(raw, _TooLong):
            yield number, _LONG + "\n"
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, f"{_NOT_UTF8}{raw[exc.start]:02x}{exc.start + 1}\n"


class _Source:
    """The lines :mod:`csv` reads, with those the row being read took, to give back.

    A quoted cell may hold line breaks (a work history's JSON over several
    lines), so a row may take several lines; but a quote never closed takes every
    line to the end of the file (or to :mod:`csv`'s cell limit).  Such a row is
    one error on its first line, and the lines it took after it are read again,
    each its own row: no line is lost.
    """

    def __init__(self, lines: Iterable[tuple[int, str]]) -> None:
        self._lines = iter(lines)
        self._again: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []
        self.last = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        item = self._again.popleft() if self._again else next(self._lines)
        self.taken.append(item)
        self.last = item[0]
        return item[1]

    def give_back(self) -> bool:
        """Read again the lines the last row took after its first; whether there were any."""
        rest = self.taken[1:]
        self._again.extendleft(reversed(rest))
        return bool(rest)


def _csv(lines: Iterable[tuple[int, bytes | _TooLong]]) -> Iterator[Entry]:
    """The profiles of CSV lines: a header of flat keys, then one profile a row.

    A header that cannot be read (not UTF-8, a broken quote, NUL characters
    from UTF-16 text) is one error on its line, and every row after it says
    that it has no header to be read by: no row is read as the header.
    """
    from crs.flat import repeated_columns, row_profile

    source = _Source(_texts(lines))
    reader = csv.reader(source, strict=True)
    header: list[str] | None = None
    headless = ""  # why the header could not be read
    twice: tuple[Problem, ...] = ()  # names the header gives more than one column
    while True:
        source.taken = []
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = source.taken[0][0] if source.taken else source.last + 1
            bad = f"not a valid CSV row: {exc}"
            if source.give_back():
                bad = f"not a valid CSV row: a quote is not closed ({exc})"
                reader = csv.reader(source, strict=True)
        else:
            start = source.taken[0][0]
            if header is None and not headless and cells:
                cells[0] = cells[0].removeprefix("\ufeff")  # Excel's "CSV UTF-8"
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, or a row of empty cells (spreadsheets add them)
            bad = _unreadable(cells) or ""
            if not bad and header is None and not headless and any("\x00" in c for c in cells):
                bad = "the header holds NUL characters (UTF-16 text?): save the file as CSV UTF-8"
        if headless:
            yield _error(start, f"no header to read the row by: {headless}")
            continue
        if bad:
            if header is None:
                headless = f"the header on line {start} could not be read"
            yield _error(start, bad)
            continue
        if header is None:
            header = [name.strip() for name in cells]
            twice = repeated_columns(name for name in header if name)
            continue
        if len(cells) > len(header):
            yield _error(
                start, f"the row has {len(cells)} cells; the header names {len(header)} columns"
            )
            continue
        unnamed = [
            i + 1 for i, name in enumerate(header[: len(cells)]) if not name and cells[i].strip()
        ]
        if unnamed:
            yield _error(start, f"column {unnamed[0]} has a value but no name in the header")
            continue
        values = [
            (name, cell_of(name, cell)) for name, cell in zip(header, cells, strict=False) if name
        ]
        if twice:  # every row says so, with its id; none is scored on a guess
            given = dict(values).get("id")
            yield Entry(start, None, ProfileError(twice, id=given if type(given) is str else None))
            continue
        yield _loaded(start, row_profile(values))


def _unreadable(cells: list[str]) -> str | None:
    for cell in cells:
        if _LONG in cell:
            return f"a line is longer than {MAX_BYTES:,} bytes; a profile is a few kilobytes"
        at = cell.find(_NOT_UTF8)
        if at >= 0:
            byte, position = cell[at + 1 : at + 3], cell[at + 3 :].split("\n")[0]
            return f"not UTF-8 text (byte 0x{byte} at position {position})"
    return None
