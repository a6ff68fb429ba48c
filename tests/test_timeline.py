"""timeline: birthdays, experience years and rule sets found on their exact days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crs
from crs.experience import work_years
from crs.timelines import Timeline, experience_change_days, timeline
from strategies import examples

DAY = dt.timedelta(days=1)


def _profile(**fields: Any) -> crs.Profile:
    data: dict[str, Any] = {"education": "bachelors"}
    data.update(fields)
    return crs.load_profile(data)


def test_birthdays_after_29_on_the_day() -> None:
    p = _profile(date_of_birth="1995-06-01")
    t = timeline(p, dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    assert [(c.on, c.total, c.previous) for c in t] == [
        (dt.date(2025, 6, 1), 225, 230),
        (dt.date(2026, 6, 1), 219, 225),
        (dt.date(2027, 6, 1), 214, 219),
    ]
    for change in t:
        assert crs.score(p, change.on - DAY).total == change.previous
        assert crs.score(p, change.on).total == change.total
    assert t.changes[0].reasons == ("birthday: 30 years old",)
    assert t.changes[0].delta == -5


def test_a_29_february_birthday_counts_on_1_march() -> None:
    p = _profile(date_of_birth="1996-02-29")
    t = timeline(p, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert [c.on for c in t] == [dt.date(2026, 3, 1)]


def test_no_change_for_a_fixed_age() -> None:
    t = timeline(_profile(age=35), dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    assert len(t) == 0
    assert "no change in the period" in t.to_text()
    assert t.total_on(dt.date(2025, 6, 1)) == t.initial.total


def test_a_year_of_canadian_work_completes_on_the_day_of_1560_hours() -> None:
    job = {"noc": "21231", "start": "2025-01-06", "hours_per_week": 20}
    p = _profile(age=35, work_history=[job])
    t = timeline(p, dt.date(2025, 1, 6), dt.date(2027, 12, 31))
    (first, *_) = t.changes
    # 20 hours a week: 1,560 hours after 546 days.
    assert first.on == dt.date(2025, 1, 6) + 546 * DAY
    assert first.reasons == ("1st year of Canadian work completed",)
    assert crs.score(p, first.on - DAY).total == first.previous


def test_hours_leaving_the_ten_year_window() -> None:
    job = {"noc": "21231", "start": "2014-01-01", "end": "2016-12-31", "in_canada": False}
    p = _profile(age=35, work_history=[job])
    days = experience_change_days(p, dt.date(2024, 1, 1), dt.date(2027, 6, 30))
    rules = crs.rules_in_force(dt.date(2025, 1, 1)).experience
    assert [work_years(p, day, rules)[1] for day in days] == [2, 1, 0]
    assert [work_years(p, day - DAY, rules)[1] for day in days] == [3, 2, 1]
    p = _profile(age=35, work_history=[job], first_language={"test": "clb", "listening": 9,
                 "reading": 9, "writing": 9, "speaking": 9})  # fmt: skip
    t = timeline(p, dt.date(2024, 1, 1), dt.date(2027, 6, 30))
    assert any("left the 10-year window" in " ".join(c.reasons) for c in t)


def test_a_new_rule_set_on_its_effective_date() -> None:
    p = _profile(age=29, arranged_employment="teer_0_1_2_3")
    t = timeline(p, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    (change,) = t.changes
    assert change.on == dt.date(2025, 3, 25)
    assert change.delta == -50
    assert change.reasons[0].startswith("rules in force from 2025-03-25")


_CLB9 = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}


def test_expiry_is_a_change_from_the_2016_rules() -> None:
    """From 2016-11-19 a result earns 0 from its second anniversary: the score drops that day."""
    p = _profile(age=30, first_language={**_CLB9, "test_date": "2024-05-01"})
    t = timeline(p, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    (change,) = t.changes
    assert change.on == dt.date(2026, 5, 1)
    assert change.delta < 0
    assert "expired" in change.reasons[0]
    assert t.total_on(dt.date(2026, 4, 30)) == t.initial.total
    assert t.notices == ()


def test_expiry_under_the_launch_rules_is_a_notice() -> None:
    """Before 2016-11-19 an expired result kept its points: its expiry is a notice, not a change."""
    p = _profile(age=30, first_language={**_CLB9, "test_date": "2014-03-01"})
    t = timeline(p, dt.date(2016, 1, 1), dt.date(2016, 6, 30))
    assert len(t) == 0
    (notice,) = t.notices
    assert notice.on == dt.date(2016, 3, 1)
    assert "score is unchanged" in notice.text


def test_a_result_counts_from_its_test_date() -> None:
    """Only what existed counts: the score rises on the day of the test, not before."""
    p = _profile(age=30, first_language={**_CLB9, "test_date": "2026-05-02"})
    t = timeline(p, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    (change,) = t.changes
    assert change.on == dt.date(2026, 5, 2)
    assert change.delta > 0
    assert "counts from its test date" in change.reasons[0]


def test_views_and_steps() -> None:
    p = _profile(date_of_birth="1995-06-01")
    t = timeline(p, dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    assert isinstance(t, Timeline)
    assert t.steps() == [
        (dt.date(2025, 1, 1), 230),
        (dt.date(2025, 6, 1), 225),
        (dt.date(2026, 6, 1), 219),
        (dt.date(2026, 12, 31), 219),
    ]
    assert t.total_on(dt.date(2026, 5, 31)) == 225
    with pytest.raises(ValueError, match="outside"):
        t.total_on(dt.date(2030, 1, 1))
    assert "<table>" in t._repr_html_()
    assert "birthday: 31 years old" in str(t)


def test_end_before_start() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        timeline(_profile(age=30), dt.date(2026, 1, 2), dt.date(2026, 1, 1))


@settings(max_examples=examples(20))
@given(
    st.dates(dt.date(1975, 1, 1), dt.date(2000, 12, 31)),
    st.dates(dt.date(2012, 1, 1), dt.date(2025, 12, 31)),
    st.integers(10, 60),
    st.booleans(),
)
def test_changes_match_daily_scores(
    born: dt.date, job_start: dt.date, hours: int, in_canada: bool
) -> None:
    """Scoring every day of a shorter period finds exactly the changes the timeline lists."""
    job = {"noc": "21231", "start": job_start.isoformat(), "hours_per_week": hours,
           "in_canada": in_canada}  # fmt: skip
    p = _profile(date_of_birth=born.isoformat(), work_history=[job])
    start, end = dt.date(2025, 1, 1), dt.date(2026, 12, 31)
    t = timeline(p, start, end)
    assert [(c.on, c.total) for c in t] == _daily(p, start, end)


def _daily(p: crs.Profile, start: dt.date, end: dt.date) -> list[tuple[dt.date, int]]:
    """Every day in (start, end] on which crs.score changes, and its new total."""
    out, previous, day = [], crs.score(p, start).total, start + DAY
    while day <= end:
        total = crs.score(p, day).total
        if total != previous:
            out.append((day, total))
        previous = total
        day += DAY
    return out


def test_foreign_work_in_one_occupation_may_dip_and_recover_between_job_edges() -> None:
    """The most of two occupations' hours: one leaves the window as the other fills it.

    Foreign work counts in one occupation (the one with the most hours), so the
    foreign years fall from 3 to 2 on 2025-12-29 as the first job's hours leave the
    10-year window, and come back on 2026-10-11 as the second job's reach 3 years:
    a dip with the same score at both ends, between two days on which a job starts
    or ends.  The timeline and the report found no change; place scored 407.
    """
    p = crs.load_profile({
        "age": 22, "education": "two_year_post_secondary",
        "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9,
                           "speaking": 9},
        "work_history": [
            {"noc": "70011", "start": "2015-11-23", "end": "2018-12-23", "in_canada": False},
            {"noc": "21220", "start": "2023-10-15", "in_canada": False},
        ],
    })  # fmt: skip
    start, end = dt.date(2025, 11, 24), dt.date(2026, 11, 29)
    changes = [(c.on, c.total) for c in timeline(p, start, end)]
    assert changes == [(dt.date(2025, 12, 29), 382), (dt.date(2026, 10, 11), 407)]
    assert changes == _daily(p, start, end)


@settings(max_examples=40, deadline=None)
@given(st.integers(-400, 400), st.integers(-60, 60), st.integers(-250, 250), st.integers(30, 40))
def test_two_foreign_occupations_match_daily_scores(
    shift: int, longer: int, later: int, hours: int
) -> None:
    """Around the dip above, shifted and stretched: every change and round score is the day's.

    The jobs move together, the first longer or shorter, the second later or earlier.
    """
    moved = dt.timedelta(days=shift)
    first = dt.date(2015, 11, 23) + moved
    ended = dt.date(2018, 12, 23) + moved + dt.timedelta(days=longer)
    second = dt.date(2023, 10, 15) + moved + dt.timedelta(days=later)
    jobs = [
        {"noc": "70011", "start": first.isoformat(), "end": ended.isoformat(),
         "hours_per_week": hours, "in_canada": False},
        {"noc": "21220", "start": second.isoformat(), "hours_per_week": hours,
         "in_canada": False},
    ]  # fmt: skip
    p = _profile(age=22, work_history=jobs, first_language={
        "test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9})  # fmt: skip
    start, end = dt.date(2025, 6, 1) + moved, dt.date(2026, 12, 31) + moved
    end = min(end, dt.date(2026, 11, 29))
    assert [(c.on, c.total) for c in timeline(p, start, end)] == _daily(p, start, end)
    rounds = crs.place(p, since=start, until=end)
    assert all(r.score == crs.score(p, r.round.date).total for r in rounds)


@pytest.mark.parametrize("spouse", [{"accompanying": False}, {"canadian_citizen_or_pr": True}])
def test_a_spouse_who_does_not_count_gives_no_reason(spouse: dict[str, Any]) -> None:
    """Their result never earned points: its expiry is not why the score moves."""
    result = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9,
              "test_date": "2024-06-01"}  # fmt: skip
    p = _profile(date_of_birth="1990-06-01", spouse={**spouse, "first_language": result})
    t = timeline(p, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert [(c.on, c.reasons) for c in t] == [(dt.date(2026, 6, 1), ("birthday: 36 years old",))]
    old = {**result, "test_date": "2014-06-01"}
    launch_profile = _profile(date_of_birth="1980-06-01", spouse={**spouse, "first_language": old})
    launch = timeline(launch_profile, dt.date(2015, 1, 1), dt.date(2016, 12, 31))
    assert launch.notices == ()


_CLB9 = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}


@pytest.mark.parametrize(
    ("jobs", "start", "end", "changes"),
    [
        pytest.param(  # the physicians' policy counts the self-employed job from 2023-04-25
            [{"noc": "31100", "start": "2012-12-18", "end": "2015-03-25", "hours_per_week": 40},
             {"noc": "31100", "start": "2017-01-05", "end": "2017-12-03",
              "self_employed": True}],
            "2023-03-02", "2023-06-30", [("2023-03-29", 427), ("2023-04-25", 452)],
            id="a-policy-day-ends-the-dip",
        ),
        pytest.param(  # launch rules: foreign work in one occupation
            [{"noc": "21231", "start": "2004-01-01", "end": "2006-02-01", "hours_per_week": 40,
              "in_canada": False},
             {"noc": "21232", "start": "2014-02-12", "hours_per_week": 40, "in_canada": False}],
            "2015-01-01", "2015-03-31", [("2015-02-04", 374), ("2015-02-11", 399)],
            id="launch-rules-foreign",
        ),
        pytest.param(  # launch rules: Canadian work in unbroken full-time runs
            [{"noc": "21231", "start": "2004-03-01", "end": "2005-12-31", "hours_per_week": 40},
             {"noc": "21231", "start": "2014-01-10", "hours_per_week": 40}],
            "2015-01-01", "2015-01-31", None,
            id="launch-rules-canadian-runs",
        ),
    ],
)  # fmt: skip
def test_a_dip_is_found_at_a_policy_day_and_under_the_launch_rules(
    jobs: list[dict[str, Any]], start: str, end: str, changes: list[tuple[str, int]] | None
) -> None:
    """The count may jump back on a policy's first day, or a run refill as another leaves."""
    p = _profile(age=30, first_language=_CLB9, work_history=jobs)
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    found = [(c.on, c.total) for c in timeline(p, first, last)]
    assert found == _daily(p, first, last)
    assert found  # a dip there is
    if changes is not None:
        assert found == [(dt.date.fromisoformat(d), total) for d, total in changes]
    placed = crs.place(p, since=first, until=last)
    assert all(r.score == crs.score(p, r.round.date).total for r in placed)


@pytest.mark.parametrize("noc", ["73300", "64200", "21231"])
def test_the_noc_2021_switch_is_a_day_the_score_may_change(noc: str) -> None:
    """Before 2022-11-16 a job is read by its NOC 2016 skill: every path agrees on every day."""
    abroad = {"noc": noc, "start": "2015-01-05", "end": "2016-03-01", "in_canada": False}
    jobs = [{"noc": noc, "start": "2019-06-01", "hours_per_week": 40}, abroad]
    p = _profile(age=30, first_language=_CLB9, work_history=jobs)
    first, last = dt.date(2022, 9, 1), dt.date(2023, 1, 31)
    found = [(c.on, c.total) for c in timeline(p, first, last)]
    assert found == _daily(p, first, last)
    switched = [c for c in timeline(p, first, last) if c.on == dt.date(2022, 11, 16)]
    if noc == "21231":
        assert not switched
    else:
        assert switched
        assert switched[0].reasons[0].startswith("IRCC reads jobs by NOC 2021 from 2022-11-16")
    placed = crs.place(p, since=first, until=last)
    for r in placed:
        day = crs.score(p, r.round.date)
        assert (r.score, r.warnings) == (day.total, day.warnings)
        cec = crs.eligible(p, r.round.date).programs["cec"]
        if r.round.program == "cec":
            assert r.eligible == cec.eligible


def test_the_switch_days_reason_names_the_jobs_it_changes_once() -> None:
    """Not a job begun later, ended long before, or never counted: the one that moves it."""
    jobs = [
        {"noc": "73300", "start": "2020-01-01"},
        {"noc": "43200", "start": "2024-01-01"},
        {"noc": "55109", "start": "2005-01-01", "end": "2008-01-01"},
        {"noc": "13102", "start": "2021-01-01", "self_employed": True},
    ]
    p = _profile(age=30, first_language=_CLB9, work_history=jobs)
    t = timeline(p, dt.date(2022, 11, 1), dt.date(2022, 12, 1))
    [change] = [c for c in t if c.on == dt.date(2022, 11, 16)]
    assert change.reasons == (
        "IRCC reads jobs by NOC 2021 from 2022-11-16: NOC 73300 is skilled work from this day",
        "Canadian work now counts 2 years",
    )
    said = crs.score(p, dt.date(2022, 11, 1)).warnings
    assert not any("NOC 43200" in w or "NOC 55109" in w for w in said)  # not begun; long gone


def test_a_policys_caveat_from_its_first_day_is_in_each_rounds_warnings() -> None:
    """The score does not move on 2023-04-25, yet what it says does: each round says it."""
    jobs = [{"noc": "31100", "start": "2021-05-06", "end": "2022-06-13", "self_employed": True}]
    p = _profile(age=35, first_language=_CLB9, work_history=jobs)
    placed = crs.place(p, since="2023-03-01", until="2023-05-30")
    for r in placed:
        assert r.warnings == crs.score(p, r.round.date).warnings
    assert any("physicians" in w for r in placed for w in (r.warnings or ()))
