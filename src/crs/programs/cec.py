"""The Canadian Experience Class (IRPR s. 87.1).

1,560 hours of skilled work in Canada in the 3 years before the date, not
self-employed and not during full-time study, need not be continuous; CLB/NCLC 7
on all four abilities if that experience is TEER 0/1, 5 if TEER 2/3, in English
or French.  No education requirement, no proof of funds.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from crs._reuse import active, kept, reused
from crs._spans import grow_until, shrink_until
from crs._work_conditions import hours_of, work_of
from crs.conditions import (
    LanguageChoice,
    language_check,
    language_key,
    results_until,
    work_hours,
)
from crs.experience import Window, accrued_hours
from crs.policies import next_reading_day, reading_span
from crs.predicates import Predicate, Verdict
from crs.programs._fsw_lines import cec_counts
from crs.programs.thresholds import CEC_RULES, CecRules

if TYPE_CHECKING:
    from crs.profile import Job, Profile

__all__ = ["CecLanguage", "cec_counts", "cec_predicate"]


@attrs.frozen
class CecLanguage(Predicate):
    """A leaf: the CEC language level, which depends on the TEER of the experience.

    Attributes:
        rules: The CEC requirements.
    """

    rules: CecRules = attrs.field(kw_only=True)

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible with the level the experience asks on all four, English or French."""
        if not active():
            return self.check(profile, on)
        # Inside crs.place's block: the jobs are read once per span of dates with the
        # same public policies in force, and the verdict is reused while the level
        # asked and the state of the language results stay the same.
        jobs = kept(self, profile, reading_span(on), lambda: self._jobs(profile, on))
        window = Window.years_before(on, self.rules.window_years)
        level, high, low = self._level(jobs, window)
        return reused(
            self,
            profile,
            on,
            lambda: (level, language_key(profile, on, LanguageChoice.EITHER)),
            lambda p, o: self._verdict(p, o, level, high, low),
        )

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """The first date after ``on`` on which the level asked or a result may change."""
        jobs = kept(self, profile, reading_span(on), lambda: self._jobs(profile, on))
        high, low = jobs
        years = self.rules.window_years
        level, high_hours, _ = self._level(jobs, Window.years_before(on, years))
        # The level stays while no job leaves the window and no growth can change it:
        # TEER 2/3 hours reaching the year when TEER 0/1 work asks the higher level,
        # TEER 0/1 hours appearing when there are none.
        bound = shrink_until([*high, *low], on, years)
        if level == self.rules.language_teer_0_1:
            bound = min(bound, grow_until(low, on))
        elif high_hours <= 0:
            bound = min(bound, grow_until(high, on))
        return min(bound, next_reading_day(on), results_until(profile, on, LanguageChoice.EITHER))

    def check(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict on ``on`` itself."""
        window = Window.years_before(on, self.rules.window_years)
        level, high, low = self._level(self._jobs(profile, on), window, profile)
        return self._verdict(profile, on, level, high, low)

    def _jobs(self, profile: Profile, on: dt.date) -> tuple[list[Job], list[Job]]:
        """The CEC jobs in Canada on ``on``: (TEER 0/1, TEER 2/3).

        The jobs of ``cec.experience`` (:func:`~crs._work_conditions.work_of`);
        when they are all of one kind, that list itself.
        """
        jobs = work_of(profile, on, program="cec", in_canada=True, keep=cec_counts)
        higher = self.rules.higher_teers
        high = [j for j in jobs if j.teer in higher]
        if len(high) == len(jobs):
            return (jobs, [])
        if not high:
            return ([], jobs)
        return (high, [j for j in jobs if j.teer not in higher])

    def _level(
        self,
        jobs: tuple[list[Job], list[Job]],
        window: Window,
        profile: Profile | None = None,
    ) -> tuple[int, float, float]:
        """The level asked, and the TEER 0/1 and TEER 2/3 hours in ``window``.

        With the ``profile`` the jobs are of, their hours are counted once per
        block of :func:`crs._reuse.sharing` (``cec.experience`` counts them too).
        """
        rules = self.rules
        if profile is None:
            high = accrued_hours(jobs[0], window)
            low = accrued_hours(jobs[1], window)
        else:
            high = hours_of(profile, jobs[0], window)
            low = hours_of(profile, jobs[1], window)
        # crs-rules Open Q11: the level for a qualifying year that mixes TEER 0/1
        # and TEER 2/3 work is not stated by IRCC.  We ask CLB 5 when TEER 2/3 work
        # alone makes the year (or there is no TEER 0/1 work at all), and CLB 7 as
        # soon as the year needs TEER 0/1 hours: the stricter reading.
        needs_high = high > 0 and low + 1e-6 < rules.hours
        level = rules.language_teer_0_1 if needs_high else rules.language_teer_2_3
        return level, high, low

    def _verdict(
        self, profile: Profile, on: dt.date, level: int, high: float, low: float
    ) -> Verdict:
        verdict = language_check(
            profile, on, (level,) * 4, LanguageChoice.EITHER, self.key, self.label
        )
        facts = {
            **verdict.facts,
            "teer_0_1_hours": round(high, 2),
            "teer_2_3_hours": round(low, 2),
            "required_level": level,
        }
        reasons = tuple(attrs.evolve(r, facts=facts) for r in verdict.reasons)
        return attrs.evolve(verdict, facts=facts, reasons=reasons)


def cec_predicate(rules: CecRules = CEC_RULES) -> Predicate:
    """The CEC eligibility test (``programs.cec``) from ``rules``."""
    experience = work_hours(
        rules.hours,
        rules.window_years,
        key="cec.experience",
        label=(
            f"{rules.hours:,} hours of skilled work in Canada in the last "
            f"{rules.window_years} years (not self-employed, not during full-time study)"
        ),
        keep=cec_counts,
        in_canada=True,
        single_occupation=False,
        program="cec",
    )
    language = CecLanguage(
        "cec.language",
        (
            f"CLB/NCLC {rules.language_teer_0_1} on all four abilities for TEER 0/1 "
            f"experience, {rules.language_teer_2_3} for TEER 2/3"
        ),
        rules=rules,
    )
    return (experience & language).named("programs.cec", "CEC")
