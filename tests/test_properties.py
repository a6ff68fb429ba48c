"""Properties of the CRS that hold for every profile and date (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import crs
from crs.breakdown import Line
from strategies import (
    examples,
    json_values,
    near_valid_dicts,
    profile_dicts,
    profiles,
    scoring_dates,
    spouse_strategy,
)

FAST = settings(max_examples=examples(150), deadline=None)


def _score(data: dict[str, Any], on: dt.date) -> crs.Score:
    return crs.score(crs.load_profile(data), on=on)


@FAST
@given(profiles(), scoring_dates)
def test_section_caps_and_the_1200_ceiling(profile: crs.Profile, on: dt.date) -> None:
    """Every section stays within its cap, and the total within 1,200 (crs-rules §1)."""
    result = crs.score(profile, on=on)
    with_spouse = profile.spouse_counts
    assert 0 <= result.core <= (460 if with_spouse else 500)
    assert 0 <= result.spouse <= (40 if with_spouse else 0)
    assert 0 <= result.skill_transferability <= 100
    assert 0 <= result.additional <= 600
    assert result.core + result.spouse <= 500
    assert 0 <= result.total <= 1200
    assert result.total == (
        result.core + result.spouse + result.skill_transferability + result.additional
    )
    assert result.line("core.second_language").points <= (22 if with_spouse else 24)
    assert result.line("transferability.education").points <= 50
    assert result.line("transferability.foreign_work").points <= 50
    assert result.line("transferability.certificate_of_qualification").points <= 50


def _check_sums(line: Line) -> None:
    if not line.children:
        return
    total = sum(child.points for child in line.children)
    if line.uncapped is None:
        assert line.points == total, line.key
        if line.cap is not None:
            assert total <= line.cap
    else:
        assert line.uncapped == total, line.key
        assert line.cap is not None
        assert line.points == line.cap < total
    for child in line.children:
        assert child.key.startswith(line.key + ".")
        _check_sums(child)


@FAST
@given(profiles(), scoring_dates)
def test_lines_add_up_to_every_parent_and_the_total(profile: crs.Profile, on: dt.date) -> None:
    """Each line's points are its children's sum (or its cap), and sections make the total."""
    result = crs.score(profile, on=on)
    for top in result.lines:
        _check_sums(top)
    assert sum(top.points for top in result.lines) == result.total
    by_key = {top.key: top.points for top in result.lines}
    assert by_key == {
        "core": result.core,
        "spouse": result.spouse,
        "transferability": result.skill_transferability,
        "additional": result.additional,
    }
    keys = [line.key for top in result.lines for line in top.walk()]
    assert len(keys) == len(set(keys))


levels_ = st.integers(0, 12)


@st.composite
def language_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A profile whose language results are CLB/NCLC levels (English first or French first)."""
    data = draw(profile_dicts())
    english = {"test": "clb", **{a: draw(levels_) for a in _ABILITIES}}
    french = {"test": "nclc", **{a: draw(levels_) for a in _ABILITIES}}
    first, second = (english, french) if draw(st.booleans()) else (french, english)
    data["first_language"] = first
    if draw(st.booleans()):
        data["second_language"] = second
    else:
        data.pop("second_language", None)
    return data


_ABILITIES = ("listening", "reading", "writing", "speaking")


@FAST
@given(language_profiles(), scoring_dates, st.sampled_from(_ABILITIES), st.booleans())
def test_more_language_never_lowers_the_score(
    data: dict[str, Any], on: dt.date, ability: str, second: bool
) -> None:
    """One level more on any ability of either language never lowers any section."""
    which = "second_language" if second and "second_language" in data else "first_language"
    better = json.loads(json.dumps(data))
    better[which][ability] = min(better[which][ability] + 1, 12)
    before, after = _score(data, on), _score(better, on)
    assert after.total >= before.total
    assert after.core >= before.core
    assert after.skill_transferability >= before.skill_transferability


_EDUCATION = [e.value for e in crs.Education]


@FAST
@given(profile_dicts(), scoring_dates)
def test_more_education_never_lowers_the_score(data: dict[str, Any], on: dt.date) -> None:
    """The next level of education never lowers the score."""
    rank = _EDUCATION.index(data["education"])
    better = {**data, "education": _EDUCATION[min(rank + 1, len(_EDUCATION) - 1)]}
    assert _score(better, on).total >= _score(data, on).total


@FAST
@given(profile_dicts(with_history=False), scoring_dates, st.sampled_from(["canadian", "foreign"]))
def test_more_experience_never_lowers_the_score(
    data: dict[str, Any], on: dt.date, kind: str
) -> None:
    """A year more of Canadian or foreign work never lowers the score."""
    key = f"{kind}_work_years"
    better = {**data, key: data.get(key, 0) + 1}
    assert _score(better, on).total >= _score(data, on).total


@FAST
@given(profile_dicts(with_dob=False), scoring_dates)
def test_after_29_a_year_older_never_raises_the_score(data: dict[str, Any], on: dt.date) -> None:
    """From 29 on, every birthday keeps or lowers the score (crs-rules §2.1, §10)."""
    data["age"] = max(data["age"], 29) if data["age"] < 120 else 119
    older = {**data, "age": data["age"] + 1}
    assert _score(older, on).total <= _score(data, on).total


@st.composite
def spouse_not_counting(draw: st.DrawFn) -> dict[str, Any]:
    """A spouse who is not accompanying, or is a Canadian citizen or PR."""
    spouse = draw(spouse_strategy())
    if draw(st.booleans()):
        spouse["accompanying"] = False
    else:
        spouse["canadian_citizen_or_pr"] = True
    return spouse


@FAST
@given(profile_dicts(), spouse_not_counting(), scoring_dates)
def test_spouse_who_does_not_count_scores_exactly_as_single(
    data: dict[str, Any], spouse: dict[str, Any], on: dt.date
) -> None:
    """A non-accompanying or citizen/PR spouse changes no line of the score (§1.1)."""
    single = {k: v for k, v in data.items() if k != "spouse"}
    married = {**single, "spouse": spouse}
    assert _score(married, on).points() == _score(single, on).points()


@FAST
@given(profiles())
def test_load_of_dump_is_the_identity(profile: crs.Profile) -> None:
    """load(dump(p)) == p, also through JSON text."""
    dumped = crs.dump_profile(profile)
    assert crs.load_profile(dumped) == profile
    assert crs.loads_profile(json.dumps(dumped)) == profile


@FAST
@given(profile_dicts())
def test_dump_of_load_keeps_every_given_value(data: dict[str, Any]) -> None:
    """Dumping a loaded profile and loading it again gives an equal dump."""
    dumped = crs.dump_profile(crs.load_profile(data))
    assert crs.dump_profile(crs.load_profile(dumped)) == dumped


def _loads_or_profile_error(value: Any, load: Any = crs.load_profile) -> None:
    error: crs.ProfileError | None = None
    try:
        profile = load(value)
    except crs.ProfileError as exc:
        error = exc
    if error is None:
        assert isinstance(profile, crs.Profile)
    else:
        assert error.problems
        assert all(isinstance(p.path, str) and p.message for p in error.problems)


@settings(max_examples=examples(200), deadline=None)
@given(json_values)
def test_any_json_loads_or_raises_profile_error(value: Any) -> None:
    """Any JSON value either loads or raises ProfileError, never another exception."""
    _loads_or_profile_error(value)


@settings(max_examples=examples(200), deadline=None)
@given(near_valid_dicts())
def test_near_valid_profiles_load_or_raise_profile_error(value: Any) -> None:
    """Valid profiles with fields replaced, removed or added never raise anything else."""
    _loads_or_profile_error(value)


@settings(max_examples=examples(100), deadline=None)
@given(json_values)
def test_any_json_text_loads_or_raises_profile_error(value: Any) -> None:
    """loads_profile on any JSON text behaves the same way."""
    _loads_or_profile_error(json.dumps(value), crs.loads_profile)


@settings(max_examples=examples(200), deadline=None)
@given(profiles(), scoring_dates)
def test_score_never_raises_for_a_valid_profile(profile: crs.Profile, on: dt.date) -> None:
    """Every valid profile scores on every date from 2015-01-01 to 2030, and renders."""
    result = crs.score(profile, on=on)
    assert result.rules is crs.rules_in_force(on)
    assert json.loads(json.dumps(result.to_json()))["total"] == result.total
    assert str(result.total) in result.to_text()
    assert json.loads(result.to_json_text()) == json.loads(json.dumps(result.to_json()))
    compact = json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":"))
    assert result.to_json_text() == compact  # byte for byte, as its docstring says
