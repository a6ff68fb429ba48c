"""Score a profile: resolve it on a date, run the rule set's sections, explain every point."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from crs._dates import as_date
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


def resolve(profile: Profile, on: dt.date, rules: RuleSet) -> Facts:
    """The facts the factor functions read: ``profile`` resolved on ``on``.

    Raises:
        ProfileError: If the profile cannot be resolved on that date (a date of
            birth after it).
    """
    first = profile.first_language
    second = profile.second_language
    spouse = profile.spouse if profile.spouse_counts else None
    canadian, foreign = work_years(profile, on, rules.experience)
    spouse_result = None if spouse is None else spouse.first_language
    return Facts(
        on=on,
        age=profile.age_on(on),
        with_spouse=spouse is not None,
        education=profile.education,
        first=None if first is None else levels(first),
        first_language=None if first is None else first.language,
        first_result=first,
        second=None if second is None else levels(second),
        second_language=None if second is None else second.language,
        second_result=second,
        canadian_years=canadian,
        foreign_years=foreign,
        certificate_of_qualification=profile.certificate_of_qualification,
        provincial_nomination=profile.provincial_nomination,
        sibling_in_canada=profile.sibling_in_canada,
        arranged_employment=profile.arranged_employment,
        canadian_education=profile.canadian_education,
        spouse_education=None if spouse is None else spouse.education,
        spouse_first=None if spouse_result is None else levels(spouse_result),
        spouse_first_result=spouse_result,
        spouse_canadian_years=0 if spouse is None else spouse.canadian_work_years,
        work_history=profile.work_history,
    )


def score(
    profile: Profile, on: dt.date | str | None = None, *, rules: RuleSet | None = None
) -> Score:
    """The CRS score of ``profile`` on ``on`` (default: today), with every point explained.

    Args:
        profile: A checked profile (see :func:`crs.load_profile`).
        on: The scoring date (a date or ``YYYY-MM-DD``; None: today): it picks
            the rule set, and the age and experience of a profile with a date
            of birth or a work history.
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
    on = as_date(on)
    if rules is None:
        rules = rules_in_force(on)
    facts = resolve(profile, on, rules)
    sections = {section.key: section.points(facts, rules) for section in rules.sections}
    return Score(
        sum(sections.values()),
        sections.get("core", 0),
        sections.get("spouse", 0),
        sections.get("transferability", 0),
        sections.get("additional", 0),
        rules,
        on,
        _warnings(profile, on, rules),
        facts,
        sections=sections,
        id=profile.id,
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
