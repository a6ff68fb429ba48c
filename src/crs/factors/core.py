"""Section A: core / human capital factors (crs-rules §2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crs.breakdown import Line
from crs.factors._common import per_ability, years_text

if TYPE_CHECKING:
    from crs.ruleset import Facts, RuleSet

__all__ = ["age", "canadian_work", "education", "first_language", "second_language_abilities"]


def _column(facts: Facts) -> str:
    return "with a spouse" if facts.with_spouse else "without a spouse"


def age(facts: Facts, rules: RuleSet) -> Line:
    """Points for age in completed years on the scoring date."""
    table = rules.age.pick(facts.with_spouse)
    return Line(
        "core.age",
        "Age",
        table(facts.age),
        f"{facts.age} years old, {_column(facts)}",
        source=table.source,
    )


def education(facts: Facts, rules: RuleSet) -> Line:
    """Points for the highest level of education."""
    table = rules.education.pick(facts.with_spouse)
    return Line(
        "core.education",
        "Level of education",
        table(facts.education),
        f"{facts.education.label}, {_column(facts)}",
        source=table.source,
    )


def first_language(facts: Facts, rules: RuleSet) -> Line:
    """Points for each ability of the first official language."""
    table = rules.first_language.pick(facts.with_spouse)
    children, total = per_ability("core.first_language", facts.first, facts.first_result, table)
    reason = "" if children else "no first official language result"
    return Line("core.first_language", "First official language", total, reason, children)


def second_language_abilities(facts: Facts, rules: RuleSet) -> Line:
    """Points for each ability of the second official language, before its cap."""
    table = rules.second_language.pick(facts.with_spouse)
    children, total = per_ability(
        "core.second_language.abilities", facts.second, facts.second_result, table
    )
    reason = "" if children else "no second official language result"
    return Line(
        "core.second_language.abilities",
        "Second official language abilities",
        total,
        reason,
        children,
    )


def canadian_work(facts: Facts, rules: RuleSet) -> Line:
    """Points for completed years of skilled Canadian work in the last 10 years."""
    table = rules.canadian_work.pick(facts.with_spouse)
    return Line(
        "core.canadian_work",
        "Canadian work experience",
        table(facts.canadian_years),
        f"{years_text(facts.canadian_years)}, {_column(facts)}",
        source=table.source,
    )
