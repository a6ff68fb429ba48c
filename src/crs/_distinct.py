"""How :mod:`crs.columns` decodes a frame's column: each distinct value read once.

A column is factorized into codes (-1: missing) and its distinct values; each
value that appears is read by its field's spec exactly as the JSON loader reads
it, and encoded as a number for NumPy (members by position, dates by day).
:class:`crs.columns.Columns` inherits these methods from :class:`_Decoding`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from crs.flat import cell_value, missing
from crs.specs import UNKNOWN, Choice, Day, Flag, Invalid, Spec, Whole
from crs.specs import Number as NumberSpec
from crs.tables import member_index

if TYPE_CHECKING:
    pass


_EPOCH = dt.date(1970, 1, 1)
_GRID = 4096  # numbers whose double is a whole number below this are decoded by table
_WHOLES = list(range(_GRID))


@attrs.define
class _Column:
    """One decoded column: per row its code (-1 missing), per code its value."""

    codes: Any
    values: list[Any]  # the Python value of each code (UNKNOWN: refused)
    array: Any  # the encoded value of each row (see _encode); None: gathered when asked
    given: Any
    good: Any
    seen: list[int] | None = attrs.field(factory=list)  # codes some row holds (None: unknown)
    encoded: Any = None  # the encoded value of each code, the last for missing (or None)

    def rows(self) -> Any:
        """The encoded value of each row (gathered by code when first asked)."""
        if self.array is None:
            self.array = self.encoded.take(self.codes)
        return self.array

    def seen_codes(self, np: Any) -> list[int]:
        """The codes some row holds (found when first asked)."""
        if self.seen is None:
            counts = np.bincount(np.add(self.codes, 1, dtype=np.int64), minlength=len(self.values))
            self.seen = np.flatnonzero(counts[1:]).tolist()
        return self.seen


def _encode(spec: Spec, value: object) -> float:
    """A read value as a number for arrays: members by position, dates by day."""
    if value is None or value is UNKNOWN:
        return -1 if isinstance(spec, (Choice, Day)) else 0
    if isinstance(spec, Choice):
        assert isinstance(value, enum.Enum)
        return member_index(value)
    if isinstance(spec, Day):
        assert isinstance(value, dt.date)
        return (value - _EPOCH).days
    if isinstance(spec, (Whole, NumberSpec, Flag)):
        return float(value)  # type: ignore[arg-type]
    return 0


BY_VALUE: dict[Any, Any] = {}
"""What a cell value reads as, and a rule's verdict on values, by those values (any call).

Readings and verdicts are pure functions of the values (8 and 8.0 kept apart by
their type), and a batch after a batch holds the same few thousand test scores,
choices and dates: each is read once, not once a call.  Bounded by
:data:`_BY_VALUE_LIMIT` units (an entry, or 256 bytes of its arrays): emptied when full."""
_BY_VALUE_LIMIT = 1 << 17
_ABSENT = object()
_WEIGHT = [0]  # the units held now


def by_value(key: Hashable, make: Any, nbytes: int = 0) -> Any:
    """``make()``, remembered in :data:`BY_VALUE` by ``key`` (unhashable: made each time).

    ``nbytes``: about how many bytes of arrays the value holds (it weighs more).
    """
    try:
        found = BY_VALUE.get(key, _ABSENT)
    except TypeError:  # an unhashable value (a list in a cell)
        return make()
    if found is _ABSENT:
        found = make()
        weight = 1 + nbytes // 256
        if weight > _BY_VALUE_LIMIT:
            return found  # heavier than the whole bound: made each time, never kept
        if _WEIGHT[0] + weight > _BY_VALUE_LIMIT:
            BY_VALUE.clear()
            _WEIGHT[0] = 0
        BY_VALUE[key] = found
        _WEIGHT[0] += weight
    return found


def _cached_reading(path: str, spec: Spec, raw: object) -> tuple[Any, bool, float]:
    """:func:`_reading`, remembered by the value (a missing cell is cheap: read as it is)."""
    if missing(raw):
        return _reading(path, spec, raw)
    found: tuple[Any, bool, float] = by_value(
        ("read", path, id(spec), type(raw), raw), lambda: _reading(path, spec, raw)
    )
    return found


def _reading(path: str, spec: Spec, raw: object) -> tuple[Any, bool, float]:
    """A distinct cell's value, whether it is good, and its encoding (see :func:`_encode`)."""
    if missing(raw):
        return None, True, _encode(spec, None)
    try:
        value = spec.read(cell_value(path, raw))
    except Invalid:
        return UNKNOWN, False, 0
    return value, True, _encode(spec, value)


@attrs.frozen
class CodedRows:
    """Rows of a category column as :meth:`_Decoding._decode` reads them: dtype and codes."""

    dtype: Any
    codes: Any  # the category of each row, -1 for missing (as pandas gives them)


def category_readings(
    np: Any, memo: dict[Any, Any], path: str, spec: Spec, categories: Any
) -> tuple[Any, list[Any], Any, Any, bool]:
    """Each category of a column read once a call: (categories, values, encoded, good, all good).

    ``values``, ``encoded`` and ``good`` have one more entry, last, for a
    missing cell (code -1).  Remembered in ``memo`` by the categories' identity
    (they are kept there, so that the identity stays theirs), and ``values``
    is marked shared by the chunks of the call (see :class:`crs.columns.Columns`).
    """
    key = ("categories", path, id(categories))
    found = memo.get(key)
    if found is None or found[0] is not categories:
        raws = categories.tolist()
        # The same categories in the same order (a batch after a batch): read before.
        read = by_value(
            ("categories", path, id(spec), tuple(raws), tuple(map(type, raws))),
            lambda: _read_categories(np, path, spec, raws),
            nbytes=16 * len(raws),
        )
        found = (categories, *read)
        memo[key] = found
        memo[("shared", id(found[1]))] = found[1]
    return found


def _read_categories(
    np: Any, path: str, spec: Spec, raws: list[Any]
) -> tuple[list[Any], Any, Any, bool]:
    """Each category read by the spec: (values, encoded, good, all good), a last for missing."""
    readings = [_cached_reading(path, spec, raw) for raw in raws]
    values: list[Any] = [value for value, _, _ in readings]
    values.append(None)
    exact = isinstance(spec, (Whole, Choice, Day, Flag))
    encoded = np.array(
        [code for _, _, code in readings] + [_encode(spec, None)],
        dtype=np.int64 if exact else np.float64,
    )
    good = np.array([ok for _, ok, _ in readings] + [True], dtype=bool)
    encoded.flags.writeable = False  # shared by every call that reads these categories
    good.flags.writeable = False
    return values, encoded, good, bool(good.all())


class _Decoding:
    """The decoding methods of :class:`crs.columns.Columns` (its NumPy, pandas and rows)."""

    np: Any
    pd: Any
    memo: dict[Any, Any] | None
    n: int
    ok: Any
    _all: Any

    def _missing(self, column: Any, *, empty_lists: bool = False) -> Any:
        """Which rows hold no value (with ``empty_lists``, an empty list is none)."""
        if str(column.dtype) == "object":
            values = column.to_numpy(dtype=object)
            test = _no_value if empty_lists else missing
            return self.np.fromiter(map(test, values), dtype=bool, count=self.n)
        return column.isna().to_numpy(dtype=bool)

    def _distinct(self, column: Any) -> tuple[Any, list[Any], Any]:
        """Codes (-1 missing), the distinct values, and which of them appear."""
        np, pd = self.np, self.pd
        dtype = column.dtype
        kind = getattr(dtype, "kind", "O") if isinstance(dtype, np.dtype) else "O"
        if kind == "b":
            codes = column.to_numpy().astype(np.int64)
            return codes, [False, True], np.bincount(codes, minlength=2) > 0
        if kind in "iu":
            ints = column.to_numpy()
            if ints.size == 0 or (ints.min() >= 0 and ints.max() < _GRID):
                codes = ints.astype(np.int64)
                return codes, _WHOLES, np.bincount(codes, minlength=_GRID) > 0
            found, codes = np.unique(ints, return_inverse=True)
            return codes.ravel().astype(np.int64), found.tolist(), np.ones(len(found), bool)
        if kind == "f":
            # Hashing finds the few distinct numbers in one pass; NaN (missing) is -1.
            codes, found = pd.factorize(column.to_numpy(dtype=np.float64), use_na_sentinel=True)
            uniques = found.tolist()
            return np.asarray(codes, dtype=np.int64), uniques, np.ones(len(uniques), dtype=bool)
        if isinstance(dtype, pd.CategoricalDtype):
            # The typed input: the categories are the distinct values, the codes are given.
            codes = np.asarray(column.cat.codes, dtype=np.int64)
            uniques = list(dtype.categories)
            return codes, uniques, np.bincount(codes + 1, minlength=len(uniques) + 1)[1:] > 0
        if isinstance(dtype, pd.BooleanDtype):
            return self._booleans(column.isna().to_numpy(), column.to_numpy(bool, na_value=False))
        if isinstance(dtype, pd.StringDtype):
            # Text cells hold a string or nothing: factorize as they are.
            codes, found = pd.factorize(column, use_na_sentinel=True)
            uniques = list(found)
            return np.asarray(codes, dtype=np.int64), uniques, np.ones(len(uniques), dtype=bool)
        if str(dtype) in ("object", "str"):
            column = column.to_numpy(dtype=object)
            kind = pd.api.types.infer_dtype(column, skipna=True)
            if kind == "boolean":  # True, False and missing cells, as json_normalize makes them
                missing_cells = pd.isna(column)
                truth = np.zeros(self.n, dtype=bool)
                truth[~missing_cells] = column[~missing_cells].astype(bool)
                return self._booleans(missing_cells, truth)
            if kind in _PLAIN:
                # One plain kind of scalar (no lists, objects or mixed kinds): no scan needed.
                codes, found = pd.factorize(column, use_na_sentinel=True)
                uniques = list(found)
                return np.asarray(codes, np.int64), uniques, np.ones(len(uniques), dtype=bool)
            whole = np.fromiter(map(_unhashable, column), dtype=bool, count=self.n)
            if whole.any():  # lists and objects in a cell: the scalar path reads them
                self.ok &= ~whole
                column = np.where(whole, None, column)
            if pd.api.types.infer_dtype(column, skipna=True) not in _PLAIN:
                # Mixed kinds: 0, False and 0.0 are equal in Python but not in JSON.
                tagged = np.empty(self.n, dtype=object)
                tagged[:] = [None if missing(v) else (type(v), v) for v in column]
                codes, found = pd.factorize(tagged, use_na_sentinel=True)
                uniques = [value for _, value in found]
                return np.asarray(codes, np.int64), uniques, np.ones(len(uniques), bool)
        codes, found = pd.factorize(column, use_na_sentinel=True)
        uniques = list(found)
        return np.asarray(codes, dtype=np.int64), uniques, np.ones(len(uniques), dtype=bool)

    def _booleans(self, missing_cells: Any, truth: Any) -> tuple[Any, list[Any], Any]:
        """Codes of a boolean column: 0 false, 1 true, -1 missing."""
        np = self.np
        codes = truth.astype(np.int64)
        codes[missing_cells] = -1
        return codes, [False, True], np.bincount(codes + 1, minlength=3)[1:] > 0

    def _decode(self, path: str, spec: Spec, column: Any) -> _Column:
        np = self.np
        if self.memo is not None and isinstance(column.dtype, self.pd.CategoricalDtype):
            return self._decode_categories(path, spec, column)
        codes, uniques, seen = self._distinct(column)
        values: list[Any] = [UNKNOWN] * len(uniques)
        good = np.zeros(len(uniques) + 1, dtype=bool)
        # Whole numbers, members, days and flags encode as integers: read without a cast.
        exact = isinstance(spec, (Whole, Choice, Day, Flag))
        encoded = np.zeros(len(uniques) + 1, dtype=np.int64 if exact else np.float64)
        index = np.flatnonzero(seen).tolist()
        readings = [_cached_reading(path, spec, uniques[i]) for i in index]
        if readings:
            read_values, read_good, read_encoded = zip(*readings, strict=True)
            for i, value in zip(index, read_values, strict=True):
                values[i] = value
            good[index] = read_good
            encoded[index] = read_encoded
        good[-1] = True
        encoded[-1] = _encode(spec, None)
        values.append(None)
        # Every value that appears is good (the usual case): no row is refused here.
        rows_good = good.take(codes) if not good[:-1][seen].all() else self._all
        return _Column(codes, values, encoded.take(codes), codes >= 0, rows_good, index)

    def _decode_categories(self, path: str, spec: Spec, column: Any) -> _Column:
        """A category column (the typed input): its categories read once a call.

        The chunks of one frame share its categories; each is read by the spec
        once (every category, seen or not, as a batch is likely to see them all),
        and each chunk only gathers by its codes.
        """
        np = self.np
        assert self.memo is not None
        _, values, encoded, good, all_good = category_readings(
            np, self.memo, path, spec, column.dtype.categories
        )
        # The codes as pandas keeps them (int8 for up to 127 categories): -1 (missing)
        # reads the last value; arithmetic on them widens first (np.add(..., dtype=)).
        codes = column.codes if isinstance(column, CodedRows) else column.array.codes
        rows_good = self._all if all_good else good.take(codes)
        if rows_good is not self._all and rows_good.all():
            rows_good = self._all
        return _Column(codes, values, None, codes >= 0, rows_good, None, encoded)

    def _presence(self, column: Any) -> _Column:
        np = self.np
        values = column.to_numpy(dtype=object)
        given = np.fromiter((_empty_object(v) for v in values), bool, count=self.n)
        good = given | self._missing(column)
        return _Column(np.where(given, 0, -1), [True, None], given, given, good, [0])


_PLAIN = frozenset({"string", "boolean", "integer", "floating", "empty", "date", "datetime"})
"""Kinds of object column whose values factorize as they are."""


def _empty_object(value: object) -> bool:
    return isinstance(value, Mapping) and not value


def _unhashable(value: object) -> bool:
    return isinstance(value, (list, dict, set, tuple)) or not isinstance(value, Hashable)


def _no_value(value: object) -> bool:
    if isinstance(value, (list, tuple)):
        return len(value) == 0
    return missing(value)


def _default(cls: type, name: str) -> Any:
    return attrs.fields_dict(cls)[name].default


def _truth(np: Any, decide: Any, *masks: Any) -> Any:
    """``decide`` of each row's booleans, through its truth table (each case asked once)."""
    index = np.array(masks[0], dtype=np.intp)  # each case a number: the masks its bits
    for mask in masks[1:]:
        index <<= 1
        index |= mask
    table = np.array(
        [
            bool(decide(*(bool(case >> (len(masks) - 1 - i) & 1) for i in range(len(masks)))))
            for case in range(2 ** len(masks))
        ]
    )
    return table.take(index)
