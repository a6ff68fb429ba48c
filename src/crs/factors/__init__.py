"""Factor functions: one per row of the CRS grid, grouped by section.

Each factor takes the resolved :class:`~crs.ruleset.Facts` and the
:class:`~crs.ruleset.RuleSet` in force and returns an explained
:class:`~crs.breakdown.Line`.  Factors read every value from the rule set's
tables; none of them tests a date.
"""

from crs.factors import additional, core, spouse, transferability

__all__ = ["additional", "core", "spouse", "transferability"]
