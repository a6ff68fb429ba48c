"""The work of eligibility: the jobs that count, their hours, their continuous runs.

Read by the leaf :class:`crs._work_hours.WorkHours`; re-exported by :mod:`crs.conditions`,
their public home, with the language leaves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Container, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from crs._dates import day_before
from crs._reuse import in_call
from crs.experience import FULL_TIME_HOURS, Window, accrued_hours
from crs.occupations import describe
from crs.policies import as_covered, switch_changes

if TYPE_CHECKING:
    from crs.profile import Job, Profile


@attrs.frozen
class OccupationHours:
    """Hours found in one occupation (or a set of them), and where they were counted.

    Attributes:
        noc: The occupation's code, or ``"*"`` for all the codes together.
        hours: Hours counted (30 a week at most).
        window: The span they were counted in: the whole window, or the
            continuous run that gave the most hours.
    """

    noc: str
    hours: float
    window: Window

    def to_json(self) -> dict[str, Any]:
        """The hours as JSON data."""
        return {
            "noc": self.noc,
            "occupation": describe(self.noc) if self.noc != "*" else "all listed",
            "hours": round(self.hours, 2),
            "from": self.window.start.isoformat(),
            "until": day_before(self.window.end).isoformat(),
        }


def continuous_runs(jobs: Iterable[Job], window: Window) -> list[Window]:
    """The spans inside ``window`` covered by ``jobs`` with no day between them.

    A job that starts the day after another one ends continues the run.

    >>> from crs.profile import Job
    >>> a = Job("21231", dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    >>> b = Job("21231", dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    >>> continuous_runs([a, b], Window(dt.date(2020, 1, 1), dt.date(2026, 1, 1)))
    [Window(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 7, 1))]
    """
    # The days of each job inside the window, as ordinals (end excluded; the day after
    # a job's last day never overflows as an ordinal).
    first, last = window.start.toordinal(), window.end.toordinal()
    spans: list[tuple[int, int]] = []
    for job in jobs:
        start = job.start.toordinal()
        if first > start:  # max(start, first), without the call
            start = first
        ended = job.end
        if ended is None:
            end = last
        else:  # min(day after, last), without the call
            end = ended.toordinal() + 1
            if last < end:
                end = last
        if start < end:
            spans.append((start, end))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    ordinal = dt.date.fromordinal
    return [Window(ordinal(start), ordinal(end)) for start, end in merged]


def best_occupation(
    jobs: Sequence[Job],
    window: Window,
    *,
    continuous: bool,
    single_occupation: bool = True,
    weekly_cap: float = FULL_TIME_HOURS,
) -> OccupationHours | None:
    """The occupation with the most hours in ``window`` (None: no job in it).

    With ``continuous``, an occupation's hours are those of its best continuous
    run; with ``single_occupation`` false, all ``jobs`` count together (``noc``
    is then ``"*"``).
    """
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        groups.setdefault(job.noc if single_occupation else "*", []).append(job)
    best: OccupationHours | None = None
    for noc, group in sorted(groups.items()):
        spans = continuous_runs(group, window) if continuous else [window]
        for span in spans:
            hours = accrued_hours(group, span, weekly_cap)
            if hours > 0 and (best is None or hours > best.hours):
                best = OccupationHours(noc, hours, span)
    return best


Codes = Container[str] | Callable[[str], bool]
"""NOC codes as a collection (anything with ``in``), or as a test of a code."""


def covered(profile: Profile, on: dt.date, program: str | None) -> tuple[Job, ...]:
    """The work history as ``program`` counts it on ``on`` (:func:`crs.policies.as_covered`).

    The history itself when nothing changes a job: no job is self-employed (or
    ``program`` is None), and ``on`` is not before the NOC 2021 switch for any job.
    """
    history = profile.work_history
    if (program is None or not any(j.self_employed for j in history)) and not switch_changes(
        history, on
    ):
        return history
    return tuple(as_covered(j, on, program) for j in history)


def _nocs(profile: Profile) -> frozenset[str]:
    return frozenset(j.noc for j in profile.work_history)


def _self_employed(profile: Profile) -> bool:
    return any(j.self_employed for j in profile.work_history)


def work_of(
    profile: Profile,
    on: dt.date,
    *,
    program: str | None = None,
    codes: Codes | None = None,
    in_canada: bool | None = None,
    keep: Callable[[Job], bool] | None = None,
) -> list[Job]:
    """The jobs of ``profile`` a work condition counts on ``on``, in order (do not change it).

    The history as ``program`` counts it (:func:`covered`), then the jobs in
    ``codes``, in Canada or not (``in_canada``), that ``keep`` keeps: the same
    jobs as :meth:`WorkHours.kept`.  Inside :func:`crs._reuse.sharing` (one call of
    ``crs.eligible``), each kind of job is filtered once, whichever leaves ask;
    a list of codes is first matched against the distinct codes of the history,
    so that a category none of whose codes the candidate worked in costs no pass
    over the jobs.
    """
    if len(profile.work_history) <= _FEW:  # filtering costs less than finding it again
        return _work_of(profile, on, program, codes, in_canada, keep)[2]
    if program is not None and not in_call(
        _self_employed, profile, (), lambda: _self_employed(profile)
    ):
        program = None  # no public policy changes a job (the NOC 2021 switch still may)
    found = in_call(
        work_of,
        profile,
        (on, program, id(codes), in_canada, id(keep)),
        lambda: _work_of(profile, on, program, codes, in_canada, keep),
    )
    if found[0] is not codes or found[1] is not keep:  # another object with a reused id
        found = _work_of(profile, on, program, codes, in_canada, keep)
    return found[2]


_FEW = 8
"""Histories of this many jobs or fewer are filtered (and counted) by each leaf afresh."""


def _work_of(
    profile: Profile,
    on: dt.date,
    program: str | None,
    codes: Codes | None,
    in_canada: bool | None,
    keep: Callable[[Job], bool] | None,
) -> tuple[object, object, list[Job]]:
    """(codes, keep, the jobs): the value keeps what its memo key names by ``id``."""
    jobs: Sequence[Job] = covered(profile, on, program)
    if codes is not None and len(jobs) > _FEW:
        nocs = in_call(_nocs, profile, (), lambda: _nocs(profile))
        test = codes if callable(codes) else codes.__contains__
        matched = {noc for noc in nocs if test(noc)}
        if not matched:
            return (codes, keep, [])
        if len(matched) < len(nocs):
            jobs = [j for j in jobs if j.noc in matched]
    elif codes is not None:
        test = codes if callable(codes) else codes.__contains__
        jobs = [j for j in jobs if test(j.noc)]
    if in_canada is not None:
        jobs = [j for j in jobs if j.in_canada is in_canada]
    if keep is not None:
        jobs = [j for j in jobs if keep(j)]
    return (codes, keep, jobs if isinstance(jobs, list) else list(jobs))


def hours_of(
    profile: Profile, jobs: list[Job], window: Window, weekly_cap: float = FULL_TIME_HOURS
) -> float:
    """:func:`crs.experience.accrued_hours` of ``jobs``, once per list inside ``sharing``.

    ``jobs`` is a list :func:`work_of` gave for ``profile`` (or a part of one kept):
    inside :func:`crs._reuse.sharing`, the same list in the same window gives
    the hours counted the first time.
    """
    if len(jobs) <= _FEW:
        return accrued_hours(jobs, window, weekly_cap)
    found = in_call(
        hours_of,
        profile,
        (id(jobs), window, weekly_cap),
        lambda: (jobs, accrued_hours(jobs, window, weekly_cap)),
    )
    if found[0] is not jobs:  # another list with a reused id: count again
        return accrued_hours(jobs, window, weekly_cap)
    return found[1]
