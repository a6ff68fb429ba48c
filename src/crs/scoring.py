"""Score a profile: resolve it on a date, run the rule set's sections, explain every point."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from crs.breakdown import Score
from crs.experience import work_years
from crs.language import expired, levels
from crs.profile import LanguageResult, LanguageTest
from crs.rules import rules_in_force
from crs.ruleset import Facts

if TYPE_CHECKING:
    from crs.profile import Profile
    from crs.ruleset import RuleSet

__all__ = ["ACCEPTED_FROM", "resolve", "score"]

ACCEPTED_FROM: dict[LanguageTest, dt.date] = {LanguageTest.PTE_CORE: dt.date(2024, 1, 30)}
"""Tests that IRCC accepted only from a date (PTE Core: 2024-01-30, crs-rules §6)."""

_SECTION_FIELDS = {
    "core": "core",
    "spouse": "spouse",
    "transferability": "skill_transferability",
    "additional": "additional",
}


def resolve(profile: Profile, on: dt.date, rules: RuleSet) -> Facts:
    """The facts the factor functions read: ``profile`` resolved on ``on``.

    Raises:
        ProfileError: If the profile cannot be resolved on that date (a date of
            birth after it).
    """
    first = profile.first_language
    second = profile.second_language
    spouse = profile.spouse
    with_spouse = spouse is not None and spouse.accompanying and not spouse.canadian_citizen_or_pr
    canadian, foreign = work_years(profile, on, rules.experience)
    spouse_result = spouse.first_language if with_spouse and spouse is not None else None
    return Facts(
        profile,
        on,
        profile.age_on(on),
        with_spouse,
        profile.education,
        None if first is None else levels(first),
        first,
        None if second is None else levels(second),
        second,
        canadian,
        foreign,
        spouse.education if with_spouse and spouse is not None else None,
        None if spouse_result is None else levels(spouse_result),
        spouse.canadian_work_years if with_spouse and spouse is not None else 0,
    )


def score(profile: Profile, on: dt.date | None = None, *, rules: RuleSet | None = None) -> Score:
    """The CRS score of ``profile`` on ``on`` (default: today), with every point explained.

    Args:
        profile: A checked profile (see :func:`crs.load_profile`).
        on: The scoring date: it picks the rule set, and the age and experience
            of a profile with a date of birth or a work history.
        rules: A rule set to use instead of the one in force on ``on`` (for
            example one of your own, built with :func:`attrs.evolve`).

    Raises:
        DateOutOfRangeError: If ``on`` is before 2015-01-01 and no ``rules`` are given.
        ProfileError: If the profile cannot be scored on that date.

    >>> import datetime as dt, crs
    >>> p = crs.load_profile({"age": 29, "education": "bachelors",
    ...     "first_language": {"test": "clb", "listening": 9, "reading": 9,
    ...                        "writing": 9, "speaking": 9},
    ...     "foreign_work_years": 3})
    >>> crs.score(p, on=dt.date(2025, 6, 1)).total
    429
    """
    if on is None:
        on = dt.date.today()
    if rules is None:
        rules = rules_in_force(on)
    facts = resolve(profile, on, rules)
    subtotals = dict.fromkeys(_SECTION_FIELDS.values(), 0)
    total = 0
    for section in rules.sections:
        points = section.points(facts, rules)
        total += points
        field = _SECTION_FIELDS.get(section.key)
        if field is not None:
            subtotals[field] = points
    return Score(
        total,
        subtotals["core"],
        subtotals["spouse"],
        subtotals["skill_transferability"],
        subtotals["additional"],
        rules,
        on,
        _warnings(profile, on, rules),
        facts,
    )


def _warnings(profile: Profile, on: dt.date, rules: RuleSet) -> tuple[str, ...]:
    results = [
        ("first_language", profile.first_language),
        ("second_language", profile.second_language),
    ]
    if profile.spouse is not None:
        results.append(("spouse.first_language", profile.spouse.first_language))
    out = []
    for path, result in results:
        if result is not None:
            out.extend(_result_warnings(path, result, on, rules))
    if profile.arranged_employment is not None and rules.arranged_employment is None:
        out.append(
            f"arranged_employment: job offers earn no CRS points under the rules in force "
            f"from {rules.name}"
        )
    if profile.canadian_education is not None and rules.canadian_education is None:
        out.append(
            f"canadian_education: Canadian study earns no CRS points under the rules in force "
            f"from {rules.name}"
        )
    return tuple(out)


def _result_warnings(path: str, result: LanguageResult, on: dt.date, rules: RuleSet) -> list[str]:
    out = []
    name = result.test.label
    taken = result.test_date
    if taken is not None and taken > on:
        out.append(f"{path}: the {name} test of {taken} is after the scoring date {on}")
    elif expired(result, on, rules.language_validity_years):
        out.append(
            f"{path}: the {name} result of {taken} is more than "
            f"{rules.language_validity_years} years old on {on} (expired); it is scored, "
            "but IRCC no longer accepts it"
        )
    accepted = ACCEPTED_FROM.get(result.test)
    if accepted is not None and (taken or on) < accepted:
        out.append(f"{path}: IRCC accepts {name} results only from {accepted}")
    return out
