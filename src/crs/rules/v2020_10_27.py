"""The old name of :mod:`crs.rules.v2020_10_20` (the French increase is dated 2020-10-20)."""

from crs.rules.v2020_10_20 import RULES

__all__ = ["RULES"]
