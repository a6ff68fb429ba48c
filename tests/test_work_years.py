"""crs.experience.WorkYears (running totals) equals work_years on every date.

Timelines and what-ifs read a work history on many dates through WorkYears,
which reads the jobs once; these property tests prove it counts exactly as
:func:`crs.experience.work_years` does, under every rule set's experience rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
from crs.experience import WorkYears, work_years
from strategies import examples, job_json

_EXPERIENCE = list({id(r.experience): r.experience for r in crs.RULE_SETS}.values())
_EXPERIENCE += [attrs.evolve(e, foreign_one_occupation=not e.foreign_one_occupation)
                for e in _EXPERIENCE[:1]]  # fmt: skip


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    jobs=st.lists(job_json(), min_size=1, max_size=8),
    days=st.lists(st.dates(dt.date(2005, 1, 1), dt.date(2040, 12, 31)), min_size=1, max_size=12),
    which=st.integers(0, len(_EXPERIENCE) - 1),
)
def test_work_years_of_many_dates_equal_each_date_alone(
    jobs: list[dict[str, Any]], days: list[dt.date], which: int
) -> None:
    profile = crs.load_profile({"age": 30, "education": "bachelors", "work_history": jobs})
    rules = _EXPERIENCE[which]
    counter = WorkYears(profile, rules)
    for day in days:
        assert counter(day) == work_years(profile, day, rules), day


def test_a_physicians_self_employment_counts_from_the_policy_on() -> None:
    profile = crs.load_profile(
        {
            "age": 40,
            "education": "doctoral",
            "work_history": [
                {"noc": "31102", "start": "2019-01-01", "hours_per_week": 40,
                 "self_employed": True, "in_canada": True},
            ],
        }
    )  # fmt: skip
    rules = crs.RULE_SETS[-1].experience
    counter = WorkYears(profile, rules)
    before, after = dt.date(2023, 4, 24), dt.date(2023, 4, 25)
    assert counter(before) == work_years(profile, before, rules) == (0, 0)
    assert counter(after) == work_years(profile, after, rules) == (4, 0)


def test_given_counts_are_read_as_they_are() -> None:
    profile = crs.load_profile(
        {"age": 30, "education": "bachelors", "canadian_work_years": 2, "foreign_work_years": 3}
    )
    assert WorkYears(profile, crs.RULE_SETS[-1].experience)(dt.date(2026, 1, 1)) == (2, 3)
