"""Factor functions: one per row of the CRS grid, grouped by section.

Each factor is a :class:`~crs.ruleset.Factor`: ``points(facts, rules)`` is the
fast path that :func:`crs.score` adds up, and ``line(facts, rules)`` explains
the same points.  Factors read every value from the rule set's tables; none of
them tests a date.  :mod:`crs.factors.kinds` has the reusable kinds.
"""

from crs.factors import additional, core, kinds, spouse, transferability

__all__ = ["additional", "core", "kinds", "spouse", "transferability"]
