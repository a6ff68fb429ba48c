"""Section B: spouse or common-law partner factors (crs-rules §3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crs.breakdown import Line
from crs.factors._common import per_ability, years_text
from crs.profile import Education

if TYPE_CHECKING:
    from crs.ruleset import Facts, RuleSet

__all__ = ["canadian_work", "education", "first_language"]


def education(facts: Facts, rules: RuleSet) -> Line:
    """Points for the spouse's level of education."""
    level = facts.spouse_education or Education.LESS_THAN_SECONDARY
    table = rules.spouse_education
    return Line(
        "spouse.education",
        "Spouse's level of education",
        table(level),
        level.label,
        source=table.source,
    )


def first_language(facts: Facts, rules: RuleSet) -> Line:
    """Points for each ability of the spouse's first official language."""
    spouse = facts.profile.spouse
    result = spouse.first_language if spouse is not None else None
    children, total = per_ability(
        "spouse.first_language", facts.spouse_first, result, rules.spouse_language
    )
    reason = "" if children else "no language result for the spouse"
    return Line(
        "spouse.first_language", "Spouse's first official language", total, reason, children
    )


def canadian_work(facts: Facts, rules: RuleSet) -> Line:
    """Points for the spouse's years of Canadian work."""
    table = rules.spouse_canadian_work
    return Line(
        "spouse.canadian_work",
        "Spouse's Canadian work experience",
        table(facts.spouse_canadian_years),
        years_text(facts.spouse_canadian_years),
        source=table.source,
    )
