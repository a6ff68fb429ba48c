"""Spans of dates over which a verdict stays the same: the dates where an input changes.

A leaf's :meth:`~crs.predicates.Predicate.until` is the first date after ``on``
on which its verdict may differ; on every date before it, the leaf finds the
same (eligibility and reasons, but for the window of dates a message names,
:meth:`crs.predicates.Reason.message_on`).  :func:`crs.place` computes a
program's verdict once per span, not once per round.

The dates come from what a leaf reads, declared here once:

* a job starts or ends, or a window's trailing edge passes its start or end
  (:func:`work_until`; while a job is under an edge of the window its hours
  change every day: no span);
* a language result is taken or expires, or the rule set that says how long
  results stay valid changes (:func:`language_until`);
* a birthday (:func:`birthday_until`);
* a dated table starts: a rule set, a funds table, a public policy
  (:func:`next_date`).

Every bound may come early (a span cut short costs a recomputation, never a
wrong verdict); none may come late.  Property tests prove that a verdict
computed on ``on`` reads the same as the verdict computed on any date of its span.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from crs.language import add_years, expires_on

if TYPE_CHECKING:
    from crs.profile import Job, LanguageResult, Profile

__all__ = [
    "NEVER",
    "birthday_until",
    "grow_until",
    "language_until",
    "next_date",
    "next_day",
    "shrink_until",
    "window_passes",
    "work_until",
]

NEVER = dt.date.max
"""No date after ``on`` changes the verdict (within the calendar)."""

_LAST = dt.date.max.toordinal()


def next_day(on: dt.date) -> dt.date:
    """The day after ``on``: no promise beyond ``on`` itself."""
    return NEVER if on >= NEVER else on + dt.timedelta(days=1)


def next_date(dates: Sequence[dt.date], on: dt.date) -> dt.date:
    """The first of the sorted ``dates`` after ``on`` (:data:`NEVER`: none)."""
    i = bisect_right(dates, on)
    return dates[i] if i < len(dates) else NEVER


def _first_past(start: int, years: int) -> int:
    """The first day (ordinal) whose window of ``years`` years begins after the day ``start``."""
    day = dt.date.fromordinal(start)
    if day.year + years > dt.MAXYEAR:
        return _LAST + 1
    # add_years maps 29 February to 28 February: step from two days early.
    found = max(add_years(day, years).toordinal() - 2, 1)
    while found <= _LAST and add_years(dt.date.fromordinal(found), -years).toordinal() <= start:
        found += 1
    return found


def window_passes(day: dt.date, years: int) -> dt.date:
    """The first date whose window of ``years`` years begins after ``day`` (leaves it behind)."""
    found = _first_past(day.toordinal(), years)
    return NEVER if found > _LAST else dt.date.fromordinal(found)


def work_until(jobs: Iterable[Job], on: dt.date, years: int | None) -> dt.date:
    """The first date after ``on`` on which ``jobs`` may count differently in the window.

    The window is the ``years`` years before the date (None: from a fixed day
    long before any job up to the date).  Each job's days inside the window stay
    the same while no edge of the window moves over one of the job's edges; a
    job the window's end or start cuts (one ongoing on ``on``, say) changes every
    day, and the answer is then the next day.
    """
    o = on.toordinal()
    first = None if years is None else add_years(on, -years).toordinal()
    bound = _LAST + 1
    for job in jobs:
        start = job.start.toordinal()
        if start >= o:  # not started before the date: enters the window the day after it starts
            bound = min(bound, start + 1)
            continue
        end = None if job.end is None else job.end.toordinal() + 1
        if end is None or end > o:  # under the window's end: its days grow every day
            return next_day(on)
        if first is None or end <= first:  # the window's start never reaches it, or has passed it
            continue
        if start < first:  # under the window's start: its days shrink every day
            return next_day(on)
        bound = min(bound, _first_past(start, years))  # type: ignore[arg-type]
    return NEVER if bound > _LAST else dt.date.fromordinal(bound)


def shrink_until(jobs: Iterable[Job], on: dt.date, years: int) -> dt.date:
    """The first date after ``on`` on which the window's start may cut into one of ``jobs``.

    Until then no job loses a day from the window of ``years`` years before the
    date: the hours counted can only grow (a verdict that passes on ``on`` still
    passes).  A job the window's start already cuts: the next day.
    """
    first = add_years(on, -years).toordinal()
    bound = _LAST + 1
    for job in jobs:
        start = job.start.toordinal()
        end = None if job.end is None else job.end.toordinal() + 1
        if end is not None and end <= first:
            continue  # wholly before the window: never counted again
        if start < first:
            return next_day(on)
        bound = min(bound, _first_past(start, years))
    return NEVER if bound > _LAST else dt.date.fromordinal(bound)


def grow_until(jobs: Iterable[Job], on: dt.date) -> dt.date:
    """The first date after ``on`` on which one of ``jobs`` may add a day to a window ending then.

    A job ongoing on the day before ``on``: the next day; else the day after the
    next job starts.
    """
    o = on.toordinal()
    bound = _LAST + 1
    for job in jobs:
        start = job.start.toordinal()
        if start >= o:
            bound = min(bound, start + 1)
        elif job.end is None or job.end.toordinal() + 1 > o:
            return next_day(on)
    return NEVER if bound > _LAST else dt.date.fromordinal(bound)


def language_until(
    results: Iterable[LanguageResult | None], on: dt.date, rule_dates: Sequence[dt.date]
) -> dt.date:
    """The first date after ``on`` on which a result may be taken, expire or change validity.

    Undated results never change.  ``rule_dates`` are the dates the validity of
    results may change (the CRS rule sets' effective dates, sorted).
    """
    from crs.conditions import language_validity_years

    bound = NEVER
    dated = [r for r in results if r is not None and r.test_date is not None]
    if not dated:
        return bound
    validity = language_validity_years(on)
    for result in dated:
        taken = result.test_date
        assert taken is not None
        if taken > on:
            bound = min(bound, taken)
        expiry = expires_on(result, validity)
        if expiry is not None and expiry > on:
            bound = min(bound, expiry)
    return min(bound, next_date(rule_dates, on))


def birthday_until(profile: Profile, on: dt.date) -> dt.date:
    """The first date after ``on`` on which the profile's age may change (never with ``age``)."""
    born = profile.date_of_birth
    if profile.age is not None or born is None:
        return NEVER
    for year in (on.year, on.year + 1):
        if year > dt.MAXYEAR:
            return NEVER
        # 29 February: the 28th comes first (early is safe).
        day = dt.date(year, born.month, 28 if (born.month, born.day) == (2, 29) else born.day)
        if day > on:
            return day
    return NEVER  # pragma: no cover - the next year's birthday is always after on
