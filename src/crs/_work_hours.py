"""The leaf :class:`WorkHours`: at least so many hours of work in the years before the date.

It counts with the helpers of :mod:`crs._work_conditions` (the jobs that count, their
hours, continuous runs) and is re-exported by :mod:`crs.conditions`, its public home.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from crs._dates import day_before
from crs._reuse import active, kept, reused
from crs._show import shown_hours
from crs._spans import NEVER, shrink_until, window_passes, work_until
from crs._work_conditions import (
    Codes,
    OccupationHours,
    best_occupation,
    hours_of,
    work_of,
)
from crs.experience import FULL_TIME_HOURS, Window, accrued_hours
from crs.occupations import NOC_2021_SWITCH as _SWITCH
from crs.occupations import describe
from crs.policies import ReadByNoc2016, next_reading_day, reading_span
from crs.predicates import Predicate, Verdict

if TYPE_CHECKING:
    from crs.profile import Job, Profile


@attrs.frozen
class WorkHours(Predicate):
    """A leaf: at least ``hours`` of work in the ``years`` years before the date.

    Built by :func:`work_hours`, whose arguments are its attributes.
    """

    hours: float = attrs.field(kw_only=True)
    years: int = attrs.field(kw_only=True)
    codes: Codes | None = attrs.field(default=None, kw_only=True)
    keep: Callable[[Job], bool] | None = attrs.field(default=None, kw_only=True)
    in_canada: bool | None = attrs.field(default=None, kw_only=True)
    continuous: bool = attrs.field(default=False, kw_only=True)
    single_occupation: bool = attrs.field(default=True, kw_only=True)
    weekly_cap: float = attrs.field(default=FULL_TIME_HOURS, kw_only=True)
    program: str | None = attrs.field(default=None, kw_only=True)

    def counts(self, job: Job) -> bool:
        """Whether ``job`` is work of the kind this condition counts."""
        codes = self.codes
        if codes is not None and not (codes(job.noc) if callable(codes) else job.noc in codes):
            return False
        if self.in_canada is not None and job.in_canada is not self.in_canada:
            return False
        return self.keep is None or self.keep(job)

    def kept(self, jobs: Iterable[Job]) -> list[Job]:
        """The ``jobs`` this condition counts (:meth:`counts`), in order.

        The same test as :meth:`counts`, a job at a time, with the listed codes
        looked up first: a category's list keeps few jobs of a long history.
        """
        codes, in_canada, keep = self.codes, self.in_canada, self.keep
        if codes is not None:
            if callable(codes):
                jobs = [j for j in jobs if codes(j.noc)]
            else:
                jobs = [j for j in jobs if j.noc in codes]
        if in_canada is not None:
            jobs = [j for j in jobs if j.in_canada is in_canada]
        if keep is not None:
            jobs = [j for j in jobs if keep(j)]
        return jobs if isinstance(jobs, list) else list(jobs)

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible when the best occupation (or all of them) has the hours."""
        if not active():
            return self.check(profile, on)
        if not profile.work_history:
            return reused(self, profile, on, tuple, self.check)
        # Inside crs.place's block: the counted jobs are read once per span of dates
        # with the same public policies in force, and the verdict is reused while the
        # finding is the same (its message, naming the window, is rendered per date).
        span = reading_span(on)
        jobs = kept(self, profile, span, lambda: self._jobs(profile, on))
        window = Window.years_before(on, self.years)
        best = self._best(jobs, window, profile)
        finding = self._finding(best)
        uncounted = ""
        if not finding[0]:  # the jobs it leaves out, and why: read once over the span
            refused = kept(self, profile, ("refused", span), lambda: self._refused(profile, on))
            uncounted = _listed(refused, on, window)
            finding = self._finding(best, uncounted)
        return reused(
            self,
            profile,
            on,
            lambda: finding,
            lambda p, o: self._verdict(p, o, window, best, uncounted),
        )

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """The first date after ``on`` on which the counted jobs may fill the window differently."""
        if not profile.work_history:
            return NEVER
        span = reading_span(on)
        jobs = kept(self, profile, span, lambda: self._jobs(profile, on))
        if self._finding(self._best(jobs, Window.years_before(on, self.years)))[0]:
            # Passing: hours only grow (more days, more jobs) until a job leaves the window.
            bound = shrink_until(jobs, on, self.years)
        else:  # the message names the hours: until a job's days in the window change,
            bound = work_until(jobs, on, self.years)
            refused = kept(self, profile, ("refused", span), lambda: self._refused(profile, on))
            for job, _ in refused:  # or a job it names starts or leaves the window
                if job.start > on:
                    bound = min(bound, job.start)
                elif job.end is not None and (left := window_passes(job.end, self.years)) > on:
                    bound = min(bound, left)
        return min(bound, next_reading_day(on))  # a job may be read differently from then

    def check(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict on ``on`` itself."""
        window = Window.years_before(on, self.years)
        if not profile.work_history:
            return self._verdict(profile, on, window, None)
        best = self._best(self._jobs(profile, on), window, profile)
        uncounted = "" if self._finding(best)[0] else self.uncounted(profile, on, window)
        if best is None and not uncounted:  # no job counted nor refused: everyone's verdict
            return self._nothing(profile, on, window)
        return self._verdict(profile, on, window, best, uncounted)

    def why_not(self, job: Job) -> str | None:
        """Why this condition does not count ``job``, or None (it counts, or is not listed).

        A job whose occupation is not in :attr:`codes` is left out silently (the
        label names the list).  Otherwise the reason is found by asking the
        condition's own tests: abroad (or in Canada) against :attr:`in_canada`;
        for :attr:`keep`, the job with ``self_employed``, then
        ``during_full_time_study``, then both cleared, counted, names that; else
        its TEER (or its NOC 2016 skill, read so before the switch).
        """
        codes = self.codes
        if codes is not None and not (codes(job.noc) if callable(codes) else job.noc in codes):
            return None
        if self.in_canada is not None and job.in_canada is not self.in_canada:
            return "abroad" if self.in_canada else "in Canada"
        keep = self.keep
        if keep is None or keep(job):
            return None
        if job.self_employed and keep(attrs.evolve(job, self_employed=False)):
            return "self-employed"
        if job.during_full_time_study and keep(attrs.evolve(job, during_full_time_study=False)):
            return "during full-time study"
        if (
            job.self_employed
            and job.during_full_time_study
            and keep(attrs.evolve(job, self_employed=False, during_full_time_study=False))
        ):
            return "self-employed, during full-time study"
        if isinstance(job, ReadByNoc2016):
            return f"not skilled work under NOC 2016, which IRCC read before {_SWITCH.day}"
        return f"TEER {job.teer}"

    @property
    def _counts_its_list(self) -> bool:
        """Whether it counts every job of its list (none is left out for another reason)."""
        return self.in_canada is None and self.keep is None

    def uncounted(self, profile: Profile, on: dt.date, window: Window | None = None) -> str:
        """The jobs in the window on ``on`` that this condition leaves out, and why.

        Those begun by ``on`` and not ended before the window (the years before
        ``on``, or ``window``): the others could not count whatever their kind.
        ``""`` when it leaves none out but for its occupation (:meth:`why_not`); at
        most :data:`_SHOWN` named, then how many more.  The jobs are read as the
        program counts them on ``on`` (a public policy may count a self-employed one).
        """
        if self._counts_its_list:
            return ""
        window = window or Window.years_before(on, self.years)
        return _listed(self._refused(profile, on, window), on, window)

    def _refused(
        self, profile: Profile, on: dt.date, window: Window | None = None
    ) -> tuple[tuple[Job, str], ...]:
        """Each job :meth:`why_not` names, with why, by start (as the program reads them).

        With ``window``, only the jobs :func:`_listed` would name in it are asked.
        """
        if self._counts_its_list:
            return ()
        found = []
        # The jobs in its list (all: no list), as the program counts them: few of a long
        # history for a category, whose list is matched against the history's distinct codes.
        jobs = work_of(profile, on, program=self.program, codes=self.codes)
        if window is not None:
            jobs = [j for j in jobs if _named(j, on, window.start)]
        for job in jobs:
            why = self.why_not(job)
            if why is not None:
                found.append((job, why))
        found.sort(key=lambda named: named[0].start)
        return tuple(found)

    def _nothing(self, profile: Profile, on: dt.date, window: Window) -> Verdict:
        """The verdict of a work history with no counted job in ``window``, kept by date.

        It names only the condition and the date: a batch on one date finds it
        for most of its candidates in most draw categories.
        """
        key = (id(self), on)
        found = _NOTHING.get(key)
        if found is not None and found[0] is self:
            return found[1]
        verdict = self._verdict(profile, on, window, None)
        if len(_NOTHING) >= 4096:
            _NOTHING.clear()
        _NOTHING[key] = (self, verdict)
        return verdict

    def _jobs(self, profile: Profile, on: dt.date) -> list[Job]:
        """The jobs of ``profile`` this condition counts on ``on`` (public policies applied)."""
        return work_of(
            profile, on, program=self.program, codes=self.codes, in_canada=self.in_canada,
            keep=self.keep,
        )  # fmt: skip

    def _best(
        self, jobs: list[Job], window: Window, profile: Profile | None = None
    ) -> OccupationHours | None:
        """:func:`best_occupation` of ``jobs`` in ``window`` (None at once when none is in it).

        ``jobs`` of ``profile`` (:meth:`_jobs`): their hours are counted once per
        block of :func:`crs._reuse.sharing`.
        """
        first, last = window.start, window.end
        # A job in the window has hours in it (hours_per_week > 0): else there are none.
        if not any(j.start < last and (j.end is None or j.end >= first) for j in jobs):
            return None
        if not self.continuous and not self.single_occupation:
            # best_occupation's one group of every job, in the whole window.
            cap = self.weekly_cap
            hours = (
                accrued_hours(jobs, window, cap)
                if profile is None
                else hours_of(profile, jobs, window, cap)
            )
            return OccupationHours("*", hours, window) if hours > 0 else None
        return best_occupation(
            jobs,
            window,
            continuous=self.continuous,
            single_occupation=self.single_occupation,
            weekly_cap=self.weekly_cap,
        )

    def _finding(self, best: OccupationHours | None, uncounted: str = "") -> tuple[bool, str, str]:
        """Whether ``best`` has the hours, and the message around the window (if not).

        Two dates with the same finding give the same verdict but for the window
        the message names (:mod:`crs._reuse`); a passing one has no message.
        ``uncounted`` (:meth:`uncounted`) ends a failing one.
        """
        hours = self.hours
        # A tolerance absorbs floating-point error in part-time sums.
        if best is not None and best.hours + 1e-6 >= hours:
            return (True, "", "")
        if best is None:
            tail = f" (needs {shown_hours(hours)} hours){uncounted}"
            return (False, "no qualifying work ", tail)
        where = "" if best.noc == "*" else f" in {describe(best.noc)}"
        run = ""
        if self.continuous:
            run = f" (longest continuous run: {best.window.start} to {day_before(best.window.end)})"
        have, need = shown_hours(best.hours), shown_hours(hours)
        return (False, f"{have} hours{where}{run} ", f"; needs {need} hours{uncounted}")

    def _verdict(
        self,
        profile: Profile,
        on: dt.date,
        window: Window,
        best: OccupationHours | None,
        uncounted: str = "",
    ) -> Verdict:
        key, label, hours = self.key, self.label, self.hours
        facts: dict[str, object] = {
            "required_hours": hours,
            "window": window,
            "continuous": self.continuous,
        }
        if not profile.work_history:
            facts["canadian_work_years"] = profile.canadian_work_years
            facts["foreign_work_years"] = profile.foreign_work_years
            return Verdict.failed(
                key,
                label,
                "no dated work history: give work_history (dated jobs with their NOC codes) "
                "to check this",
                facts,
            )
        facts["best"] = best.to_json() if best else None
        finding = self._finding(best, uncounted)
        if finding[0]:
            return Verdict.passed(key, label, facts)
        _, head, tail = finding
        args: tuple[str, int, str] = (head, self.years, tail)
        return Verdict.failed(key, label, in_window(on, *args), facts, dated=(in_window, args))


_SHOWN = 3
"""The jobs :meth:`WorkHours.uncounted` names at most."""


def _named(job: Job, on: dt.date, first: dt.date) -> bool:
    """Whether a job left out is named on ``on``: begun by it, not ended before ``first``."""
    return job.start <= on and (job.end is None or job.end >= first)


def _listed(refused: tuple[tuple[Job, str], ...], on: dt.date, window: Window) -> str:
    """``"; not counted: ..."``: the jobs of ``refused`` in ``window`` by ``on`` (``""``: none)."""
    first = window.start
    found = [(job, why) for job, why in refused if _named(job, on, first)]
    if not found:
        return ""
    shown = ", ".join(f"NOC {job.noc} from {job.start} ({why})" for job, why in found[:_SHOWN])
    more = len(found) - _SHOWN
    return f"; not counted: {shown}" + (f" and {more} more" if more > 0 else "")


_NOTHING: dict[tuple[int, dt.date], tuple[WorkHours, Verdict]] = {}
"""The verdicts of :meth:`WorkHours._nothing`, by leaf and date (the leaf kept with it)."""


def in_window(on: dt.date, head: str, years: int, tail: str) -> str:
    """``head``, the window of ``years`` years before ``on`` ("from A to B"), and ``tail``."""
    window = Window.years_before(on, years)
    return f"{head}from {window.start} to {day_before(window.end)}{tail}"


def work_hours(
    hours: float,
    years: int,
    *,
    key: str,
    label: str,
    codes: Codes | None = None,
    keep: Callable[[Job], bool] | None = None,
    in_canada: bool | None = None,
    continuous: bool = False,
    single_occupation: bool = True,
    weekly_cap: float = FULL_TIME_HOURS,
    program: str | None = None,
) -> Predicate:
    """A leaf: at least ``hours`` of work in the ``years`` years before the date.

    Args:
        hours: Hours needed (1,560 is one year full time; 780 six months).
        years: The window: this many years before the date (the date excluded).
        key: The predicate's stable name.
        label: The condition in words.
        codes: The NOC codes that count (None: any).
        keep: A further test of each job (e.g. skilled, not self-employed); a
            module-level function, so that the predicate pickles.
        in_canada: True: only work in Canada; False: only outside; None: anywhere.
        continuous: Count only the best continuous run of an occupation.
        single_occupation: The hours must all be in one occupation.
        weekly_cap: Hours a week that count at most.
        program: The program whose public policies apply (``"cec"``; see
            :mod:`crs.policies`), or None.
    """
    return WorkHours(
        key,
        label,
        hours=hours,
        years=years,
        codes=codes,
        keep=keep,
        in_canada=in_canada,
        continuous=continuous,
        single_occupation=single_occupation,
        weekly_cap=weekly_cap,
        program=program,
    )
