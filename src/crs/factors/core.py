"""Section A: core / human capital factors (crs-rules §2)."""

from __future__ import annotations

from crs.factors.kinds import Abilities, Table, years_text
from crs.profile import Education

__all__ = ["age", "canadian_work", "education", "first_language", "second_language_abilities"]


def _column(with_spouse: bool) -> str:
    # IRCC's two columns.  A spouse who is a Canadian citizen or permanent resident, or who is
    # not coming, puts the candidate in the column without one ("you will get points as if
    # you don't have a spouse"), so that column says how it scores, as section B's line does.
    return "with a spouse" if with_spouse else "scored as single"


def _age_reason(age: int, with_spouse: bool) -> str:
    return f"{age} years old, {_column(with_spouse)}"


def _education_reason(education: Education, with_spouse: bool) -> str:
    return f"{education.label}, {_column(with_spouse)}"


def _canadian_reason(years: int, with_spouse: bool) -> str:
    return f"{years_text(years)}, {_column(with_spouse)}"


age = Table("core.age", "Age", "age", "age", _age_reason)
"""Points for age in completed years on the scoring date."""

education = Table(
    "core.education", "Level of education", "education", "education", _education_reason
)
"""Points for the highest level of education."""

first_language = Abilities(
    "core.first_language",
    "First official language",
    "first_language",
    "first",
    "first_result",
    "no first official language result",
    "first_void",
)
"""Points for each ability of the first official language."""

second_language_abilities = Abilities(
    "core.second_language.abilities",
    "Second official language abilities",
    "second_language",
    "second",
    "second_result",
    "no second official language result",
    "second_void",
)
"""Points for each ability of the second official language, before its cap."""

canadian_work = Table(
    "core.canadian_work",
    "Canadian work experience",
    "canadian_work",
    "canadian_years",
    _canadian_reason,
)
"""Points for completed years of skilled Canadian work in the last 10 years."""
