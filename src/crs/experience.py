"""Work history to experience: hours in a window, and completed years.

Counting follows the Ministerial Instructions and IRPR 87.1 (crs-rules §8.4):
30 hours a week is full time and 1,560 hours (30 x 52) is one year; part-time
work counts pro rata; hours beyond 30 in a week (overtime, or jobs held at the
same time) do not count; only skilled work (NOC 2021 TEER 0-3) counts.  For the
CRS, Canadian and foreign experience are counted apart, each within the 10 years
before the scoring date, and self-employment and work during full-time study
are not Canadian experience.

A job's ``end`` is its last day; an ongoing job counts up to the day before the
date asked about.  Hours accrue evenly over the days of each week.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import TYPE_CHECKING

import attrs

from crs.language import add_years
from crs.policies import as_covered, reading_span
from crs.tables import Source

if TYPE_CHECKING:
    from crs.profile import Job, Profile

__all__ = [
    "FULL_TIME_HOURS",
    "ExperienceRules",
    "Window",
    "WorkYears",
    "accrued_hours",
    "canadian_work",
    "foreign_work",
    "full_time_runs",
    "is_canadian",
    "work_years",
]

_DAY = itemgetter(0)
_COUNTING = Source(
    "Ministerial Instructions respecting the Express Entry system, ss. 15 and 19 "
    "(amended 2015-05-30: full time is 30 hours a week)",
    "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
    "policies-operational-instructions-agreements/ministerial-instructions/"
    "express-entry-application-management-system/"
    "amending-express-entry-system-canadian-work-experience.html",
)


FULL_TIME_HOURS = 30
"""Hours a week that make full time: the default of :class:`ExperienceRules`, whose
source (the Ministerial Instructions, amended 2015-05-30) says so, and of every
count of work hours that is not given its rules' own."""


@attrs.frozen
class ExperienceRules:
    """How work history is counted as experience.

    Attributes:
        full_time_hours_per_week: Hours a week that make full time; more never counts.
        hours_per_year: Hours that make one year of experience.
        window_years: The CRS counts experience in this many years before the date.
        skilled_teers: The TEER categories that are skilled work.
        foreign_one_occupation: Foreign work counts in one occupation only (the
            NOC with the most hours): IRCC's CRS questions ask for foreign skilled
            work "in only one occupation".
        canadian_continuous_full_time: Canadian work counts only as continuous
            full-time work: part-time days count nothing, and each year counted
            lies in one unbroken full-time run (the launch Instructions, in force
            until 2015-05-29; from 2015-05-30 the part-time equivalent counts,
            with one or more employers).
        source: Where the rules come from.
    """

    full_time_hours_per_week: int = FULL_TIME_HOURS
    hours_per_year: int = 1560
    window_years: int = 10
    skilled_teers: frozenset[int] = frozenset({0, 1, 2, 3})
    foreign_one_occupation: bool = True
    canadian_continuous_full_time: bool = False
    source: Source = attrs.field(factory=lambda: _COUNTING)

    def canadian_years(self, jobs: Iterable[Job], window: Window) -> int:
        """Completed years of skilled Canadian work in ``window`` under these rules."""
        keep = is_canadian(self)
        kept = [j for j in jobs if keep(j)]
        if not self.canadian_continuous_full_time:
            return self.years(accrued_hours(kept, window, self.full_time_hours_per_week))
        runs = full_time_runs(kept, window, self.full_time_hours_per_week)
        return sum(self.years(hours) for _, hours in runs)

    def years(self, hours: float) -> int:
        """Completed years in ``hours`` of work."""
        # A small tolerance absorbs floating-point error in part-time sums.
        return int(hours / self.hours_per_year + 1e-9)


@attrs.frozen
class Window:
    """A span of days: from ``start`` (included) to ``end`` (excluded)."""

    start: dt.date
    end: dt.date

    @classmethod
    def years_before(cls, on: dt.date, years: int) -> Window:
        """The ``years`` years before ``on`` (the day ``on`` itself not included)."""
        if type(on) is not dt.date:
            return cls(add_years(on, -years), on)
        # Kept by value: every leaf of a batch on one date asks for the same few windows.
        key = (cls, on, years)
        found = _WINDOWS.get(key)
        if found is None:
            if len(_WINDOWS) >= 4096:
                _WINDOWS.clear()
            found = _WINDOWS[key] = cls(add_years(on, -years), on)
        return found


_WINDOWS: dict[tuple[type[Window], dt.date, int], Window] = {}


def _edges(jobs: Iterable[Job], window: Window) -> list[tuple[int, float]]:
    """Where the weekly hours of ``jobs`` change within ``window``: (day ordinal, change).

    Days are ordinals (the day after a job's last day never overflows as one), and the
    edges are sorted by day only (stable): the same sums, in the same order, as adding
    up each job's hours day by day between its edges.
    """
    first, last = window.start.toordinal(), window.end.toordinal()
    edges: list[tuple[int, float]] = []
    append = edges.append
    for job in jobs:
        start = job.start.toordinal()
        if start < first:
            start = first
        ended = job.end
        if ended is None:
            end = last
        else:  # min(day after, last), without the call (the same value, the same type)
            end = ended.toordinal() + 1
            if last < end:
                end = last
        if start < end:
            rate = job.hours_per_week
            append((start, rate))
            append((end, -rate))
    edges.sort(key=_DAY)
    return edges


def accrued_hours(
    jobs: Iterable[Job],
    window: Window,
    weekly_cap: float = FULL_TIME_HOURS,
) -> float:
    """Hours of work in ``window``, at most ``weekly_cap`` a week across all ``jobs``.

    >>> from crs.profile import Job
    >>> job = Job("21231", dt.date(2024, 1, 1), dt.date(2024, 12, 29), hours_per_week=40)
    >>> accrued_hours([job], Window(dt.date(2020, 1, 1), dt.date(2026, 1, 1)))
    1560.0
    """
    edges = _edges(jobs, window)
    if not edges:
        return 0.0
    total = 0.0
    weekly = 0.0
    previous = edges[0][0]
    for day, change in edges:
        if day != previous:
            # min(weekly, weekly_cap) without the call: the same value, the same type.
            total += (weekly_cap if weekly_cap < weekly else weekly) * (day - previous)
            previous = day
        weekly += change
    return total / 7


def full_time_runs(
    jobs: Iterable[Job], window: Window, full_time: float = FULL_TIME_HOURS
) -> list[tuple[Window, float]]:
    """The spans of ``window`` in which ``jobs`` add up to full time, each with its hours.

    A day is full time when the weekly hours of the jobs going on that day add up
    to ``full_time`` or more (one job of 30 hours, or two of 15: IRCC's "30
    hours/week for 12 months at more than 1 job").  Days with no day between them
    make one span; each span's hours are ``full_time`` a week (more never counts).
    Part-time days count nothing.

    >>> from crs.profile import Job
    >>> full = Job("21231", dt.date(2024, 1, 1), dt.date(2024, 1, 14), hours_per_week=40)
    >>> part = Job("21231", dt.date(2024, 1, 15), dt.date(2024, 1, 28), hours_per_week=20)
    >>> full_time_runs([full, part], Window(dt.date(2020, 1, 1), dt.date(2026, 1, 1)))
    [(Window(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 1, 15)), 60.0)]
    """
    edges = _edges(jobs, window)
    if not edges:
        return []
    runs: list[list[int]] = []
    weekly = 0.0
    previous = edges[0][0]
    for day, change in edges:
        if day != previous and weekly + 1e-9 >= full_time:
            if runs and runs[-1][1] == previous:
                runs[-1][1] = day
            else:
                runs.append([previous, day])
        previous = day
        weekly += change
    ordinal = dt.date.fromordinal
    return [(Window(ordinal(a), ordinal(b)), full_time * (b - a) / 7) for a, b in runs]


def is_canadian(rules: ExperienceRules) -> Callable[[Job], bool]:
    """The test of a job that counts as Canadian experience.

    Skilled, in Canada, not self-employed, not during full-time study.
    """
    teers = rules.skilled_teers
    return lambda job: (
        job.in_canada
        and job.teer in teers
        and not job.self_employed
        and not job.during_full_time_study
    )


def _is_foreign(rules: ExperienceRules) -> Callable[[Job], bool]:
    teers = rules.skilled_teers
    return lambda job: not job.in_canada and job.teer in teers


def canadian_work(jobs: Iterable[Job], window: Window, rules: ExperienceRules) -> float:
    """Hours of skilled Canadian work in ``window`` (no self-employment, no full-time study)."""
    keep = is_canadian(rules)
    return accrued_hours((j for j in jobs if keep(j)), window, rules.full_time_hours_per_week)


def foreign_work(jobs: Iterable[Job], window: Window, rules: ExperienceRules) -> float:
    """Hours of skilled work outside Canada in ``window`` (in one occupation, by the rules)."""
    keep = _is_foreign(rules)
    kept = [j for j in jobs if keep(j)]
    cap = rules.full_time_hours_per_week
    if not rules.foreign_one_occupation:
        return accrued_hours(kept, window, cap)
    return max((accrued_hours([j for j in kept if j.noc == noc], window, cap)
                for noc in {j.noc for j in kept}), default=0.0)  # fmt: skip


def work_years(profile: Profile, on: dt.date, rules: ExperienceRules) -> tuple[int, int]:
    """Completed years of (Canadian, foreign) skilled work that the CRS counts on ``on``.

    Given counts are used as they are; a work history is counted in the
    ``rules.window_years`` years before ``on``.
    """
    history = profile.work_history
    if not history:
        return (profile.canadian_work_years or 0, profile.foreign_work_years or 0)
    history = tuple(as_covered(job, on, "crs") for job in history)
    window = Window.years_before(on, rules.window_years)
    return (
        rules.canadian_years(history, window),
        rules.years(foreign_work(history, window, rules)),
    )


class _Accrual:
    """Hours of ``jobs`` in any window, at most ``weekly_cap`` a week, from running totals.

    :func:`accrued_hours` read so that each window costs a binary search, not a
    pass over the jobs.
    """

    __slots__ = ("days", "rates", "totals")

    def __init__(self, jobs: Iterable[Job], weekly_cap: float) -> None:
        changes: dict[int, float] = {}
        for job in jobs:
            start = job.start.toordinal()
            changes[start] = changes.get(start, 0.0) + job.hours_per_week
            if job.end is not None and job.end < dt.date.max:
                end = job.end.toordinal() + 1
                changes[end] = changes.get(end, 0.0) - job.hours_per_week
        self.days: list[int] = sorted(changes)
        self.rates: list[float] = []
        self.totals: list[float] = []
        weekly = total = 0.0
        previous = self.days[0] if self.days else 0
        rate = 0.0
        for day in self.days:
            total += rate * (day - previous)
            weekly += changes[day]
            rate = min(weekly, weekly_cap)
            self.rates.append(rate)
            self.totals.append(total)
            previous = day

    def _through(self, day: int) -> float:
        """Capped weekly hours times days, from the first job to ``day`` (excluded)."""
        i = bisect_right(self.days, day) - 1
        if i < 0:
            return 0.0
        return self.totals[i] + self.rates[i] * (day - self.days[i])

    def hours(self, window: Window) -> float:
        """The hours in ``window`` (as :func:`accrued_hours` counts them)."""
        if not self.days:
            return 0.0
        return (self._through(window.end.toordinal()) - self._through(window.start.toordinal())) / 7


class WorkYears:
    """:func:`work_years` of one profile under one set of rules, on any number of dates.

    The jobs are read once (per span of days in which the public policies in
    force do not change); each date then costs a few binary searches, so a
    timeline or a what-if over a long history is linear in its jobs, not
    quadratic.  Property tests prove it equals :func:`work_years` on every date.
    """

    def __init__(self, profile: Profile, rules: ExperienceRules) -> None:
        self.profile, self.rules = profile, rules
        self._spans: dict[int, tuple[_Accrual, list[_Accrual]]] = {}

    def _span(self, on: dt.date) -> tuple[_Accrual, list[_Accrual]]:
        index = reading_span(on)  # as_covered reads the jobs alike in a span
        found = self._spans.get(index)
        if found is None:
            rules = self.rules
            cap = rules.full_time_hours_per_week
            history = tuple(as_covered(job, on, "crs") for job in self.profile.work_history)
            keep, abroad = is_canadian(rules), _is_foreign(rules)
            canadian = _Accrual((j for j in history if keep(j)), cap)
            kept = [j for j in history if abroad(j)]
            if rules.foreign_one_occupation:
                nocs = sorted({j.noc for j in kept})
                foreign = [_Accrual([j for j in kept if j.noc == noc], cap) for noc in nocs]
            else:
                foreign = [_Accrual(kept, cap)]
            found = self._spans[index] = (canadian, foreign)
        return found

    def parts(self, on: dt.date) -> tuple[int, ...]:
        """The completed years on ``on`` of each count whose hours only grow or shrink together.

        Canadian work (under the launch rules, each unbroken full-time run, after
        their number), then the foreign work of each occupation (or all of it, where
        the rules do not count one occupation): between two days on which a job
        starts or ends (or did a window earlier), each part moves one way, while the
        years of :meth:`__call__` may fall and rise again (the most of any
        occupation abroad, the sum of the runs: one leaving the window as another
        fills it).
        """
        profile, rules = self.profile, self.rules
        if not profile.work_history:
            return self(on)
        canadian, foreign = self._span(on)
        window = Window.years_before(on, rules.window_years)
        abroad = tuple(rules.years(accrual.hours(window)) for accrual in foreign)
        if rules.canadian_continuous_full_time:  # each unbroken full-time run, a part
            keep = is_canadian(rules)
            history = (as_covered(job, on, "crs") for job in profile.work_history)
            runs = full_time_runs(
                [j for j in history if keep(j)], window, rules.full_time_hours_per_week
            )
            counted = tuple(rules.years(hours) for _, hours in runs)
            return (len(counted), *counted, *abroad)
        return (rules.years(canadian.hours(window)), *abroad)

    def __call__(self, on: dt.date) -> tuple[int, int]:
        """Completed years of (Canadian, foreign) skilled work on ``on``."""
        profile, rules = self.profile, self.rules
        if not profile.work_history:
            return (profile.canadian_work_years or 0, profile.foreign_work_years or 0)
        if rules.canadian_continuous_full_time:  # runs, not running totals: count directly
            return work_years(profile, on, rules)
        canadian, foreign = self._span(on)
        window = Window.years_before(on, rules.window_years)
        abroad = max((accrual.hours(window) for accrual in foreign), default=0.0)
        return (rules.years(canadian.hours(window)), rules.years(abroad))
