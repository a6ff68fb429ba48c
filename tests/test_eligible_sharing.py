"""``crs.eligible``'s one-call sharing equals every leaf computed on its own.

Inside one call of :func:`crs.eligible`, the jobs of each kind (skilled, Canadian,
CEC, a category's codes) are filtered once and their hours counted once
(:func:`crs._work_conditions.work_of`, :func:`~crs._work_conditions.hours_of`),
a category without a counted job reads a verdict kept by date, and the
Canadian full-time runs are counted by day ordinals.  These properties prove
the report is the one every leaf gives alone, filtering and counting the plain
way, on long work histories (more jobs than the short-history shortcut takes)
with repeated codes, self-employment and work in and outside Canada.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
from crs import _work_conditions
from crs.categories import in_force
from crs.conditions import WorkHours
from crs.eligibility import CategoryVerdict, EligibilityReport
from crs.experience import Window, full_time_runs
from crs.policies import as_covered, switch_notes
from crs.programs import PROGRAMS, fsw_grid
from crs.programs.cec import CecLanguage
from strategies import examples, profile_dicts

_DATES = st.dates(dt.date(2015, 1, 1), dt.date(2026, 12, 31))
# A few codes, so that jobs share occupations and categories find their codes:
# physicians, a nurse, software, a trade, a driver, a senior manager, unskilled work.
_NOCS = st.sampled_from(["31102", "31301", "21231", "72410", "73300", "00012", "65100"])


@st.composite
def long_job(draw: st.DrawFn, start: dt.date) -> dict[str, Any]:
    """A job starting at ``start``, one to fourteen months long or ongoing."""
    data: dict[str, Any] = {"noc": draw(_NOCS), "start": start.isoformat()}
    if draw(st.integers(0, 9)):
        data["end"] = (start + dt.timedelta(days=draw(st.integers(0, 420)))).isoformat()
    data["hours_per_week"] = draw(st.sampled_from([10, 15, 20, 30, 37.5, 40, 12.3]))
    data["in_canada"] = draw(st.booleans())
    data["self_employed"] = draw(st.integers(0, 5)) == 0
    data["during_full_time_study"] = draw(st.integers(0, 7)) == 0
    return data


@st.composite
def long_history(draw: st.DrawFn) -> dict[str, Any]:
    """A profile with 9 to 40 jobs, mostly one after another, some overlapping."""
    data = draw(profile_dicts(with_history=False))
    data.pop("canadian_work_years", None)
    data.pop("foreign_work_years", None)
    day = draw(st.dates(dt.date(2008, 1, 1), dt.date(2022, 1, 1)))
    jobs = []
    for _ in range(draw(st.integers(9, 40))):
        jobs.append(draw(long_job(day)))
        day += dt.timedelta(days=draw(st.integers(-60, 200)))
    data["work_history"] = jobs
    return data


def _plain(profile: crs.Profile, on: dt.date, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The report with no sharing: each leaf filters and counts on its own."""
    with monkeypatch.context() as m:
        m.setattr(_work_conditions, "_FEW", 10**9)
        m.setattr(WorkHours, "_nothing", lambda self, p, o, w: self._verdict(p, o, w, None))
        programs = {slug: p.predicate(profile, on) for slug, p in PROGRAMS.items()}
        categories = {v.slug: CategoryVerdict(v, v.predicate(profile, on)) for v in in_force(on)}
        grid = fsw_grid(profile, on)
    notes = switch_notes(profile.work_history, on)  # not shared: the same
    return EligibilityReport(on, programs, categories, grid, id=profile.id, notes=notes)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=long_history(), on=_DATES)
def test_eligible_equals_every_leaf_computed_alone(data: dict[str, Any], on: dt.date) -> None:
    profile = crs.load_profile(data)
    with pytest.MonkeyPatch.context() as monkeypatch:
        plain = _plain(profile, on, monkeypatch)
    fast = crs.eligible(profile, on)
    assert fast.programs == plain.programs
    assert fast.categories == plain.categories
    assert fast.grid == plain.grid
    assert fast.to_json() == plain.to_json()
    assert fast.to_text() == plain.to_text()


def _work_leaves() -> list[Any]:
    """Every work leaf of the programs and of every category version."""
    from crs.categories import CATEGORIES

    roots = [p.predicate for p in PROGRAMS.values()]
    roots += [v.condition for c in CATEGORIES.values() for v in c.versions]
    found: list[Any] = []
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, (WorkHours, CecLanguage)):
            found.append(node)
        stack.extend(getattr(node, "parts", ()))
    return found


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=long_history(), on=_DATES)
def test_each_kind_of_job_is_the_one_the_leaf_filters_itself(
    data: dict[str, Any], on: dt.date
) -> None:
    profile = crs.load_profile(data)
    with crs.programs.sharing():
        for leaf in _work_leaves():
            if isinstance(leaf, CecLanguage):
                covered = [as_covered(j, on, "cec") for j in profile.work_history]
                jobs = [j for j in covered if j.in_canada and crs.programs.cec.cec_counts(j)]
                higher = leaf.rules.higher_teers
                expected = (
                    [j for j in jobs if j.teer in higher],
                    [j for j in jobs if j.teer not in higher],
                )
                assert leaf._jobs(profile, on) == expected
                continue
            # As the program reads them on the date (a policy; before 2022-11-16, NOC 2016).
            history = tuple(as_covered(j, on, leaf.program) for j in profile.work_history)
            assert leaf._jobs(profile, on) == leaf.kept(history)
            # Asked again in the same call: the very list, filtered once.
            assert leaf._jobs(profile, on) is leaf._jobs(profile, on)


def _runs_by_date(jobs: Any, window: Window, full_time: float = 30) -> list[Any]:
    """:func:`full_time_runs` as it was written with dates (the oracle)."""
    edges: list[tuple[dt.date, float]] = []
    for job in jobs:
        start = max(job.start, window.start)
        last = job.end
        end = window.end if last is None or last >= window.end else last + dt.timedelta(days=1)
        if start < end:
            edges.append((start, job.hours_per_week))
            edges.append((end, -job.hours_per_week))
    edges.sort(key=lambda edge: edge[0])
    runs: list[list[dt.date]] = []
    weekly = 0.0
    previous = edges[0][0] if edges else window.start
    for day, change in edges:
        if day != previous and weekly + 1e-9 >= full_time:
            if runs and runs[-1][1] == previous:
                runs[-1][1] = day
            else:
                runs.append([previous, day])
        previous = day
        weekly += change
    return [(Window(a, b), full_time * (b - a).days / 7) for a, b in runs]


@settings(max_examples=examples(150), deadline=None)
@given(
    data=long_history(),
    start=st.dates(dt.date(1900, 1, 1), dt.date(2026, 1, 1)),
    days=st.integers(0, 8000),
)
def test_full_time_runs_by_ordinals_equal_runs_by_dates(
    data: dict[str, Any], start: dt.date, days: int
) -> None:
    jobs = crs.load_profile(data).work_history
    window = Window(start, start + dt.timedelta(days=days))
    assert full_time_runs(jobs, window) == _runs_by_date(jobs, window)
    assert full_time_runs(jobs, window, 15) == _runs_by_date(jobs, window, 15)
