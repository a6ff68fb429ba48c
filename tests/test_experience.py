"""Work history to experience (crs-rules §8.4, §2.5, §4.2): hours, caps, window, exclusions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest

import crs
from crs.experience import ExperienceRules, Window, accrued_hours, work_years
from crs.frame import score_frame
from strategies import ON, make, profile_json

RULES = ExperienceRules()
SKILLED = "21231"  # TEER 1 (second digit)
DAY = dt.timedelta(days=1)


def job(
    start: dt.date,
    end: dt.date | None,
    *,
    hours: float = 30,
    noc: str = SKILLED,
    **flags: bool,
) -> dict[str, Any]:
    """A job JSON object; ``end`` is the last day worked (None: ongoing)."""
    data: dict[str, Any] = {
        "noc": noc,
        "start": start.isoformat(),
        "end": None if end is None else end.isoformat(),
        "hours_per_week": hours,
    }
    data.update(flags)
    return data


def days(start: dt.date, count: int, **kwargs: Any) -> dict[str, Any]:
    """A job of ``count`` days worked from ``start`` (both ends included)."""
    return job(start, start + (count - 1) * DAY, **kwargs)


def years(*jobs: dict[str, Any], on: dt.date = ON) -> tuple[int, int]:
    """Completed (Canadian, foreign) years of the work history on ``on``."""
    return work_years(make(work_history=list(jobs)), on, RULES)


def hours(*jobs: dict[str, Any], on: dt.date = ON) -> float:
    """Hours counted from every job (in Canada or not) in the 10 years before ``on``."""
    loaded = make(work_history=list(jobs)).work_history
    return accrued_hours(loaded, Window.years_before(on, 10))


START = dt.date(2022, 1, 3)


def test_one_year_is_1560_hours_of_full_time_work() -> None:
    """52 weeks (364 days) at 30 hours is 1,560 hours: one year (§8.4)."""
    assert hours(days(START, 364)) == pytest.approx(1560)
    assert years(days(START, 364)) == (1, 0)


def test_one_day_short_of_1560_hours_is_no_year() -> None:
    """363 days at 30 hours is under 1,560 hours: no completed year."""
    assert hours(days(START, 363)) < 1560
    assert years(days(START, 363)) == (0, 0)


def test_hours_beyond_30_a_week_do_not_count() -> None:
    """60 hours a week for 52 weeks is still 1,560 hours, not 3,120 (§8.4)."""
    assert hours(days(START, 364, hours=60)) == pytest.approx(1560)
    assert years(days(START, 364, hours=60)) == (1, 0)
    assert years(days(START, 728, hours=60)) == (2, 0)


def test_part_time_counts_pro_rata() -> None:
    """15 hours a week for 104 weeks is 1,560 hours: one year; a day less is none (§8.4)."""
    assert hours(days(START, 728, hours=15)) == pytest.approx(1560)
    assert years(days(START, 728, hours=15)) == (1, 0)
    assert years(days(START, 727, hours=15)) == (0, 0)


def test_fractional_part_time_hours_reach_a_year_exactly() -> None:
    """7.5 hours a week for 208 weeks is 1,560 hours, counted as one year despite rounding."""
    assert years(days(dt.date(2020, 1, 6), 1456, hours=7.5)) == (1, 0)


def test_concurrent_part_time_jobs_add_up() -> None:
    """Two 15-hour jobs held at the same time make full time: one year in 52 weeks."""
    assert years(days(START, 364, hours=15), days(START, 364, hours=15)) == (1, 0)


def test_concurrent_jobs_never_count_more_than_30_hours_a_week() -> None:
    """Two full-time jobs held at the same time for 52 weeks are one year, not two."""
    both = (days(START, 364), days(START, 364, noc="31102"))
    assert hours(*both) == pytest.approx(1560)
    assert years(*both) == (1, 0)


def test_partly_overlapping_jobs_count_the_overlap_once() -> None:
    """Jobs of 52 weeks each, overlapping by 26 weeks, give 78 weeks: one year, not two."""
    first = days(START, 364)
    second = days(START + 182 * DAY, 364)
    assert hours(first, second) == pytest.approx(30 * 78)
    assert years(first, second) == (1, 0)


def test_window_edge_the_day_before_and_the_day_of() -> None:
    """Only the 10 years before the scoring date count: a day later, a day drops out."""
    # On 2025-06-01 the window starts 2015-06-01; 2015-06-01..2016-05-29 is 364 days.
    old = job(dt.date(2013, 1, 1), dt.date(2016, 5, 29))
    assert years(old, on=dt.date(2025, 6, 1)) == (1, 0)
    assert years(old, on=dt.date(2025, 6, 2)) == (0, 0)


def test_work_ended_before_the_window_does_not_count() -> None:
    """A job that ended more than 10 years before the scoring date counts nothing."""
    assert years(job(dt.date(2005, 1, 1), dt.date(2015, 5, 31)), on=ON) == (0, 0)


def test_ongoing_job_counts_up_to_the_day_before_the_scoring_date() -> None:
    """An ongoing job started 2024-06-01 makes 364 days (one year) on 2025-05-31, not before."""
    ongoing = job(dt.date(2024, 6, 1), None)
    assert years(ongoing, on=dt.date(2025, 5, 31)) == (1, 0)
    assert years(ongoing, on=dt.date(2025, 5, 30)) == (0, 0)


def test_job_starting_after_the_scoring_date_counts_nothing() -> None:
    """Future work is no experience yet."""
    assert years(job(dt.date(2026, 1, 1), None), on=ON) == (0, 0)


@pytest.mark.parametrize("flag", ["self_employed", "during_full_time_study"])
def test_excluded_from_canadian_experience(flag: str) -> None:
    """Self-employment and work during full-time study are not Canadian experience."""
    assert years(days(START, 728, **{flag: True})) == (0, 0)


@pytest.mark.parametrize("flag", ["self_employed", "during_full_time_study"])
def test_exclusions_do_not_apply_to_foreign_experience(flag: str) -> None:
    """The exclusions are for Canadian experience only: abroad the work still counts."""
    assert years(days(START, 728, in_canada=False, **{flag: True})) == (0, 2)


@pytest.mark.parametrize("noc", ["44100", "65100", "75101"], ids=["teer-4", "teer-5", "teer-5b"])
def test_teer_4_and_5_are_not_skilled(noc: str) -> None:
    """Only TEER 0-3 (the second digit of the NOC) is skilled work, at home or abroad."""
    assert years(days(START, 728, noc=noc)) == (0, 0)
    assert years(days(START, 728, noc=noc, in_canada=False)) == (0, 0)


@pytest.mark.parametrize("noc", ["00010", "10010", "21231", "33100"], ids=["0", "0b", "1", "3"])
def test_teer_0_to_3_are_skilled(noc: str) -> None:
    """TEER 0, 1, 2 and 3 count."""
    assert years(days(START, 364, noc=noc)) == (1, 0)


def test_canadian_and_foreign_experience_are_counted_apart() -> None:
    """Half a year in Canada and half a year abroad are not one year of either."""
    home = days(dt.date(2023, 1, 2), 182)
    abroad = days(dt.date(2023, 7, 3), 182, in_canada=False)
    assert years(home, abroad) == (0, 0)
    assert years(days(START, 364), days(START, 728, in_canada=False)) == (1, 2)


def test_foreign_and_canadian_jobs_at_the_same_time_each_count() -> None:
    """The 30-hour cap is per kind: a Canadian and a foreign job at once each give a year."""
    assert years(days(START, 364), days(START, 364, in_canada=False)) == (1, 1)


def test_given_counts_are_used_as_they_are() -> None:
    """Without a work history, the given counts are the years (absent: 0)."""
    assert work_years(make(canadian_work_years=3, foreign_work_years=7), ON, RULES) == (3, 7)
    assert work_years(make(), ON, RULES) == (0, 0)


def test_work_history_feeds_the_grid() -> None:
    """Two years in Canada and three abroad from a history score like the counts (§2.5, §4.2)."""
    history = [
        days(dt.date(2022, 1, 3), 728),
        days(dt.date(2017, 1, 2), 1092, in_canada=False),
    ]
    from_history = crs.score(make(work_history=history), on=ON)
    from_counts = crs.score(make(canadian_work_years=2, foreign_work_years=3), on=ON)
    assert from_history.line("core.canadian_work").points == 53
    assert from_history.line("transferability.foreign_work.canadian_work").points == 50
    assert from_history.points() == from_counts.points()


def test_experience_rules_years_floor_hours() -> None:
    """Completed years are whole 1,560-hour blocks, rounded down."""
    assert [RULES.years(h) for h in (0, 1559.9, 1560, 3119, 3120)] == [0, 0, 1, 1, 2]


def test_window_years_before() -> None:
    """The window is the 10 years before the date, the date itself excluded."""
    window = Window.years_before(dt.date(2025, 6, 1), 10)
    assert (window.start, window.end) == (dt.date(2015, 6, 1), dt.date(2025, 6, 1))


def _doctor(start: str) -> crs.Profile:
    clb9 = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}
    return crs.load_profile({"age": 35, "education": "masters", "first_language": clb9,
                             "work_history": [
        {"noc": "31102", "start": start, "hours_per_week": 40,
                              "self_employed": True}]})  # fmt: skip


@pytest.mark.parametrize(("on", "years"), [("2023-04-24", 0), ("2023-04-25", 2)])
def test_self_employed_physicians_count_from_the_public_policy(on: str, years: int) -> None:
    """IRCC's physicians' public policy (2023-04-25): fee-for-service work in Canada counts."""
    from crs.programs import CEC

    profile = _doctor("2021-01-04")
    result = crs.score(profile, on=on)
    assert result.facts is not None
    assert result.facts.canadian_years == years
    assert CEC(profile, dt.date.fromisoformat(on)).eligible is bool(years)
    if years:
        assert any("physicians public policy" in w for w in result.warnings)


def test_self_employed_work_in_other_occupations_still_does_not_count() -> None:
    """The policy covers NOC 31100-31102 only; a self-employed engineer still counts 0."""
    profile = crs.load_profile({"age": 35, "education": "masters", "work_history": [
        {"noc": "21231", "start": "2021-01-04", "hours_per_week": 40,
         "self_employed": True}]})  # fmt: skip
    assert crs.score(profile, on="2025-01-01").facts.canadian_years == 0  # type: ignore[union-attr]


def test_foreign_work_counts_in_one_occupation_only() -> None:
    """IRCC's CRS questions: foreign skilled work 'in only one occupation' -- the best NOC."""
    jobs = [
        {"noc": noc, "start": start, "end": end, "in_canada": False}
        for noc, start, end in (
            ("21231", "2019-01-01", "2020-12-31"),
            ("21232", "2021-01-01", "2021-12-31"),
            ("21233", "2022-01-01", "2022-12-31"),
        )
    ]
    profile = crs.load_profile({"age": 30, "education": "masters", "work_history": jobs})
    result = crs.score(profile, on="2024-01-01")
    assert result.facts is not None
    assert result.facts.foreign_years == 2  # not 4
    assert "in only one occupation" in result.line("transferability.foreign_work.language").reason


# --- the launch rule: continuous full-time Canadian work until 2015-05-29 ---------------

LAUNCH_LAST = dt.date(2015, 5, 29)
AMENDED = dt.date(2015, 5, 30)


def canadian_years(history: list[dict[str, Any]], on: dt.date) -> int:
    """The Canadian years ``crs.score`` counts on ``on`` for ``history``."""
    profile = make(work_history=history)
    rules = crs.rules_in_force(on)
    return work_years(profile, on, rules.experience)[0]


def test_the_canadian_work_rule_changes_on_2015_05_30() -> None:
    """The MI amendment of 2015-05-30 ends the launch rule.

    New 15(3)(b): "full-time work experience, or the full-time equivalent for
    part-time work experience, with one or more employers".
    """
    assert crs.rules_in_force(LAUNCH_LAST).experience.canadian_continuous_full_time
    assert not crs.rules_in_force(AMENDED).experience.canadian_continuous_full_time
    assert crs.rules_in_force(AMENDED).name == "2015-05-30"


def test_part_time_counts_from_2015_05_30_not_before() -> None:
    """Two years of 15 hours a week (1,560 hours): no full-time work, then a year."""
    history = [job(dt.date(2013, 5, 1), dt.date(2015, 4, 29), hours=15)]
    assert canadian_years(history, LAUNCH_LAST) == 0
    assert canadian_years(history, AMENDED) == 1
    profile = make(work_history=history)
    before, after = crs.score(profile, LAUNCH_LAST), crs.score(profile, AMENDED)
    assert before.line("core.canadian_work").points == 0
    assert after.line("core.canadian_work").points == 40
    assert before.rules.name == "2015-01-01"
    assert any("continuous full-time" in r for r in _reasons(before, "core.canadian_work"))


def test_a_break_splits_the_years_until_2015_05_29() -> None:
    """Two full-time stints of 200 days with a month between.

    Each is under a year of continuous work (0 years) until 2015-05-29; from
    2015-05-30 they add up (1 year).
    """
    first = days(dt.date(2014, 1, 1), 200)
    second = days(dt.date(2014, 8, 20) + 31 * DAY, 200)
    assert canadian_years([first, second], LAUNCH_LAST) == 0
    assert canadian_years([first, second], AMENDED) == 1


def test_a_continuous_full_time_year_counts_under_both_rules() -> None:
    """364 days of 30 hours a week (1,560 hours), with no break, in two jobs back to back."""
    history = [days(dt.date(2014, 1, 1), 180), days(dt.date(2014, 6, 30), 184, hours=40)]
    assert canadian_years(history, LAUNCH_LAST) == 1
    assert canadian_years(history, AMENDED) == 1
    short = [days(dt.date(2014, 1, 1), 180), days(dt.date(2014, 6, 30), 183, hours=40)]
    assert canadian_years(short, LAUNCH_LAST) == 0


def test_launch_rule_two_part_time_jobs_at_once_are_full_time() -> None:
    """Full time is 30 hours a week with one or more jobs at once."""
    history = [days(dt.date(2014, 1, 1), 364, hours=15), days(dt.date(2014, 1, 1), 364, hours=15)]
    assert canadian_years(history, LAUNCH_LAST) == 1


def test_timeline_what_if_and_score_frame_follow_the_launch_rule() -> None:
    """Every path reads the rule of the day: score, timeline, what_if and score_frame."""
    history = [job(dt.date(2013, 5, 1), dt.date(2015, 4, 29), hours=15)]
    profile = make(work_history=history)
    line = crs.timeline(profile, LAUNCH_LAST, dt.date(2015, 6, 5))
    (change,) = line.changes
    assert (change.on, change.delta) == (AMENDED, 40)
    assert change.reasons[0].startswith("rules in force from 2015-05-30")
    (work,) = [s for s in crs.what_if(profile, LAUNCH_LAST) if s.key == "canadian_work"]
    assert (work.gain, work.reached_on) == (40, AMENDED)
    frame = pd.DataFrame([profile_json(work_history=history)])
    for on in (LAUNCH_LAST, AMENDED):
        totals = score_frame(frame, on)["total"]
        assert int(totals[0]) == crs.score(profile, on).total
    assert crs.score(profile, AMENDED).total - crs.score(profile, LAUNCH_LAST).total == 40


def _reasons(score: crs.Score, key: str) -> list[str]:
    line = score.line(key)
    return [line.reason, *score.warnings]
