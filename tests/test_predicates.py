"""The predicate algebra, the language and work-hour leaves, and their edges."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crs.conditions import language_validity_years
from crs.experience import Window
from crs.predicates import (
    LanguageChoice,
    Predicate,
    Verdict,
    best_occupation,
    condition,
    continuous_runs,
    eligible_for,
    min_language,
    work_hours,
)
from crs.profile import Education, Job, LanguageResult, LanguageTest, Profile
from crs.rules import rules_in_force

ON = dt.date(2026, 2, 19)
DAY = dt.timedelta(days=1)


def person(*jobs: Job, first: LanguageResult | None = None, **kw: object) -> Profile:
    return Profile(Education.BACHELORS, age=30, work_history=jobs, first_language=first, **kw)  # type: ignore[arg-type]


def const(name: str, holds: bool) -> Predicate:
    """A leaf that holds or not, whatever the profile."""
    if holds:
        return condition(name, name, lambda p, on: Verdict.passed(name, name))
    return condition(name, name, lambda p, on: Verdict.failed(name, name, f"{name} fails"))


ANYONE = person()

# --- the algebra ------------------------------------------------------------------------

leaves = st.builds(const, st.sampled_from("abcdefgh"), st.booleans())


def _trees(children: st.SearchStrategy[Predicate]) -> st.SearchStrategy[Predicate]:
    return (
        st.tuples(children, children).map(lambda t: t[0] & t[1])
        | st.tuples(children, children).map(lambda t: t[0] | t[1])
        | children.map(lambda p: ~p)
    )


predicates = st.recursive(leaves, _trees, max_leaves=8)


@given(predicates, predicates)
def test_de_morgan(p: Predicate, q: Predicate) -> None:
    assert (~(p & q))(ANYONE, ON).eligible == ((~p) | (~q))(ANYONE, ON).eligible
    assert (~(p | q))(ANYONE, ON).eligible == ((~p) & (~q))(ANYONE, ON).eligible


@given(predicates)
def test_double_negation(p: Predicate) -> None:
    assert (~~p)(ANYONE, ON) == p(ANYONE, ON)


@given(predicates, predicates)
def test_and_fails_with_the_reasons_of_both(p: Predicate, q: Predicate) -> None:
    vp, vq, both = p(ANYONE, ON), q(ANYONE, ON), (p & q)(ANYONE, ON)
    assert list(both.reasons) == list(vp.reasons) + list(vq.reasons)
    assert both.eligible == (vp.eligible and vq.eligible)


@given(predicates, predicates)
def test_or_holds_when_either_holds(p: Predicate, q: Predicate) -> None:
    vp, vq, either = p(ANYONE, ON), q(ANYONE, ON), (p | q)(ANYONE, ON)
    assert either.eligible == (vp.eligible or vq.eligible)
    if not either.eligible:
        assert list(either.reasons) == list(vp.reasons) + list(vq.reasons)


@given(predicates)
def test_no_reasons_is_exactly_eligible(p: Predicate) -> None:
    verdict = p(ANYONE, ON)
    assert verdict.eligible == (not verdict.reasons)
    assert bool(verdict) == verdict.eligible
    assert verdict.to_json()["eligible"] == verdict.eligible
    assert (verdict.to_json()["reasons"] == []) == verdict.eligible


def test_not_says_what_held() -> None:
    verdict = (~const("resident", True))(ANYONE, ON)
    assert not verdict.eligible
    assert verdict.messages == ["resident: holds, and must not"]
    assert (~const("resident", False))(ANYONE, ON).eligible


def test_and_flattens_and_labels() -> None:
    p = const("a", True) & const("b", False) & const("c", False)
    verdict = p(ANYONE, ON)
    assert verdict.messages == ["b fails", "c fails"]
    assert p.label == "a and b and c"
    assert len(verdict.children) == 3


def test_renderings() -> None:
    verdict = (const("a", False) & const("b<x>", False))(ANYONE, ON)
    text = verdict.to_text()
    assert text.startswith("not eligible: a and b<x>")
    assert "  - a fails" in text
    assert "b&lt;x&gt; fails" in verdict._repr_html_()
    assert [r["key"] for r in verdict.to_json()["reasons"]] == ["a", "b<x>"]
    assert "eligible" in const("a", True)(ANYONE, ON)._repr_html_()


def test_eligible_for_names_every_option() -> None:
    p = eligible_for("any", "any", {"x": const("x", False), "y": const("y", False)})
    verdict = p(ANYONE, ON)
    assert verdict.messages == ["not eligible for any program (x, y)"]
    assert verdict.reasons[0].facts["reasons"] == {"x": ["x fails"], "y": ["y fails"]}
    ok = eligible_for("any", "any", {"x": const("x", False), "y": const("y", True)})(ANYONE, ON)
    assert ok.eligible
    assert ok.facts["eligible_for"] == ["y"]


# --- language ---------------------------------------------------------------------------


def test_language_names_each_ability_below() -> None:
    p = person(first=LanguageResult(LanguageTest.IELTS, 6.0, 6.0, 6.5, 6.0))  # CLB 7/7/8/7
    verdict = min_language(8, key="lang")(p, ON)
    assert not verdict.eligible
    assert verdict.messages == [
        "first official language (IELTS General Training): listening CLB 7 (needs 8), "
        "reading CLB 7 (needs 8), speaking CLB 7 (needs 8)"
    ]
    below = verdict.reasons[0].facts["results"][0]["below"]  # type: ignore[index]
    assert set(below) == {"listening", "reading", "speaking"}
    assert below["speaking"] == {"level": 7, "required": 8}
    assert min_language(7)(p, ON).eligible


def test_language_per_ability_minimums_and_either_language() -> None:
    english = LanguageResult(LanguageTest.CLB, 4, 4, 4, 4)
    french = LanguageResult(LanguageTest.NCLC, 5, 4, 4, 5)
    p = Profile(Education.SECONDARY, age=30, first_language=english, second_language=french)
    assert not min_language((5, 4, 4, 5), LanguageChoice.FIRST)(p, ON).eligible
    assert min_language((5, 4, 4, 5), LanguageChoice.EITHER)(p, ON).eligible
    assert min_language((5, 4, 4, 5), LanguageChoice.FRENCH)(p, ON).eligible
    assert not min_language(7, LanguageChoice.FRENCH)(p, ON).eligible


def test_expired_result_is_not_valid() -> None:
    """A result is two years old, so expired, on its second anniversary (MI s. 12(3))."""
    taken = dt.date(2024, 2, 19)  # exactly two years before ON
    p = person(first=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9, test_date=taken))
    verdict = min_language(7)(p, ON)
    assert not verdict.eligible
    assert "expired on 2026-02-19" in verdict.messages[0]
    fresh = person(first=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9, test_date=taken + DAY))
    assert min_language(7)(fresh, ON).eligible


def test_result_taken_after_the_date_is_not_valid() -> None:
    """On any date, a result taken later does not exist yet; taken that day, it counts."""
    later = person(first=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9, test_date=ON + DAY))
    verdict = min_language(7)(later, ON)
    assert not verdict.eligible
    assert "after 2026-02-19" in verdict.messages[0]
    same_day = person(first=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9, test_date=ON))
    assert min_language(7)(same_day, ON).eligible


def test_no_result_and_no_french() -> None:
    assert min_language(7)(person(), ON).messages == [
        "no language result: needs a first official language result"
    ]
    english = person(first=LanguageResult(LanguageTest.CLB, 10, 10, 10, 10))
    assert (
        "needs a French result" in min_language(7, LanguageChoice.FRENCH)(english, ON).messages[0]
    )


# --- work hours ---------------------------------------------------------------------------

YEAR = work_hours(1560, 3, key="h", label="a year in 3 years")
YEAR_ONE_NOC = work_hours(1560, 3, key="h", label="one noc", codes={"21231"})
HALF_CONTINUOUS = work_hours(780, 3, key="h", label="6 months continuous", continuous=True)
IN_CANADA = work_hours(1560, 3, key="h", label="in Canada", in_canada=True)


def job(
    start: dt.date, end: dt.date | None, hours: float = 30, noc: str = "21231", **kw: object
) -> Job:
    return Job(noc, start, end, hours_per_week=hours, **kw)  # type: ignore[arg-type]


# 364 days (52 weeks) of full-time work, ending the day before ON: exactly 1,560 hours.
FULL_YEAR_START = ON - 364 * DAY


def test_exactly_one_year_is_enough_and_a_day_short_is_not() -> None:
    assert YEAR(person(job(FULL_YEAR_START, ON - DAY)), ON).eligible
    assert YEAR(person(job(FULL_YEAR_START, None)), ON).eligible  # ongoing: to the day before
    short = YEAR(person(job(FULL_YEAR_START + DAY, None)), ON)
    assert not short.eligible
    assert short.messages == [
        "1,555 hours in 21231 Software engineers and designers from 2023-02-19 to 2026-02-18; "
        "needs 1,560 hours"
    ]  # 363 days at 30 hours a week: 1,555.7 hours, shown as the whole hours completed


def test_part_time_counts_pro_rata() -> None:
    assert YEAR(person(job(ON - 728 * DAY, None, hours=15)), ON).eligible
    assert not YEAR(person(job(ON - 727 * DAY, None, hours=15)), ON).eligible


def test_overlapping_jobs_count_thirty_hours_a_week_at_most() -> None:
    a = job(ON - 200 * DAY, None, hours=30)
    b = job(ON - 200 * DAY, None, hours=30, noc="21232")
    together = work_hours(1560, 3, key="h", label="all", single_occupation=False)
    verdict = together(person(a, b), ON)
    assert not verdict.eligible
    assert verdict.facts["best"]["hours"] == pytest.approx(200 / 7 * 30, abs=0.01)  # type: ignore[index]


def test_work_that_ended_before_the_window_does_not_count() -> None:
    old = job(dt.date(2020, 1, 1), dt.date(2023, 2, 18))  # the window opens 2023-02-19
    verdict = YEAR(person(old), ON)
    assert verdict.messages == [
        "no qualifying work from 2023-02-19 to 2026-02-18 (needs 1,560 hours)"
    ]


def test_only_the_part_inside_the_window_counts() -> None:
    straddling = job(dt.date(2022, 1, 1), dt.date(2023, 2, 19) + 363 * DAY)
    assert YEAR(person(straddling), ON).eligible
    assert not YEAR(person(job(dt.date(2022, 1, 1), dt.date(2023, 2, 19) + 362 * DAY)), ON).eligible


def test_hours_must_be_in_one_listed_occupation() -> None:
    half = ON - 182 * DAY
    split = person(job(ON - 364 * DAY, half - DAY), job(half, None, noc="21232"))
    assert not YEAR_ONE_NOC(split, ON).eligible
    assert not YEAR(split, ON).eligible  # single occupation by default
    assert work_hours(1560, 3, key="h", label="any", single_occupation=False)(split, ON).eligible


def test_in_canada_only() -> None:
    abroad = person(job(FULL_YEAR_START, None, in_canada=False))
    assert not IN_CANADA(abroad, ON).eligible
    assert YEAR(abroad, ON).eligible


def test_continuity_a_gap_of_one_day_breaks_the_run() -> None:
    first = job(ON - 300 * DAY, ON - 210 * DAY)  # 91 days
    joined = job(ON - 209 * DAY, ON - 118 * DAY)  # starts the next day: 92 days
    gap = job(ON - 208 * DAY, ON - 117 * DAY)  # a day off between
    assert HALF_CONTINUOUS(person(first, joined), ON).eligible  # 183 days, 784 hours
    broken = HALF_CONTINUOUS(person(first, gap), ON)
    assert not broken.eligible
    assert "longest continuous run" in broken.messages[0]


def test_continuous_part_time() -> None:
    assert HALF_CONTINUOUS(person(job(ON - 364 * DAY, None, hours=15)), ON).eligible
    assert not HALF_CONTINUOUS(person(job(ON - 363 * DAY, None, hours=15)), ON).eligible


def test_no_work_history_is_a_reason() -> None:
    p = Profile(Education.BACHELORS, age=30, canadian_work_years=3)
    verdict = YEAR(p, ON)
    assert not verdict.eligible
    assert "no dated work history" in verdict.messages[0]
    assert verdict.facts["canadian_work_years"] == 3


def test_continuous_runs_merge_overlaps() -> None:
    window = Window(dt.date(2020, 1, 1), dt.date(2026, 1, 1))
    a = job(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    b = job(dt.date(2024, 3, 1), dt.date(2024, 4, 30))
    c = job(dt.date(2024, 7, 2), None)
    assert continuous_runs([a, b, c], window) == [
        Window(dt.date(2024, 1, 1), dt.date(2024, 7, 1)),
        Window(dt.date(2024, 7, 2), dt.date(2026, 1, 1)),
    ]
    assert best_occupation([], window, continuous=True) is None


window_days = st.integers(min_value=0, max_value=1500)
job_strategy = st.builds(
    lambda start, length, hours, noc: job(
        ON - start * DAY, ON - start * DAY + length * DAY, hours, noc
    ),
    start=st.integers(min_value=1, max_value=1500),
    length=st.integers(min_value=0, max_value=800),
    hours=st.integers(min_value=1, max_value=60),
    noc=st.sampled_from(["21231", "21232", "31102"]),
)
rules = st.sampled_from(
    [
        YEAR,
        HALF_CONTINUOUS,
        IN_CANADA,
        work_hours(3120, 5, key="h", label="two years"),
        work_hours(1560, 10, key="h", label="continuous", continuous=True),
    ]
)


@given(st.lists(job_strategy, min_size=1, max_size=4), job_strategy, rules)
def test_more_work_never_makes_an_eligible_profile_ineligible(
    jobs: list[Job], extra: Job, rule: Predicate
) -> None:
    before = rule(person(*jobs), ON)
    after = rule(person(*jobs, extra), ON)
    if before.eligible:
        assert after.eligible


@given(st.lists(job_strategy, min_size=1, max_size=4), rules, st.integers(1, 30))
def test_more_hours_a_week_never_make_an_eligible_profile_ineligible(
    jobs: list[Job], rule: Predicate, more: int
) -> None:
    import attrs

    busier = [attrs.evolve(j, hours_per_week=min(j.hours_per_week + more, 168)) for j in jobs]
    if rule(person(*jobs), ON).eligible:
        assert rule(person(*busier), ON).eligible


# --- the leaves' module, old names, and pickling -------------------------------------------


def test_leaves_keep_their_old_import_place() -> None:
    import crs.conditions
    import crs.predicates

    for name in ("LanguageChoice", "OccupationHours", "min_language", "work_hours"):
        assert getattr(crs.predicates, name) is getattr(crs.conditions, name)
    with pytest.raises(AttributeError):
        crs.predicates.nothing  # noqa: B018


def _adult(profile: Profile, on: dt.date) -> Verdict:
    if profile.age_on(on) >= 18:
        return Verdict.passed("adult", "18 or older")
    return Verdict.failed("adult", "18 or older", "under 18")


def test_predicates_and_verdicts_pickle() -> None:
    adult = condition("adult", "18 or older", _adult)
    rule = (
        (YEAR_ONE_NOC & min_language((5, 4, 4, 5), LanguageChoice.EITHER))
        | ~adult
        | eligible_for("any", "any", {"half": HALF_CONTINUOUS, "canada": IN_CANADA})
    )
    p = person(job(FULL_YEAR_START, None), first=LanguageResult(LanguageTest.CLB, 6, 6, 6, 6))
    copy = pickle.loads(pickle.dumps(rule))
    assert copy == rule
    verdict = rule(p, ON)
    assert copy(p, ON) == verdict
    assert pickle.loads(pickle.dumps(verdict)) == verdict


def test_validity_of_a_result_is_the_rule_sets() -> None:
    assert language_validity_years(ON) == rules_in_force(ON).language_validity_years == 2
    assert language_validity_years(dt.date(2014, 6, 1)) == 2  # before the first rule set
