"""Section B: spouse or common-law partner factors (crs-rules §3).

The section scores only when the spouse counts (accompanying, not a Canadian
citizen or permanent resident); the facts then hold the spouse's values.
"""

from __future__ import annotations

from crs.factors.kinds import Abilities, Table, years_text
from crs.profile import Education

__all__ = ["canadian_work", "education", "first_language"]


def _education_reason(education: Education, _: bool) -> str:
    return education.label


def _years_reason(years: int, _: bool) -> str:
    return years_text(years)


education = Table(
    "spouse.education",
    "Spouse's level of education",
    "spouse_education",
    "spouse_education",
    _education_reason,
)
"""Points for the spouse's level of education."""

first_language = Abilities(
    "spouse.first_language",
    "Spouse's first official language",
    "spouse_language",
    "spouse_first",
    "spouse_first_result",
    "no language result for the spouse",
    "spouse_first_void",
)
"""Points for each ability of the spouse's first official language."""

canadian_work = Table(
    "spouse.canadian_work",
    "Spouse's Canadian work experience",
    "spouse_canadian_work",
    "spouse_canadian_years",
    _years_reason,
)
"""Points for the spouse's years of Canadian work."""
