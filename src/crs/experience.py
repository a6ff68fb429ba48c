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
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from crs.language import add_years
from crs.policies import as_covered
from crs.tables import Source

if TYPE_CHECKING:
    from crs.profile import Job, Profile

__all__ = [
    "ExperienceRules",
    "Window",
    "accrued_hours",
    "canadian_work",
    "foreign_work",
    "work_years",
]

_ONE_DAY = dt.timedelta(days=1)
_COUNTING = Source(
    "Ministerial Instructions respecting the Express Entry system, ss. 15 and 19 "
    "(amended 2015-05-30: full time is 30 hours a week)",
    "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
    "policies-operational-instructions-agreements/ministerial-instructions/"
    "express-entry-application-management-system/"
    "amending-express-entry-system-canadian-work-experience.html",
)


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
        source: Where the rules come from.
    """

    full_time_hours_per_week: int = 30
    hours_per_year: int = 1560
    window_years: int = 10
    skilled_teers: frozenset[int] = frozenset({0, 1, 2, 3})
    foreign_one_occupation: bool = True
    source: Source = attrs.field(factory=lambda: _COUNTING)

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
        return cls(add_years(on, -years), on)


def accrued_hours(
    jobs: Iterable[Job],
    window: Window,
    weekly_cap: float = 30,
) -> float:
    """Hours of work in ``window``, at most ``weekly_cap`` a week across all ``jobs``.

    >>> from crs.profile import Job
    >>> job = Job("21231", dt.date(2024, 1, 1), dt.date(2024, 12, 29), hours_per_week=40)
    >>> accrued_hours([job], Window(dt.date(2020, 1, 1), dt.date(2026, 1, 1)))
    1560.0
    """
    edges: list[tuple[dt.date, float]] = []
    for job in jobs:
        start = max(job.start, window.start)
        # The day after the job's last day, without overflowing at 9999-12-31.
        end = window.end if job.end is None or job.end >= window.end else job.end + _ONE_DAY
        if start < end:
            edges.append((start, job.hours_per_week))
            edges.append((end, -job.hours_per_week))
    if not edges:
        return 0.0
    edges.sort(key=lambda edge: edge[0])
    total = 0.0
    weekly = 0.0
    previous = edges[0][0]
    for day, change in edges:
        if day != previous:
            total += min(weekly, weekly_cap) * (day - previous).days
            previous = day
        weekly += change
    return total / 7


def _is_canadian(rules: ExperienceRules) -> Callable[[Job], bool]:
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
    keep = _is_canadian(rules)
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
        rules.years(canadian_work(history, window, rules)),
        rules.years(foreign_work(history, window, rules)),
    )
