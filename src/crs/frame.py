"""Score a DataFrame of profiles at once (pandas, Polars or PyArrow), vectorised with NumPy.

:func:`score_frame` takes one profile a row in the flat form
(:mod:`crs.flat`: the columns :func:`crs.to_frame` writes, or those
:func:`pandas.json_normalize` makes of the profile JSON), and returns the total
and the four section subtotals of every row, index-aligned, with an ``error``
column that names what is wrong with a row that cannot be scored.

How it stays exact, with no second copy of any rule:

* Values are checked by the declared specs and rules (:mod:`crs.checks`),
  each distinct value and combination once (:class:`crs.columns.Columns`).
  Text, flag and number columns are coded once for the whole frame (text as
  categories, flags as booleans, whole numbers and floats of whole numbers or
  halves by their count of steps, other floats as categories), so that every
  chunk reads a column by codes that the whole frame shares, and the rules
  that tie coded columns together are checked once for the frame
  (:func:`crs.columns.precheck`; a score on its test's scale with the language
  levels).  Readings, verdicts and language levels are remembered by the
  values across calls (:data:`crs._distinct.BY_VALUE`).
* The points come from walking ``rules.sections`` exactly as :func:`crs.score`
  does: every factor kind and table scores a column of facts with the same
  data it scores one profile with (:meth:`crs.ruleset.Factor.column`).
* A row that the checks refuse, or that holds a work history, goes through
  :func:`crs.load_profile` and :func:`crs.score` instead, which score it or
  give its error, field path included.
* A rule set with a :class:`~crs.factors.kinds.Custom` factor that has no array
  function is scored row by row, with a warning that says so.

NumPy and pandas come with the ``batch`` extra: ``pip install 'crs-calculator[batch]'``;
Polars and PyArrow frames need those libraries too (the ``polars`` and ``arrow`` extras).
"""

from __future__ import annotations

import datetime as dt
import itertools
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from crs import _kernels
from crs._coding import _as_codes, _typed
from crs._dates import as_date
from crs._distinct import CodedRows
from crs._frames import as_pandas, kind_of, restore_flags, to_kind
from crs._precheck import _LEAVES as LEAVES
from crs._precheck import planned
from crs.caveats import caveats
from crs.columns import FLAG_COLUMNS, Columns, Prechecked, add_sections, precheck
from crs.errors import CRSError, Problem
from crs.flat import COLUMNS, _modules, repeated_columns, row_profile, rows
from crs.io import load_profile
from crs.rules import rules_in_force
from crs.scoring import score
from crs.synthetic import synthetic_frame

if TYPE_CHECKING:
    import pandas as pd

    from crs.ruleset import RuleSet

__all__ = [
    "COLUMNS",
    "RESULT_COLUMNS",
    "CaveatWarning",
    "RowByRowWarning",
    "row_profile",
    "score_frame",
    "synthetic_frame",
    "typed_frame",
]

RESULT_COLUMNS: tuple[str, ...] = (
    "total",
    "core",
    "spouse",
    "skill_transferability",
    "additional",
    "error",
)
"""The columns of the frame :func:`score_frame` returns, in order."""

_CHUNK = 32768
"""Rows scored at a time: the temporaries of a chunk stay small, whatever the frame's size.

Small enough that a chunk's arrays (a quarter of a megabyte each) stay in the cache
and are reused from one chunk to the next rather than fresh pages each time, large
enough that the per-chunk Python work stays a small part (measured on 200,000 rows:
32,768 faster than 16,384 and than 65,536)."""


class RowByRowWarning(UserWarning):
    """A rule set that :func:`score_frame` can only score one row at a time."""


class CaveatWarning(UserWarning):
    """A caveat on every score of a :func:`score_frame` call.

    A change in force on the call's date that ``crs`` does not model
    (:func:`crs.caveats.caveats`), as :func:`crs.score` lists it in
    :attr:`crs.Score.warnings`: the frame has no warnings column, so it is said
    once a call.
    """


def score_frame(
    frame: Any,
    on: dt.date | str | None = None,
    *,
    rules: RuleSet | None = None,
    keep: Sequence[str] | None = None,
    engine: str = "auto",
) -> Any:
    """Score every row of ``frame`` on ``on``: the totals of :func:`crs.score`, vectorised.

    Args:
        frame: One profile a row, in the flat form (see :mod:`crs.flat`);
            missing values NaN, None or null.  A pandas or Polars ``DataFrame``
            or a PyArrow ``Table`` (see :mod:`crs._frames`, the one adapter).
            The typed input (text and float columns as ``category``, flags
            as ``boolean``: :func:`typed_frame`) is read without decoding.
        on: The scoring date (a date or ``YYYY-MM-DD``; None: today).
        rules: A rule set to use instead of the one in force on ``on``.  Rule
            sets pickle, so a custom one travels to Dask or Spark workers.
        keep: Columns that are not profile fields (ids, names, regions), copied
            to the result untouched, first, and not read.  Default: ``id``
            when the frame has it.  Any other column that is not a profile field
            is reported in ``error``, as a misspelt field would be.
        engine: How the points of the checked rows are added up: ``"numpy"``
            walks the rule set's sections with NumPy, ``"numba"`` runs them as
            one compiled loop (:mod:`crs._kernels`; needs the ``numba`` extra)
            run on a second thread beside the reading of the next chunk, and
            ``"auto"`` (the default) takes the loop where this process has
            loaded it already (an earlier ``engine="numba"`` call with the same
            rules), NumPy otherwise: loading it (about half a second, the first
            time on a machine a second or two to compile) is never paid unasked.
            Every engine gives the same scores; a rule set with a factor the
            loop cannot write (a ``Custom`` one with an array function, a class
            of one's own) is walked with NumPy (a ``Custom`` one without is
            scored row by row, whatever the engine).

    Returns:
        A frame of the same library (pandas: with the index of ``frame``): the
        ``keep`` columns, then ``total``, ``core``, ``spouse``,
        ``skill_transferability``, ``additional`` (nullable integers, missing
        where the row has an error) and ``error`` (None, or the problems of the
        row, each with its field path, joined by ``"; "``).

    Raises:
        DateOutOfRangeError: If ``on`` is before 2015-01-01 and no ``rules`` are given.
        ImportError: If NumPy or pandas is not installed.
        TypeError: If ``frame`` is not a pandas, Polars or PyArrow frame.
        KeyError: If a ``keep`` column is not in the frame.
        ValueError: If a ``keep`` column has the name of a result column
            (``total``, ``error``, ...), or ``engine`` is not one of the three.
        ImportError: If ``engine="numba"`` and numba is not installed.

    >>> import datetime as dt, pandas as pd
    >>> frame = pd.json_normalize([
    ...     {"age": 29, "education": "bachelors", "foreign_work_years": 3,
    ...      "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
    ...                         "writing": 7.0, "speaking": 7.0}},
    ...     {"age": 29.5, "education": "bachelors"},
    ... ])
    >>> result = score_frame(frame, on=dt.date(2026, 2, 19))
    >>> result["total"].tolist()
    [429, <NA>]
    >>> result["error"].tolist()
    [None, 'age: 29.5 is not a whole number']
    """
    np, pandas = _modules()
    _kernels.check_engine(engine)
    kind = kind_of(frame)
    original, frame = frame, as_pandas(frame)
    kept = _kept(frame, keep)
    # Kept columns that are not profile fields leave the profile; a kept ``id`` is
    # both checked as the profile's id and copied to the result.
    extra = [label for label in kept if str(label) not in COLUMNS]
    if extra:
        frame = frame.drop(columns=extra)
    frame = restore_flags(frame, FLAG_COLUMNS)
    on = as_date(on)
    if rules is None:
        rules = rules_in_force(on)
    for caveat in caveats(on):  # the frame has no warnings column: said once a call
        warnings.warn(caveat, CaveatWarning, stacklevel=2)
    n = len(frame)
    numbers = np.zeros((5, n), dtype=np.int64)
    errors = np.full(n, None, dtype=object)
    failed = np.zeros(n, dtype=bool)
    twice = repeated_columns(frame.columns)  # every row reports them, none is scored
    vectorised = rules.vectorised and not twice
    if not rules.vectorised:
        warnings.warn(
            f"the rule set {rules.name!r} has a factor without an array function "
            "(a Custom factor without columns=): score_frame scores it row by row",
            RowByRowWarning,
            stacklevel=2,
        )
    # What the chunks read alike, each value and combination once.
    memo: dict[Any, Any] = {}
    if vectorised:
        # Each column's distinct values found once for the whole frame, not a chunk at a time.
        # Text and flags typed; numbers coded by _Whole (floats on the half-point grid).
        frame = _typed(frame, pandas, numbers=False)
        whole = _Whole(frame, pandas)
    compiled = _kernels.for_engine(rules, engine) if vectorised else None
    beside = _kernels.beside() if compiled is not None and n > _CHUNK else None
    # The whole frame's check of its category columns: with the loop beside, its rows are
    # scanned once the loop has begun (only the scalar rows need them), not before.
    scanned: list[Any] = []
    if beside is not None:
        done, scan = planned(whole.rows(0, n), np, pandas, memo)
        checked = Prechecked(done)
    elif vectorised:
        checked = precheck(whole.rows(0, n), np, pandas, memo)
    # The rows the loop refuses (a score off its test's scale): scored by the scalar path.
    refused_rows = np.zeros(n, dtype=bool) if compiled is not None else None
    queued: list[tuple[Any, tuple[Any, ...], int, Any]] = []  # chunks given beside, not done
    given: list[tuple[int, Any]] = []  # chunks the loop is done with: (start, ok)

    def finish(start: int, ok: Any) -> None:
        """Score the rows of the chunk at ``start`` that the vectorised path left, one by one."""
        left = ~ok
        if refused_rows is not None:
            left |= refused_rows[start : start + len(ok)]
        if beside is not None:
            if not scanned:
                scanned.append(scan())
            if scanned[0] is not None:
                left |= scanned[0][start : start + len(ok)]
        positions = np.flatnonzero(left).tolist()
        for i, (result, error) in zip(
            positions,
            _score_rows(frame, [start + i for i in positions], on, rules, twice),
            strict=True,
        ):
            if result is None:
                errors[start + i] = error
                failed[start + i] = True
            else:
                numbers[:, start + i] = result

    for start, stop in _chunks(n, first=_CHUNK // 4 if beside is not None else _CHUNK):
        if not vectorised:
            finish(start, np.zeros(stop - start, dtype=bool))
            continue
        refused = checked.refused
        if refused is not None:
            refused = refused[start:stop]
        part_checked = Prechecked(checked.done, refused)
        rows_of: Any = whole.rows(start, stop)  # the few things Columns asks of a frame
        columns = Columns(rows_of, np, pandas, memo, checked=part_checked)
        facts = columns.facts(on, rules, coded=compiled is not None)
        ok = columns.ok
        part = numbers[:, start:stop]
        if compiled is None:
            add_sections(part, facts, rules)
            finish(start, ok)
            continue
        args = (part, facts, ok, refused_rows[start:stop])  # type: ignore[index]
        if beside is None:
            compiled(*args)
            finish(start, ok)
            continue
        # On a second core while this one reads the next chunk (the loop holds no
        # lock; it writes only its chunk's ok rows, the scalar path the others, after
        # it).  At most QUEUED chunks' facts are held.
        if len(queued) == _kernels.QUEUED:
            if not scanned:  # work of this core's while the loop catches up
                scanned.append(scan())
            future, _, at, done_ok = queued.pop(0)
            future.result()
            given.append((at, done_ok))
        queued.append((beside.submit(compiled, *args), args, start, ok))
    # The chunks not begun beside are run here, on this core, while the last one runs there.
    for future, args, _, _ in reversed(queued):
        if future.cancel():
            compiled(*args)  # type: ignore[misc]
    for future, _, at, done_ok in queued:
        if not future.cancelled():
            future.result()
        given.append((at, done_ok))
    for at, done_ok in given:  # the loop's chunks' scalar rows, once it is done
        finish(at, done_ok)
    data: dict[str, Any] = {
        name: pandas.arrays.IntegerArray(numbers[i], failed.copy())
        for i, name in enumerate(RESULT_COLUMNS[:5])
    }
    data["error"] = pandas.Series(errors, index=frame.index, dtype=object, copy=False)
    result = pandas.DataFrame(data, index=frame.index, copy=False)
    return to_kind(result, kind, original, kept)


def _chunks(n: int, first: int) -> list[tuple[int, int]]:
    """The (start, stop) of each chunk: ``first`` rows, then :data:`_CHUNK` at a time.

    A short first chunk starts the compiled loop beside sooner (it waits for a
    chunk's facts), and it is the loop, not the reading, that ends the call.
    """
    bounds = [0, *range(min(first, n), n, _CHUNK), n] if n else [0]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


class _Whole:
    """A frame's columns taken once, so that each chunk slices them without pandas' lookups.

    A category column's chunk is its codes' slice with its dtype (all that
    :class:`~crs.columns.Columns` reads of it); any other column's is a pandas slice.
    """

    def __init__(self, frame: pd.DataFrame, pandas: Any) -> None:
        self.labels = list(frame.columns)
        # items() yields each column by position, as iloc[:, i] did, without iloc's
        # indexing machinery a column (a frame with duplicate labels is scored row
        # by row: Columns refuses it whole).
        self.series = dict(frame.items())
        self.codes: dict[Any, Any] = {}
        self.dtypes: dict[Any, Any] = {}
        for label, column in self.series.items():
            if str(label) not in LEAVES:
                continue
            coded = _as_codes(column, pandas)
            if coded is not None:
                self.dtypes[label], self.codes[label] = coded

    def rows(self, start: int, stop: int) -> _Rows:
        """Rows ``start`` to ``stop`` as :class:`~crs.columns.Columns` reads a frame."""
        return _Rows(self, start, stop)


class _Rows:
    """Rows of a :class:`_Whole`: the labels, the length, and a column by its label."""

    def __init__(self, whole: _Whole, start: int, stop: int) -> None:
        self.columns = whole.labels
        self._whole, self._start, self._stop = whole, start, stop

    def __len__(self) -> int:
        return self._stop - self._start

    def __getitem__(self, label: Any) -> Any:
        whole = self._whole
        codes = whole.codes.get(label)
        if codes is not None:
            return CodedRows(whole.dtypes[label], codes[self._start : self._stop])
        return whole.series[label].iloc[self._start : self._stop]


def _kept(frame: pd.DataFrame, keep: Sequence[str] | None) -> list[Any]:
    """The labels of the ``keep`` columns (default: ``id`` when present)."""
    labels = {str(c): c for c in frame.columns}
    if keep is None:
        return [labels["id"]] if "id" in labels else []
    if isinstance(keep, str):
        keep = [keep]
    keep = list(dict.fromkeys(keep))  # a name given twice is kept once
    absent = [name for name in keep if name not in labels]
    if absent:
        raise KeyError(f"keep: the frame has no column {', '.join(map(repr, absent))}")
    clash = [name for name in keep if name in RESULT_COLUMNS]
    if clash:  # the result would hold two columns of that name
        raise ValueError(
            f"keep: {', '.join(map(repr, clash))} is also a column of the result; "
            "rename it in the frame first"
        )
    return [labels[name] for name in keep]


def typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` in the typed input of :func:`score_frame`: it then skips decoding.

    The typed input is the flat form with each text column (a choice such as
    ``education`` or ``first_language.test``, a date, a NOC code, an id) and
    each column of numbers with a missing value (``float64`` with NaN: test
    scores, a spouse's years) as a pandas ``category`` column, and each
    true-or-false column as a ``boolean`` (nullable) column; whole-number
    columns with no missing value stay ``int64`` (or ``Int64``).
    :func:`score_frame` then reads each category once and each row by its
    code, and checks nothing twice.  Build such a frame directly
    (``pd.Categorical``, ``dtype="boolean"``) or convert one with this
    function; scores and errors are the same either way.  A text column of a
    choice's names (``education``, ``first_language.test``) gets every name its
    field reads as its categories, so that frames typed apart share one dtype;
    any other text column gets the values it holds, sorted.

    >>> import pandas as pd
    >>> frame = typed_frame(pd.json_normalize([{"age": 30, "education": "masters",
    ...     "sibling_in_canada": True, "first_language": {"test": "ielts",
    ...     "listening": 8.0, "reading": 7.0, "writing": 7.0, "speaking": 7.5}}]))
    >>> [str(frame[c].dtype) for c in ("age", "education", "sibling_in_canada",
    ...                                "first_language.speaking")]
    ['int64', 'category', 'boolean', 'category']
    """
    _, pandas = _modules()
    return _typed(frame, pandas, numbers=True)


def _score_rows(
    frame: pd.DataFrame,
    positions: list[int],
    on: dt.date,
    rules: RuleSet,
    twice: tuple[Problem, ...] = (),
) -> Iterable[tuple[tuple[int, int, int, int, int] | None, str | None]]:
    """Score the rows at ``positions`` by the scalar path: (numbers, None) or (None, error).

    With columns named ``twice``, no row is scored: each reports them.
    """
    if not positions:
        return
    if twice:
        said = "; ".join(map(str, twice))
        for _ in positions:
            yield None, said
        return
    for data in rows(frame, positions):
        yield _score_one(data, on, rules)


def _score_one(
    data: dict[str, Any], on: dt.date, rules: RuleSet
) -> tuple[tuple[int, int, int, int, int] | None, str | None]:
    try:
        result = score(load_profile(data), on, rules=rules)
    except CRSError as exc:
        problems = getattr(exc, "problems", None)
        if problems:
            return None, "; ".join(str(problem) for problem in problems)
        return None, str(exc)
    return (
        result.total,
        result.core,
        result.spouse,
        result.skill_transferability,
        result.additional,
    ), None
