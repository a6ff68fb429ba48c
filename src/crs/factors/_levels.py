"""Readers of four CLB/NCLC levels that compiled scorers memoise.

:meth:`Abilities.compile` and :meth:`Tiers.compile` (:mod:`crs.factors.kinds`) emit
code that calls these: the same computation as the factor's ``points``, kept as one
callable so that the compiled scorer (:mod:`crs.compiled`) stores a table of its results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crs.language import Levels


class _AbilitySum:
    """The points of four levels from one per-ability table (what :meth:`Abilities.points` adds)."""

    __slots__ = ("table",)

    def __init__(self, table: Any) -> None:
        self.table = table

    def __call__(self, levels: Levels) -> int:
        table = self.table
        points: int = table(levels[0]) + table(levels[1]) + table(levels[2]) + table(levels[3])
        return points


class _LowestTier:
    """The tier of the lowest of four levels (what :meth:`Tier.__call__` reads with ``lowest``)."""

    __slots__ = ("table",)

    def __init__(self, table: Any) -> None:
        self.table = table

    def __call__(self, levels: Levels) -> int:
        lowest = min(levels)
        tier: int = lowest if self.table is None else self.table(lowest)
        return tier
