"""Section B: spouse or common-law partner factors (crs-rules §3).

The section scores only when the spouse counts (accompanying, not a Canadian
citizen or permanent resident); the facts then hold the spouse's values.
"""

from __future__ import annotations

from crs.factors.kinds import Abilities, Table, years_text
from crs.profile import Education

__all__ = ["canadian_work", "education", "first_language"]

education = Table(
    "spouse.education",
    "Spouse's level of education",
    lambda rules, facts: rules.spouse_education,
    lambda facts: facts.spouse_education or Education.LESS_THAN_SECONDARY,
    lambda education, _: education.label,
)
"""Points for the spouse's level of education."""

first_language = Abilities(
    "spouse.first_language",
    "Spouse's first official language",
    lambda rules, facts: rules.spouse_language,
    lambda facts: facts.spouse_first,
    lambda facts: facts.profile.spouse.first_language if facts.profile.spouse else None,
    "no language result for the spouse",
)
"""Points for each ability of the spouse's first official language."""

canadian_work = Table(
    "spouse.canadian_work",
    "Spouse's Canadian work experience",
    lambda rules, facts: rules.spouse_canadian_work,
    lambda facts: facts.spouse_canadian_years,
    lambda years, _: years_text(years),
)
"""Points for the spouse's years of Canadian work."""
