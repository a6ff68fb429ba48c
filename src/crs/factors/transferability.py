"""Section C: skill transferability factors (crs-rules §4).

Language tiers use the first official language only, across all four
abilities: the lowest of the four levels decides the tier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crs.factors.kinds import Tiers, levels_text, years_text
from crs.profile import OfficialLanguage
from crs.ruleset import Facts, RuleSet

if TYPE_CHECKING:
    from crs.language import Levels

__all__ = [
    "certificate_of_qualification",
    "education_canadian_work",
    "education_language",
    "foreign_work_canadian_work",
    "foreign_work_language",
]


def _language(facts: Facts, rules: RuleSet) -> int:
    first = facts.first
    return rules.transfer_language_tier(min(first)) if first is not None else 0


def _education(facts: Facts, rules: RuleSet) -> int:
    return rules.transfer_education_tier(facts.education)


def _canadian(facts: Facts, rules: RuleSet) -> int:
    return rules.transfer_canadian_tier(facts.canadian_years)


def _foreign(facts: Facts, rules: RuleSet) -> int:
    return rules.transfer_foreign_tier(facts.foreign_years)


def _language_facts(facts: Facts) -> tuple[Any, ...]:
    result = facts.first_result
    return (facts.first, None if result is None else result.language)


def _language_text(levels: Levels | None, language: OfficialLanguage | None) -> str:
    return levels_text(levels, language, missing="no first-language result")


education_language = Tiers(
    "transferability.education.language",
    "Education and official language ability",
    lambda rules: rules.education_language,
    _education,
    _language,
    lambda facts: (facts.education, *_language_facts(facts)),
    lambda d: f"{d[0].label}, {_language_text(d[1], d[2])}",
)
"""Education combined with first-language ability."""

education_canadian_work = Tiers(
    "transferability.education.canadian_work",
    "Education and Canadian work experience",
    lambda rules: rules.education_canadian_work,
    _education,
    _canadian,
    lambda facts: (facts.education, facts.canadian_years),
    lambda d: f"{d[0].label}, {years_text(d[1])} in Canada",
)
"""Education combined with Canadian work experience."""

foreign_work_language = Tiers(
    "transferability.foreign_work.language",
    "Foreign work experience and official language ability",
    lambda rules: rules.foreign_work_language,
    _foreign,
    _language,
    lambda facts: (facts.foreign_years, *_language_facts(facts)),
    lambda d: f"{years_text(d[0])} abroad, {_language_text(d[1], d[2])}",
)
"""Foreign work experience combined with first-language ability."""

foreign_work_canadian_work = Tiers(
    "transferability.foreign_work.canadian_work",
    "Foreign and Canadian work experience",
    lambda rules: rules.foreign_work_canadian_work,
    _foreign,
    _canadian,
    lambda facts: (facts.foreign_years, facts.canadian_years),
    lambda d: f"{years_text(d[0])} abroad, {years_text(d[1])} in Canada",
)
"""Foreign work experience combined with Canadian work experience."""


def _coq_language(facts: Facts, rules: RuleSet) -> int:
    first = facts.first
    return rules.coq_language_tier(min(first)) if first is not None else 0


certificate_of_qualification = Tiers(
    "transferability.certificate_of_qualification",
    "Certificate of qualification and official language ability",
    lambda rules: rules.certificate_of_qualification,
    lambda facts, rules: int(facts.profile.certificate_of_qualification),
    _coq_language,
    lambda facts: (facts.profile.certificate_of_qualification, *_language_facts(facts)),
    lambda d: (
        ("a certificate of qualification" if d[0] else "no certificate of qualification")
        + f", {_language_text(d[1], d[2])}"
    ),
)
"""A Canadian trade certificate of qualification combined with language ability."""
