"""One source of truth: every entry point accepts the same inputs and gives the same answer.

The loader, profiles built in Python, ``score``, ``score_frame`` (from the lossless
flat form and from ``pandas.json_normalize``), eligibility and placement all read
the checks declared in ``crs.checks`` and the grid declared in the rule sets.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
from crs.checks import FIELDS
from crs.flat import from_frame, to_frame
from crs.frame import RESULT_COLUMNS, score_frame
from crs.profile import Profile
from strategies import examples, json_values, profile_dicts

ON = dt.date(2026, 2, 19)


def _outcome(data: Any, on: dt.date) -> tuple[list[int] | None, str | None]:
    """What crs.load_profile then crs.score give: the five numbers, or the error text."""
    try:
        result = crs.score(crs.load_profile(data), on)
    except crs.ProfileError as exc:
        return None, "; ".join(str(p) for p in exc.problems)
    return [
        result.total,
        result.core,
        result.spouse,
        result.skill_transferability,
        result.additional,
    ], None


def _frame_outcomes(frame: pd.DataFrame, on: dt.date) -> list[tuple[list[int] | None, str | None]]:
    got = score_frame(frame, on)
    out: list[tuple[list[int] | None, str | None]] = []
    for _, row in got.iterrows():
        if row["error"] is None:
            out.append(([int(row[c]) for c in RESULT_COLUMNS[:5]], None))
        else:
            out.append((None, row["error"]))
    return out


def _dotted_key(data: object) -> bool:
    if isinstance(data, dict):
        return any("." in str(k) or _dotted_key(v) for k, v in data.items())
    return False


@st.composite
def near_valid(draw: st.DrawFn) -> dict[str, Any]:
    """A valid profile (no work history) with one or two values replaced, dropped or added."""
    data: dict[str, Any] = draw(profile_dicts(with_history=False))
    for _ in range(draw(st.integers(0, 2))):
        node = data
        for name in ("spouse", "first_language", "second_language"):
            if name in node and isinstance(node[name], dict) and draw(st.booleans()):
                node = node[name]
                break
        key = draw(st.sampled_from([*sorted(node), "age", "foreign_work_years", "extra"]))
        action = draw(st.sampled_from(["replace", "drop"]))
        if action == "drop":
            node.pop(key, None)
        else:
            node[key] = draw(json_values)
    return data


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(near_valid(), min_size=1, max_size=12), st.dates(dt.date(2015, 1, 1), ON))
def test_load_score_and_score_frame_accept_the_same_profiles(
    records: list[dict[str, Any]], on: dt.date
) -> None:
    """Every row: the same numbers, or the very same error text, from both paths.

    A key with a dot in it cannot be told from a nested path in the flat form: such a
    row is refused by both paths, with the key's path written differently.
    """
    expected = [_outcome(data, on) for data in records]
    got = _frame_outcomes(to_frame(records), on)
    for data, mine, theirs in zip(records, got, expected, strict=True):
        if _dotted_key(data):
            assert (mine[1] is None) == (theirs[1] is None)
        else:
            assert mine == theirs


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(profile_dicts(with_history=False), min_size=1, max_size=12))
def test_the_flat_form_round_trips(records: list[dict[str, Any]]) -> None:
    """to_frame then from_frame gives the profiles back, empty spouses included."""
    profiles = [crs.load_profile(data) for data in records]
    assert from_frame(to_frame(profiles)) == profiles
    assert from_frame(to_frame(records)) == profiles


def test_from_frame_names_the_row_and_field_of_each_problem() -> None:
    frame = to_frame([{"age": 30, "education": "masters"}, {"age": -1, "education": "phd"}])
    with pytest.raises(crs.ProfileError) as info:
        from_frame(frame)
    assert [p.path for p in info.value.problems] == ["[1].education", "[1].age"]


# --------------------------------------------------------------------------- the cases


def test_an_empty_spouse_is_kept_by_the_flat_form() -> None:
    """{"spouse": {}} is a spouse who counts: 45 points for age 40 with a spouse, everywhere."""
    data = {"age": 40, "education": "less_than_secondary", "spouse": {}}
    assert crs.score(crs.load_profile(data), ON).total == 45
    assert score_frame(to_frame([data]), ON)["total"][0] == 45
    normalized = pd.json_normalize([data])  # drops the empty object: the documented loss
    assert score_frame(normalized, ON)["total"][0] == 50
    normalized["spouse"] = pd.Series([{}], dtype=object)  # the documented fix
    assert score_frame(normalized, ON)["total"][0] == 45


def test_every_problem_of_every_kind_is_reported() -> None:
    """A choice error does not hide a range error in another field."""
    with pytest.raises(crs.ProfileError) as info:
        crs.load_profile({"age": -1, "education": "phd"})
    assert [p.path for p in info.value.problems] == ["education", "age"]


_BAD: dict[str, object] = {
    "age": -1,
    "education": "phd",
    "canadian_work_years": 1.5,
    "foreign_work_years": "two",
    "sibling_in_canada": "yes",
    "canadian_education": 3,
    "arranged_employment": "teer_9",
    "settlement_funds": -5,
    "family_members": 51,
    "submitted_at": "2026-01-03T03:25:14",
    "date_of_birth": "1990-02-30",
}


@given(st.lists(st.sampled_from(sorted(_BAD)), min_size=2, max_size=4, unique=True))
def test_two_or_more_bad_fields_are_each_named(fields: list[str]) -> None:
    data: dict[str, Any] = {"age": 30, "education": "masters"}
    for name in fields:
        data[name] = _BAD[name]
    if "date_of_birth" in fields:
        data.pop("age", None)
        if "age" in fields:
            fields.remove("age")  # both given: the conflict is the problem reported at age
    with pytest.raises(crs.ProfileError) as info:
        crs.load_profile(data)
    paths = [p.path for p in info.value.problems]
    for name in fields:
        assert name in paths, (name, paths)


# (field, JSON value) pairs whose Python value is the same: a profile built in Python
# and one read from JSON must be refused with the same message.
_SAME_IN_PYTHON: list[tuple[str, object]] = [
    ("age", -1),
    ("age", 121),
    ("age", 30.5),
    ("age", True),
    ("canadian_work_years", 101),
    ("foreign_work_years", "3"),
    ("settlement_funds", -1),
    ("family_members", 51),
    ("sibling_in_canada", 1),
]


@pytest.mark.parametrize(("field", "value"), _SAME_IN_PYTHON)
def test_python_and_json_refuse_a_value_with_the_same_message(field: str, value: object) -> None:
    base = {"age": 30, "education": "masters"}
    with pytest.raises(crs.ProfileError) as from_json:
        crs.load_profile({**base, field: value})
    profile = crs.load_profile(base)
    changes: dict[str, Any] = {field: value}
    with pytest.raises(crs.ProfileError) as from_python:
        attrs.evolve(profile, **changes)
    json_problem = next(p for p in from_json.value.problems if p.path == field)
    assert json_problem in from_python.value.problems


def test_every_declared_field_is_a_field_of_its_class() -> None:
    for cls, fields in FIELDS.items():
        assert sorted(fields) == sorted(f.name for f in attrs.fields(cls)), cls


@pytest.mark.parametrize("command", ["score", "eligible", "rounds"])
def test_a_teer_9_code_is_refused_alike_by_every_command(tmp_path: Path, command: str) -> None:
    data = {
        "age": 35,
        "education": "masters",
        "work_history": [{"noc": "19999", "start": "2020-01-01", "end": "2023-01-01"}],
    }
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "crs", command, str(path), "--on", "2026-02-19"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done
    assert "work_history[0].noc" in done.stderr
    assert "TEER" in done.stderr
    assert "Traceback" not in done.stderr


def test_eligibility_and_placement_take_any_loaded_profile() -> None:
    """No second check downstream: a profile that loads is assessed, never refused."""
    data = {
        "age": 35,
        "education": "masters",
        "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9,
                           "speaking": 9},
        "work_history": [{"noc": "31102", "start": "2024-01-01", "end": "2025-12-31"}],
    }  # fmt: skip
    profile = crs.load_profile(data)
    assert crs.eligible(profile, ON).programs
    assert len(crs.place(profile, since="2026-01-01", until="2026-03-01").results) > 0


# --------------------------------------------------------------------------- pickling


@pytest.mark.parametrize("rules", crs.RULE_SETS, ids=[r.name for r in crs.RULE_SETS])
def test_a_rule_set_scores_the_same_after_pickling(rules: crs.RuleSet) -> None:
    copy = pickle.loads(pickle.dumps(rules))
    assert copy == rules
    profile = crs.load_profile(
        {"age": 29, "education": "bachelors", "foreign_work_years": 3,
         "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
                            "writing": 7.0, "speaking": 7.0},
         "second_language": {"test": "nclc", "listening": 7, "reading": 7, "writing": 7,
                             "speaking": 7},
         "sibling_in_canada": True, "arranged_employment": "teer_0_1_2_3"}
    )  # fmt: skip
    day = rules.effective
    original = crs.score(profile, day, rules=rules)
    again = crs.score(profile, day, rules=copy)
    assert again == original
    assert again.lines == original.lines
    assert pickle.loads(pickle.dumps(crs.rules_in_force(day))) == crs.rules_in_force(day)


def test_profiles_and_scores_pickle() -> None:
    profile = crs.load_profile({"age": 30, "education": "masters", "spouse": {}})
    assert pickle.loads(pickle.dumps(profile)) == profile
    result = crs.score(profile, ON)
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result
    assert copy.sections == result.sections
    assert copy.to_json() == result.to_json()


def test_score_sections_hold_every_section_subtotal() -> None:
    result = crs.score(crs.load_profile({"age": 30, "education": "masters"}), ON)
    assert result.sections == {
        "core": result.core,
        "spouse": result.spouse,
        "transferability": result.skill_transferability,
        "additional": result.additional,
    }
    assert sum(result.sections.values()) == result.total


def test_profile_checks_declare_no_lambda() -> None:
    """Declarations pickle, so rules and checks can go to other processes."""
    from crs.checks import RULES

    assert pickle.loads(pickle.dumps(RULES))
    assert pickle.loads(pickle.dumps(FIELDS[Profile]))


@given(
    st.sampled_from(list(crs.LanguageTest)),
    st.sampled_from(list(crs.Ability)),
    st.integers(0, 800) | st.floats(0, 800, allow_nan=False),
    st.none() | st.dates(),
)
def test_a_rule_reads_alike_what_it_says_it_reads_alike(
    test: crs.LanguageTest, ability: crs.Ability, value: float, day: dt.date | None
) -> None:
    """Every rule's ``alike`` gives a value the rule treats exactly as the one read."""
    from crs.checks import RULES

    for rules in RULES.values():
        for rule in rules:
            for position, alike in enumerate(rule.alike):
                if alike is None:
                    continue
                args: list[object] = [test, value, day]
                like = list(args)
                like[position] = alike(args[position])
                assert rule.test(*args) == rule.test(*like), (rule.path, args, like)


def test_a_whole_number_beyond_a_floats_precision_keeps_its_digits_in_the_frame() -> None:
    """A score of 2**53 + 1 beside missing cells: the frame's error names it as given."""
    big = 2**53 + 1
    records: list[dict[str, Any]] = [
        {"education": "secondary", "age": 30},
        {
            "education": "secondary",
            "age": 30,
            "first_language": {
                "test": "ielts",
                "listening": big,
                "reading": 6.0,
                "writing": 6.0,
                "speaking": 6.0,
            },
        },
    ]
    frame = to_frame(records)
    assert frame["first_language.listening"].iloc[1] == big
    got = _frame_outcomes(frame, ON)
    assert got == [_outcome(data, ON) for data in records]
    message = got[1][1]
    assert message is not None
    assert str(big) in message
