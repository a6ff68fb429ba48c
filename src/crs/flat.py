"""The flat form of profiles: one profile a row, one field a column, and back.

Column names are the dotted paths of the profile JSON (``age``,
``first_language.test``, ``spouse.first_language.speaking``), derived from the
declared fields (:mod:`crs.checks`), never kept by hand.  A missing value
(None, NaN, NA) is a key left out.

What :func:`pandas.json_normalize` loses, and how this form keeps it:

* **An empty object.** ``{"spouse": {}}`` (a spouse whose every field is at its
  default) has no leaf to flatten, so ``json_normalize`` drops it and the
  candidate becomes single.  :func:`to_frame` writes a ``spouse`` column that
  holds an empty object (``{}``) wherever a spouse is given; :func:`score_frame`
  and :func:`from_frame` read it as "the object is given".  With
  ``json_normalize``, add the column yourself:
  ``frame["spouse"] = [{} if "spouse" in p else None for p in profiles]``.
* **Whole numbers.** A column with a missing value becomes floats in pandas;
  ``30.0`` in an integer field (``age``) is ``30``, and a whole number in a text
  field (an ``id`` column of numbers, ``1001`` or ``1001.0``) is its text,
  ``"1001"`` — as in JSON: the fields' specs read them so.
* **Lists.** ``work_history`` stays a column of lists of job objects.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from crs._json import JSONObject
from crs.checks import field_names
from crs.errors import Problem, ProfileError
from crs.io import dump_profile, load_profile
from crs.specs import Many, Nested

if TYPE_CHECKING:
    import pandas as pd

    from crs.profile import Profile

__all__ = [
    "COLUMNS",
    "PRESENCE_COLUMNS",
    "from_frame",
    "repeated_columns",
    "row_profile",
    "to_frame",
]

COLUMNS: tuple[str, ...] = tuple(path for path, _ in field_names())
"""Every column of the flat form, in the order of the profile's fields.

A nested object's own column (``spouse``, ``first_language``) holds ``{}`` where
the object is given (its fields are in their own columns), or the whole object
(as ``json_normalize`` leaves an object it did not flatten); ``work_history``
holds a list of job objects.
"""

PRESENCE_COLUMNS: tuple[str, ...] = tuple(
    path for path, spec in field_names() if isinstance(spec, Nested)
)
"""The columns of nested objects (``{}``: the object is given, even with no field set)."""

_LISTS = frozenset(path for path, spec in field_names() if isinstance(spec, Many))
_PRESENCE = frozenset(PRESENCE_COLUMNS)


def _modules() -> tuple[Any, Any]:
    try:
        import numpy
        import pandas
    except ImportError as exc:  # pragma: no cover - the extra is installed in development
        raise ImportError(
            "crs frames need NumPy and pandas: pip install 'crs-calculator[batch]'"
        ) from exc
    return numpy, pandas


def missing(value: object) -> bool:
    """Whether a cell is missing, as pandas sees it (None, NaN, NaT, NA, ...)."""
    if value is None:
        return True
    if isinstance(value, float):  # NumPy's float64 is a float too
        return math.isnan(value)
    if isinstance(value, (str, int, Mapping, list, tuple)):
        return False
    _, pd = _modules()
    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def cell_value(path: str, value: object) -> object:
    """A cell as the JSON value it stands for (NumPy scalars and arrays, timestamps, dates).

    Nested values are read alike: a column of lists or objects that came
    through Arrow (Polars, PyArrow, Parquet) holds NumPy arrays of dicts whose
    dates are ``datetime.date`` objects; each becomes a list of JSON objects.
    Whole floats and numeric ids are left to their fields' specs.
    """
    kind = type(value)
    if kind in (str, int, float, bool):  # plain values: no NumPy needed (CSV)
        return value
    if kind is list or kind is tuple:
        return [cell_value(path, item) for item in cast("Sequence[object]", value)]
    if isinstance(value, JSONObject):  # read from JSON text (a CSV cell): kept, with the keys
        return value  # it gives twice, which the loader reports
    if isinstance(value, Mapping):
        return {str(k): cell_value(f"{path}.{k}", v) for k, v in value.items()}
    np, pd = _modules()
    if isinstance(value, np.ndarray):
        return [cell_value(path, item) for item in value.tolist()]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if path != "submitted_at" and value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):  # a decimal column (Parquet, a database): its number
        return (
            int(value) if value.is_finite() and value == value.to_integral_value() else float(value)
        )
    return value


def row_profile(items: Iterable[tuple[Hashable, object]]) -> dict[str, Any]:
    """The profile JSON object of one flat row: dotted names nested, missing values left out.

    A ``{}`` in a nested object's own column gives the object even with no field set.

    >>> row_profile([("age", 30.0), ("education", "masters"), ("spouse", {}),
    ...              ("first_language.test", float("nan"))])
    {'age': 30.0, 'education': 'masters', 'spouse': {}}
    """
    data: dict[str, Any] = {}
    for name, value in items:
        path = str(name)
        if missing(value):
            continue
        node = data
        *parents, leaf = path.split(".")
        for parent in parents:
            child = node.setdefault(parent, {})
            if not isinstance(child, dict):  # a whole-object column beside its fields
                child = node[parent] = {}
            node = child
        value = cell_value(path, value)
        if isinstance(value, dict) and isinstance(node.get(leaf), dict):
            node[leaf] = {**value, **node[leaf]}
        elif not isinstance(node.get(leaf), dict):
            node[leaf] = value
    return data


def _flatten(data: Mapping[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for key, value in data.items():
        path = f"{prefix}{key}"
        if path in _PRESENCE and isinstance(value, Mapping):
            out[path] = {}
            _flatten(value, f"{path}.", out)
        else:
            out[path] = value


def to_frame(profiles: Iterable[Profile | Mapping[str, Any]]) -> pd.DataFrame:
    """The flat frame of ``profiles`` (objects or JSON objects): what :func:`crs.score_frame` takes.

    Every field that any profile gives is a column; nested objects have their
    own presence column, so nothing is lost (:func:`from_frame` gives the
    profiles back).

    >>> import crs
    >>> frame = to_frame([{"age": 40, "education": "secondary", "spouse": {}}])
    >>> list(frame.columns), frame.loc[0, "spouse"]
    (['education', 'age', 'spouse'], {})
    """
    _, pandas = _modules()
    rows = []
    for profile in profiles:
        data = profile if isinstance(profile, Mapping) else dump_profile(profile)
        row: dict[str, Any] = {}
        _flatten(data, "", row)
        rows.append(row)
    seen = {name for row in rows for name in row}
    columns = [name for name in COLUMNS if name in seen]
    columns += sorted(seen.difference(columns))  # unknown keys stay, to be reported
    frame = pandas.DataFrame.from_records(rows, columns=columns)
    for name in columns:
        if name in _LISTS or name in _PRESENCE:
            frame[name] = frame[name].astype(object)
    # A whole number beyond 2**53 in a column pandas made float (a missing cell or a
    # fraction beside it) would be rounded: such a column keeps the values as given.
    inexact = {
        name
        for row in rows
        for name, value in row.items()
        if type(value) is int and abs(value) > _EXACT and frame[name].dtype.kind == "f"
    }
    for name in inexact:
        frame[name] = pandas.Series(
            [row.get(name, math.nan) for row in rows], index=frame.index, dtype=object
        )
    return cast("pd.DataFrame", frame)


_EXACT = 2**53
"""Whole numbers up to this size are exact as floats."""


def from_frame(frame: pd.DataFrame) -> list[Profile]:
    """The profiles of a flat frame, row by row (the inverse of :func:`to_frame`).

    Raises:
        ProfileError: With every problem of every row that is not a valid
            profile, each path starting with the row's position (``[3].age``).
    """
    columns = [str(c) for c in frame.columns]
    profiles: list[Profile] = []
    problems: list[Problem] = []
    twice = repeated_columns(columns)
    for position, values in enumerate(frame.itertuples(index=False, name=None)):
        if twice:
            problems.extend(ProfileError(twice).prefixed(f"[{position}]").problems)
            continue
        try:
            profiles.append(load_profile(row_profile(zip(columns, values, strict=True))))
        except ProfileError as exc:
            problems.extend(exc.prefixed(f"[{position}]").problems)
    if problems:
        raise ProfileError(problems)
    return profiles


def repeated_columns(names: Iterable[Hashable]) -> tuple[Problem, ...]:
    """A problem for each name that more than one column has (a frame's, a CSV header's).

    Such a row is ambiguous (which ``age`` is the age?), so every row of the
    frame or file reports it rather than one column silently winning.

    >>> [str(p) for p in repeated_columns(["age", "education", "age"])]
    ["age: 2 columns are named 'age'"]
    """
    counts: dict[str, int] = {}
    for name in names:
        counts[str(name)] = counts.get(str(name), 0) + 1
    return tuple(
        Problem(name, f"{count} columns are named {name!r}")
        for name, count in counts.items()
        if count > 1
    )


def rows(frame: pd.DataFrame, positions: Sequence[int]) -> Iterable[dict[str, Any]]:
    """The profile JSON objects of the rows at ``positions``."""
    columns = [str(c) for c in frame.columns]
    for values in frame.iloc[list(positions)].itertuples(index=False, name=None):
        yield row_profile(zip(columns, values, strict=True))
