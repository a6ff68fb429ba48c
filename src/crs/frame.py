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

from crs.errors import CRSError
from crs.io import converter, load_profile
from crs.language import CHARTS, Chart
from crs.profile import (
    ABILITIES,
    ArrangedEmployment,
    CanadianEducation,
    Education,
    LanguageTest,
    OfficialLanguage,
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
    from crs.tables import Matrix

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
    out = np.zeros((n, 5), dtype=np.int64)
    errors: list[str | None] = [None] * n
    if rules.sections == SECTIONS:
        batch = _Batch(frame, on, np, pd)
        scalar = ~batch.ok
        good = np.flatnonzero(batch.ok)
        if good.size:
            out[good] = _points(batch, rules, np)[good]
    else:
        scalar = np.ones(n, dtype=bool)
    for i in np.flatnonzero(scalar):
        result, error = _score_row(frame, int(i), on, rules)
        if error is None:
            assert result is not None
            out[i] = result
        else:
            errors[i] = error
    result_frame = pd.DataFrame(
        {name: pd.array(out[:, k], dtype="Int64") for k, name in enumerate(RESULT_COLUMNS[:5])},
        index=frame.index,
    )
    failed = np.array([e is not None for e in errors], dtype=bool)
    if failed.any():
        for name in RESULT_COLUMNS[:5]:
            result_frame.loc[failed, name] = pd.NA
    result_frame["error"] = pd.Series(errors, index=frame.index, dtype=object)
    return _frame(result_frame)


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


def _score_row(
    frame: pd.DataFrame, i: int, on: dt.date, rules: RuleSet
) -> tuple[tuple[int, int, int, int, int] | None, str | None]:
    """Score row ``i`` with the scalar path: (the five numbers, None) or (None, the error)."""
    row = frame.iloc[i]
    try:
        profile = load_profile(row_profile(zip(frame.columns, row.tolist(), strict=True)))
        result = score(profile, on, rules=rules)
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
    if value is None:
        return True
    if isinstance(value, float):  # NumPy's float64 is a float too
        return math.isnan(value)
    np, pd = _modules()
    if isinstance(value, np.floating):
        return bool(np.isnan(value))
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return value is pd.NA or value is pd.NaT


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


class _Batch:
    """The columns of a frame as NumPy arrays, and which rows are plainly valid."""

    def __init__(self, frame: pd.DataFrame, on: dt.date, np: Any, pd: Any) -> None:
        self.np = np
        self.pd = pd
        self.frame = frame
        self.n = n = len(frame)
        self.ok: BoolArray = np.ones(n, dtype=bool)
        self._missing: dict[str, BoolArray] = {}
        names = [str(c) for c in frame.columns]
        if len(set(names)) != len(names):
            self.ok[:] = False  # duplicate columns: let the scalar path report them
            return
        known = set(COLUMNS)
        for name in names:
            if name not in known or name in _SCALAR_ONLY:
                self.ok &= self._isna(name)
        if "work_history" in frame.columns:
            self.ok &= frame["work_history"].map(_empty_history).to_numpy(dtype=bool)
        self.ints = {name: self._int(name) for name in _INTS}
        self.bools = {name: self._bool(name) for name in _BOOLS}
        self.codes = {name: self._code(name, kind) for name, kind in _ENUMS.items()}
        self.dates = {name: self._date(name) for name in _DATES}
        self.education = self.codes["education"]
        self.ok &= self.education >= 0
        self._age(on)
        self.languages = {name: self._language(name) for name in _LANGUAGES}
        self._cross_checks()

    # Column readers: each returns the values and narrows ``ok`` to valid rows.

    def _has(self, name: str) -> bool:
        return name in self.frame.columns

    def _isna(self, name: str) -> BoolArray:
        if not self._has(name):
            return self.np.ones(self.n, dtype=bool)  # type: ignore[no-any-return]
        missing = self._missing.get(name)
        if missing is None:
            missing = self._missing[name] = self.frame[name].isna().to_numpy(dtype=bool)
        return missing

    def _int(self, name: str) -> IntArray:
        np, pd = self.np, self.pd
        if not self._has(name):
            return np.zeros(self.n, dtype=np.int64)  # type: ignore[no-any-return]
        column = self.frame[name]
        missing = column.isna().to_numpy(dtype=bool)
        if pd.api.types.is_bool_dtype(column.dtype) or not pd.api.types.is_numeric_dtype(
            column.dtype
        ):
            self.ok &= missing
            return np.zeros(self.n, dtype=np.int64)  # type: ignore[no-any-return]
        values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        valid = _valid_uniques(np, values[~missing], lambda v: _probe(name, v))
        self.ok &= missing | np.isin(values, valid)
        return np.where(missing, 0, np.nan_to_num(values)).astype(np.int64)  # type: ignore[no-any-return]

    def _bool(self, name: str) -> BoolArray:
        np, pd = self.np, self.pd
        if not self._has(name):
            return np.zeros(self.n, dtype=bool)  # type: ignore[no-any-return]
        column = self.frame[name]
        if pd.api.types.is_bool_dtype(column.dtype) and not column.isna().any():
            return column.to_numpy(dtype=bool)
        objects = column.to_numpy(dtype=object)
        missing = self._isna(name)
        if pd.api.types.infer_dtype(objects, skipna=True) in ("boolean", "empty"):
            is_bool = ~missing
        else:  # mixed values: only true booleans are booleans (1 is not True here)
            kinds = (bool, np.bool_)
            is_bool = np.fromiter((type(v) in kinds for v in objects), dtype=bool, count=self.n)
        self.ok &= is_bool | missing
        return is_bool & (objects == True)  # type: ignore[no-any-return]  # noqa: E712

    def _code(self, name: str, kind: type[enum.Enum]) -> IntArray:
        np, pd = self.np, self.pd
        if not self._has(name):
            return np.full(self.n, -1, dtype=np.int64)  # type: ignore[no-any-return]
        column = self.frame[name]
        # Only a string equals a member's value: anything else gets -1.  The
        # missing markers are looked up in the same pass (NaN matches NaN here).
        values = [member.value for member in kind]
        names = pd.Index([*values, None, np.nan, pd.NA], dtype=object)
        target = pd.Index(column.to_numpy(dtype=object), dtype=object, copy=False)
        codes = names.get_indexer(target).astype(np.int64)
        missing = codes >= len(values)
        if name not in self._missing:
            self._missing[name] = missing
        codes[missing] = -1
        self.ok &= (codes >= 0) | missing
        return codes  # type: ignore[no-any-return]

    def _date(self, name: str) -> FloatArray:
        """Days since 1970-01-01 (NaN where missing)."""
        np, pd = self.np, self.pd
        if not self._has(name):
            return np.full(self.n, np.nan)  # type: ignore[no-any-return]
        column = self.frame[name]
        missing = self._isna(name)
        if pd.api.types.is_datetime64_any_dtype(column.dtype):
            if getattr(column.dtype, "tz", None) is not None:
                self.ok &= missing
                return np.full(self.n, np.nan)  # type: ignore[no-any-return]
            stamps = column.to_numpy(dtype="datetime64[ns]")
            days = stamps.astype("datetime64[D]")
            self.ok &= missing | (days == stamps)
        else:
            # Each distinct value is read once: a date text as the JSON loader
            # reads it, anything else (a date object, a number) is not.
            codes, uniques = pd.factorize(column.to_numpy(dtype=object))
            missing = codes < 0
            self._missing[name] = missing
            parsed = np.array(
                [
                    np.datetime64(text, "D")
                    if isinstance(text, str) and _is_date_text(text)
                    else np.datetime64("NaT")
                    for text in uniques
                ]
                + [np.datetime64("NaT")],
                dtype="datetime64[D]",
            )
            days = parsed[codes]
            self.ok &= missing | ~np.isnat(days)
        out: FloatArray = days.astype(np.float64)
        out[np.isnat(days)] = np.nan
        return out

    def _age(self, on: dt.date) -> None:
        np = self.np
        given = ~self._isna("age")
        born = self.dates["date_of_birth"]
        has_birth = ~np.isnan(born)
        self.ok &= given ^ has_birth
        birth = np.where(has_birth, born, 0).astype("datetime64[D]")
        year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
        month_start = birth.astype("datetime64[M]")
        month = month_start.astype(np.int64) % 12 + 1
        day = (birth - month_start.astype("datetime64[D]")).astype(np.int64) + 1
        before = (month > on.month) | ((month == on.month) & (day > on.day))
        from_birth = on.year - year - before.astype(np.int64)
        self.ok &= ~has_birth | (birth <= np.datetime64(on, "D"))
        self.age: IntArray = np.where(has_birth, from_birth, self.ints["age"])

    def _language(self, prefix: str) -> _Language:
        np = self.np
        present = np.zeros(self.n, dtype=bool)
        for leaf in ("test", *_SCORES, "test_date"):
            present |= ~self._isna(f"{prefix}.{leaf}")
        code = self.codes[f"{prefix}.test"]
        self.ok &= ~present | (code >= 0)
        levels = np.zeros((4, self.n), dtype=np.int64)
        dates = self.dates[f"{prefix}.test_date"]
        scheme = _schemes_of(np, code, dates)
        test_base = np.maximum(code, 0) * _GRID  # flat indexes into the tables
        scheme_base = scheme * _GRID
        for a, ability in enumerate(_SCORES):
            name = f"{prefix}.{ability}"
            column = self.frame[name] if self._has(name) else None
            if column is None or not (
                self.pd.api.types.is_numeric_dtype(column.dtype)
                and not self.pd.api.types.is_bool_dtype(column.dtype)
            ):
                self.ok &= ~present
                continue
            values = column.to_numpy(dtype=np.float64, na_value=np.nan)
            # Every score a test reports is a multiple of 0.5 from 0 to 699:
            # index the tables by twice the score.
            doubled = values * 2
            with np.errstate(invalid="ignore"):
                on_grid = present & (doubled >= 0) & (doubled < _GRID)
            key = np.where(on_grid, doubled, 0).astype(np.int64)
            on_grid &= key == doubled
            valid, level = _score_tables(np, a)
            self.ok &= ~present | (on_grid & valid.take(test_base + key))
            levels[a] = np.where(on_grid, level.take(scheme_base + key), 0)
        language = np.array([int(test.language is OfficialLanguage.FRENCH) for test in _TESTS])
        return _Language(present, levels, np.where(code >= 0, language[code], -1))

    def _cross_checks(self) -> None:
        first, second = self.languages["first_language"], self.languages["second_language"]
        self.ok &= ~second.present | first.present
        self.ok &= ~(first.present & second.present & (first.language == second.language))
        self.spouse_present = self.np.zeros(self.n, dtype=bool)
        for name in self.frame.columns:
            if str(name).startswith("spouse."):
                self.spouse_present |= ~self._isna(str(name))


class _Language:
    """One language column group: which rows have a result, levels (4 x n), language."""

    def __init__(self, present: BoolArray, levels: IntArray, language: IntArray) -> None:
        self.present = present
        self.levels = levels
        self.language = language  # 0 English, 1 French, -1 none

    def lowest(self, np: Any) -> IntArray:
        """The lowest of the four levels (0 without a result)."""
        return np.where(self.present, self.levels.min(axis=0), 0)  # type: ignore[no-any-return]


def _empty_history(value: object) -> bool:
    if isinstance(value, (list, tuple)):
        return len(value) == 0
    return _missing(value)


def _is_date_text(text: object) -> bool:
    """Whether ``text`` is a date as the profile JSON loader reads one."""
    try:
        converter.structure(str(text), dt.date)
    except ValueError:
        return False
    return True


def _probe(name: str, value: object) -> bool:
    """Whether ``value`` in column ``name`` passes :func:`crs.load_profile` on its own."""
    data: dict[str, Any] = {"education": "secondary", "age": 30}
    if name == "date_of_birth":
        del data["age"]
    data.update(row_profile([(name, value)]))
    if name.endswith(".test_date"):
        # A date is checked the same way in every result; a second language
        # alone would be an error of its own, so probe it as a first language.
        prefix = name[: -len(".test_date")].replace("second_language", "first_language")
        result = {"test": "clb", **dict.fromkeys(_SCORES, 5), "test_date": value}
        data.update(row_profile([(f"{prefix}.{k}", v) for k, v in result.items()]))
    try:
        load_profile(data)
    except CRSError:
        return False
    return True


def _valid_uniques(
    np: Any, values: Any, check: Callable[[Any], bool], *, numeric: bool = True
) -> Any:
    """The distinct values among ``values`` that pass ``check``."""
    if numeric:
        uniques = np.unique(values)
        return np.array([v for v in uniques if check(float(v))], dtype=np.float64)
    return [v for v in set(values.tolist()) if check(v)]


_GRID = 1399  # twice the highest score of any test (699), plus one
_SCHEMES: tuple[tuple[LanguageTest, Chart | None], ...] = tuple(
    (test, chart)
    for test in _TESTS
    for chart in ([c for c in CHARTS if c.test is test] or [None])  # type: ignore[list-item]
)
"""Each way to read a result: a test and one of its charts (None: levels given directly)."""


def _schemes_of(np: Any, code: Any, dates: Any) -> IntArray:
    """The scheme of every row: its test, and the chart :func:`crs.language.chart_for` picks."""
    first = {test: _SCHEMES.index(next(s for s in _SCHEMES if s[0] is test)) for test in _TESTS}
    scheme: IntArray = np.zeros(len(code), dtype=np.int64)
    undated = np.isnan(dates)
    for t, test in enumerate(_TESTS):
        rows = code == t
        charts = [chart for kind, chart in _SCHEMES if kind is test and chart is not None]
        # chart_for: the first chart, replaced by each later one whose valid_from
        # is on or before the test date; no date means the current (last) chart.
        chosen = np.zeros(len(code), dtype=np.int64)
        for k, chart in enumerate(charts[1:], start=1):
            assert chart.valid_from is not None
            start = (chart.valid_from - dt.date(1970, 1, 1)).days
            chosen[~undated & (dates >= start)] = k
        chosen[undated] = max(len(charts) - 1, 0)
        scheme[rows] = first[test] + chosen[rows]
    return scheme


@functools.cache
def _score_tables(np: Any, ability: int) -> tuple[Any, Any]:
    """For one ability: whether each score is valid, by test; its level, by scheme.

    Built once per process by asking :func:`crs.profile` and the charts
    themselves about every score on the half-point grid.
    """
    scores = [k / 2 for k in range(_GRID)]
    which = ABILITIES[ability]
    valid = np.array(
        [[check_score(test, which, v) is None for v in scores] for test in _TESTS], dtype=bool
    )
    level = np.array(
        [
            [int(v) if chart is None else chart.level(ability, v) for v in scores]
            for _, chart in _SCHEMES
        ],
        dtype=np.int64,
    )
    return valid.ravel(), level.ravel()


def _steps(np: Any, table: Callable[[int], int], values: Any) -> IntArray:
    """``table(v)`` for every v, by a vector of the table's own answers."""
    top = int(values.max()) if len(values) else 0
    points = np.array([table(v) for v in range(max(top, 0) + 1)], dtype=np.int64)
    return points[np.clip(values, 0, None)]  # type: ignore[no-any-return]


def _lookup(np: Any, table: Callable[[Any], int] | None, kind: type[enum.Enum], codes: Any) -> Any:
    """``table(member)`` for every code (-1: missing, 0 points)."""
    if table is None:
        return np.zeros(len(codes), dtype=np.int64)
    points = np.array([*(table(member) for member in kind), 0], dtype=np.int64)
    return points[codes]


def _spoused(np: Any, with_spouse: Any, with_table: Any, single_table: Any, f: Any) -> Any:
    return np.where(with_spouse, f(with_table), f(single_table))


def _matrix(np: Any, matrix: Matrix, rows: Any, columns: Any) -> Any:
    return np.asarray(matrix.points, dtype=np.int64)[rows, columns]


def _cap(np: Any, rules: RuleSet, name: str, with_spouse: Any) -> Any:
    cap = getattr(rules, name)
    if isinstance(cap, int):
        return cap
    return np.where(with_spouse, cap.with_spouse, cap.single)


def _points(b: _Batch, rules: RuleSet, np: Any) -> IntArray:
    """The five numbers of every row (rows that are not ok hold garbage)."""
    spouse_accompanying = b.bools["spouse.accompanying"] | b._isna("spouse.accompanying")
    with_spouse = b.spouse_present & spouse_accompanying & ~b.bools["spouse.canadian_citizen_or_pr"]
    first = b.languages["first_language"]
    second = b.languages["second_language"]
    spouse_first = b.languages["spouse.first_language"]
    canadian = b.ints["canadian_work_years"]
    foreign = b.ints["foreign_work_years"]
    education = np.maximum(b.education, 0)

    # A. Core / human capital.
    def both(field: str, f: Callable[[Any], Any]) -> Any:
        table = getattr(rules, field)
        return _spoused(np, with_spouse, table.with_spouse, table.single, f)

    age = both("age", lambda t: _steps(np, t, b.age))
    edu = both("education", lambda t: _lookup(np, t, Education, education))
    first_points = np.where(
        first.present,
        both("first_language", lambda t: sum(_steps(np, t, lv) for lv in first.levels)),
        0,
    )
    second_sum = np.where(
        second.present,
        both("second_language", lambda t: sum(_steps(np, t, lv) for lv in second.levels)),
        0,
    )
    second_points = np.minimum(second_sum, _cap(np, rules, "second_language_cap", with_spouse))
    canadian_points = both("canadian_work", lambda t: _steps(np, t, canadian))
    core = age + edu + first_points + second_points + canadian_points

    # B. Spouse factors.
    spouse_education = np.where(b.codes["spouse.education"] >= 0, b.codes["spouse.education"], 0)
    spouse_language = np.where(
        spouse_first.present,
        sum(_steps(np, rules.spouse_language, lv) for lv in spouse_first.levels),
        0,
    )
    spouse_points = np.where(
        with_spouse,
        _lookup(np, rules.spouse_education, Education, spouse_education)
        + spouse_language
        + _steps(np, rules.spouse_canadian_work, b.ints["spouse.canadian_work_years"]),
        0,
    )

    # C. Skill transferability.
    lowest = first.lowest(np)
    language_tier = _steps(np, rules.transfer_language_tier, lowest)
    education_tier = _lookup(np, rules.transfer_education_tier, Education, education)
    canadian_tier = _steps(np, rules.transfer_canadian_tier, canadian)
    foreign_tier = _steps(np, rules.transfer_foreign_tier, foreign)
    pair = rules.transferability_pair_cap
    education_pair = np.minimum(
        _matrix(np, rules.education_language, education_tier, language_tier)
        + _matrix(np, rules.education_canadian_work, education_tier, canadian_tier),
        pair,
    )
    foreign_pair = np.minimum(
        _matrix(np, rules.foreign_work_language, foreign_tier, language_tier)
        + _matrix(np, rules.foreign_work_canadian_work, foreign_tier, canadian_tier),
        pair,
    )
    certificate = _matrix(
        np,
        rules.certificate_of_qualification,
        b.bools["certificate_of_qualification"].astype(np.int64),
        _steps(np, rules.coq_language_tier, lowest),
    )
    transfer = np.minimum(education_pair + foreign_pair + certificate, rules.transferability_cap)

    # D. Additional points.
    nomination = np.where(b.bools["provincial_nomination"], rules.provincial_nomination.points, 0)
    offer = _lookup(
        np, rules.arranged_employment, ArrangedEmployment, b.codes["arranged_employment"]
    )
    study = _lookup(np, rules.canadian_education, CanadianEducation, b.codes["canadian_education"])
    french_points = np.zeros(b.n, dtype=np.int64)
    if rules.french is not None:
        bonus = rules.french
        french_low = np.where(
            first.present & (first.language == 1),
            first.lowest(np),
            np.where(second.present & (second.language == 1), second.lowest(np), -1),
        )
        has_english = (first.present & (first.language == 0)) | (
            second.present & (second.language == 0)
        )
        english_low = np.where(
            first.present & (first.language == 0), first.lowest(np), second.lowest(np)
        )
        strong_french = french_low >= bonus.min_french
        bilingual = has_english & (english_low >= bonus.min_english)
        french_points = np.where(
            strong_french, np.where(bilingual, bonus.bilingual, bonus.french_only), 0
        )
    sibling = (
        np.where(b.bools["sibling_in_canada"], rules.sibling.points, 0)
        if rules.sibling is not None
        else 0
    )
    additional = np.minimum(
        nomination + offer + study + french_points + sibling, rules.additional_cap
    )

    total = core + spouse_points + transfer + additional
    return np.stack(  # type: ignore[no-any-return]
        [total, core, spouse_points, transfer, additional], axis=1
    ).astype(np.int64)
