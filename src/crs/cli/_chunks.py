"""``crs score FILE.jsonl --format summary|csv``: a batch scored in chunks, vectorised.

The scalar path (:mod:`crs.cli._batch` then :func:`crs.score`) loads every line
into attrs objects and scores it alone: exact, and about 35 µs a line.  Here a
JSON Lines file is read :data:`CHUNK` lines at a time and each chunk is scored
as :func:`crs.score_frame` scores a frame, without pandas:

* each line is parsed (``orjson`` when installed, else the standard library
  refusing ``NaN``) and flattened into the flat form (:mod:`crs.flat`), the
  chunk's rows into one Python list per column;
* :class:`crs.columns.Columns` checks each distinct value of a column with its
  field's declared spec and each distinct combination with the declared rules,
  and gives the column facts; ``rules.sections`` score them as NumPy columns;
* the warnings of a row are those :func:`crs.score` gives the first row of the
  chunk that reads alike (the same values in every field but those the
  warnings never read, :data:`_UNWARNED`): one scalar score per distinct case;
* each row's output is its numbers joined to text built once per distinct
  id-less tail (rules, date, warnings).

Any line the vectorised path does not take plainly (not UTF-8, not JSON or not
an object, ``null`` or a list anywhere, a key given twice or a colon inside a
text, an unknown key, a value or combination any check refuses, a work
history) goes through the scalar path, so its result or error is exactly what
it was; one bad line costs that line only.  Output is in input order; memory
stays that of one chunk.  Without NumPy, or with a rule set that has a factor
with no array function, the whole batch takes the scalar path.
``tests/test_cli_chunks.py`` proves the output identical either way.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, compress, repeat
from operator import is_
from typing import IO, Any

from crs.cli._batch import Entry, _lines, _TooLong, entry_of
from crs.cli._output import csv_row, dumps
from crs.errors import CRSError
from crs.flat import COLUMNS, PRESENCE_COLUMNS
from crs.specs import UNKNOWN

__all__ = ["CHUNK", "ENABLED", "STRICT", "rows", "stdlib_loads"]

CHUNK = 2048
"""Lines scored at a time: large enough to share the checks, small enough for flat memory."""

EXPLAINED = 2
"""An explained batch (``--format jsonl``) is scored this many :data:`CHUNK` lines at a time.

Its work per chunk (a pass over every factor of the grid) is larger, and a
larger chunk shares it among more rows (~15% of an explained batch's time against
2,048 lines, for ~10-15 MB more resident memory)."""

ENABLED = True
"""Whether batches may take the vectorised path (tests switch it off to compare)."""

STRICT = False
"""Whether a defect of the vectorised path is raised (tests) rather than scored the scalar way."""

_NESTED = frozenset(PRESENCE_COLUMNS)
_LEAVES = frozenset(COLUMNS) - _NESTED - {"work_history"}


class _Absent:
    """A field the row does not give (``None`` is JSON's ``null``, which the scalar path reads)."""


_ABSENT = _Absent()
_ODD = frozenset({type(None), dict, list})  # cells only the scalar path reads
_NONE: dict[str, Any] = {}  # the nested object of a row that gives none (never written to)

# The fields that a score's warnings never read (crs.scoring._warnings reads each
# language result's test and test date, and whether a field is given that the rule set
# no longer scores).  Every other column keys the warnings, so a field added later keys
# them too until it is listed here.
_SCORES_OF = ("listening", "reading", "writing", "speaking")
_UNWARNED = frozenset(
    {
        "id",
        "age",
        "date_of_birth",
        "education",
        "canadian_work_years",
        "foreign_work_years",
        "certificate_of_qualification",
        "provincial_nomination",
        "sibling_in_canada",
        "spouse.education",
        "spouse.canadian_work_years",
        *(
            f"{result}.{score}"
            for result in ("first_language", "second_language", "spouse.first_language")
            for score in _SCORES_OF
        ),
    }
)


def _modules() -> tuple[Any, Any] | None:
    """NumPy and the JSON parser of the fast path, or None (no NumPy: the scalar path)."""
    try:
        import numpy
    except ImportError:
        return None
    try:
        import orjson
    except ImportError:
        return numpy, stdlib_loads()
    return numpy, orjson.loads


def stdlib_loads() -> Any:
    """The standard library's parser of a line's bytes, for when ``orjson`` is not installed.

    UTF-8 only, and ``NaN`` or ``Infinity`` refused (the scalar path reports them).
    """
    import json

    decode = json.JSONDecoder(parse_constant=_refuse).decode

    def loads(raw: bytes) -> Any:
        return decode(raw.decode("utf-8"))

    return loads


def _refuse(name: str) -> Any:
    raise ValueError(name)


def rows(
    stream: IO[bytes], on: dt.date, fmt: str, *, binary: bool = False
) -> Iterator[str | bytes | Entry] | None:
    """The results of a JSON Lines batch: each line's output text, or its scalar entry.

    A vectorised line gives its output text (``fmt``: ``summary``, ``csv`` or
    ``jsonl``; with ``binary``, explained lines come as UTF-8 bytes, as a
    UTF-8 output writes them); any other line gives the
    :class:`~crs.cli._batch.Entry` the scalar reader gives it, for ``crs
    score`` to score and write as before.  None when the vectorised path is
    off, NumPy is missing or the rule set in force on ``on`` cannot score
    columns (or, for ``jsonl``, explain them): the caller then reads the batch
    the scalar way.
    """
    from crs.rules import rules_in_force

    if not ENABLED or fmt not in ("summary", "csv", "jsonl"):
        return None
    modules = _modules()
    try:
        rules = rules_in_force(on)
    except CRSError:  # no rules on that date: the scalar path reports it on every line
        return None
    if modules is None or not rules.vectorised:
        return None
    if fmt == "jsonl":
        from crs.cli._explained import plan

        if not plan(rules):
            return None
    np, loads = modules
    return _rows(stream, on, fmt, rules, np, loads, binary and fmt == "jsonl")


def _rows(
    stream: IO[bytes], on: dt.date, fmt: str, rules: Any, np: Any, loads: Any, binary: bool
) -> Iterator[str | bytes | Entry]:
    size = CHUNK * EXPLAINED if fmt == "jsonl" else CHUNK
    with stream:
        chunk: list[tuple[int, bytes | _TooLong]] = []
        for number, line in enumerate(_lines(stream), start=1):
            if isinstance(line, bytes) and not line.strip():
                continue
            chunk.append((number, line))
            if len(chunk) >= size:
                yield from _chunk(chunk, on, fmt, rules, np, loads, binary)
                chunk = []
        if chunk:
            yield from _chunk(chunk, on, fmt, rules, np, loads, binary)


class _Sparse:
    """A column of a nested object's field: the cells of the rows that give the object."""

    __slots__ = ("cells", "rows")

    def __init__(self, rows: Any, cells: list[Any]) -> None:
        self.rows = rows  # the chunk positions (NumPy) of the rows that give the object
        self.cells = cells  # their cells, _ABSENT where the object does not give the field


def _gather(
    prefix: str,
    objects: list[dict[str, Any]],
    rows: Any,
    columns: dict[str, Any],
    usable: Any,
    keys: Any,
    np: Any,
) -> None:
    """Put the fields of ``objects`` (the objects at ``prefix`` of ``rows``) in ``columns``.

    A top-level column holds one cell a row; a nested object's field a
    :class:`_Sparse` column of the rows that give the object.  :data:`_ABSENT`
    marks a field not given.  A row with an unknown key, or a nested object
    that is not an object, is marked not ``usable``; ``keys`` counts each
    row's keys.
    """
    names: set[str] = set().union(*objects)
    n = len(objects)
    for name in names:
        path = prefix + name
        cells = [found.get(name, _ABSENT) for found in objects]
        if path in _NESTED:
            kinds = list(map(type, cells))
            if set(kinds) - {dict, _Absent}:  # a value where an object goes: scalar
                odd = np.fromiter((k not in (dict, _Absent) for k in kinds), bool, count=n)
                usable[odd if rows is None else rows[odd]] = False
            given = np.fromiter(map(is_, kinds, repeat(dict)), dtype=bool, count=n)
            inner = list(compress(cells, given))
            where = np.flatnonzero(given) if rows is None else rows[given]
            sizes = np.fromiter(map(len, inner), dtype=np.int64, count=len(inner))
            keys[where] += sizes
            empty = sizes == 0
            if empty.any():  # an object given with no field: its presence column
                presence: list[Any] = [_ABSENT] * len(keys)
                for row in where[empty].tolist():
                    presence[row] = True
                columns[path] = presence
            _gather(path + ".", inner, where, columns, usable, keys, np)
        elif path in _LEAVES:
            columns[path] = cells if rows is None else _Sparse(rows, cells)
        else:  # an unknown key: the scalar path names it
            unknown = np.fromiter((cell is not _ABSENT for cell in cells), bool, count=n)
            usable[unknown if rows is None else rows[unknown]] = False


class _Frame:
    """The few things :class:`crs.columns.Columns` asks of a frame, over Python lists."""

    def __init__(self, columns: dict[str, Any], n: int) -> None:
        self.columns = list(columns)
        self._data = columns
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, name: str) -> Any:
        return self._data[name]


def _columns_class() -> Any:
    from crs.columns import Columns

    class ListColumns(Columns):
        """:class:`~crs.columns.Columns` over Python lists (cells as JSON gives them)."""

        def _missing(self, column: Any, *, empty_lists: bool = False) -> Any:
            absent = _ABSENT
            return self.np.fromiter((v is absent for v in column), dtype=bool, count=self.n)

        def _presence(self, column: Any) -> Any:
            from crs._distinct import _Column

            np = self.np
            given = np.fromiter((v is True for v in column), dtype=bool, count=self.n)
            return _Column(np.where(given, 0, -1), [True, None], given, given, self._all, [0])

        def _distinct(self, column: Any) -> tuple[Any, list[Any], Any]:
            np = self.np
            if type(column) is _Sparse:  # a nested field: its rows' codes, -1 elsewhere
                n, self.n = self.n, len(column.cells)
                ok, self.ok = self.ok, np.ones(self.n, dtype=bool)
                try:
                    codes, uniques, seen = self._distinct(column.cells)
                    ok[column.rows] &= self.ok
                finally:
                    self.n, self.ok = n, ok
                full = np.full(n, -1, dtype=np.int64)
                full[column.rows] = codes
                return full, uniques, seen
            absent = _ABSENT
            kinds = set(map(type, column))
            kinds.discard(_Absent)
            if kinds & _ODD:  # null, an object or a list where a value goes: scalar
                odd = [type(v) in _ODD for v in column]
                self.ok &= ~np.array(odd, dtype=bool)
                column = [absent if bad else v for v, bad in zip(column, odd, strict=True)]
                kinds -= _ODD
            n = self.n
            if len(kinds) > 1:
                return self._mixed(column, kinds)
            found = dict.fromkeys(column)
            found.pop(absent, None)
            uniques = list(found)
            index = {key: i for i, key in enumerate(uniques)}
            index[absent] = -1
            codes = np.fromiter(map(index.__getitem__, column), dtype=np.int64, count=n)
            return codes, uniques, np.ones(len(uniques), dtype=bool)

        def _mixed(self, column: list[Any], kinds: set[type]) -> tuple[Any, list[Any], Any]:
            """:meth:`_distinct` of a column of several kinds: each value keyed with its kind.

            ``1``, ``1.0`` and ``True`` are equal in Python but not in JSON.
            """
            np = self.np
            n = self.n
            absent = _ABSENT
            tagged = list(zip(map(type, column), column, strict=True))
            found = dict.fromkeys(tagged)
            found.pop((_Absent, absent), None)
            uniques = [value for _, value in found]
            index = {key: i for i, key in enumerate(found)}
            index[(_Absent, absent)] = -1
            codes = np.fromiter(map(index.__getitem__, tagged), dtype=np.int64, count=n)
            return codes, uniques, np.ones(len(uniques), dtype=bool)

    return ListColumns


_CLASS: list[Any] = []
_BLOCK = 128
"""Explained lines (about 6 KB each) joined and handed to the output at a time: each
line's pieces are joined straight into its block, so no line is copied twice."""


@contextmanager
def _paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a chunk is scored (resumed after, if it was on).

    A chunk makes hundreds of thousands of small objects, nearly all freed by
    their reference counts, and the lines it explains are remembered in caches
    that grow to tens of thousands of entries: the collector's passes over
    them cost about a fifth of an explained batch and free almost nothing.
    The cycles a chunk may make are collected once it is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _chunk(
    chunk: list[tuple[int, bytes | _TooLong]],
    on: dt.date,
    fmt: str,
    rules: Any,
    np: Any,
    loads: Any,
    binary: bool = False,
) -> Iterator[str | bytes | Entry]:
    """The results of one chunk of lines, in order: runs of output text, and scalar entries."""
    empty: Any = b"" if binary else ""
    numbers = [number for number, _ in chunk]
    raws = [raw for _, raw in chunk]
    try:  # the usual chunk: every line a JSON object
        objects: list[Any] = list(map(loads, raws))
        plain = set(map(type, objects)) == {dict}
    except (ValueError, TypeError, RecursionError):
        plain = False
    if plain:
        where = list(range(len(chunk)))
        colons = list(map(bytes.count, raws, repeat(b":")))  # type: ignore[arg-type]
    else:
        objects, where, colons = [], [], []
        for position, raw in enumerate(raws):
            if type(raw) is not bytes:
                continue
            try:
                data = loads(raw)
            except (ValueError, TypeError, RecursionError):
                continue
            if type(data) is dict:
                objects.append(data)
                where.append(position)
                colons.append(raw.count(b":"))
    texts: list[Any] = [None] * len(chunk)
    if objects:
        try:
            with _paused_gc():
                found = _score(
                    objects, [numbers[i] for i in where], colons, on, fmt, rules, np, binary
                )
        except Exception:  # a defect here costs speed, never a result: the scalar path
            if STRICT:
                raise
            found = [None] * len(objects)
        if plain:
            if None not in found:  # the usual chunk: every line scored here
                if fmt != "jsonl":
                    yield "".join(found)
                    return
                for start in range(0, len(found), _BLOCK):  # explained: ~1 MB at a time
                    yield empty.join(chain.from_iterable(found[start : start + _BLOCK]))
                return
            texts = found
        else:
            for position, text in zip(where, found, strict=True):
                texts[position] = text
    run: list[str] = []
    for number, raw, text in zip(numbers, raws, texts, strict=True):
        if text is None:
            if run:
                yield empty.join(run)
                run = []
            yield entry_of(number, raw)
        else:
            run.append(empty.join(text) if type(text) is tuple else text)  # explained: pieces
    if run:
        yield empty.join(run)


_SUMMARY = (
    '{{{}"line":{},"total":{},"core":{},"spouse":{},"skill_transferability":{},"additional":{},'
).format
_CSV = "{},{},{},{},{},{},{},".format


def _score(
    objects: list[dict[str, Any]],
    numbers: list[int],
    colons: list[int],
    on: dt.date,
    fmt: str,
    rules: Any,
    np: Any,
    binary: bool = False,
) -> list[Any]:
    """The output text of each object (its input line is in ``numbers``); None: scalar.

    An explained line (``jsonl``) is a tuple of pieces, to join (bytes with ``binary``).
    """
    n = len(objects)
    columns: dict[str, Any] = {}
    usable = np.ones(n, dtype=bool)
    keys = np.fromiter(map(len, objects), dtype=np.int64, count=n)
    _gather("", objects, None, columns, usable, keys, np)
    # Each key is followed by its colon: more colons than keys is a key given twice
    # (the parser keeps one value) or a colon in a text; either way, the scalar path.
    same = keys == np.array(colons, dtype=np.int64)
    from crs.columns import add_sections

    if not _CLASS:
        _CLASS.append(_columns_class())
    checked = _CLASS[0](_Frame(columns, n), np, None)
    facts = checked.facts(on, rules)
    ok = checked.ok & same & usable
    points = np.zeros((5, n), dtype=np.int64)
    add_sections(points, facts, rules)
    tail_of, tail_texts = _tails(checked, ok, objects, on, fmt, rules, np)
    ids = checked.columns.get("id")
    heads = _ids(ids, "csv" if fmt == "csv" else "summary") if ids is not None else repeat("", n)
    rows = np.flatnonzero(ok)
    every = len(rows) == n
    if not every:
        numbers = [numbers[i] for i in rows.tolist()]
        heads = [h for h, good in zip(heads, ok.tolist(), strict=True) if good]
        tail_of = [tail_of[i] for i in rows.tolist()]
    if fmt == "jsonl":
        tails = map(tail_texts.__getitem__, tail_of)
        made = _explained(
            checked, facts, rows, objects, on, rules, np, heads, points, tails, numbers, binary
        )
    else:
        made = list(
            map(
                _SUMMARY if fmt == "summary" else _CSV,
                heads,
                numbers,
                *points.take(rows, axis=1).tolist(),
            )
        )
    if fmt == "jsonl":
        pass  # the tails are in
    elif len(tail_texts) == 1:
        tail = tail_texts[0]
        made = [text + tail for text in made]
    else:
        made = list(map(str.__add__, made, map(tail_texts.__getitem__, tail_of)))
    if every:
        return made
    out: list[Any] = [None] * n
    for i, text in zip(rows.tolist(), made, strict=True):
        out[i] = text
    return out


def _explained(
    checked: Any,
    facts: Any,
    rows: Any,
    objects: list[Any],
    on: dt.date,
    rules: Any,
    np: Any,
    heads: Any,
    points: Any,
    tails: Any,
    numbers: list[int],
    binary: bool,
) -> list[Any]:
    """Each scored row's explained output line (``--format jsonl``), as a tuple of pieces.

    Joined, as :meth:`crs.Score.to_json_text` writes it, then the input line
    number: the id, the subtotals, the rule set, the date and the provenance,
    the lines (:mod:`crs.cli._explained`), the warnings (in ``tails``).
    """
    from crs.breakdown import _dumps, _provenance
    from crs.cli._explained import Explainer

    middle = _dumps({"rules": rules.name, "on": on.isoformat(), **_provenance()})[1:-1]
    start = (
        '{{{}"total":{},"core":{},"spouse":{},"skill_transferability":{},"additional":{},'
        + middle.replace("{", "{{").replace("}", "}}")
        + ',"lines":['
    ).format
    end = '],{}"line":{}}}\n'.format
    explainer = Explainer(checked, facts, rows, objects, on, rules, np, binary)
    pieces = explainer.pieces()
    starts = list(map(start, heads, *points.take(rows, axis=1).tolist()))
    ends = list(map(end, tails, numbers))
    if binary:
        starts = list(map(explainer.encode, starts))
        ends = list(map(explainer.encode, ends))
    # Each row as its pieces, joined only into the block that is written (see _chunk).
    columns = [piece if type(piece) is list else repeat(piece) for piece in pieces]
    return list(zip(starts, *columns, ends, strict=False))  # the repeats never end


def _ids(column: Any, fmt: str) -> list[str]:
    """Each row's id as its output text (summary: ``"id":...,``; csv: the cell)."""
    texts = []
    for value in column.values:
        if value is None or value is UNKNOWN:  # none, or refused (that row is not scored here)
            texts.append("")
        elif fmt == "summary":
            texts.append(f'"id":{dumps(value)},')
        else:
            texts.append(csv_row([value, 0])[:-4])  # the cell as the row writes it
    return [texts[code] for code in column.codes.tolist()]


def _tails(
    checked: Any, ok: Any, raws: list[Any], on: dt.date, fmt: str, rules: Any, np: Any
) -> tuple[list[int], list[str]]:
    """Each row's tail code, and each tail's text: rules, date and warnings (and csv's error)."""
    from crs.breakdown import _dumps
    from crs.io import load_profile
    from crs.scoring import score

    n = checked.n
    key = np.zeros(n, dtype=np.int64)
    size = 1  # key < size
    for name, column in sorted(checked.columns.items()):
        if name not in _UNWARNED:
            if size * (len(column.values) + 1) >= 2**62:
                key = _compact(np, key)
                size = n
            key = key * (len(column.values) + 1) + (column.codes + 1)
            size *= len(column.values) + 1
    rows = np.flatnonzero(ok)
    _, first, inverse = np.unique(key.take(rows), return_index=True, return_inverse=True)
    tail_of = [-1] * n
    for row, code in zip(rows.tolist(), inverse.ravel().tolist(), strict=True):
        tail_of[row] = code
    read = [
        (name, column.codes, column.values)
        for name, column in sorted(checked.columns.items())
        if name not in _UNWARNED
    ]
    texts = []
    for i in rows.take(first).tolist():
        # The first row of each case, scored the scalar way: its warnings are the case's
        # (remembered by the values read, with their kinds, for the chunks to come).
        cells = [(name, known[int(codes[i])]) for name, codes, known in read]
        case = (id(rules), on, *((name, type(cell), cell) for name, cell in cells))
        found = _WARNINGS.get(case)
        if found is None or found[0] is not rules:
            if len(_WARNINGS) >= 10_000:
                _WARNINGS.clear()
            found = _WARNINGS[case] = (
                rules,
                score(load_profile(raws[i]), on, rules=rules).warnings,
            )
        warnings = found[1]
        if fmt == "jsonl":
            texts.append(f'"warnings":{_dumps(list(warnings))},')
        elif fmt == "summary":
            texts.append(
                f'"rules":{dumps(rules.name)},"on":"{on.isoformat()}",'
                f'"warnings":{dumps(list(warnings))}}}\n'
            )
        else:
            texts.append(csv_row([rules.name, on.isoformat(), "; ".join(warnings), None]))
    return tail_of, texts


_WARNINGS: dict[tuple[Any, ...], tuple[Any, tuple[str, ...]]] = {}
"""The warnings of each case seen (see :func:`_tails`), by the values they read."""


def _compact(np: Any, key: Any) -> Any:
    """``key`` renumbered 0, 1, ... by distinct value, so that it never overflows."""
    _, inverse = np.unique(key, return_inverse=True)
    return inverse.ravel().astype(np.int64)
