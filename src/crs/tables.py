"""Table primitives: every point value in crs lives in one of these, with its source.

* :class:`Steps`: points by a whole number (an age, a CLB level, years of work),
  from the largest threshold not above it.
* :class:`Lookup`: points (or a tier) by a key such as an :class:`~crs.Education`.
* :class:`Matrix`: points by a row tier and a column tier (skill transferability).
* :class:`Spoused`: the same table with a spouse and without one.

Tables resolve their lookups once, when built; reading one is a tuple index.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any, Generic, TypeVar

import attrs

__all__ = ["Lookup", "Matrix", "Source", "Spoused", "Steps"]

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


def _freeze(mapping: Mapping[Any, int]) -> Mapping[Any, int]:
    return _FrozenDict(mapping)


class _FrozenDict(dict):  # type: ignore[type-arg]
    """A dict that is hashable and refuses changes, for frozen tables."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))

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

    def __call__(self, key: K) -> int:
        """The value for ``key``."""
        return self.values[key]

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

    def __attrs_post_init__(self) -> None:
        if len(self.points) != len(self.row_names) or any(
            len(row) != len(self.column_names) for row in self.points
        ):
            raise ValueError("a Matrix needs one row of points per row name, one per column")

    def __call__(self, row: int, column: int) -> int:
        """The points in row tier ``row`` and column tier ``column``."""
        return self.points[row][column]


@attrs.frozen
class Spoused(Generic[T]):
    """One table in two columns: with an accompanying spouse, and without.

    Attributes:
        with_spouse: The table used when the spouse counts.
        single: The table used otherwise.
    """

    with_spouse: T
    single: T

    def pick(self, with_spouse: bool) -> T:
        """The column for a candidate with (or without) a spouse who counts."""
        return self.with_spouse if with_spouse else self.single
