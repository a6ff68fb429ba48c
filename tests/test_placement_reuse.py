"""Placement's fast path equals placement round by round, on profiles with work histories.

:func:`crs.place` reuses a leaf's verdict across round dates with the same date
key (:mod:`crs._reuse`) and a score across dates with the same facts.  These
properties prove both change nothing: every result equals the one computed on
its round's date alone, and two dates with the same key give the same verdict.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import crs
from crs.conditions import LanguageChoice, MinLanguage, language_key
from crs.predicates import All
from crs.programs import FST, FSW
from crs.programs.fsw import GridCheck, grid_key
from crs.programs.funds import FundsCheck
from strategies import examples, job_json, profile_dicts, result_json
from test_reuse import _reference_reasons

_DATES = st.dates(dt.date(2015, 1, 1), dt.date(2026, 6, 1))


@st.composite
def with_history(draw: st.DrawFn) -> dict[str, Any]:
    """A profile with a work history (1 to 6 jobs), often with dated language results."""
    data = draw(profile_dicts(with_history=True))
    data.pop("canadian_work_years", None)
    data.pop("foreign_work_years", None)
    data["work_history"] = draw(st.lists(job_json(), min_size=1, max_size=6))
    if draw(st.booleans()):
        data["first_language"] = draw(result_json())
        data.pop("second_language", None)
    return data


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=with_history(), since=_DATES, days=st.integers(30, 900))
def test_fast_placement_equals_placement_round_by_round(
    data: dict[str, Any], since: dt.date, days: int
) -> None:
    profile = crs.load_profile(data)
    placed = crs.place(profile, since=since, until=since + dt.timedelta(days=days))
    for result in placed.results:
        r = result.round
        try:
            day = crs.score(profile, r.date)
        except crs.ProfileError:
            assert result.score is None
            assert not result.eligible
            continue
        assert result.score == day.total
        assert result.warnings == day.warnings  # every caveat of the day, as crs.score says
        reasons = _reference_reasons(profile, r)
        assert list(result.reasons) == reasons
        assert result.eligible == (not reasons)


def _parts(program: Any) -> tuple[Any, ...]:
    predicate = program.predicate
    assert isinstance(predicate, All)
    return predicate.parts


def _same_verdict(leaf: Any, profile: crs.Profile, a: dt.date, b: dt.date) -> None:
    first, second = leaf.check(profile, a), leaf.check(profile, b)
    assert first.eligible == second.eligible
    assert first.messages == second.messages


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=with_history(), on=_DATES, later=st.integers(1, 400))
def test_dates_with_the_same_key_give_the_same_verdict(
    data: dict[str, Any], on: dt.date, later: int
) -> None:
    profile = crs.load_profile(data)
    other = on + dt.timedelta(days=later)
    try:
        profile.age_on(on)
    except crs.ProfileError:
        assume(False)
    grid = next(p for p in _parts(FSW) if isinstance(p, GridCheck))
    if grid_key(profile, on) == grid_key(profile, other):
        _same_verdict(grid, profile, on, other)
    for program in (FSW, FST):
        funds = next(p for p in _parts(program) if isinstance(p, FundsCheck))
        if funds.date_key(profile, on) == funds.date_key(profile, other):
            _same_verdict(funds, profile, on, other)
    for choice in LanguageChoice:
        leaf = crs.conditions.min_language(7, choice)
        assert isinstance(leaf, MinLanguage)
        if language_key(profile, on, choice) == language_key(profile, other, choice):
            _same_verdict(leaf, profile, on, other)


def test_placing_keeps_nothing_from_one_call_to_the_next() -> None:
    """The reuse block lasts one call: outside it every leaf runs on its own date."""
    from crs import _reuse

    job = {"noc": "31102", "start": "2024-09-19"}
    profile = crs.load_profile({"age": 30, "education": "masters", "work_history": [job]})
    crs.place(profile, since="2025-01-01", until="2025-03-01")
    assert not _reuse.active()


def _work_leaves() -> list[Any]:
    """Every work-hours leaf of the programs and of every category version."""
    from crs.categories import versions
    from crs.conditions import WorkHours

    leaves = [p for program in (FSW, crs.programs.CEC, FST) for p in _parts(program)]
    for version in versions():
        condition = version.condition
        assert isinstance(condition, All)
        leaves.extend(condition.parts)
    return [leaf for leaf in leaves if isinstance(leaf, WorkHours)]


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=with_history(), on=_DATES, later=st.integers(1, 400), pick=st.integers(0, 10_000))
def test_a_work_verdict_read_on_another_date_of_its_finding_is_that_dates_verdict(
    data: dict[str, Any], on: dt.date, later: int, pick: int
) -> None:
    """A failed work-hours message reused on a later date names that date's window, exactly."""
    profile = crs.load_profile(data)
    leaves = _work_leaves()
    leaf = leaves[pick % len(leaves)]
    other = on + dt.timedelta(days=later)
    first = leaf.check(profile, on)
    assert first.messages_on(on) == first.messages

    def finding(day: dt.date) -> Any:
        """The finding the verdict is reused by (a failing one names the jobs left out)."""
        window = crs.experience.Window.years_before(day, leaf.years)
        found = leaf._finding(leaf._best(leaf._jobs(profile, day), window))
        if found[0]:
            return found
        return leaf._finding(leaf._best(leaf._jobs(profile, day), window),
                             leaf.uncounted(profile, day, window))  # fmt: skip

    span = crs.policies.reading_span
    if (leaf.program is None or span(on) == span(other)) and finding(other) == finding(on):
        second = leaf.check(profile, other)
        assert second.eligible == first.eligible
        assert first.messages_on(other) == second.messages


def _predicates() -> list[Any]:
    """Every program's predicate, every program's parts, and every category version's condition."""
    from crs.categories import versions

    found: list[Any] = []
    for program in (FSW, crs.programs.CEC, FST):
        found.append(program.predicate)
        found.extend(_parts(program))
    found.extend(version.condition for version in versions())
    return found


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=with_history(), on=_DATES, pick=st.integers(0, 10_000), share=st.floats(0, 1))
def test_a_verdict_holds_over_its_span(
    data: dict[str, Any], on: dt.date, pick: int, share: float
) -> None:
    """On every date before ``until``, a predicate finds what it found on ``on``."""
    profile = crs.load_profile(data)
    try:
        profile.age_on(on)
    except crs.ProfileError:
        assume(False)
    predicates = _predicates()
    predicate = predicates[pick % len(predicates)]
    first = predicate(profile, on)
    until = predicate.until(profile, on)
    assert until > on
    days = min((until - on).days - 1, 4000)
    for later in {on + dt.timedelta(days=int(days * share)), on + dt.timedelta(days=days)}:
        second = predicate(profile, later)
        assert second.eligible == first.eligible
        assert first.messages_on(later) == second.messages
