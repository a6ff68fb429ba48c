"""Table primitives: every point value in crs lives in one of these, with its source.

* :class:`Steps`: points by a whole number (an age, a CLB level, years of work),
  from the largest threshold not above it.
* :class:`Lookup`: points (or a tier) by a key such as an :class:`~crs.Education`.
* :class:`Matrix`: points by a row tier and a column tier (skill transferability).
* :class:`Spoused`: the same table with a spouse and without one.

Tables resolve their lookups once, when built; reading one is a tuple index.
Each table reads one value (``table(value)``) or a NumPy column of them
(``table.column(values)``) with the same data: the column form is an array
built from the table's own lookups the first time it is asked for.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Mapping
from typing import Any, Generic, TypeVar

import attrs

__all__ = ["Lookup", "Matrix", "Source", "Spoused", "Steps", "member_index"]

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


@attrs.frozen(cache_hash=True)
class Source:
    """Where a table or rule comes from.

    Attributes:
        title: The instrument or page, e.g. "Ministerial Instructions, s. 8".
        url: Its address, where it has one.
        confidence: ``high`` (official text), ``medium`` (official substance via a
            faithful copy) or ``low`` (third-party only).
        note: Anything a reader should know (dates, open questions).
    """

    title: str
    url: str = ""
    confidence: str = "high"
    note: str = ""

    def __str__(self) -> str:
        return f"{self.title} <{self.url}>" if self.url else self.title


@attrs.frozen
class Steps:
    """Points by a whole number, from the largest threshold not above it.

    Values under the first threshold earn 0.

    Attributes:
        steps: ``(threshold, points)`` pairs, thresholds strictly increasing.
        source: Where the values come from.
    """

    steps: tuple[tuple[int, int], ...]
    source: Source
    _lookup: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)
    _array: Any = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        thresholds = [t for t, _ in self.steps]
        if not self.steps or thresholds != sorted(set(thresholds)) or thresholds[0] < 0:
            raise ValueError(f"Steps need increasing, non-negative thresholds: {self.steps}")
        lookup = []
        points = 0
        marks = dict(self.steps)
        for value in range(thresholds[-1] + 1):
            points = marks.get(value, points)
            lookup.append(points)
        object.__setattr__(self, "_lookup", tuple(lookup))

    def __call__(self, value: int) -> int:
        """The points for ``value``."""
        lookup = self._lookup
        if value >= len(lookup):
            return lookup[-1]
        return lookup[value] if value >= 0 else 0

    def column(self, values: Any) -> Any:
        """The points for each whole number of a NumPy array (non-negative)."""
        import numpy as np

        array = self._array
        if array is None:
            array = np.array(self._lookup, dtype=np.int64)
            object.__setattr__(self, "_array", array)
        return array.take(values, mode="clip")  # above the last threshold: its points

    @property
    def maximum(self) -> int:
        """The most points the table gives."""
        return max(self._lookup)

    def rows(self) -> list[tuple[str, int]]:
        """The table as (range of values in words, points), lowest first."""
        out = []
        steps = self.steps
        if steps[0][0] > 0:
            out.append((f"under {steps[0][0]}", 0))
        for i, (low, points) in enumerate(steps):
            if i + 1 < len(steps):
                high = steps[i + 1][0] - 1
                label = str(low) if high == low else f"{low} to {high}"
            else:
                label = f"{low} or more"
            out.append((label, points))
        return out


_UNLISTED = -(2**62)


def member_index(member: enum.Enum | None) -> int:
    """A member's position in its enum, as columns of members hold it (None: -1)."""
    return -1 if member is None else _POSITIONS[type(member)][member]


class _Positions(dict):  # type: ignore[type-arg]
    def __missing__(self, kind: type[enum.Enum]) -> dict[enum.Enum, int]:
        found = {member: i for i, member in enumerate(kind)}
        self[kind] = found
        return found


_POSITIONS: dict[type[enum.Enum], dict[enum.Enum, int]] = _Positions()


def _freeze(mapping: Mapping[Any, int]) -> Mapping[Any, int]:
    return _FrozenDict(mapping)


class _FrozenDict(dict):  # type: ignore[type-arg]
    """A dict that is hashable and refuses changes, for frozen tables."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_FrozenDict, (dict(self),))

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("rule tables are immutable; build a new one with attrs.evolve")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]


@attrs.frozen
class Lookup(Generic[K]):
    """Points (or a tier number) by key.

    Attributes:
        values: Each key with its value; a key that is not listed is an error.
        source: Where the values come from.
    """

    values: Mapping[K, int] = attrs.field(converter=_freeze)
    source: Source
    _array: Any = attrs.field(init=False, default=None, eq=False, repr=False)
    _unlisted: bool = attrs.field(init=False, default=True, eq=False, repr=False)

    def __call__(self, key: K) -> int:
        """The value for ``key``."""
        return self.values[key]

    def column(self, indexes: Any) -> Any:
        """The values for a NumPy array of member indexes (see :func:`member_index`).

        Index -1 (a missing key) reads 0.

        Raises:
            KeyError: If a row holds a member that the table does not list.
        """
        import numpy as np

        array = self._array
        if array is None:
            kind: Any = type(next(iter(self.values)))
            # Members the table does not list read -2**62: found below, never added.
            array = np.array(
                [self.values.get(member, _UNLISTED) for member in kind] + [0], dtype=np.int64
            )
            array.flags.writeable = False
            object.__setattr__(self, "_unlisted", bool(array.min() == _UNLISTED))
            object.__setattr__(self, "_array", array)
        found = array.take(indexes)
        if self._unlisted and found.size and found.min() == _UNLISTED:
            raise KeyError("a key that the table does not list")
        return found

    @property
    def maximum(self) -> int:
        """The largest value."""
        return max(self.values.values())

    def rows(self) -> list[tuple[K, int]]:
        """The table as (key, value) in its order."""
        return list(self.values.items())


@attrs.frozen
class Matrix:
    """Points by a row tier and a column tier, as in the skill-transferability grids.

    Attributes:
        rows_label: What the rows are (e.g. "education").
        columns_label: What the columns are (e.g. "first official language").
        row_names: A name for each row tier.
        column_names: A name for each column tier.
        points: ``points[row][column]``.
        source: Where the values come from.
    """

    rows_label: str
    columns_label: str
    row_names: tuple[str, ...]
    column_names: tuple[str, ...]
    points: tuple[tuple[int, ...], ...]
    source: Source
    _array: Any = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if len(self.points) != len(self.row_names) or any(
            len(row) != len(self.column_names) for row in self.points
        ):
            raise ValueError("a Matrix needs one row of points per row name, one per column")

    def __call__(self, row: int, column: int) -> int:
        """The points in row tier ``row`` and column tier ``column``."""
        return self.points[row][column]

    def column(self, rows: Any, columns: Any) -> Any:
        """The points for NumPy arrays of row tiers and column tiers."""
        import numpy as np

        array = self._array
        if array is None:
            array = np.array(self.points, dtype=np.int64).ravel()
            object.__setattr__(self, "_array", array)
        return array.take(rows * len(self.column_names) + columns)


@attrs.frozen
class Spoused(Generic[T]):
    """One table in two columns: with an accompanying spouse, and without.

    Attributes:
        with_spouse: The table used when the spouse counts.
        single: The table used otherwise.
    """

    with_spouse: T
    single: T
    _stacked_array: Any = attrs.field(init=False, default=None, eq=False, repr=False)

    def pick(self, with_spouse: bool) -> T:
        """The column for a candidate with (or without) a spouse who counts."""
        return self.with_spouse if with_spouse else self.single

    def pick_column(self, with_spouse: Any, read: Any) -> Any:
        """``read(table)`` of each column, chosen row by row by a NumPy ``with_spouse`` mask."""
        import numpy as np

        return np.where(with_spouse, read(self.with_spouse), read(self.single))

    def column(self, with_spouse: Any, values: Any) -> Any:
        """The points of each value, from the table of its row (as :meth:`pick_column` reads them).

        Two :class:`Steps` or two :class:`Lookup` tables (of the same enum) are
        read as one array, the single column's points then the spouse's, each
        :data:`_STACK` long: one gather a value, at the row's offset, rather than
        one gather from each table and a choice between them.
        """
        stacked = _stacked(self)
        if stacked is None:
            return self.pick_column(with_spouse, lambda table: table.column(values))
        import numpy as np

        array, steps = stacked
        if steps:  # whole numbers from 0 up, the last threshold's points above it
            index = np.minimum(values, _STACK - 1, dtype=np.int64)  # (ufuncs: no wrapper)
            np.maximum(index, 0, out=index)
            index += _offsets(with_spouse)
        else:  # member indexes, -1 (none) reading 0 at either end
            index = values + _offsets(with_spouse)
        return array.take(index)


_STACK = 256
"""The length of each table's part of a stacked pair (see :meth:`Spoused.column`)."""
_NOT_STACKED = (None, False)
_LAST_OFFSETS: list[tuple[Any, Any]] = [(None, None)]


def _offsets(with_spouse: Any) -> Any:
    """:data:`_STACK` where the spouse counts, else 0 (the last mask's, remembered)."""
    last = _LAST_OFFSETS[0]
    if last[0] is with_spouse:
        return last[1]
    import numpy as np

    offsets = np.multiply(with_spouse, _STACK, dtype=np.int64)
    _LAST_OFFSETS[0] = (with_spouse, offsets)  # one tuple: read whole by any thread
    return offsets


def _stacked(pair: Spoused[Any]) -> tuple[Any, bool] | None:
    """A pair's tables as one array, and whether they are Steps (or None: not stackable)."""
    found = pair._stacked_array
    if found is None:
        found = _stack(pair.single, pair.with_spouse)
        object.__setattr__(pair, "_stacked_array", found)
    return None if found is _NOT_STACKED else found


def _stack(single: Any, with_spouse: Any) -> Any:
    import numpy as np

    parts = []
    if type(single) is Steps and type(with_spouse) is Steps:
        for table in (single, with_spouse):
            points = table._lookup
            if len(points) > _STACK:
                return _NOT_STACKED
            parts.append(list(points) + [points[-1]] * (_STACK - len(points)))
        steps = True
    elif type(single) is Lookup and type(with_spouse) is Lookup:
        kinds = {type(next(iter(lookup.values))) for lookup in (single, with_spouse)}
        if len(kinds) != 1:
            return _NOT_STACKED  # keys of two kinds: their indexes mean different members
        for lookup in (single, with_spouse):
            lookup.column(np.zeros(0, dtype=np.int64))  # builds its array
            array = lookup._array
            if len(array) > _STACK or lookup._unlisted:
                return _NOT_STACKED  # too long, or a member unlisted (the check reads it)
            parts.append(array.tolist() + [0] * (_STACK - len(array)))
        steps = False
    else:
        return _NOT_STACKED
    array = np.array(parts[0] + parts[1], dtype=np.int64)
    array.flags.writeable = False
    return array, steps
