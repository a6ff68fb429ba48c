"""Profiles: frozen, typed descriptions of a candidate (and spouse) to score.

Every class here checks itself when it is built, whether from Python or from JSON
through :func:`crs.load_profile`: a value out of range, a band that a test does
not have or two conflicting keys raise :class:`crs.ProfileError`, which names
every problem with its field path.  The scoring core only ever sees checked
profiles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from crs._choices import ABILITIES as ABILITIES
from crs._choices import (
    Ability,
    ArrangedEmployment,
    CanadianEducation,
    Education,
    LanguageTest,
    OfficialLanguage,
)
from crs.errors import ProfileError

__all__ = [
    "ABILITIES",
    "Ability",
    "ArrangedEmployment",
    "CanadianEducation",
    "Couple",
    "Education",
    "Job",
    "LanguageResult",
    "LanguageTest",
    "OfficialLanguage",
    "Profile",
    "Spouse",
]


@attrs.frozen
class LanguageResult:
    """One language test result: the four abilities, and when the test was taken.

    Attributes:
        test: Which test (or ``clb`` / ``nclc`` for levels given directly).
        listening: Listening score on the test's own scale.
        reading: Reading score.
        writing: Writing score.
        speaking: Speaking score.
        test_date: When the test was taken: a result two or more years old on the
            scoring date has expired, and one taken after it does not count yet.
            None: unknown (the result counts on every date).
    """

    test: LanguageTest
    listening: float
    reading: float
    writing: float
    speaking: float
    test_date: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        _check(self)

    @property
    def language(self) -> OfficialLanguage:
        """The official language of this result."""
        return self.test.language

    def scores(self) -> tuple[float, float, float, float]:
        """The four scores in the order listening, reading, writing, speaking."""
        return (self.listening, self.reading, self.writing, self.speaking)


def _jobs(value: Iterable[Job] | None) -> tuple[Job, ...]:
    """A work history as a tuple; None (as every other field takes it) is none."""
    return () if value is None else tuple(value)


def _check(obj: object) -> None:
    """Check a profile object built in Python against :mod:`crs.checks`."""
    from crs.checks import check_all  # crs.checks reads the classes of this module

    check_all(obj)


@attrs.frozen
class Job:
    """One job in a dated work history.

    Attributes:
        noc: The five-digit NOC 2021 code of the occupation; its second digit is
            the TEER.  Only TEER 0-3 is skilled work.
        start: First day of the job.
        end: Last day of the job, or None if it is still going on.
        hours_per_week: Paid hours a week; at most 30 a week count (full time).
        in_canada: Whether the work was done in Canada.
        self_employed: Self-employment never counts as Canadian experience.
        during_full_time_study: Work while a full-time student never counts as
            Canadian experience.
    """

    noc: str
    start: dt.date
    end: dt.date | None = None
    hours_per_week: float = 30
    in_canada: bool = True
    self_employed: bool = False
    during_full_time_study: bool = False

    def __attrs_post_init__(self) -> None:
        _check(self)

    @property
    def teer(self) -> int:
        """The TEER category (0-5): the second digit of the NOC code."""
        return int(self.noc[1])

    @property
    def skilled(self) -> bool:
        """Whether the occupation is skilled for Express Entry (TEER 0, 1, 2 or 3)."""
        return self.teer <= 3


@attrs.frozen
class Spouse:
    """A spouse or common-law partner.

    The spouse counts (the "with spouse" columns and the spouse factors) only
    when accompanying and not a Canadian citizen or permanent resident.

    Attributes:
        accompanying: Coming to Canada with the candidate.
        canadian_citizen_or_pr: A Canadian citizen or permanent resident.
        education: The spouse's highest level of education.
        first_language: The spouse's first official language result; only this
            one scores.
        canadian_work_years: Completed years of skilled Canadian work in the last
            10 years.
        studied_in_canada: Two or more academic years of full-time study in
            Canada (the FSW adaptability factor only).
    """

    accompanying: bool = True
    canadian_citizen_or_pr: bool = False
    education: Education = Education.LESS_THAN_SECONDARY
    first_language: LanguageResult | None = None
    canadian_work_years: int = 0
    studied_in_canada: bool = False

    def __attrs_post_init__(self) -> None:
        _check(self)

    @property
    def counts(self) -> bool:
        """Whether the spouse changes the score (accompanying, not a citizen or PR)."""
        return spouse_counts(self.accompanying, self.canadian_citizen_or_pr)


@attrs.frozen
class Profile:
    """A candidate for Express Entry, as the CRS scores them.

    Give exactly one of ``age`` and ``date_of_birth``; give either the two
    ``*_work_years`` counts or a dated ``work_history`` (from which they are
    derived on the scoring date), not both.

    Attributes:
        education: Highest level of education (ECA-assessed if foreign).
        age: Completed years on the scoring date.
        date_of_birth: Age is then computed on the scoring date.
        canadian_education: A Canadian credential that meets the Canadian-study rule.
        first_language: First official language result (None: no result).
        second_language: Result in the other official language.
        canadian_work_years: Completed years of skilled, paid Canadian work in the
            last 10 years (None: not given; 0 unless derived from the history).
        foreign_work_years: Completed years of skilled paid work outside Canada in
            the last 10 years.
        work_history: Dated jobs.
        certificate_of_qualification: A Canadian trade certificate of qualification.
        sibling_in_canada: A brother or sister in Canada (see the rules).
        provincial_nomination: A valid provincial or territorial nomination.
        arranged_employment: A qualifying job offer, by its occupation.
        spouse: Married or common-law partner.
        relative_in_canada: A relative of the candidate or spouse, 18 or older,
            citizen or PR, living in Canada (the FSW adaptability factor only).
        studied_in_canada: Two or more academic years of full-time study in
            Canada (the FSW adaptability factor only).
        settlement_funds: Funds available to settle in Canada, in Canadian dollars
            (program eligibility only; None: not given, so not checked).
        family_members: Family size for proof of funds, the candidate included
            (None: 1, or 2 with a spouse).
        submitted_at: When the Express Entry profile was submitted (tie-breaking
            at a round's cut-off); a timezone-aware time.  A round held before
            it could not invite the profile; a score on an earlier date warns.
        nominated_on: The day of the provincial nomination (with
            ``provincial_nomination``): its points count on and after that day
            only (None: the nomination counts on every date).
        foreign_military_service_years: Completed years of service in a
            recognized foreign military (the skilled military recruits
            category; None: not given, so that condition cannot be checked).
        canadian_armed_forces_offer: A job offer from the Canadian Armed Forces
            (through the Canadian Forces Recruiting Group), for the skilled
            military recruits category (None: not given, so not checked).
        id: The client's id (a CRM key, a file number or a name; 1 to 100
            characters): it never scores, and every result and error made from
            the profile carries it.  Keyword only.
    """

    education: Education
    age: int | None = None
    date_of_birth: dt.date | None = None
    canadian_education: CanadianEducation | None = None
    first_language: LanguageResult | None = None
    second_language: LanguageResult | None = None
    canadian_work_years: int | None = None
    foreign_work_years: int | None = None
    work_history: tuple[Job, ...] = attrs.field(default=(), converter=_jobs)
    certificate_of_qualification: bool = False
    sibling_in_canada: bool = False
    provincial_nomination: bool = False
    arranged_employment: ArrangedEmployment | None = None
    spouse: Spouse | None = None
    relative_in_canada: bool = False
    studied_in_canada: bool = False
    settlement_funds: int | None = None
    family_members: int | None = None
    submitted_at: dt.datetime | None = None
    nominated_on: dt.date | None = None
    foreign_military_service_years: int | None = None
    canadian_armed_forces_offer: bool | None = None
    id: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check(self)

    @property
    def spouse_counts(self) -> bool:
        """Whether the candidate is scored with a spouse (the "with spouse" columns)."""
        return self.spouse is not None and self.spouse.counts

    def age_on(self, on: dt.date) -> int:
        """Completed years of age on ``on``.

        Raises:
            ProfileError: If the date of birth is after ``on``, or makes an age
                that the ``age`` field would refuse (over 120).
        """
        if self.age is not None:
            return self.age
        born = self.date_of_birth
        assert born is not None
        problem = age_problem(born, on)
        if problem is not None:
            raise ProfileError.single("date_of_birth", problem, id=self.id)
        return completed_years(born, on)


def a_profile(value: object, caller: str) -> Profile:
    """``value``, checked to be a :class:`Profile`: what a function of a profile was given.

    Raises:
        TypeError: Naming what was given instead, and how to make a profile of
            JSON (a dict or text was given).
    """
    if isinstance(value, Profile):
        return value
    hint = " (make one with crs.load_profile)" if isinstance(value, (dict, str, bytes)) else ""
    raise TypeError(f"{caller} takes a crs.Profile{hint}, not {type(value).__name__}")


def age_problem(born: dt.date, on: dt.date) -> str | None:
    """Why a date of birth gives no age on ``on`` (after it; an age ``age`` refuses), or None.

    The range of ages is the ``age`` field's, declared once in :mod:`crs.checks`;
    :func:`crs.score` and :func:`crs.score_frame` both ask here.

    >>> age_problem(dt.date(1850, 1, 1), dt.date(2026, 1, 1))
    '1850-01-01 makes the candidate 176 on 2026-01-01; 176 is not between 0 and 120'
    """
    if born > on:
        return f"{born} is after the scoring date {on}"
    from crs.checks import FIELDS  # the age range, declared once (checks imports this module)

    age = completed_years(born, on)
    problem = FIELDS[Profile]["age"].check(age)
    return None if problem is None else f"{born} makes the candidate {age} on {on}; {problem}"


@attrs.frozen
class Couple:
    """Two partners, each a full profile, for :func:`crs.compare_principal`.

    Either may be the principal applicant; the other is then the accompanying
    spouse, whose spouse factors are derived from their own profile (see
    :func:`crs.couples.arrangement`).  So neither profile gives a ``spouse``,
    and what the couple shares (settlement funds, family size) is given once
    or the same in both.

    Attributes:
        a: One partner.
        b: The other partner.
        id: The couple's id (a file number; 1 to 100 characters).  Keyword only.
    """

    a: Profile
    b: Profile
    id: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check(self)


def completed_years(born: dt.date, on: dt.date) -> int:
    """Completed years from ``born`` to ``on`` (an age, as IRCC counts it).

    >>> completed_years(dt.date(1990, 2, 20), dt.date(2026, 2, 19))
    35
    """
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def spouse_counts(accompanying: bool, canadian_citizen_or_pr: bool) -> bool:
    """Whether a spouse changes the score: accompanying, and not a Canadian citizen or PR.

    The one place this is decided; :attr:`Spouse.counts` and
    :func:`crs.score_frame` both read it.
    """
    return accompanying and not canadian_citizen_or_pr
