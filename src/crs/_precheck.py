"""The whole-frame checks of `crs.score_frame`, and the helpers `crs.columns.Columns` shares.

:func:`precheck` tests the cross-field rules that tie coded columns together once
for a whole frame (by pairs of codes, a block of rows at a time), so a chunk is
left only what it must read row by row; the helpers read a rule's verdicts and a
distinct value's reading once a call, by value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from crs._distinct import (
    _EPOCH,
    CodedRows,
    _Column,
    by_value,
    category_readings,
)
from crs._level_columns import CHART_BREAKS
from crs.checks import FIELDS, RULES
from crs.flat import PRESENCE_COLUMNS
from crs.profile import (
    ABILITIES,
    LanguageResult,
    LanguageTest,
    OfficialLanguage,
    Profile,
    Spouse,
    age_problem,
    completed_years,
)
from crs.specs import UNKNOWN, Flag, Nested, Rule

if TYPE_CHECKING:
    pass


_LANGUAGES = ("first_language", "second_language", "spouse.first_language")
_SCORES = tuple(ability.value for ability in ABILITIES)
_OBJECTS: dict[str, type] = {"": Profile, "spouse": Spouse} | dict.fromkeys(
    _LANGUAGES, LanguageResult
)
_LEAVES = {
    path: spec
    for path, spec in (
        (f"{prefix}.{name}" if prefix else name, spec)
        for prefix, cls in _OBJECTS.items()
        for name, spec in FIELDS[cls].items()
    )
    if not isinstance(spec, Nested) and path != "work_history"
}
FLAG_COLUMNS: tuple[str, ...] = (
    *(path for path, spec in _LEAVES.items() if isinstance(spec, Flag)),
    *PRESENCE_COLUMNS,
)
"""The columns of true/false fields, and the presence columns of nested objects."""

_TESTS = tuple(LanguageTest)
_LANGUAGE_OF_TEST = [list(OfficialLanguage).index(test.language) for test in _TESTS] + [-1]
_BREAK_DAYS = [(day - _EPOCH).days for day in CHART_BREAKS]
_NO_DAY = -(10**9)


_BOTH: list[Any] = [False, True]
_NONE: list[Any] = [None]
_VERDICTS = 1 << 20
"""The most combinations of one rule whose verdicts a call remembers in an array."""


def _share(memo: dict[Any, Any], values: list[Any]) -> None:
    """Mark ``values`` as shared by the chunks of a call (kept alive, so its id stays its)."""
    memo[("shared", id(values))] = values


def _is_shared(memo: dict[Any, Any] | None, values: list[Any]) -> bool:
    if values is _BOTH or values is _NONE:
        return True
    return memo is not None and memo.get(("shared", id(values))) is values


def _refuses(rule: Rule, args: list[Any]) -> bool:
    """Whether ``rule`` refuses ``args``, remembered by the values (see :data:`BY_VALUE`)."""
    key = ("rule", id(rule), *((type(arg), arg) for arg in args))  # 8 and 8.0 apart
    found: bool = by_value(key, lambda: rule.test(*args) is not None)
    return found


def _tested(np: Any, rule: Rule, combos: Any, values: list[list[Any]], order: list[int]) -> Any:
    """Whether ``rule`` refuses each combination of codes (a number, see :meth:`Columns._key`).

    The codes are taken apart with NumPy (the read at ``order[-1]`` varies
    fastest); each combination of values is tested once (remembered by the
    values), none with an unreadable one (its row is refused by its field).
    """
    codes: list[Any] = [None] * len(order)
    rest = combos
    for position in reversed(order):
        rest, code = np.divmod(rest, len(values[position]))
        codes[position] = code.tolist()
    out = []
    for parts in zip(*codes, strict=True):
        args = [values[p][c] for p, c in enumerate(parts)]
        out.append(not any(arg is UNKNOWN for arg in args) and _refuses(rule, args))
    return np.array(out, dtype=bool)


@attrs.define
class Prechecked:
    """Rules checked on a whole frame at once, before its chunks (see :func:`precheck`).

    Attributes:
        done: The rules checked, as ``(object path, id(rule))``: the chunks skip them.
        refused: Which rows of the frame they refuse (a NumPy mask), or None: none.
    """

    done: frozenset[tuple[str, int]] = frozenset()
    refused: Any = None


_BLOCK = 1 << 16
"""Rows :func:`precheck` reads at a time: its keys stay in the cache, whatever the frame.

(Measured on 200,000 rows: 65,536 rows a block take 4 ms, one block of all of
them 10 ms; 8,192 rows 5.6 ms.)"""


def precheck(frame: Any, np: Any, pd: Any, memo: dict[Any, Any]) -> Prechecked:
    """Check on the whole frame the rules that read only category columns: see :func:`planned`."""
    done, scan = planned(frame, np, pd, memo)
    return Prechecked(done, scan())


def planned(
    frame: Any, np: Any, pd: Any, memo: dict[Any, Any]
) -> tuple[frozenset[tuple[str, int]], Callable[[], Any]]:
    """The rules checked on the whole frame, and the scan of its rows that checks them.

    Check on the whole frame the rules that read only category columns (the typed input).

    Such a rule's combinations of values are the combinations of the columns'
    category codes, which the whole frame shares: one key a row (small
    integers) and one gather of the verdicts, each combination tested once
    (remembered by the values), and no work left for the chunks.  A rule is
    checked here only where its verdict on a row without the object (every
    read missing) is that it holds, or where it reads a required field (a row
    without it is refused by that check, or has no object); so checking rows
    without the object changes nothing.  Any other rule is left to the chunks.
    The scan (a call: the rows it refuses, or None) may run later:
    :func:`crs.score_frame` with its compiled loop runs it while the loop works,
    for only the rows left to the scalar path need it.

    ``frame`` is a pandas frame, or any object with its ``columns``, its length
    and a column by its label, which may be a :class:`~crs._distinct.CodedRows`
    (what :func:`crs.score_frame` reads as categories: flags, whole numbers,
    numbers on the half-point grid).
    """
    labels = {str(c): c for c in frame.columns}
    if len(labels) != len(frame.columns):
        return frozenset(), lambda: None
    done: set[tuple[str, int]] = set()
    checks = []
    folded = _folded_groups(frame, labels, pd)
    for prefix, cls in _OBJECTS.items():
        for rule in RULES[cls]:
            if prefix in folded and any(rule is folds for folds in _SCORE_RULES.values()):
                done.add((prefix, id(rule)))  # checked with the levels (see _folds)
                continue
            paths = [f"{prefix}.{r}" if prefix else r for r in rule.reads]
            alike = list(rule.alike) or [None] * len(paths)
            parts: list[tuple[Any, list[Any]]] = []
            for path, like in zip(paths, alike, strict=True):
                label = labels.get(path)
                if path.endswith("?"):
                    given = _given_codes(frame, labels, path[:-1], pd)
                    if given is None:
                        break
                    parts.append(given)
                    continue
                if label is None:
                    parts.append((None, _NONE))  # not given anywhere: code 0
                    continue
                column = frame[label]
                spec = _LEAVES.get(path)
                if (
                    spec is None
                    or like is not None
                    or not isinstance(column.dtype, pd.CategoricalDtype)
                ):
                    break
                found = category_readings(np, memo, path, spec, column.dtype.categories)
                codes = column.codes if isinstance(column, CodedRows) else column.array.codes
                parts.append((("codes", codes), _shared_read_values(memo, found[1])))
            else:
                values = [read for _, read in parts]
                size = math.prod(len(read) for read in values)
                order = list(range(len(parts)))
                # A row without a required field is refused by that (or has no object).
                required = [r.split(".")[0] in _REQUIRED[cls] for r in rule.reads]
                # (The profile itself is in every row: no row is without it.)
                if size > _VERDICTS or (
                    prefix
                    and not any(required)
                    and _tested(np, rule, np.zeros(1, np.int64), values, order)[0]
                ):
                    continue
                done.add((prefix, id(rule)))
                table = _verdicts_by_value(np, rule, values, size, "prechecked")
                checks.append((rule, paths, parts, values, order, required, table))
    n = len(frame)
    return frozenset(done), lambda: _scan(np, checks, n)


def _scan(np: Any, checks: list[Any], n: int) -> Any:
    """The rows the planned checks refuse (a mask), or None: none (see :func:`precheck`)."""
    refused = None
    for start in range(0, n, _BLOCK):
        coded: dict[str, Any] = {}  # each column's codes + 1 (0: missing), made once a block
        for rule, paths, parts, values, order, required, table in checks:
            key = None
            for path, (source, read) in zip(paths, parts, strict=True):
                if source is None:
                    continue  # one value: code 0 in every row
                code = coded.get(path)
                if code is None:
                    kind, columns = source
                    if kind == "codes":
                        code = columns[start : start + _BLOCK].astype(np.int32)
                        code += 1
                    else:  # given: any of the columns (1), or none (0)
                        given = np.zeros(len(columns[0][start : start + _BLOCK]), dtype=bool)
                        for codes in columns:
                            given |= codes[start : start + _BLOCK] >= 0
                        code = given.view(np.int8)
                    coded[path] = code
                key = code if key is None else np.multiply(key, len(read), dtype=np.int32) + code
            if key is None:  # every read one value: combination 0 in every row
                key = np.zeros(min(n, start + _BLOCK) - start, dtype=np.int8)
            verdicts = table.take(key)
            if not verdicts.any():  # every combination tested before, and none refused
                continue
            if (verdicts < 0).any():
                # The combinations some row holds (a count by key: no sort), not tested yet.
                combos = np.flatnonzero(np.bincount(key, minlength=len(table)))
                todo = combos[table.take(combos) < 0]
                table[todo] = _required_given(
                    np, todo, values, required, _tested(np, rule, todo, values, order)
                )
                verdicts = table.take(key)
            rows = verdicts > 0
            if rows.any():
                if refused is None:
                    refused = np.zeros(n, dtype=bool)
                refused[start : start + len(rows)] |= rows
    return refused


_FALSE: list[Any] = [False]
"""The one value of a "given?" read of what no column gives (see :func:`_given_codes`)."""


def _given_codes(frame: Any, labels: dict[str, Any], name: str, pd: Any) -> Any:
    """A "``name``?" read for :func:`precheck`: its source and values, or None: not here.

    As :meth:`Columns._read` reads it: whether the field (or, for an object,
    any field below it) is given.  Nothing in the frame gives it: code 0,
    False.  Category columns give it: 1 where any of their codes is not -1.
    A presence column, a column read otherwise, or an object whose fields are
    not all categories: None (the chunks read it).
    """
    inner = [path for path in labels if path.startswith(name + ".")]
    if any(path not in _LEAVES for path in inner):
        return None  # a presence column of an object below, or a misspelt field
    below = [labels[path] for path in inner]
    if name in labels:
        if below or name not in _LEAVES:
            return None  # an object's presence column, or a column of lists
        below = [labels[name]]
    if not below:
        return None, _FALSE
    columns = [frame[label] for label in below]
    if not all(isinstance(column.dtype, pd.CategoricalDtype) for column in columns):
        return None
    codes = [c.codes if isinstance(c, CodedRows) else c.array.codes for c in columns]
    return ("given", codes), _BOTH


def _folded_groups(frame: Any, labels: dict[str, Any], pd: Any) -> set[str]:
    """The language groups of ``frame`` whose level tables check their score rules (see _folds)."""
    folded = set()
    for prefix in _LANGUAGES:
        if f"{prefix}.test_date" in labels:
            continue
        paths = [f"{prefix}.{name}" for name in ("test", *_SCORES)]
        if any(path not in labels for path in paths):
            continue
        dtypes = [frame[labels[path]].dtype for path in paths]
        if not all(isinstance(dtype, pd.CategoricalDtype) for dtype in dtypes):
            continue
        sizes = [len(dtype.categories) + 1 for dtype in dtypes]  # with the missing cell
        if _folds(sizes[0], sizes[1:]):
            folded.add(prefix)
    return folded


def _required_given(
    np: Any, combos: Any, values: list[list[Any]], required: list[bool], bad: Any
) -> Any:
    """``bad``, cleared where a required read is not given (code 0): such rows never count."""
    stride = math.prod(len(read) for read in values)
    for read, needed in zip(values, required, strict=True):
        stride //= len(read)
        if needed:
            bad &= (combos // stride) % len(read) != 0
    return bad


def _verdicts_by_value(
    np: Any, rule: Rule, values: list[list[Any]], size: int, kind: str = "verdicts"
) -> Any:
    """The verdicts of ``rule`` by combination of codes of ``values``, remembered with them.

    An ``int8`` array, -1 where not tested yet, 1 where refused, 0 where it holds.
    ``values`` are read lists of categories, which a later call reading the same
    categories gets again (see :func:`_shared_read_values`), so that it finds the
    verdicts tested before; the entry holds the lists, so their ids stay theirs.
    """
    key = (kind, id(rule), *map(id, values))
    entry = by_value(key, lambda: (values, np.full(size, -1, dtype=np.int8)), nbytes=size)
    return entry[1]


_REQUIRED: dict[type, frozenset[str]] = {
    cls: frozenset(f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING)
    for cls in set(_OBJECTS.values())
}
"""The fields each object must give (a row without one is refused by :meth:`Columns._required`)."""

_SCORE_RULES: dict[str, Rule] = {
    rule.reads[1]: rule
    for rule in RULES[LanguageResult]
    if len(rule.reads) == 3
    and rule.reads[::2] == ("test", "test_date")
    and rule.reads[1] in _SCORES
}
"""The rule of each ability's score on its test's scale (reads the test, the score, the date)."""
_FOLDED = 4096
"""The most (test, score) pairs of categories whose verdicts a level table holds (see _folds)."""


def _folds(tests: int, widths: list[int]) -> bool:
    """Whether a language group's score rules are checked in its level tables.

    For a group of category columns with no test dates (read by
    :meth:`~crs._fact_columns._FactReading._levels_by_codes`), each (test, score) pair of categories
    is tested by its ability's rule once, with the level tables, and a refused
    pair reads level -1: a row's lowest level below 0 refuses it, and
    :func:`precheck` and the chunks leave those rules alone.  Only where the
    pairs are few (``tests`` and each ability's ``widths``: categories + 1),
    so that testing every pair, seen or not, stays cheap.
    """
    return len(_SCORE_RULES) == len(_SCORES) and tests * max(widths) <= _FOLDED


def _shared_read_values(memo: dict[Any, Any], values: list[Any]) -> list[Any]:
    """The read values of a shared category column (see :meth:`Columns._read_values`)."""
    key = ("read", id(values))
    found = memo.get(key)
    if found is None:
        # Kept with the values (whose id is the key while the entry holds them), so
        # that a later call reading the same categories gets the very same list.
        found = memo[key] = by_value(key, lambda: (values, [None, *values[:-1]]))
        _share(memo, found[1])
    read: list[Any] = found[1]
    return read


def _ages(np: Any, born: _Column, on: dt.date) -> tuple[Any, Any]:
    """Each date of birth's age on ``on``, and whether it is later than ``on`` (refused)."""
    ages = np.zeros(len(born.values), dtype=np.int64)
    later = np.zeros(len(born.values), dtype=bool)
    for i, day in enumerate(born.values):
        if isinstance(day, dt.date):
            later[i] = age_problem(day, on) is not None  # the scalar path says why
            ages[i] = 0 if later[i] else completed_years(day, on)
    return ages, later


def _eras(np: Any, dated: _Column) -> Any:
    """Each test date's era of charts (see :func:`~crs._level_columns.chart_table`)."""
    days = np.array(
        [(d - _EPOCH).days if isinstance(d, dt.date) else _NO_DAY for d in dated.values]
    )
    eras = np.searchsorted(_BREAK_DAYS, days, side="right")
    eras[days == _NO_DAY] = len(CHART_BREAKS) + 1
    return eras


def _fold(table: Any, rule: Rule, tests: list[Any], scores: list[Any]) -> None:
    """Mark -1 in ``table`` each (test, score) pair of categories that ``rule`` refuses.

    Row 0 and column 0 are the missing test and score (such a row is refused
    by its required field, or has no result), as is an unreadable value (refused
    by its field); the test date, not given, is read as missing (None).
    """
    for row, test in enumerate(tests[:-1], start=1):
        if test is UNKNOWN or test is None:
            continue
        for column, score in enumerate(scores[:-1], start=1):
            if score is not UNKNOWN and score is not None and _refuses(rule, [test, score, None]):
                table[row, column] = -1
