"""Verdicts and lines reused across dates equal the ones computed on each date.

Eligibility and placement reuse what does not change between dates: a
category's predicate (built once per version), the language verdict and the
FSW language line of undated results.  These property tests prove each reused
value equals a fresh computation, on any profile and any date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
from crs.categories import CATEGORIES
from crs.conditions import LanguageChoice, _language_check, _results, language_check
from crs.programs._fsw_lines import _language_line, _language_line_on
from crs.programs.thresholds import FSW_GRID
from strategies import examples, profile_dicts

_DATES = st.dates(dt.date(2014, 6, 1), dt.date(2030, 12, 31))


@settings(max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=profile_dicts(),
    days=st.lists(_DATES, min_size=1, max_size=6),
    minimums=st.tuples(*[st.integers(4, 10)] * 4),
    choice=st.sampled_from(list(LanguageChoice)),
)
def test_language_verdicts_reused_equal_fresh_ones(
    data: dict[str, Any], days: list[dt.date], minimums: Any, choice: LanguageChoice
) -> None:
    profile = crs.load_profile(data)
    for day in days:
        fresh = _language_check(
            profile, day, _results(profile, choice), minimums, choice, "k", "label"
        )
        assert language_check(profile, day, minimums, choice, "k", "label") == fresh
        assert _language_line(profile, day, FSW_GRID) == _language_line_on(profile, day, FSW_GRID)


def test_each_category_version_builds_its_predicates_once_and_alike() -> None:
    for category in CATEGORIES.values():
        for version in category.versions:
            assert version.condition is version.condition
            assert version.predicate is version.predicate
            assert version.condition == version._condition()


def _messages(label: str, verdict: Any) -> list[str]:
    """A verdict's messages as a round's reasons, computed on the round's own date."""
    return [f"{label}: {m}" for m in verdict.messages] or [f"{label}: not eligible"]


def _reference_reasons(profile: crs.Profile, r: Any) -> list[str]:
    """The round's reasons as placement gave them before it reused verdicts.

    Every program asked on every round, written out plainly as the oracle.
    """
    from crs.dated import submission_not_counted
    from crs.placement import _round_version
    from crs.programs import PROGRAMS

    on = r.date
    programs = {slug: p(profile, on) for slug, p in PROGRAMS.items()}
    reasons: list[str] = []
    late = submission_not_counted(profile.submitted_at, on, r.round_time, "this round")
    if late:
        reasons.append(late)
    in_pool = any(v.eligible for v in programs.values())
    pool = [] if in_pool else ["not eligible for FSW, CEC or FST"]
    if not in_pool:
        for slug, verdict in programs.items():
            pool.extend(_messages(slug.upper(), verdict))
    if r.kind == "program" and r.program in programs:
        if not programs[r.program].eligible:
            reasons.extend(_messages(r.program.upper(), programs[r.program]))
        return reasons
    later = profile.nominated_on is not None and profile.nominated_on > on
    if r.kind == "program" and r.program == "pnp" and not profile.provincial_nomination:
        reasons.append("PNP: no provincial nomination")
    elif r.kind == "program" and r.program == "pnp" and later:
        reasons.append(
            f"PNP: nominated on {profile.nominated_on}, after {on}: "
            "the nomination did not exist yet"
        )
    elif r.kind == "category":
        version = _round_version(r)
        if version is None:
            reasons.append(f"{r.category}: no category version in force on {on} to check")
        else:
            condition = version.condition(profile, on)
            if not condition.eligible:
                reasons.extend(_messages(version.slug, condition))
    return reasons + pool


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profile_dicts(), since=st.dates(dt.date(2015, 1, 1), dt.date(2026, 6, 1)))
def test_placement_gives_the_reasons_of_every_program_asked_every_time(
    data: dict[str, Any], since: dt.date
) -> None:
    profile = crs.load_profile(data)
    placed = crs.place(profile, since=since, until=since + dt.timedelta(days=240))
    for result in placed.results:
        if result.score is None:
            continue  # born after the round: not assessed
        assert list(result.reasons) == _reference_reasons(profile, result.round)
        assert result.eligible == (not result.reasons)
