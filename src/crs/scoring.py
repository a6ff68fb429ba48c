"""Score a profile: resolve it on a date, run the rule set's sections, explain every point."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crs._dates import as_date
from crs.breakdown import Score
from crs.caveats import caveats
from crs.compiled import _LAST, scorer
from crs.dated import nomination_not_counted, submission_not_counted, submitted_after
from crs.experience import work_years
from crs.language import expired, expires_on, levels, not_counted, taken_after
from crs.profile import LanguageResult, LanguageTest, Profile, a_profile, spouse_counts
from crs.rules import a_rule_set, rules_in_force
from crs.ruleset import Facts, RuleSet

__all__ = ["ACCEPTED_FROM", "resolve", "resolved", "score", "work_notes"]

_new = tuple.__new__
_LANGUAGE_OF = {test: test.language for test in LanguageTest}
"""Each test's official language (:attr:`crs.LanguageTest.language`), read without a call."""

ACCEPTED_FROM: dict[LanguageTest, dt.date] = {
    LanguageTest.PTE_CORE: dt.date(2024, 1, 30),
    # IRCC designated TCF Canada for economic immigration in November 2018 ("now
    # accepting", cicnews.com 2018-11; crs-rules D9): before it, TEF was the only French test.
    LanguageTest.TCF_CANADA: dt.date(2018, 11, 10),
}
"""Tests that IRCC accepted only from a date (PTE Core 2024-01-30, TCF Canada 2018-11-10):
a result taken (or, undated, scored) before it is reported in the score's warnings."""


def resolve(profile: Profile, on: dt.date, rules: RuleSet) -> Facts:
    """The facts the factor functions read: ``profile`` resolved on ``on``.

    Raises:
        ProfileError: If the profile cannot be resolved on that date (a date of
            birth after it).
    """
    return _new(Facts, resolved(profile, on, rules))


def resolved(profile: Profile, on: dt.date, rules: RuleSet) -> tuple[Any, ...]:
    """:func:`resolve` as a plain tuple in :class:`~crs.ruleset.Facts` order.

    What the compiled scorer (:mod:`crs.compiled`) reads; :func:`resolve` wraps
    the same tuple, so both see the same facts.

    Raises:
        ProfileError: If the profile cannot be resolved on that date.
    """
    return _resolved(profile, on, rules)[0]


def _resolved(profile: Profile, on: dt.date, rules: RuleSet) -> tuple[tuple[Any, ...], bool]:
    """:func:`resolved`, and whether the profile has nothing of its own to warn about.

    The second is :func:`_warnings`' test of the same attributes, read here once:
    when it holds, the warnings are only the date's caveats.
    """
    first = profile.first_language
    second = profile.second_language
    spouse = given_spouse = profile.spouse
    if spouse is not None and not spouse_counts(spouse.accompanying, spouse.canadian_citizen_or_pr):
        spouse = None
    history = profile.work_history
    if history:
        canadian, foreign = work_years(profile, on, rules.experience)
        notes = work_notes(profile, on, rules)
        plain = False
    else:
        canadian, foreign = profile.canadian_work_years or 0, profile.foreign_work_years or 0
        notes = ()
        plain = True
    age = profile.age
    if age is None:
        age = profile.age_on(on)
    years, scores = rules.language_validity_years, rules.expired_language_scores
    dated = ACCEPTED_FROM
    first_void = first_levels = None
    if first is not None:
        if first.test_date is not None:
            plain = False
            first_void = not_counted(first, on, years, scores)
        elif first.test in dated:
            plain = False
        if first_void is None:
            first_levels = levels(first)
    second_void = second_levels = None
    if second is not None:
        if second.test_date is not None:
            plain = False
            second_void = not_counted(second, on, years, scores)
        elif second.test in dated:
            plain = False
        if second_void is None:
            second_levels = levels(second)
    spouse_result = spouse_void = spouse_levels = None
    if spouse is not None:
        spouse_result = spouse.first_language
        if spouse_result is not None:
            if spouse_result.test_date is not None:
                plain = False
                spouse_void = not_counted(spouse_result, on, years, scores)
            elif spouse_result.test in dated:
                plain = False
            if spouse_void is None:
                spouse_levels = levels(spouse_result)
    elif given_spouse is not None and plain:
        # A spouse who does not count: their test result is still reported on.
        given = given_spouse.first_language
        plain = given is None or (given.test_date is None and given.test not in dated)
    nominated = profile.provincial_nomination
    nomination_void = None
    nominated_on = profile.nominated_on
    if nominated_on is not None:
        if nominated:
            nomination_void = nomination_not_counted(True, nominated_on, on)
            nominated = nomination_void is None
        if nominated_on > on:
            plain = False
    arranged, studied = profile.arranged_employment, profile.canadian_education
    if plain and (
        (arranged is not None and rules.arranged_employment is None)
        or (studied is not None and rules.canadian_education is None)
        or (profile.submitted_at is not None and submitted_after(profile.submitted_at, on))
    ):
        plain = False
    # In the order of the Facts fields (tests/test_compiled.py checks each by name).
    return (
        on,
        age,
        spouse is not None,
        profile.education,
        first_levels,
        None if first is None else _LANGUAGE_OF[first.test],
        first,
        second_levels,
        None if second is None else _LANGUAGE_OF[second.test],
        second,
        canadian,
        foreign,
        profile.certificate_of_qualification,
        nominated,
        profile.sibling_in_canada,
        arranged,
        studied,
        None if spouse is None else spouse.education,
        spouse_levels,
        spouse_result,
        0 if spouse is None else spouse.canadian_work_years,
        history,
        first_void,
        second_void,
        spouse_void,
        notes,
        nomination_void,
    ), plain


def work_notes(profile: Profile, on: dt.date, rules: RuleSet) -> tuple[tuple[str, str], ...]:
    """How a work history's years were read, by Facts field (empty without a history)."""
    from crs.experience import is_canadian
    from crs.policies import as_covered, covering, switch_notes

    notes = []
    # The jobs begun by the date, as the CRS reads them on it (a policy, NOC 2016).
    begun = [j for j in profile.work_history if j.start <= on]
    read = [as_covered(j, on, "crs") for j in begun]
    abroad = {j.noc for j in read if not j.in_canada and j.skilled}
    if rules.experience.foreign_one_occupation and len(abroad) > 1:
        notes.append(
            (
                "foreign_years",
                "foreign work counted in one occupation, the one with the most hours "
                "(IRCC's CRS questions: 'in only one occupation')",
            )
        )
    if rules.experience.canadian_continuous_full_time and any(
        j.in_canada for j in profile.work_history
    ):
        notes.append(
            (
                "canadian_years",
                "Canadian work counted as continuous full-time work only, each year in one "
                "unbroken run (the launch Instructions; the part-time equivalent counts from "
                "2015-05-30)",
            )
        )
    for note in switch_notes(profile.work_history, on, rules.experience.window_years):
        notes.append(("canadian_years", note))
    counts = is_canadian(rules.experience)
    for job, counted in zip(begun, read, strict=True):
        policy = covering(job, on, "crs")
        if policy is not None and counts(counted):  # a job the policy makes count
            notes.append(
                (
                    "canadian_years",
                    f"self-employed work in NOC {job.noc} counted under IRCC's {policy.key} "
                    f"public policy (in force from {policy.start})",
                )
            )
            break
    return tuple(notes)


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
    if type(on) is not _DATE:
        on = as_date(on)
    if rules is None:
        rules = _IN_FORCE.get(on) or _in_force(on)
    try:  # free unless raised (Python 3.11): the types are checked only on a failure
        values, plain = _resolved(profile, on, rules)
    except AttributeError:
        a_profile(profile, "score")  # a TypeError saying what was given instead
        a_rule_set(rules, "score")
        raise
    # Nothing of the profile's own to warn about: only the date's caveats.
    if plain:
        warnings = _CAVEATS.get(on)
        if warnings is None:
            warnings = _caveats(on)
    else:
        warnings = _warnings(profile, on, rules)
    # The compiled rule set (crs.compiled) adds up the points and builds the Score;
    # Score.lines explains them from the factors when asked.
    last = _LAST
    function = last[1] if last and last[0] is rules else scorer(rules)
    return function(values, rules, on, warnings, profile.id)


_DATE = dt.date
_IN_FORCE: dict[dt.date, RuleSet] = {}
"""The rule set in force on each date scored (a batch repeats its dates)."""


def _in_force(on: dt.date) -> RuleSet:
    """:func:`~crs.rules.rules_in_force`, remembered by the date."""
    rules = rules_in_force(on)
    if len(_IN_FORCE) > 10_000:
        _IN_FORCE.clear()
    _IN_FORCE[on] = rules
    return rules


def _warnings(profile: Profile, on: dt.date, rules: RuleSet) -> tuple[str, ...]:
    """Everything :attr:`crs.Score.warnings` reports about ``profile`` on ``on``.

    :func:`score` calls it only when :func:`_resolved` found something of the
    profile's own to report; otherwise the warnings are the date's caveats
    (:func:`_caveats`), as this gives them (tests/test_compiled.py).
    """
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
    late = nomination_not_counted(profile.provincial_nomination, profile.nominated_on, on)
    if late is not None:
        out.append(f"provincial_nomination: {late}; its points do not count on this date")
    absent = submission_not_counted(profile.submitted_at, on)
    if absent is not None:
        out.append(
            f"submitted_at: {absent}, so it was not in the pool yet (scored as it would have been)"
        )
    facts_notes = work_notes(profile, on, rules) if profile.work_history else ()
    out.extend(f"work_history: {note}" for _, note in facts_notes)
    out.extend(caveats(on))
    return tuple(out)


_CAVEATS: dict[dt.date, tuple[str, ...]] = {}


def _caveats(on: dt.date) -> tuple[str, ...]:
    """:func:`~crs.caveats.caveats` of ``on``, remembered by the date (a batch repeats them)."""
    if len(_CAVEATS) > 10_000:
        _CAVEATS.clear()
    found = _CAVEATS[on] = caveats(on)
    return found


def _result_warnings(path: str, result: LanguageResult, on: dt.date, rules: RuleSet) -> list[str]:
    out = []
    name = result.test.label
    taken = result.test_date
    years = rules.language_validity_years
    if taken_after(result, on):
        out.append(
            f"{path}: the {name} test of {taken} is after the scoring date {on}: "
            "it did not exist yet and earns no points"
        )
    elif expired(result, on, years):
        consequence = (
            "it is scored under these rules, but IRCC no longer accepts it"
            if rules.expired_language_scores
            else "it earns no points (Ministerial Instructions, in force 2016-11-19)"
        )
        out.append(
            f"{path}: the {name} result of {taken} expired on {expires_on(result, years)} "
            f"({years} or more years old on {on}); {consequence}"
        )
    accepted = ACCEPTED_FROM.get(result.test)
    if accepted is not None and (taken or on) < accepted:
        out.append(f"{path}: IRCC accepts {name} results only from {accepted}")
    return out
