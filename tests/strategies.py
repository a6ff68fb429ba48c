"""Hypothesis strategies for profiles and JSON, and small builders the tests share.

The builders make profile JSON objects (plain dicts) so that every test goes
through the public edge, :func:`crs.load_profile`, as a user's input would.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from hypothesis import strategies as st

import crs
from crs.language import score_range

ON = dt.date(2025, 6, 1)
"""A scoring date under the rules in force from 2025-03-25 (the §11.3 rule set)."""

HISTORIC = dt.date(2024, 6, 1)
"""A scoring date under the rules in force from 2020-10-20 (job offers still scored)."""

FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2030, 12, 31)

JSONDict = dict[str, Any]

SCALE = {"thorough": 10.0, "quick": 0.1}.get(os.environ.get("HYPOTHESIS_PROFILE", ""), 1.0)
"""How many times the examples a property runs: 10 under ``thorough``, a tenth under ``quick``."""


def examples(n: int) -> int:
    """``n`` examples, times :data:`SCALE` (for a property that sets its own count; at least 5)."""
    return max(5, round(n * SCALE))


# --------------------------------------------------------------------------- builders


def levels(test: str, listening: Any, reading: Any, writing: Any, speaking: Any) -> JSONDict:
    """A language result JSON object with the four scores in L, R, W, S order."""
    return {
        "test": test,
        "listening": listening,
        "reading": reading,
        "writing": writing,
        "speaking": speaking,
    }


def clb(*values: Any) -> JSONDict:
    """English CLB levels given directly: one value for all four, or four (L, R, W, S)."""
    four = values * 4 if len(values) == 1 else values
    assert len(four) == 4
    return levels("clb", *four)


def nclc(*values: Any) -> JSONDict:
    """French NCLC levels given directly: one value for all four, or four (L, R, W, S)."""
    four = values * 4 if len(values) == 1 else values
    assert len(four) == 4
    return levels("nclc", *four)


def profile_json(**fields: Any) -> JSONDict:
    """A profile JSON object: age 30, less than secondary, nothing else, then ``fields``.

    A ``date_of_birth`` in ``fields`` replaces the default age.
    """
    data: JSONDict = {"education": "less_than_secondary"}
    if "date_of_birth" not in fields:
        data["age"] = 30
    data.update(fields)
    return data


def make(**fields: Any) -> crs.Profile:
    """A loaded profile built by :func:`profile_json`."""
    return crs.load_profile(profile_json(**fields))


def spouse_json(**fields: Any) -> JSONDict:
    """A spouse who counts (accompanying, not a citizen or PR), with ``fields``."""
    data: JSONDict = {"accompanying": True, "canadian_citizen_or_pr": False}
    data.update(fields)
    return data


def points(key: str, on: dt.date = ON, **fields: Any) -> int:
    """The points of line ``key`` for the profile built from ``fields``, scored on ``on``."""
    return crs.score(make(**fields), on=on).line(key).points


def both_columns(key: str, on: dt.date = ON, **fields: Any) -> tuple[int, int]:
    """Points of line ``key`` with a spouse who counts, and single."""
    with_spouse = points(key, on, spouse=spouse_json(), **fields)
    single = points(key, on, **fields)
    return with_spouse, single


# --------------------------------------------------------------------------- strategies

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
scoring_dates = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
test_dates = st.none() | st.dates(min_value=dt.date(2013, 1, 1), max_value=LAST_DAY)

_ENGLISH = ("ielts", "celpip", "pte_core", "clb")
_FRENCH = ("tef_canada", "tcf_canada", "nclc")

_SCORES: dict[str, tuple[st.SearchStrategy[float], ...]] = {
    "ielts": (st.integers(0, 18).map(lambda half: half / 2),) * 4,
    "celpip": (st.integers(0, 12),) * 4,
    "pte_core": (st.integers(10, 90),) * 4,
    "clb": (st.integers(0, 12),) * 4,
    # The "Équivalence ancien score" scales, which Express Entry reads.
    "tef_canada": (
        st.integers(0, 360),
        st.integers(0, 300),
        st.integers(0, 450),
        st.integers(0, 450),
    ),
    "tcf_canada": (
        st.integers(100, 699),
        st.integers(100, 699),
        st.integers(0, 20),
        st.integers(0, 20),
    ),
    "nclc": (st.integers(0, 12),) * 4,
}


@st.composite
def result_json(draw: st.DrawFn, tests: tuple[str, ...] = _ENGLISH + _FRENCH) -> JSONDict:
    """A valid language result JSON object, of one of ``tests``."""
    test = draw(st.sampled_from(tests))
    taken = draw(test_dates)
    l_, r, w, s = (
        draw(strategy)
        if test == "ielts"
        else draw(st.integers(*score_range(crs.LanguageTest(test), ability, taken)))
        for strategy, ability in zip(_SCORES[test], crs.Ability, strict=True)
    )
    data = levels(test, l_, r, w, s)
    if taken is not None:
        data["test_date"] = taken.isoformat()
    return data


english_json = result_json(_ENGLISH)
french_json = result_json(_FRENCH)
educations = st.sampled_from([e.value for e in crs.Education])
nocs = st.from_regex(r"[0-9][0-5][0-9]{3}", fullmatch=True)


@st.composite
def job_json(draw: st.DrawFn) -> JSONDict:
    """A valid job JSON object (ends, if at all, within about 14 years of its start)."""
    start = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
    data: JSONDict = {"noc": draw(nocs), "start": start.isoformat()}
    if draw(st.booleans()):
        length = draw(st.integers(0, 5200))
        data["end"] = (start + dt.timedelta(days=length)).isoformat()
    if draw(st.booleans()):
        data["hours_per_week"] = draw(
            st.integers(1, 80) | st.floats(0.5, 80, allow_nan=False, allow_infinity=False)
        )
    for flag in ("in_canada", "self_employed", "during_full_time_study"):
        if draw(st.booleans()):
            data[flag] = draw(st.booleans())
    return data


@st.composite
def spouse_strategy(draw: st.DrawFn) -> JSONDict:
    """A valid spouse JSON object (who may or may not count)."""
    data: JSONDict = {}
    for flag in ("accompanying", "canadian_citizen_or_pr"):
        if draw(st.booleans()):
            data[flag] = draw(st.booleans())
    if draw(st.booleans()):
        data["education"] = draw(educations)
    if draw(st.booleans()):
        data["first_language"] = draw(result_json())
    if draw(st.booleans()):
        data["canadian_work_years"] = draw(st.integers(0, 12))
    return data


@st.composite
def profile_dicts(
    draw: st.DrawFn,
    *,
    with_history: bool = True,
    with_dob: bool = True,
) -> JSONDict:
    """A valid profile JSON object covering every key of interfaces.md §1."""
    data: JSONDict = {"education": draw(educations)}
    if with_dob and draw(st.booleans()):
        born = draw(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2014, 12, 31)))
        data["date_of_birth"] = born.isoformat()
    else:
        data["age"] = draw(st.integers(0, 120))
    if draw(st.booleans()):
        data["canadian_education"] = draw(st.sampled_from([c.value for c in crs.CanadianEducation]))
    if draw(st.booleans()):
        first = draw(result_json())
        data["first_language"] = first
        if draw(st.booleans()):
            french = first["test"] in _FRENCH
            data["second_language"] = draw(english_json if french else french_json)
    if with_history and draw(st.booleans()):
        data["work_history"] = draw(st.lists(job_json(), min_size=1, max_size=4))
    else:
        for name in ("canadian_work_years", "foreign_work_years"):
            if draw(st.booleans()):
                data[name] = draw(st.integers(0, 15))
    for flag in ("certificate_of_qualification", "sibling_in_canada", "provincial_nomination"):
        if draw(st.booleans()):
            data[flag] = draw(st.booleans())
    if data.get("provincial_nomination") is True and draw(st.booleans()):
        day = draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)))
        data["nominated_on"] = day.isoformat()
    if draw(st.booleans()):
        data["foreign_military_service_years"] = draw(st.integers(0, 60))
    if draw(st.booleans()):
        data["canadian_armed_forces_offer"] = draw(st.booleans())
    if draw(st.booleans()):
        data["arranged_employment"] = draw(
            st.sampled_from([a.value for a in crs.ArrangedEmployment])
        )
    if draw(st.booleans()):
        data["spouse"] = draw(spouse_strategy())
    if draw(st.booleans()):
        data["id"] = draw(client_ids)
    return data


client_ids: st.SearchStrategy[str] = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=100
).filter(str.strip)
"""Valid client ids: 1 to 100 characters, not blank, no control characters."""


def profiles(*, with_history: bool = True, with_dob: bool = True) -> st.SearchStrategy[crs.Profile]:
    """Valid, loaded profiles."""
    return profile_dicts(with_history=with_history, with_dob=with_dob).map(crs.load_profile)


json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["ielts", "clb", "nclc", "bachelors", "2020-01-01", "31102", "yes"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=8)
            | st.sampled_from(
                ["age", "education", "first_language", "spouse", "work_history", "test"]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)
"""Any JSON value (NaN and infinities included: Python's json module reads them)."""


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.extend(_paths(item, (*prefix, index)))
    return out


@st.composite
def near_valid_dicts(draw: st.DrawFn) -> Any:
    """A valid profile JSON object with one to three fields replaced, removed or added."""
    data: Any = draw(profile_dicts())
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            if action == "replace":
                data = draw(json_values)
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if action == "replace":
            parent[last] = draw(json_values)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(json_values)
        else:
            parent.append(draw(json_values))
    return data


def scalar_total(data: Any, on: dt.date | str) -> tuple[int | None, str | None]:
    """What crs.load_profile then crs.score give a row: (total, None), or (None, the error)."""
    try:
        return crs.score(crs.load_profile(data), on).total, None
    except crs.ProfileError as exc:
        return None, "; ".join(str(p) for p in exc.problems)


def frame_totals(got: Any) -> list[tuple[int | None, str | None]]:
    """Each row of a ``score_frame`` result as :func:`scalar_total` gives it."""
    import pandas as pd

    totals = [None if pd.isna(total) else int(total) for total in got["total"].tolist()]
    return list(zip(totals, got["error"].tolist(), strict=True))
