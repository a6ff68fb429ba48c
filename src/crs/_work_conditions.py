"""The work leaves of eligibility: hours in an occupation, continuous runs, :class:`WorkHours`.

Re-exported by :mod:`crs.conditions`, their public home, with the language leaves.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from crs._dates import day_before
from crs._reuse import active, in_call, kept, reused
from crs._spans import NEVER, next_date, shrink_until, work_until
from crs.experience import Window, accrued_hours
from crs.occupations import describe
from crs.policies import as_covered
from crs.predicates import Predicate, Verdict

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
    weekly_cap: float = 30,
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
    """The work history as ``program`` counts it on ``on`` (public policies applied).

    The history itself when ``program`` is None or no job is self-employed (the
    only thing a public policy changes, :func:`crs.policies.as_covered`).
    """
    history = profile.work_history
    if program is None or not any(j.self_employed for j in history):
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
        program = None  # no public policy changes a job: the history itself
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


def hours_of(profile: Profile, jobs: list[Job], window: Window, weekly_cap: float = 30) -> float:
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
    weekly_cap: float = attrs.field(default=30, kw_only=True)
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
        span = policy_span(on) if self.program is not None else 0
        jobs = kept(self, profile, span, lambda: self._jobs(profile, on))
        window = Window.years_before(on, self.years)
        best = self._best(jobs, window, profile)
        finding = self._finding(best)
        return reused(
            self, profile, on, lambda: finding, lambda p, o: self._verdict(p, o, window, best)
        )

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """The first date after ``on`` on which the counted jobs may fill the window differently."""
        if not profile.work_history:
            return NEVER
        span = policy_span(on) if self.program is not None else 0
        jobs = kept(self, profile, span, lambda: self._jobs(profile, on))
        if self._finding(self._best(jobs, Window.years_before(on, self.years)))[0]:
            # Passing: hours only grow (more days, more jobs) until a job leaves the window.
            bound = shrink_until(jobs, on, self.years)
        else:  # the message names the hours: until a job's days in the window change
            bound = work_until(jobs, on, self.years)
        if self.program is not None:
            bound = min(bound, next_policy_date(on))
        return bound

    def check(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict on ``on`` itself."""
        window = Window.years_before(on, self.years)
        if not profile.work_history:
            return self._verdict(profile, on, window, None)
        best = self._best(self._jobs(profile, on), window, profile)
        if best is None:  # no counted job in the window: the same verdict for everyone
            return self._nothing(profile, on, window)
        return self._verdict(profile, on, window, best)

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

    def _finding(self, best: OccupationHours | None) -> tuple[bool, str, str]:
        """Whether ``best`` has the hours, and the message around the window (if not).

        Two dates with the same finding give the same verdict but for the window
        the message names (:mod:`crs._reuse`); a passing one has no message.
        """
        hours = self.hours
        # A tolerance absorbs floating-point error in part-time sums.
        if best is not None and best.hours + 1e-6 >= hours:
            return (True, "", "")
        if best is None:
            return (False, "no qualifying work ", f" (needs {hours:,.0f} hours)")
        where = "" if best.noc == "*" else f" in {describe(best.noc)}"
        run = ""
        if self.continuous:
            run = f" (longest continuous run: {best.window.start} to {day_before(best.window.end)})"
        return (False, f"{best.hours:,.0f} hours{where}{run} ", f"; needs {hours:,.0f} hours")

    def _verdict(
        self, profile: Profile, on: dt.date, window: Window, best: OccupationHours | None
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
        finding = self._finding(best)
        if finding[0]:
            return Verdict.passed(key, label, facts)
        _, head, tail = finding
        args: tuple[str, int, str] = (head, self.years, tail)
        return Verdict.failed(key, label, in_window(on, *args), facts, dated=(in_window, args))


_NOTHING: dict[tuple[int, dt.date], tuple[WorkHours, Verdict]] = {}
"""The verdicts of :meth:`WorkHours._nothing`, by leaf and date (the leaf kept with it)."""


def in_window(on: dt.date, head: str, years: int, tail: str) -> str:
    """``head``, the window of ``years`` years before ``on`` ("from A to B"), and ``tail``."""
    window = Window.years_before(on, years)
    return f"{head}from {window.start} to {day_before(window.end)}{tail}"


_POLICY_BOUNDS: list[dt.date] = []


def _policy_bounds() -> list[dt.date]:
    """The dates a public policy starts or ends, sorted (read once)."""
    if not _POLICY_BOUNDS:
        from crs.policies import POLICIES

        bounds = {p.start for p in POLICIES} | {p.end for p in POLICIES if p.end is not None}
        _POLICY_BOUNDS.extend(sorted(bounds))
    return _POLICY_BOUNDS


def policy_span(on: dt.date) -> int:
    """The span of dates ``on`` is in, between the dates public policies start or end.

    On two dates of the same span the same policies are in force
    (:mod:`crs.policies`), so :func:`crs.policies.as_covered` changes no job
    differently.
    """
    return bisect_right(_policy_bounds(), on)


def next_policy_date(on: dt.date) -> dt.date:
    """The first date after ``on`` on which a public policy starts or ends."""
    return next_date(_policy_bounds(), on)


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
    weekly_cap: float = 30,
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
