"""Section A: core / human capital factors (crs-rules §2)."""

from __future__ import annotations

from crs.factors.kinds import Abilities, Table, years_text

__all__ = ["age", "canadian_work", "education", "first_language", "second_language_abilities"]


def _column(with_spouse: bool) -> str:
    return "with a spouse" if with_spouse else "without a spouse"


age = Table(
    "core.age",
    "Age",
    lambda rules, facts: rules.age.pick(facts.with_spouse),
    lambda facts: facts.age,
    lambda age, with_spouse: f"{age} years old, {_column(with_spouse)}",
)
"""Points for age in completed years on the scoring date."""

education = Table(
    "core.education",
    "Level of education",
    lambda rules, facts: rules.education.pick(facts.with_spouse),
    lambda facts: facts.education,
    lambda education, with_spouse: f"{education.label}, {_column(with_spouse)}",
)
"""Points for the highest level of education."""

first_language = Abilities(
    "core.first_language",
    "First official language",
    lambda rules, facts: rules.first_language.pick(facts.with_spouse),
    lambda facts: facts.first,
    lambda facts: facts.first_result,
    "no first official language result",
)
"""Points for each ability of the first official language."""

second_language_abilities = Abilities(
    "core.second_language.abilities",
    "Second official language abilities",
    lambda rules, facts: rules.second_language.pick(facts.with_spouse),
    lambda facts: facts.second,
    lambda facts: facts.second_result,
    "no second official language result",
)
"""Points for each ability of the second official language, before its cap."""

canadian_work = Table(
    "core.canadian_work",
    "Canadian work experience",
    lambda rules, facts: rules.canadian_work.pick(facts.with_spouse),
    lambda facts: facts.canadian_years,
    lambda years, with_spouse: f"{years_text(years)}, {_column(with_spouse)}",
)
"""Points for completed years of skilled Canadian work in the last 10 years."""
