"""The loader's fast path (crs._fastload._fast) accepts only what the full engine accepts, alike.

:func:`crs.checks.structure` reads well-formed JSON by a strict fast path and
sends anything else to the full engine, which writes the messages.  These
property tests prove the fast path never accepts what the engine refuses,
and builds the very object the engine builds when it accepts.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
from crs._fastload import _FAIL, _fast
from crs.checks import _read
from crs.errors import Problem
from crs.profile import Couple, Profile
from strategies import examples, json_values, near_valid_dicts, profile_dicts


def _engine(cls: type, raw: Any) -> tuple[Any, list[Problem]]:
    problems: list[Problem] = []
    return _read(cls, raw, "", problems), problems


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profile_dicts())
def test_valid_profiles_take_the_fast_path_to_the_same_object(data: dict[str, Any]) -> None:
    fast = _fast(Profile, copy.deepcopy(data))
    full, problems = _engine(Profile, data)
    assert not problems
    if fast is _FAIL:  # a whole number written 30.0: the engine reads it
        return
    assert fast == full
    assert crs.dump_profile(fast) == crs.dump_profile(full)


@settings(max_examples=examples(500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=near_valid_dicts())
def test_the_fast_path_never_accepts_what_the_engine_refuses(data: Any) -> None:
    fast = _fast(Profile, copy.deepcopy(data))
    full, problems = _engine(Profile, data)
    if fast is not _FAIL:
        assert not problems
        assert fast == full


def test_plain_profiles_do_take_the_fast_path() -> None:
    data = {
        "age": 30,
        "education": "masters",
        "first_language": {"test": "ielts", "listening": 8, "reading": 7.5, "writing": 7,
                           "speaking": 7, "test_date": "2025-01-02"},
        "work_history": [{"noc": "21231", "start": "2020-01-01", "hours_per_week": 40}],
        "spouse": {"education": "bachelors", "accompanying": True},
        "id": "C-1",
    }  # fmt: skip
    assert _fast(Profile, data) is not _FAIL
    assert _fast(Couple, {"a": data | {"spouse": None}, "b": {"age": 3, "education": "secondary"}})
    # Each of these goes to the engine (which reads or refuses them, with its message).
    assert _fast(Profile, {**data, "age": 30.0}) is _FAIL
    assert _fast(Profile, {**data, "nickname": "x"}) is _FAIL
    assert _fast(Profile, {**data, "age": True}) is _FAIL
    assert _fast(Profile, {**data, "date_of_birth": "1990-01-01"}) is _FAIL
    assert _fast(Profile, {"age": 30}) is _FAIL
    assert crs.load_profile({**data, "age": 30.0}).age == 30


_BASE = {
    "age": 30,
    "education": "masters",
    "canadian_work_years": 1,
    "first_language": {"test": "celpip", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
    "spouse": {"education": "bachelors", "canadian_work_years": 1},
}
_FIELDS = [
    ("age",), ("education",), ("canadian_work_years",), ("foreign_work_years",),
    ("settlement_funds",), ("family_members",), ("provincial_nomination",), ("id",),
    ("canadian_education",), ("arranged_employment",), ("submitted_at",), ("date_of_birth",),
    ("first_language", "test"), ("first_language", "listening"), ("first_language", "test_date"),
    ("spouse", "canadian_work_years"), ("spouse", "accompanying"), ("spouse", "education"),
]  # fmt: skip


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(_FIELDS),
    value=st.integers(-3, 1000) | st.floats() | json_values | st.sampled_from(["2020-02-30"]),
)
def test_one_field_of_any_value_is_read_alike(path: tuple[str, ...], value: Any) -> None:
    data = copy.deepcopy(_BASE)
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    if path == ("date_of_birth",):
        del data["age"]
    fast = _fast(Profile, copy.deepcopy(data))
    full, problems = _engine(Profile, data)
    if fast is not _FAIL:
        assert not problems
        assert fast == full
