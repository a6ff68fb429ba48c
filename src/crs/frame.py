"""Score a pandas DataFrame of profiles at once, vectorised with NumPy.

:func:`score_frame` takes one profile a row, with the columns that
:func:`pandas.json_normalize` makes of the profile JSON (``age``,
``education``, ``first_language.test``, ``first_language.listening``, ...,
``spouse.first_language.speaking``; a missing value is NaN), and returns the
total and the four section subtotals of every row, index-aligned, with an
``error`` column that names what is wrong with a row that cannot be scored.

How it stays exact:

* Every number is read from the rule set in force, the same tables the scalar
  path reads: per-value points are obtained by calling the rule set's
  :class:`~crs.tables.Steps` and :class:`~crs.tables.Lookup` tables, matrices
  come from :attr:`~crs.tables.Matrix.points`, caps from the rule-set fields
  that the sections name, and language levels from :data:`crs.language.CHARTS`.
* Every value is checked exactly as :func:`crs.load_profile` checks it.  A row
  that the vectorised checks do not accept as plainly valid goes through the
  scalar path instead (:func:`crs.load_profile` then :func:`crs.score`), which
  either scores it or reports its :class:`~crs.ProfileError`, field path
  included.  So an invalid row gets the very message the JSON loader gives.
* Rows with a non-empty ``work_history`` (a column of lists of job objects,
  as :func:`pandas.json_normalize` leaves it) are scored by the scalar path.
* A rule set whose sections are not the standard composition (a rule set of
  one's own with other factors) is scored row by row with :func:`crs.score`.

Because :func:`pandas.json_normalize` drops empty objects, a spouse whose every
field is at its default disappears from the flat form: a row has a spouse when
any ``spouse.*`` column holds a value (``spouse.accompanying = True`` is
enough).  Integer columns with missing values are floats in pandas; a whole
number such as ``30.0`` is accepted as ``30``.

NumPy and pandas come with the ``batch`` extra: ``pip install 'crs-calculator[batch]'``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

import attrs

from crs.errors import CRSError
from crs.io import converter, load_profile
from crs.language import CHARTS, Chart, chart_for
from crs.profile import (
    ABILITIES,
    ArrangedEmployment,
    CanadianEducation,
    Education,
    LanguageTest,
    OfficialLanguage,
    Spouse,
    check_score,
)
from crs.rules import rules_in_force
from crs.rules.v2015_01_01 import SECTIONS
from crs.scoring import score

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from crs.ruleset import RuleSet

    IntArray = npt.NDArray[np.int64]
    BoolArray = npt.NDArray[np.bool_]
    FloatArray = npt.NDArray[np.float64]

__all__ = ["COLUMNS", "RESULT_COLUMNS", "row_profile", "score_frame", "synthetic_frame"]

RESULT_COLUMNS: tuple[str, ...] = (
    "total",
    "core",
    "spouse",
    "skill_transferability",
    "additional",
    "error",
)
"""The columns of the frame :func:`score_frame` returns, in order."""

_LANGUAGES = ("first_language", "second_language", "spouse.first_language")
_SCORES = tuple(ability.value for ability in ABILITIES)
_INTS = (
    "age",
    "canadian_work_years",
    "foreign_work_years",
    "spouse.canadian_work_years",
    "settlement_funds",
    "family_members",
)
_BOOLS = (
    "certificate_of_qualification",
    "sibling_in_canada",
    "provincial_nomination",
    "relative_in_canada",
    "studied_in_canada",
    "spouse.accompanying",
    "spouse.canadian_citizen_or_pr",
    "spouse.studied_in_canada",
)
_ENUMS: dict[str, type[enum.Enum]] = {
    "education": Education,
    "canadian_education": CanadianEducation,
    "arranged_employment": ArrangedEmployment,
    "spouse.education": Education,
    **{f"{language}.test": LanguageTest for language in _LANGUAGES},
}
_DATES = ("date_of_birth", *(f"{language}.test_date" for language in _LANGUAGES))
# Columns the vectorised path never reads: a value there sends the row to the
# scalar path (whole objects that json_normalize left unflattened, the time of
# submission, and a work history).
_SCALAR_ONLY = ("first_language", "second_language", "spouse", "submitted_at")

COLUMNS: tuple[str, ...] = (
    *_INTS,
    *_BOOLS,
    *_ENUMS,
    *_DATES,
    *(f"{language}.{ability}" for language in _LANGUAGES for ability in _SCORES),
    *_SCALAR_ONLY,
    "work_history",
)
"""Every column :func:`score_frame` understands (others are unknown keys: row errors)."""

_TESTS = tuple(LanguageTest)


def _frame(value: Any) -> pd.DataFrame:
    return cast("pd.DataFrame", value)


def _modules() -> tuple[Any, Any]:
    try:
        import numpy
        import pandas
    except ImportError as exc:  # pragma: no cover - the extra is installed in development
        raise ImportError(
            "crs.score_frame needs NumPy and pandas: pip install 'crs-calculator[batch]'"
        ) from exc
    return numpy, pandas


def score_frame(
    frame: pd.DataFrame,
    on: dt.date | None = None,
    *,
    rules: RuleSet | None = None,
) -> pd.DataFrame:
    """Score every row of ``frame`` on ``on``: the totals of :func:`crs.score`, vectorised.

    Args:
        frame: One profile a row, columns named as :func:`pandas.json_normalize`
            names the profile JSON keys (see :data:`COLUMNS`); missing values NaN.
        on: The scoring date (default: today).
        rules: A rule set to use instead of the one in force on ``on``.

    Returns:
        A frame with the index of ``frame`` and the columns ``total``, ``core``,
        ``spouse``, ``skill_transferability``, ``additional`` (nullable integers,
        missing where the row has an error) and ``error`` (None, or the
        problems of the row, each with its field path, joined by ``"; "``).

    Raises:
        DateOutOfRangeError: If ``on`` is before 2015-01-01 and no ``rules`` are given.
        ImportError: If NumPy or pandas is not installed.

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
    np, pd = _modules()
    if on is None:
        on = dt.date.today()
    if rules is None:
        rules = rules_in_force(on)
    n = len(frame)
    tables = _tables(rules, np) if rules.sections == SECTIONS else None
    if tables is not None:
        batch = _Batch(frame, on, np, pd)
        numbers = _points(batch, rules, tables, np)
        scalar = np.flatnonzero(~batch.ok)
    else:  # a rule set of one's own composition: crs.score decides every row
        numbers = [np.zeros(n, dtype=np.int64) for _ in range(5)]
        scalar = np.arange(n)
    errors = np.full(n, None, dtype=object)
    failed = np.zeros(n, dtype=bool)
    for i, (result, error) in zip(
        scalar.tolist(), _score_rows(frame, scalar, on, rules), strict=True
    ):
        if result is None:
            errors[i] = error
            failed[i] = True
        else:
            for column, value in zip(numbers, result, strict=True):
                column[i] = value
    data: dict[str, Any] = {
        name: pd.arrays.IntegerArray(column.astype(np.int64, copy=False), failed.copy())
        for name, column in zip(RESULT_COLUMNS[:5], numbers, strict=True)
    }
    result = pd.DataFrame(data, index=frame.index, copy=False)
    result["error"] = pd.Series(errors, index=frame.index, dtype=object, copy=False)
    return _frame(result)


# Realistic score ranges to draw from, per test and ability (L, R, W, S): the
# bottom of each is a weak result, the top the test's maximum.
_DRAW_RANGES: dict[str, tuple[tuple[float, float], ...]] = {
    "ielts": ((4.0, 9.0),) * 4,
    "celpip": ((4, 12),) * 4,
    "pte_core": ((40, 90),) * 4,
    "clb": ((4, 12),) * 4,
    "tef_canada": ((300, 699),) * 4,
    "tcf_canada": ((330, 699), (330, 699), (4, 20), (4, 20)),
    "nclc": ((4, 12),) * 4,
}


def synthetic_frame(n: int, *, seed: int = 0) -> pd.DataFrame:
    """``n`` random, valid profiles in the flat form :func:`score_frame` reads.

    For trying things out and for benchmarks: ages or dates of birth, every
    education level, every kind of test (TEF Canada with and without a test
    date), second languages, spouses, work years and additional factors.

    >>> synthetic_frame(3, seed=1).shape[0]
    3
    """
    np, pd = _modules()
    rng = np.random.default_rng(seed)
    educations = np.array([e.value for e in Education], dtype=object)
    columns: dict[str, Any] = {}
    use_birth = rng.random(n) < 0.3
    ages = rng.integers(18, 50, n)
    columns["age"] = np.where(use_birth, np.nan, ages)
    born = np.datetime64("1976-01-01") + rng.integers(0, 30 * 365, n).astype("timedelta64[D]")
    columns["date_of_birth"] = np.where(use_birth, born.astype(str).astype(object), None)
    columns["education"] = educations[rng.integers(1, len(educations), n)]
    columns["canadian_work_years"] = rng.choice([0, 0, 0, 1, 2, 3, 5], n)
    columns["foreign_work_years"] = rng.choice([0, 1, 2, 3, 4], n)
    for name, share in (
        ("certificate_of_qualification", 0.05),
        ("sibling_in_canada", 0.1),
        ("provincial_nomination", 0.05),
    ):
        columns[name] = rng.random(n) < share
    columns["canadian_education"] = np.where(
        rng.random(n) < 0.15,
        np.array([c.value for c in CanadianEducation], dtype=object)[rng.integers(0, 2, n)],
        None,
    )
    french_first = rng.random(n) < 0.1
    english = np.array(["ielts", "celpip", "pte_core", "clb"], dtype=object)
    french = np.array(["tef_canada", "tcf_canada", "nclc"], dtype=object)
    first = np.where(
        french_first,
        french[rng.integers(0, 3, n)],
        english[rng.integers(0, 4, n)],
    )
    first[rng.random(n) < 0.03] = None
    second = np.where(french_first, english[rng.integers(0, 4, n)], french[rng.integers(0, 3, n)])
    second[(rng.random(n) < 0.7) | (first == None)] = None  # noqa: E711
    spouse = rng.random(n) < 0.4
    spouse_test = np.where(spouse & (rng.random(n) < 0.6), english[rng.integers(0, 4, n)], None)
    for prefix, tests in (
        ("first_language", first),
        ("second_language", second),
        ("spouse.first_language", spouse_test),
    ):
        columns[f"{prefix}.test"] = tests
        for a, ability in enumerate(_SCORES):
            values = np.full(n, np.nan)
            for test, ranges in _DRAW_RANGES.items():
                rows = tests == test
                low, high = ranges[a]
                if test == "ielts":
                    drawn = rng.integers(int(low * 2), int(high * 2) + 1, int(rows.sum())) / 2
                else:
                    drawn = rng.integers(int(low), int(high) + 1, int(rows.sum()))
                values[rows] = drawn
            columns[f"{prefix}.{ability}"] = values
        dated = (tests != None) & (rng.random(n) < 0.5)  # noqa: E711
        taken = np.datetime64("2018-06-01") + rng.integers(0, 8 * 365, n).astype("timedelta64[D]")
        columns[f"{prefix}.test_date"] = np.where(dated, taken.astype(str).astype(object), None)
    columns["spouse.accompanying"] = np.where(spouse, rng.random(n) < 0.9, None)
    columns["spouse.education"] = np.where(spouse, educations[rng.integers(0, 8, n)], None)
    columns["spouse.canadian_work_years"] = np.where(spouse, rng.choice([0, 0, 1, 2], n), np.nan)
    return _frame(pd.DataFrame(columns))


# --------------------------------------------------------------------------- scalar path


def _score_rows(
    frame: pd.DataFrame, positions: Any, on: dt.date, rules: RuleSet
) -> Iterable[tuple[tuple[int, int, int, int, int] | None, str | None]]:
    """Score the rows at ``positions`` by the scalar path: (numbers, None) or (None, error)."""
    if not len(positions):
        return
    columns = list(frame.columns)
    for values in frame.iloc[positions].itertuples(index=False, name=None):
        yield _score_one(row_profile(zip(columns, values, strict=True)), on, rules)


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


def row_profile(items: Iterable[tuple[Hashable, object]]) -> dict[str, Any]:
    """The profile JSON object of one flat row: dotted names nested, missing values left out.

    NumPy scalars become Python numbers, whole numbers in integer columns become
    ``int``, and dates and midnight timestamps become ISO dates.

    >>> row_profile([("age", 30.0), ("education", "masters"), ("spouse.education", "bachelors"),
    ...              ("first_language.test", float("nan"))])
    {'age': 30, 'education': 'masters', 'spouse': {'education': 'bachelors'}}
    """
    data: dict[str, Any] = {}
    for name, value in items:
        path = str(name)
        if _missing(value):
            continue
        node = data
        *parents, leaf = path.split(".")
        for parent in parents:
            child = node.setdefault(parent, {})
            if not isinstance(child, dict):  # a whole-object column beside its fields
                child = node[parent] = {}
            node = child
        if isinstance(value, Mapping) and isinstance(node.get(leaf), dict):
            node[leaf] = {**value, **node[leaf]}
        elif not isinstance(node.get(leaf), dict):
            node[leaf] = _python(path, value)
    return data


def _missing(value: object) -> bool:
    """Whether a cell is missing, as pandas sees it (None, NaN, NaT, NA, ...)."""
    if value is None:
        return True
    if isinstance(value, float):  # NumPy's float64 is a float too
        return math.isnan(value)
    if isinstance(value, (str, int, Mapping, list, tuple)):
        return False
    _, pd = _modules()
    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def _python(path: str, value: object) -> object:
    """A cell as the JSON value it stands for."""
    np, pd = _modules()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if path in _DATES and value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if path in _INTS and isinstance(value, float) and math.isfinite(value) and value == int(value):
        return int(value)
    return value


# --------------------------------------------------------------------------- vectorised path
#
# Every column is read once.  Text (choices and dates) is factorized: each
# distinct value is checked and converted once, and rows read the result
# through their integer code.  Numbers are checked through tables indexed by
# the whole number (or twice the score).  Every check sends a row that it
# cannot vouch for to the scalar path, never to an error of its own.

_WINDOW = 1024
"""Whole numbers from 0 to this are checked and scored through tables; others by value."""
_GRID = 1399  # twice the highest score of any test (699), plus one
_NO_TEST = len(_TESTS)  # the test row of a result without a test it can be read by
_SCHEMES: tuple[tuple[LanguageTest, Chart | None], ...] = tuple(
    (test, chart)
    for test in _TESTS
    for chart in ([c for c in CHARTS if c.test is test] or [None])  # type: ignore[list-item]
)
"""Each way to read a result: a test and one of its charts (None: levels given directly)."""
_EPOCH = dt.date(1970, 1, 1)
_NO_DAY = -(10**9)  # the day of a missing or unreadable date
_SPOUSE_EDUCATION = list(Education).index(cast("Education", attrs.fields(Spouse).education.default))
_read_date = converter.get_structure_hook(dt.date)  # the JSON loader's own date reader


class _Batch:
    """The columns of a frame as NumPy arrays, and which rows are plainly valid.

    ``ok`` is False for every row that the scalar path must read instead; the
    other arrays hold garbage (but in-range table indexes) in those rows.
    """

    def __init__(self, frame: pd.DataFrame, on: dt.date, np: Any, pd: Any) -> None:
        self.np = np
        self.pd = pd
        self.frame = frame
        self.n = n = len(frame)
        self.ok: BoolArray = np.ones(n, dtype=bool)
        self._missing: dict[str, BoolArray] = {}
        self._valid: dict[str, BoolArray] = {}  # of each distinct date, and a missing one
        names = [str(c) for c in frame.columns]
        self._labels: dict[str, Hashable] = dict(zip(names, frame.columns, strict=True))
        if len(self._labels) != len(names):
            self.ok[:] = False  # duplicate columns: let the scalar path report them
            return
        known = set(COLUMNS)
        for name in names:
            if name not in known or name in _SCALAR_ONLY:
                self.ok &= self._isna(name)
        if "work_history" in self._labels:
            self._work_history()
        self.ints = {name: self._int(name) for name in _INTS}
        self.bools = {name: self._bool(name) for name in _BOOLS}
        self.members = {name: self._member(name, kind) for name, kind in _ENUMS.items()}
        self.ok &= ~self._missing_of("education")
        self.dates = {name: self._date(name) for name in _DATES}
        self._age(on)
        self.languages = {name: self._language(name) for name in _LANGUAGES}
        self._cross_checks()

    # Column readers: each returns the values, records which rows are missing,
    # and narrows ``ok`` to the rows whose values it can vouch for.

    def _column(self, name: str) -> Any:
        label = self._labels.get(name)
        return None if label is None and name not in self._labels else self.frame[label]

    def _isna(self, name: str) -> BoolArray:
        missing = self._missing.get(name)
        if missing is None:
            column = self._column(name)
            if column is None:
                missing = self.np.ones(self.n, dtype=bool)
            else:
                missing = column.isna().to_numpy(dtype=bool)
            self._missing[name] = missing
        return missing

    def _missing_of(self, name: str) -> BoolArray:
        return self._missing.get(name) if name in self._missing else self._isna(name)  # type: ignore[return-value]

    def _work_history(self) -> None:
        np = self.np
        given = np.flatnonzero(~self._isna("work_history"))
        if given.size:
            values = self._column("work_history").to_numpy(dtype=object)[given]
            self.ok[given] &= np.fromiter(map(_empty_history, values), bool, given.size)

    def _int(self, name: str) -> IntArray:
        """Whole numbers from 0 to ``_WINDOW`` (missing: 0), checked by load_profile's rules."""
        np, pd = self.np, self.pd
        column = self._column(name)
        if column is None:
            self._missing[name] = np.ones(self.n, dtype=bool)
            return np.zeros(self.n, dtype=np.int64)  # type: ignore[no-any-return]
        kind = getattr(column.dtype, "kind", "O")
        if kind in "iu" and isinstance(column.dtype, np.dtype):
            values = column.to_numpy()
            self._missing[name] = np.zeros(self.n, dtype=bool)
            if self.n == 0 or (values.min() >= 0 and values.max() < _WINDOW):
                keys = values.astype(np.int64, copy=False)
                self.ok &= _accepted(np, name, keys).take(keys)
                return keys  # type: ignore[no-any-return]
        if kind not in "iuf":  # booleans, text, anything else: only missing values pass
            self.ok &= self._isna(name)
            return np.zeros(self.n, dtype=np.int64)  # type: ignore[no-any-return]
        values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        missing = self._missing[name] = np.isnan(values)
        # Missing and negative numbers become -1, numbers from _WINDOW up _WINDOW:
        # neither is accepted by the table (its entry -1 is its entry _WINDOW).
        keys = np.fmin(np.fmax(values, -1.0), float(_WINDOW)).astype(np.int64)
        good = keys == values
        good &= _accepted(np, name, keys).take(keys)
        large = np.flatnonzero(keys == _WINDOW)
        if large.size:  # larger numbers (and infinities): each distinct one
            raw = column.to_numpy()[large]
            accepted = [v for v in pd.unique(raw).tolist() if _probe(name, v)]
            good[large] = pd.Series(raw).isin(accepted).to_numpy(dtype=bool)
        good |= missing
        self.ok &= good
        return np.maximum(keys, 0)  # type: ignore[no-any-return]

    def _bool(self, name: str) -> BoolArray:
        np, pd = self.np, self.pd
        column = self._column(name)
        if column is None:
            self._missing[name] = np.ones(self.n, dtype=bool)
            return np.zeros(self.n, dtype=bool)  # type: ignore[no-any-return]
        dtype = column.dtype
        if isinstance(dtype, np.dtype) and dtype.kind == "b":
            self._missing[name] = np.zeros(self.n, dtype=bool)
            return column.to_numpy()  # type: ignore[no-any-return]
        if isinstance(dtype, pd.BooleanDtype):
            self._isna(name)
            return column.to_numpy(dtype=bool, na_value=False)  # type: ignore[no-any-return]
        if not _is_object(dtype):  # numbers, text, dates: none of them is true or false
            self.ok &= self._isna(name)
            return np.zeros(self.n, dtype=bool)  # type: ignore[no-any-return]
        objects = column.to_numpy(dtype=object)
        if pd.api.types.infer_dtype(objects, skipna=True) in ("boolean", "empty"):
            # Only booleans and missing values: True and False are the distinct values.
            codes, uniques = pd.factorize(objects)
            self._missing[name] = codes < 0
            truth = np.array([bool(value) for value in uniques.tolist()] + [False])
            return truth.take(codes)  # type: ignore[no-any-return]
        # Mixed values: only true booleans are booleans (1 is not True here).
        missing = self._isna(name)
        kinds = (bool, np.bool_)
        is_bool = np.fromiter((type(v) in kinds for v in objects), dtype=bool, count=self.n)
        self.ok &= is_bool | missing
        truth = np.fromiter((v is True or v is np.True_ for v in objects), dtype=bool, count=self.n)
        return is_bool & truth  # type: ignore[no-any-return]

    def _factorize(self, name: str) -> tuple[IntArray, list[Any]] | None:
        """Codes (-1: missing) and the distinct values, or None for an absent column."""
        np, pd = self.np, self.pd
        column = self._column(name)
        if column is None:
            return None
        dtype = column.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            codes = column.cat.codes.to_numpy().astype(np.int64)
            uniques = list(column.cat.categories)
        elif _is_object(dtype) or (isinstance(dtype, pd.StringDtype) and dtype.storage == "python"):
            codes, found = pd.factorize(column.to_numpy(dtype=object))
            uniques = found.tolist()
        else:  # Arrow strings, datetimes, numbers: the array's own factorize
            codes, found = column.factorize()
            uniques = list(found)
        self._missing[name] = codes < 0
        return codes, uniques

    def _member(self, name: str, kind: type[enum.Enum]) -> IntArray:
        """The member index of every row: -1 where missing, -2 where not a member."""
        np = self.np
        factorized = self._factorize(name)
        if factorized is None:
            self._missing[name] = np.ones(self.n, dtype=bool)
            return np.full(self.n, -1, dtype=np.int64)  # type: ignore[no-any-return]
        codes, uniques = factorized
        index = {member.value: i for i, member in enumerate(kind)}
        members = [_member_index(index, _plain(name, value)) for value in uniques]
        rows = np.array([*members, -1], dtype=np.int64).take(codes)
        self.ok &= rows > -2
        return rows  # type: ignore[no-any-return]

    def _date(self, name: str) -> tuple[IntArray, IntArray]:
        """Codes, and the days since 1970-01-01 of each distinct value (+ a missing slot)."""
        np, pd = self.np, self.pd
        column = self._column(name)
        if column is None:
            self._missing[name] = np.ones(self.n, dtype=bool)
            return np.full(self.n, -1, dtype=np.int64), np.array([_NO_DAY], dtype=np.int64)
        if pd.api.types.is_datetime64_any_dtype(column.dtype):
            if getattr(column.dtype, "tz", None) is not None:  # the scalar path reports these
                self.ok &= self._isna(name)
                return np.full(self.n, -1, dtype=np.int64), np.array([_NO_DAY], dtype=np.int64)
            codes, found = pd.factorize(column.to_numpy(dtype="datetime64[ns]"))
            self._missing[name] = codes < 0
            stamps = np.asarray(found, dtype="datetime64[ns]")
            days = stamps.astype("datetime64[D]")
            valid = days == stamps  # midnight: the date itself
            numbers = days.astype(np.int64)
        else:
            factorized = self._factorize(name)
            assert factorized is not None
            codes, uniques = factorized
            numbers = _text_days(np, name, uniques)
            valid = numbers != _NO_DAY
        self._valid[name] = np.append(valid, True)
        return codes, np.append(numbers, _NO_DAY)

    def _age(self, on: dt.date) -> None:
        np = self.np
        codes, days = self.dates["date_of_birth"]
        self.ok &= self._missing["age"] ^ self._missing["date_of_birth"]
        # Completed years, for each distinct date of birth, as Profile.age_on counts them.
        born = np.where(days == _NO_DAY, 0, days).astype("datetime64[D]")
        month_start = born.astype("datetime64[M]")
        year = born.astype("datetime64[Y]").astype(np.int64) + 1970
        month = month_start.astype(np.int64) % 12 + 1
        day = (born - month_start.astype("datetime64[D]")).astype(np.int64) + 1
        before = (month > on.month) | ((month == on.month) & (day > on.day))
        ages = on.year - year - before.astype(np.int64)
        ages[-1] = 0  # no date of birth: the age column
        valid = self._valid.get("date_of_birth", True) & (days <= (on - _EPOCH).days)
        self.ok &= valid.take(codes)
        self.age: IntArray = self.ints["age"] + ages.take(codes)

    def _language(self, prefix: str) -> _Language:
        np = self.np
        tables = _level_tables(np)
        test = self.members[f"{prefix}.test"]
        present = ~self._missing[f"{prefix}.test"]
        date_codes, days = self.dates[f"{prefix}.test_date"]
        present |= ~self._missing[f"{prefix}.test_date"]
        scores = []
        for ability in _SCORES:
            name = f"{prefix}.{ability}"
            column = self._column(name)
            if column is None:
                values = np.full(self.n, np.nan)
                self._missing[name] = np.ones(self.n, dtype=bool)
            elif getattr(column.dtype, "kind", "O") in "iuf":
                values = column.to_numpy(dtype=np.float64, na_value=np.nan)
                present |= ~self._isna_numbers(name, values)
            else:  # not numbers: every row with a result goes to the scalar path
                values = np.full(self.n, np.nan)
                present |= ~self._isna(name)
                self.ok &= self._isna(name)
            scores.append(values)
        # The chart of every row: by its test and the era of its test date (chart_for).
        era = np.searchsorted(tables.breaks, days, side="right")
        era[-1] = tables.undated  # no test date: the current chart
        date_valid = self._valid.get(f"{prefix}.test_date")
        if date_valid is not None:  # a date that is not one: a scheme without valid scores
            era[~date_valid] = tables.unreadable
        # A group that few rows have is read on those rows only.
        rows = np.flatnonzero(present) if np.count_nonzero(present) < self.n // 2 else None

        def part(values: Any) -> Any:
            return values if rows is None else values.take(rows)

        test_row = tables.test_row.take(part(test))
        base = tables.scheme.take(test_row * tables.eras + era.take(part(date_codes)))
        base *= _GRID + 2
        base += 1
        valid = np.ones(len(base), dtype=bool)
        levels = []
        for a, values in enumerate(scores):
            doubled = part(values) * 2  # every score is a multiple of 0.5: index by twice it
            keys = np.fmin(np.fmax(doubled, -1.0), float(_GRID)).astype(np.int64)
            keys += base
            level = tables.levels[a].take(keys)  # -1: not a score of the test
            keys -= base
            valid &= keys == doubled
            valid &= level >= 0
            levels.append(level)
        language = tables.language.take(test_row)
        if rows is None:
            self.ok &= ~present | valid
            return _Language(np, present, levels, language)
        self.ok[rows] &= valid
        spread = []
        for level in levels:
            full = np.zeros(self.n, dtype=np.int64)
            full[rows] = level
            spread.append(full)
        everyone = np.full(self.n, -1, dtype=np.int64)
        everyone[rows] = language
        return _Language(np, present, spread, everyone)

    def _isna_numbers(self, name: str, values: FloatArray) -> BoolArray:
        missing: BoolArray = self.np.isnan(values)
        self._missing[name] = missing
        return missing

    def _cross_checks(self) -> None:
        first, second = self.languages["first_language"], self.languages["second_language"]
        self.ok &= ~second.present | first.present
        self.ok &= ~(first.present & second.present & (first.language == second.language))
        spouse = self.np.zeros(self.n, dtype=bool)
        for name in self._labels:
            if name.startswith("spouse."):
                spouse |= ~self._missing_of(name)
        self.spouse_present = spouse


class _Language:
    """One language column group: which rows have a result, levels, language."""

    def __init__(self, np: Any, present: BoolArray, levels: list[IntArray], language: IntArray):
        self.present = present
        self.levels = levels
        self.language = language  # 0 English, 1 French, -1 none
        self.lowest: IntArray = np.minimum(
            np.minimum(levels[0], levels[1]), np.minimum(levels[2], levels[3])
        )


def _is_object(dtype: object) -> bool:
    """Whether ``dtype`` is NumPy's object dtype."""
    return str(dtype) == "object"


def _plain(name: str, value: object) -> object:
    """A distinct value as the JSON value it stands for (text as it is)."""
    return value if type(value) is str else _python(name, value)


def _member_index(index: Mapping[object, int], value: object) -> int:
    """The member a value names, as the JSON loader reads enums (-1: none)."""
    return index.get(value, -2) if isinstance(value, str) else -2


def _days(value: object) -> int:
    """Days since 1970-01-01 of a date text the JSON loader accepts, else ``_NO_DAY``."""
    try:
        day: dt.date = _read_date(value, dt.date)
    except ValueError:
        return _NO_DAY
    return (day - _EPOCH).days


def _text_days(np: Any, name: str, values: list[Any]) -> IntArray:
    """:func:`_days` of every distinct value of a date column.

    Texts of the form ``NNNN-NN-NN`` (ASCII digits, not year 0) are read by
    NumPy, all at once; if one of them is not a date of the calendar, or a
    value is anything else, the loader's own reader decides it.
    """
    out: IntArray = np.full(len(values), _NO_DAY, dtype=np.int64)
    texts = [i for i, value in enumerate(values) if type(value) is str]
    quick = np.zeros(len(values), dtype=bool)
    if texts:
        found = np.array([values[i] for i in texts], dtype=str)
        if found.dtype.itemsize >= 40:  # ten characters or more
            chars = found.view(np.uint32).reshape(len(texts), -1)
            digits = chars[:, [0, 1, 2, 3, 5, 6, 8, 9]]
            form = (
                (chars[:, 10] == 0 if chars.shape[1] > 10 else True)
                & (chars[:, 9] != 0)
                & (chars[:, 4] == ord("-"))
                & (chars[:, 7] == ord("-"))
                & ((digits >= ord("0")) & (digits <= ord("9"))).all(axis=1)
                & (chars[:, :4] != ord("0")).any(axis=1)
            )
            rows = np.flatnonzero(form)
            try:
                days = found[rows].astype("datetime64[D]").astype(np.int64)
            except ValueError:  # 2025-02-30 and the like: the reader says why
                rows = rows[:0]
            else:
                where = np.array(texts, dtype=np.int64)[rows]
                out[where] = days
                quick[where] = True
    for i in np.flatnonzero(~quick).tolist():
        out[i] = _days(_plain(name, values[i]))
    return out


def _empty_history(value: object) -> bool:
    if isinstance(value, (list, tuple)):
        return len(value) == 0
    return _missing(value)


@functools.lru_cache(maxsize=65536)
def _probe(name: str, value: object) -> bool:
    """Whether ``value`` in column ``name`` passes :func:`crs.load_profile` on its own."""
    data: dict[str, Any] = {"education": "secondary", "age": 30}
    if name == "date_of_birth":
        del data["age"]
    data.update(row_profile([(name, value)]))
    try:
        load_profile(data)
    except CRSError:
        return False
    return True


def _accepted(np: Any, name: str, keys: IntArray) -> BoolArray:
    """Which whole numbers 0 .. ``_WINDOW`` - 1 among ``keys`` column ``name`` accepts.

    One entry more, ``_WINDOW`` (and so -1), is never accepted.
    """
    found = np.bincount(keys + 1, minlength=_WINDOW + 2)[1 : _WINDOW + 1]
    accepted = np.zeros(_WINDOW + 1, dtype=bool)
    seen = np.flatnonzero(found)
    accepted[seen] = [_probe(name, int(value)) for value in seen]
    return accepted  # type: ignore[no-any-return]


class _LevelTables:
    """How scores become levels: per ability, by scheme and twice the score.

    ``levels[a]`` is a flat (scheme, 1 + twice the score) table: the level, or
    -1 where the score is not one the scheme's test reports for that ability
    (and in the padding on either side).  ``scheme`` gives the scheme of each
    (test, test-date era); the last test row is "no test", whose scheme has no
    valid score.
    """

    def __init__(self, np: Any) -> None:
        breaks = sorted({c.valid_from for c in CHARTS if c.valid_from is not None})
        self.breaks: IntArray = np.array([(b - _EPOCH).days for b in breaks], dtype=np.int64)
        # Era e: before breaks[0], from breaks[e - 1], ...; then no test date, and
        # last a test date that is not a date (its rows go to the scalar path).
        samples: list[dt.date | None] = [dt.date.min, *breaks, None]
        self.undated = len(samples) - 1
        self.unreadable = len(samples)
        self.eras = len(samples) + 1
        schemes = [*_SCHEMES, None]
        self.scheme: IntArray = np.array(
            [
                [
                    *(
                        schemes.index(
                            next(
                                s for s in _SCHEMES if s[0] is test and s[1] is chart_for(test, day)
                            )
                        )
                        for day in samples
                    ),
                    len(_SCHEMES),
                ]
                for test in _TESTS
            ]
            + [[len(_SCHEMES)] * self.eras],
            dtype=np.int64,
        ).ravel()
        scores = [k / 2 for k in range(_GRID)]
        self.levels: list[IntArray] = []
        for a, ability in enumerate(ABILITIES):
            table = np.full((len(schemes), _GRID + 2), -1, dtype=np.int64)
            for s, (test, chart) in enumerate(_SCHEMES):
                table[s, 1:-1] = [
                    (int(v) if chart is None else chart.level(a, v))
                    if check_score(test, ability, v) is None
                    else -1
                    for v in scores
                ]
            self.levels.append(table.ravel())
        # Test rows by member index; not a member (-2) and missing (-1): no test.
        self.test_row: IntArray = np.array([*range(len(_TESTS)), _NO_TEST, _NO_TEST])
        french = [int(test.language is OfficialLanguage.FRENCH) for test in _TESTS]
        self.language: IntArray = np.array([*french, -1], dtype=np.int64)


@functools.cache
def _level_tables(np: Any) -> _LevelTables:
    """The level tables, built once per process from the charts and the score checks."""
    return _LevelTables(np)


class _Tables:
    """One rule set's tables as arrays, each read from the rule set by calling it.

    Tables by a whole number (ages, years, levels) run from 0 to ``length - 1``
    (past their last threshold, so the last entry is the value of every larger
    number); tables with and without a spouse are one array, the single column
    first, indexed by ``with_spouse * length + value``.  Tables by an enum are
    indexed by the member's position, with one more entry for a missing value.
    """

    def __init__(self, rules: RuleSet, np: Any) -> None:
        steps_tables = [
            rules.spouse_language,
            rules.spouse_canadian_work,
            rules.transfer_language_tier,
            rules.transfer_canadian_tier,
            rules.transfer_foreign_tier,
            rules.coq_language_tier,
            *(
                getattr(rules, field).pick(with_spouse)
                for field in ("age", "first_language", "second_language", "canadian_work")
                for with_spouse in (False, True)
            ),
        ]
        self.length = length = max(_WINDOW + 1, *(table.steps[-1][0] + 1 for table in steps_tables))

        def steps(table: Callable[[int], int]) -> IntArray:
            return np.array([table(v) for v in range(length)], dtype=np.int64)  # type: ignore[no-any-return]

        def spoused(field: str) -> IntArray:
            table = getattr(rules, field)
            return np.concatenate([steps(table.single), steps(table.with_spouse)])  # type: ignore[no-any-return]

        def lookup(table: Callable[[Any], int] | None, kind: type[enum.Enum], pad: int) -> IntArray:
            values = [0] * len(kind) if table is None else [table(member) for member in kind]
            return np.array(values + [0] * (pad - len(values)), dtype=np.int64)  # type: ignore[no-any-return]

        self.age = spoused("age")
        self.first_language = spoused("first_language")
        self.second_language = spoused("second_language")
        self.canadian_work = spoused("canadian_work")
        self.education = np.concatenate(
            [lookup(rules.education.pick(w), Education, length) for w in (False, True)]
        )
        cap = rules.second_language_cap
        self.second_language_cap: IntArray = np.array([cap.single, cap.with_spouse])
        # Not a member (-2): anything; missing (-1): the spouse's default education.
        spouse_education = lookup(rules.spouse_education, Education, len(Education))
        self.spouse_education = np.append(
            spouse_education, [0, spouse_education[_SPOUSE_EDUCATION]]
        )
        self.spouse_language = steps(rules.spouse_language)
        self.spouse_canadian_work = steps(rules.spouse_canadian_work)
        self.language_tier = steps(rules.transfer_language_tier)
        self.education_tier = lookup(rules.transfer_education_tier, Education, len(Education))
        self.canadian_tier = steps(rules.transfer_canadian_tier)
        self.foreign_tier = steps(rules.transfer_foreign_tier)
        self.coq_tier = steps(rules.coq_language_tier)
        self.matrices = {
            name: (np.array(matrix.points, dtype=np.int64).ravel(), len(matrix.column_names))
            for name in (
                "education_language",
                "education_canadian_work",
                "foreign_work_language",
                "foreign_work_canadian_work",
                "certificate_of_qualification",
            )
            for matrix in [getattr(rules, name)]
        }
        # A missing job offer or Canadian credential is the last entry: 0 points.
        self.arranged_employment = lookup(
            rules.arranged_employment, ArrangedEmployment, len(ArrangedEmployment) + 1
        )
        self.canadian_education = lookup(
            rules.canadian_education, CanadianEducation, len(CanadianEducation) + 1
        )


_TABLES: dict[int, tuple[RuleSet, _Tables | None]] = {}


def _tables(rules: RuleSet, np: Any) -> _Tables | None:
    """The arrays of ``rules``, built once per rule set (None: not readable as arrays)."""
    cached = _TABLES.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    try:
        tables: _Tables | None = _Tables(rules, np)
    except Exception:  # a table that fails for some value: crs.score decides, row by row
        tables = None
    if len(_TABLES) >= 64:
        _TABLES.clear()
    _TABLES[id(rules)] = (rules, tables)
    return tables


def _points(b: _Batch, rules: RuleSet, t: _Tables, np: Any) -> list[IntArray]:
    """The five numbers of every row (rows that are not ok hold garbage)."""
    accompanying = b.bools["spouse.accompanying"] | b._missing["spouse.accompanying"]
    with_spouse = b.spouse_present & accompanying & ~b.bools["spouse.canadian_citizen_or_pr"]
    ws = with_spouse.astype(np.int64)
    offset = ws * t.length
    first = b.languages["first_language"]
    second = b.languages["second_language"]
    spouse_first = b.languages["spouse.first_language"]
    canadian = b.ints["canadian_work_years"]
    foreign = b.ints["foreign_work_years"]
    education = b.members["education"]

    def abilities(table: IntArray, language: _Language, shift: Any) -> IntArray:
        lv = language.levels
        total = table.take(shift + lv[0])
        for level in lv[1:]:
            total += table.take(shift + level)
        total *= language.present
        return total  # type: ignore[no-any-return]

    # A. Core / human capital.
    core = t.age.take(offset + b.age)
    core += t.education.take(offset + education)
    core += abilities(t.first_language, first, offset)
    core += np.minimum(abilities(t.second_language, second, offset), t.second_language_cap.take(ws))
    core += t.canadian_work.take(offset + canadian)

    # B. Spouse factors (the spouse's education defaults to the lowest level).
    spouse_education = b.members["spouse.education"]
    spouse_points = t.spouse_education.take(spouse_education)
    spouse_points += abilities(t.spouse_language, spouse_first, 0)
    spouse_points += t.spouse_canadian_work.take(b.ints["spouse.canadian_work_years"])
    spouse_points *= with_spouse

    # C. Skill transferability: language tiers from the lowest first-language level.
    def matrix(name: str, rows: IntArray, columns: IntArray) -> IntArray:
        points, width = t.matrices[name]
        return points.take(rows * width + columns)  # type: ignore[no-any-return]

    language_tier = t.language_tier.take(first.lowest) * first.present
    education_tier = t.education_tier.take(education)
    canadian_tier = t.canadian_tier.take(canadian)
    foreign_tier = t.foreign_tier.take(foreign)
    pair = rules.transferability_pair_cap
    transfer = np.minimum(
        matrix("education_language", education_tier, language_tier)
        + matrix("education_canadian_work", education_tier, canadian_tier),
        pair,
    )
    transfer += np.minimum(
        matrix("foreign_work_language", foreign_tier, language_tier)
        + matrix("foreign_work_canadian_work", foreign_tier, canadian_tier),
        pair,
    )
    transfer += matrix(
        "certificate_of_qualification",
        b.bools["certificate_of_qualification"].astype(np.int64),
        t.coq_tier.take(first.lowest) * first.present,
    )
    transfer = np.minimum(transfer, rules.transferability_cap)

    # D. Additional points.
    additional = b.bools["provincial_nomination"] * rules.provincial_nomination.points
    additional += t.arranged_employment.take(b.members["arranged_employment"])
    additional += t.canadian_education.take(b.members["canadian_education"])
    if rules.french is not None:
        bonus = rules.french
        first_french = first.present & (first.language == 1)
        second_french = second.present & (second.language == 1)
        first_english = first.present & (first.language == 0)
        second_english = second.present & (second.language == 0)
        french_low = np.where(first_french, first.lowest, second.lowest)
        english_low = np.where(first_english, first.lowest, second.lowest)
        strong_french = (first_french | second_french) & (french_low >= bonus.min_french)
        bilingual = (first_english | second_english) & (english_low >= bonus.min_english)
        additional += (strong_french & ~bilingual) * bonus.french_only
        additional += (strong_french & bilingual) * bonus.bilingual
    if rules.sibling is not None:
        additional += b.bools["sibling_in_canada"] * rules.sibling.points
    additional = np.minimum(additional, rules.additional_cap)

    total = core + spouse_points + transfer + additional
    return [total, core, spouse_points, transfer, additional]
