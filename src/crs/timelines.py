"""How a profile's score moves over a period: every day it changes, and why.

A score changes only when one of its inputs does:

* a **birthday** (a profile with ``date_of_birth``): the age points change after 29;
* a **year of experience** completed, or lost when a job's hours leave the
  10-year window (a profile with a ``work_history``);
* a **new rule set** coming into force.

:func:`timeline` finds those days exactly rather than scoring every day: the
birthdays and the rule sets' effective dates are known, and the days a work
history gains or loses a year are found by bisection between the days its
accrual rate can change (a job starting or ending, and the same days ten years
later), where each count moves one way (:meth:`crs.experience.WorkYears.parts`:
Canadian work, and each occupation's foreign work, whose most may fall and
come back); a job may also be read differently from a public policy's first day
or from the NOC 2021 switch (:func:`crs.policies.reading_days`).

* a **language result** taken (it counts from its test date) or expiring (from
  2016-11-19 a result two or more years old earns no points: it expires on its
  second anniversary).

* a **provincial nomination** made (``nominated_on``): it counts from its day
  (:func:`crs.dated.nominated`).

Under the launch rules (before 2016-11-19) an expired result kept its points
(IRCC stopped accepting the profile instead), so such an expiry is listed as a
:class:`Notice` beside the changes, not as a change.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from crs._dates import as_date, day_after, shift
from crs._show import count
from crs._timeline_results import Change, Notice, Timeline
from crs.dated import nominated
from crs.experience import Window, WorkYears, _is_foreign, is_canadian, work_years
from crs.language import add_years, anniversary
from crs.policies import as_covered, reading_days
from crs.profile import a_profile
from crs.rules import RULE_SETS, a_rule_set, rules_in_force
from crs.scoring import score

if TYPE_CHECKING:
    from crs.profile import LanguageResult, Profile
    from crs.ruleset import RuleSet

__all__ = ["Change", "Notice", "Timeline", "change_days", "experience_change_days", "timeline"]

_DAY = dt.timedelta(days=1)


def timeline(
    profile: Profile,
    start: dt.date | str | None,
    end: dt.date | str,
    *,
    rules: RuleSet | None = None,
) -> Timeline:
    """Every day from ``start`` to ``end`` on which the score of ``profile`` changes, and why.

    Args:
        profile: The profile; its ``date_of_birth`` and ``work_history`` are used
            when given (a fixed ``age`` and fixed work years never change).
        start: First day of the period (a date or ``YYYY-MM-DD``; None: today).
        end: Last day of the period (a date or ``YYYY-MM-DD``).
        rules: One rule set to use throughout, instead of the rules in force on each day.

    Raises:
        DateError: If ``start`` or ``end`` is not a date.
        ValueError: If ``end`` is before ``start``.
        DateOutOfRangeError: If the period starts before 2015-01-01 and no ``rules`` are given.
        ProfileError: If the profile cannot be scored on ``start``, or on a day
            of the period (a ``date_of_birth`` that makes the candidate over 120).

    >>> import datetime as dt, crs
    >>> p = crs.load_profile({"date_of_birth": "1995-06-01", "education": "bachelors"})
    >>> t = timeline(p, dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    >>> [(c.on.isoformat(), c.total, c.reasons[0]) for c in t]
    [('2025-06-01', 225, 'birthday: 30 years old'), ('2026-06-01', 219, 'birthday: 31 years old')]
    """
    profile = a_profile(profile, "timeline")
    if rules is not None:
        rules = a_rule_set(rules, "timeline")
    start = as_date(start, "start")
    end = as_date(end, "end")
    if end < start:
        raise ValueError(f"the timeline ends ({end}) before it starts ({start})")

    def rules_on(day: dt.date) -> RuleSet:
        return rules if rules is not None else rules_in_force(day)

    initial = score(profile, start, rules=rules)
    days = change_days(profile, start, end, rules=rules)
    changes = []
    previous = initial
    for day in sorted(days):
        before = score(profile, day - _DAY, rules=rules) if day - _DAY != previous.on else previous
        now = score(profile, day, rules=rules)
        previous = now
        if now.total != before.total:
            reasons = _reasons(profile, day, rules_on) + _language_reasons(profile, day, rules_on)
            changes.append(Change(day, now.total, before.total, reasons, now))
    return Timeline(
        profile, start, end, initial, tuple(changes), _expiries(profile, start, end, rules_on)
    )


def change_days(
    profile: Profile, start: dt.date, end: dt.date, *, rules: RuleSet | None = None
) -> set[dt.date]:
    """The days in (start, end] on which the score of ``profile`` may change.

    A birthday, a rule set taking effect (when ``rules`` is None), a day the
    years of work change, a day a job may be read differently (a public policy,
    the NOC 2021 switch: the score's caveats change then), a test starting to
    count or expiring, a nomination taking effect: on every other day the score
    (and what it says) is the score of the day before.
    :func:`timeline` scores these days; :func:`crs.place` scores a round on the
    last of them up to its date.
    """

    def rules_on(day: dt.date) -> RuleSet:
        return rules if rules is not None else rules_in_force(day)

    days: set[dt.date] = set(_birthdays(profile, start, end))
    if rules is None:
        days.update(r.effective for r in RULE_SETS if start < r.effective <= end)
    days.update(experience_change_days(profile, start, end, rules=rules))
    if profile.work_history:  # a job read differently from then (its caveat at least)
        days.update(day for day in reading_days() if start < day <= end)
    days.update(day for day in _language_days(profile, rules_on) if start < day <= end)
    nominated_on = profile.nominated_on
    if profile.provincial_nomination and nominated_on is not None and start < nominated_on <= end:
        days.add(nominated_on)
    return days


def _results(profile: Profile) -> list[tuple[str, LanguageResult]]:
    named: list[tuple[str, LanguageResult | None]] = [
        ("your", profile.first_language),
        ("your", profile.second_language),
    ]
    if profile.spouse is not None and profile.spouse.counts:  # else never scored: no reason
        named.append(("your spouse's", profile.spouse.first_language))
    return [(whose, r) for whose, r in named if r is not None and r.test_date is not None]


def _language_days(profile: Profile, rules_on: Callable[[dt.date], RuleSet]) -> set[dt.date]:
    """The days a dated result starts to count, and the days it expires."""
    days: set[dt.date] = set()
    for _, result in _results(profile):
        taken = result.test_date
        assert taken is not None
        days.add(taken)
        years = rules_on(max(taken, RULE_SETS[0].effective)).language_validity_years
        expiry = anniversary(taken, years)
        if expiry is not None:
            days.add(expiry)
    return days


def _language_reasons(
    profile: Profile, day: dt.date, rules_on: Callable[[dt.date], RuleSet]
) -> tuple[str, ...]:
    out = []
    for whose, result in _results(profile):
        name = f"{whose} {result.test.label} result of {result.test_date}"
        years = rules_on(day).language_validity_years
        if result.test_date == day:
            out.append(f"{name} counts from its test date")
        elif anniversary(result.test_date, years) == day:  # type: ignore[arg-type]
            out.append(f"{name} expired ({years} years old): it earns no points")
    return tuple(out)


def _birthdays(profile: Profile, start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """The days in (start, end] on which the completed age goes up."""
    born = profile.date_of_birth
    if born is None:
        return
    for year in range(start.year, end.year + 1):
        try:
            day = born.replace(year=year)
        except ValueError:  # 29 February: a year older on 1 March
            day = dt.date(year, 3, 1)
        if start < day <= end and day > born:
            yield day


def experience_change_days(
    profile: Profile, start: dt.date, end: dt.date, *, rules: RuleSet | None = None
) -> list[dt.date]:
    """The days in (start, end] on which the CRS years of work of ``profile`` change.

    A year is gained the day a 1,560-hour total is reached, and lost the day
    hours leave the 10-year window.  Between the days where a job starts or
    ends (or did ten years before), or a public policy starts or ends, the
    hours of each count in the window move one way (:meth:`WorkYears.parts`:
    Canadian work, and each occupation's foreign work, whose most is the foreign
    years), so each part's changes are found by bisection, and the days on which
    the years themselves change are kept.  Without a work history: none.

    >>> import datetime as dt, crs
    >>> p = crs.load_profile({"age": 30, "education": "bachelors", "work_history": [
    ...     {"noc": "21231", "start": "2025-01-06", "hours_per_week": 30}]})
    >>> experience_change_days(p, dt.date(2025, 1, 6), dt.date(2026, 12, 31))
    [datetime.date(2026, 1, 5)]
    """
    jobs = profile.work_history
    if not jobs:
        return []

    counters: dict[int, WorkYears] = {}  # one per experience rules (few), each read once

    def counter(day: dt.date) -> WorkYears:
        experience = (rules if rules is not None else rules_in_force(day)).experience
        found = counters.get(id(experience))
        if found is None:
            found = counters[id(experience)] = WorkYears(profile, experience)
        return found

    def parts(day: dt.date) -> tuple[int, ...]:
        return counter(day).parts(day)

    def years(day: dt.date) -> tuple[int, int]:
        return counter(day)(day)

    window = (rules if rules is not None else rules_in_force(end)).experience.window_years
    edges: set[dt.date] = set()
    for job in jobs:
        for edge in (job.start, None if job.end is None else day_after(job.end)):
            if edge is None:
                continue
            for shifted in (edge, add_years(edge, window)):
                edges.update(shift(shifted, k) for k in (-1, 0, 1, 2))
    # A rule set could count experience differently, a policy count a job, from its first
    # day: the count may jump there, so the day before ends a span too.
    jumps = set(reading_days()) | ({r.effective for r in RULE_SETS} if rules is None else set())
    edges.update(shift(day, k) for day in jumps for k in (-1, 0))
    cuts = [start, *sorted(day for day in edges if start < day < end), end]
    found: list[dt.date] = []
    for low, high in itertools.pairwise(cuts):
        _changes(parts, low, high, found)
    # A part changing need not change the years (another occupation may have more).
    return [day for day in found if years(day) != years(day - _DAY)]


def _changes(
    f: Callable[[dt.date], tuple[int, ...]], low: dt.date, high: dt.date, out: list[dt.date]
) -> None:
    """Append every day in (low, high] where ``f`` changes.

    Each item of ``f`` moves one way in between, so once ``f`` differs from its
    value on a day it never returns to it: the first change is found by bisection.
    """
    value = f(low)
    while low < high and f(high) != value:
        a, b = low, high  # f(a) == value != f(b)
        while (b - a).days > 1:
            mid = a + dt.timedelta(days=(b - a).days // 2)
            if f(mid) == value:
                a = mid
            else:
                b = mid
        out.append(b)
        low, value = b, f(b)


def _reasons(
    profile: Profile, day: dt.date, rules_on: Callable[[dt.date], RuleSet]
) -> tuple[str, ...]:
    before = day - _DAY
    out = []
    if profile.date_of_birth is not None and profile.age_on(day) != profile.age_on(before):
        out.append(f"birthday: {profile.age_on(day)} years old")
    old_rules, new_rules = rules_on(before), rules_on(day)
    if old_rules is not new_rules:
        out.append(f"rules in force from {new_rules.name}: {new_rules.summary}")
    if nominated(profile, day) and not nominated(profile, before):
        out.append(f"provincial nomination of {day}: it counts from its day")
    if profile.work_history:
        was = work_years(profile, before, old_rules.experience)
        now = work_years(profile, day, new_rules.experience)
        read = _read_differently(profile, before, day, new_rules)
        out.extend(read)
        for kind, old, new in (("Canadian", was[0], now[0]), ("foreign", was[1], now[1])):
            if new != old and read:  # the jobs are read differently, not a year gone by
                out.append(f"{kind} work now counts {count(new, 'year')}")
            elif new > old:
                out.append(f"{_ordinal(new)} year of {kind} work completed")
            elif new < old:
                out.append(
                    f"{kind} work now counts {count(new, 'year')}: older hours left the "
                    f"{new_rules.experience.window_years}-year window"
                )
    return tuple(out)


def _read_differently(profile: Profile, before: dt.date, day: dt.date, rules: RuleSet) -> list[str]:
    """Why jobs count differently from ``day`` (a public policy, the NOC 2021 switch).

    Only the jobs begun by ``day``, in its window, that count on one side of it.
    """
    counts = is_canadian(rules.experience)
    abroad = _is_foreign(rules.experience)
    first = Window.years_before(day, rules.experience.window_years).start
    skilled: dict[bool, list[str]] = {True: [], False: []}
    policies: list[str] = []
    for job in profile.work_history:
        if job.start > day or (job.end is not None and job.end < first):
            continue
        old, new = as_covered(job, before, "crs"), as_covered(job, day, "crs")
        if not (counts(old) or abroad(old) or counts(new) or abroad(new)):
            continue  # it counts on neither side: not why the score moves
        if type(old) is not type(new) and old.skilled != new.skilled:
            skilled[new.skilled].append(f"NOC {job.noc}")
        elif old.self_employed != new.self_employed:
            change = "counts" if not new.self_employed else "no longer counts"
            policies.append(f"a public policy {change} self-employed work in NOC {job.noc}")
    out = []
    now = [f"{', '.join(dict.fromkeys(nocs))} {'is' if len(set(nocs)) == 1 else 'are'} "
           f"{'skilled' if is_skilled else 'not skilled'} work from this day"
           for is_skilled, nocs in skilled.items() if nocs]  # fmt: skip
    if now:
        out.append(f"IRCC reads jobs by NOC 2021 from {day}: {'; '.join(now)}")
    return [*out, *dict.fromkeys(policies)]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _expiries(
    profile: Profile, start: dt.date, end: dt.date, rules_on: Callable[[dt.date], RuleSet]
) -> tuple[Notice, ...]:
    out = []
    for whose, result in _results(profile):
        assert result.test_date is not None
        years = rules_on(start).language_validity_years
        day = anniversary(result.test_date, years)  # None: after the end of the calendar
        if day is not None and start < day <= end and rules_on(day).expired_language_scores:
            out.append(
                Notice(
                    day,
                    f"{whose} {result.test.label} result of {result.test_date} expires "
                    f"({years} years old): the score is unchanged, but IRCC no longer "
                    "accepts it; a new test is needed to stay in the pool",
                )
            )
    return tuple(sorted(out, key=lambda n: n.on))
