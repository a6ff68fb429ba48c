"""FSW (grid row by row, crs-rules §11.2), CEC and FST, and proof of funds."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import crs
from crs.profile import (
    ArrangedEmployment,
    Education,
    Job,
    LanguageResult,
    LanguageTest,
    Profile,
    Spouse,
)
from crs.programs import (
    CEC,
    CEC_RULES,
    FST,
    FST_RULES,
    FSW,
    FSW_GRID,
    FSW_RULES,
    FUNDS_RULES,
    PROGRAMS,
    FswGrid,
    any_program,
    fsw_grid,
    funds_required,
    program,
)
from crs.programs.thresholds import FSW_ADAPTABILITY_WORK
from crs.tables import Source

ON = dt.date(2026, 2, 19)
DAY = dt.timedelta(days=1)
YEAR_AGO = ON - 364 * DAY  # 52 weeks before: exactly 1,560 hours full time


def _result(test: LanguageTest, levels: tuple[int, ...]) -> LanguageResult:
    listening, reading, writing, speaking = levels * 4 if len(levels) == 1 else levels
    return LanguageResult(test, listening, reading, writing, speaking)


def clb(*levels: int) -> LanguageResult:
    return _result(LanguageTest.CLB, levels)


def nclc(*levels: int) -> LanguageResult:
    return _result(LanguageTest.NCLC, levels)


def make(*jobs: Job, **fields: object) -> Profile:
    base: dict[str, object] = {
        "education": Education.BACHELORS,
        "age": 29,
        "first_language": clb(9),
    }
    base.update(fields)
    if jobs:
        base["work_history"] = jobs
    return Profile(**base)  # type: ignore[arg-type]


# --- the FSW grid, row by row (crs-rules §8.1) ----------------------------------------

AGE_ROWS = [(17, 0), (18, 12), (29, 12), (35, 12), (36, 11), (37, 10), (38, 9), (39, 8), (40, 7),
            (41, 6), (42, 5), (43, 4), (44, 3), (45, 2), (46, 1), (47, 0), (60, 0)]  # fmt: skip


@pytest.mark.parametrize(("age", "points"), AGE_ROWS, ids=[f"age{a}" for a, _ in AGE_ROWS])
def test_grid_age(age: int, points: int) -> None:
    assert fsw_grid(make(age=age), ON)["age"].points == points


@pytest.mark.parametrize(
    ("level", "each"), [(4, 0), (6, 0), (7, 4), (8, 5), (9, 6), (10, 6), (12, 6)]
)
def test_grid_first_language_per_ability(level: int, each: int) -> None:
    assert fsw_grid(make(first_language=clb(level)), ON)["language"].points == 4 * each


def test_grid_first_language_mixed_abilities() -> None:
    assert fsw_grid(make(first_language=clb(9, 8, 7, 6)), ON)["language"].points == 6 + 5 + 4 + 0


@pytest.mark.parametrize(("second", "points"), [(nclc(5), 4), (nclc(5, 5, 4, 5), 0), (nclc(10), 4)])
def test_grid_second_language(second: LanguageResult, points: int) -> None:
    line = fsw_grid(make(second_language=second), ON)["language"]
    assert line.points == 24 + points
    assert line.cap == 28
    assert fsw_grid(make(second_language=second), ON)["language.second"].points == points


EDUCATION_ROWS = [
    (Education.DOCTORAL, 25),
    (Education.MASTERS, 23),
    (Education.TWO_OR_MORE_CREDENTIALS, 22),
    (Education.BACHELORS, 21),
    (Education.TWO_YEAR_POST_SECONDARY, 19),
    (Education.ONE_YEAR_POST_SECONDARY, 15),
    (Education.SECONDARY, 5),
    (Education.LESS_THAN_SECONDARY, 0),
]


@pytest.mark.parametrize(
    ("education", "points"), EDUCATION_ROWS, ids=[e.value for e, _ in EDUCATION_ROWS]
)
def test_grid_education(education: Education, points: int) -> None:
    assert fsw_grid(make(education=education), ON)["education"].points == points


@pytest.mark.parametrize(
    ("years", "points"), [(0, 0), (1, 9), (2, 11), (3, 11), (4, 13), (5, 13), (6, 15), (9, 15)]
)
def test_grid_experience_years(years: int, points: int) -> None:
    assert fsw_grid(make(foreign_work_years=years), ON)["experience"].points == points


def test_grid_experience_from_history_counts_ten_years() -> None:
    two_years = Job("21231", ON - 728 * DAY, None, in_canada=False)
    assert fsw_grid(make(two_years), ON)["experience"].points == 11
    old = Job("21231", dt.date(2010, 1, 1), dt.date(2016, 2, 18), in_canada=False)
    assert fsw_grid(make(old), ON)["experience"].points == 0  # ended before the 10 years
    unskilled = Job("65200", ON - 728 * DAY, None, in_canada=False)
    assert fsw_grid(make(unskilled), ON)["experience"].points == 0


def test_grid_arranged_employment() -> None:
    grid = fsw_grid(make(arranged_employment=ArrangedEmployment.TEER_0_1_2_3), ON)
    assert grid["arranged_employment"].points == 10
    assert grid["adaptability"].points == 5


@pytest.mark.parametrize(
    ("fields", "points"),
    [
        ({}, 0),
        ({"relative_in_canada": True}, 5),
        ({"studied_in_canada": True}, 5),
        ({"spouse": Spouse(first_language=clb(4))}, 5),
        ({"spouse": Spouse(first_language=clb(4, 4, 3, 4))}, 0),
        ({"spouse": Spouse(studied_in_canada=True)}, 5),
        ({"spouse": Spouse(canadian_work_years=1)}, 5),
        ({"spouse": Spouse(canadian_work_years=1, accompanying=False)}, 0),
        ({"spouse": Spouse(canadian_work_years=1, canadian_citizen_or_pr=True)}, 0),
        ({"canadian_work_years": 1}, 10),
        ({"relative_in_canada": True, "studied_in_canada": True, "canadian_work_years": 2}, 10),
        ({"relative_in_canada": True, "studied_in_canada": True}, 10),
    ],
)
def test_grid_adaptability(fields: dict[str, object], points: int) -> None:
    assert fsw_grid(make(**fields), ON)["adaptability"].points == points


def test_grid_adaptability_work_in_canada_from_history() -> None:
    canadian = Job("21231", ON - 364 * DAY, None)
    assert fsw_grid(make(canadian), ON)["adaptability"].points == 10
    short = Job("21231", ON - 363 * DAY, None)
    assert fsw_grid(make(short), ON)["adaptability"].points == 0
    self_employed = Job("21231", ON - 364 * DAY, None, self_employed=True)
    assert fsw_grid(make(self_employed), ON)["adaptability"].points == 0


def test_grid_adaptability_work_in_canada_needs_full_time_not_its_part_time_equivalent() -> None:
    """crs-rules D12: "at least 1 year of full-time work in Canada" (IRCC's FSW factors)."""
    part_time = Job("21231", ON - 728 * DAY, None, hours_per_week=15)  # 1,560 h in 2 years
    grid = fsw_grid(make(part_time), ON)
    assert grid["experience"].points == 9  # the experience factor counts the equivalent
    worked = grid["fsw.adaptability.worked_in_canada"]
    assert worked.points == 0
    assert worked.reason == (
        "no: 0 hours of full-time skilled work in Canada (part-time weeks do not count); "
        "needs 1,560"
    )
    assert worked.source is FSW_ADAPTABILITY_WORK
    # The CRS counts the same part time as a year of Canadian work (MI s. 15(3)(b)).
    assert crs.score(make(part_time), ON).line("core.canadian_work").points > 0


def test_grid_adaptability_two_part_time_jobs_at_once_are_full_time() -> None:
    """IRCC: "30 hours/week for 12 months at more than 1 job" is a year of full time."""
    jobs = (Job("21231", ON - 364 * DAY, None, hours_per_week=15),
            Job("21232", ON - 364 * DAY, None, hours_per_week=15))  # fmt: skip
    assert fsw_grid(make(*jobs), ON)["fsw.adaptability.worked_in_canada"].points == 10
    short = (Job("21231", ON - 363 * DAY, None, hours_per_week=15),
             Job("21232", ON - 363 * DAY, None, hours_per_week=15))  # fmt: skip
    assert fsw_grid(make(*short), ON)["fsw.adaptability.worked_in_canada"].points == 0


def test_grid_adaptability_part_time_weeks_do_not_fill_a_full_time_year() -> None:
    """364 full-time days make the year; 363 of them and months of part time do not."""
    full = Job("21231", ON - 364 * DAY, None)
    assert fsw_grid(make(full), ON)["fsw.adaptability.worked_in_canada"].points == 10
    part = Job("21231", ON - 600 * DAY, ON - 365 * DAY, hours_per_week=20)
    most = Job("21231", ON - 363 * DAY, None)
    assert fsw_grid(make(part, most), ON)["fsw.adaptability.worked_in_canada"].points == 0


def test_grid_adaptability_work_years_without_a_history_are_taken_as_full_time() -> None:
    """Without a history crs cannot tell part time apart: the reading is stated."""
    grid = fsw_grid(make(canadian_work_years=1), ON)
    assert grid["fsw.adaptability.worked_in_canada"].reason == (
        "yes: canadian_work_years 1, taken as full-time years"
    )
    spouse = fsw_grid(make(spouse=Spouse(canadian_work_years=1)), ON)
    line = spouse["fsw.adaptability.spouse_worked_in_canada"]
    assert (line.points, line.reason) == (
        5,
        "yes: spouse.canadian_work_years 1, taken as full-time years",
    )


def test_fsw_test_vector_66_and_76() -> None:
    """crs-rules §11.2: 29, CLB 9 x4, bachelor's, one year: 66; with a job offer: 76."""
    grid = fsw_grid(make(foreign_work_years=1), ON)
    assert [(line.key, line.points) for line in grid.lines] == [
        ("fsw.language", 24),
        ("fsw.education", 21),
        ("fsw.experience", 9),
        ("fsw.age", 12),
        ("fsw.arranged_employment", 0),
        ("fsw.adaptability", 0),
    ]
    assert grid.total == 66
    assert not grid.passes
    offer = fsw_grid(
        make(foreign_work_years=1, arranged_employment=ArrangedEmployment.TEER_0_1_2_3), ON
    )
    assert offer["arranged_employment"].points == 10
    assert offer.total == 76 + 5  # the offer also earns 5 adaptability points
    assert offer.passes
    data = offer.to_json()
    assert (data["total"], data["pass_mark"], data["passes"]) == (81, 67, True)
    assert data["lines"][4] == offer["fsw.arranged_employment"].to_json()
    assert data["lines"][4]["points"] == 10
    assert "total                   81 / 100" in offer.to_text()
    assert "<table>" in offer._repr_html_()
    with pytest.raises(KeyError):
        grid["nothing"]


def test_fsw_test_vector_as_a_verdict() -> None:
    abroad = Job("21231", YEAR_AGO, None, in_canada=False)
    verdict = FSW(make(abroad), ON)
    assert not verdict.eligible
    assert verdict.messages == [
        "FSW grid gives 66 of 67 points needed (language 24, education 21, experience 9, age 12, "
        "arranged_employment 0, adaptability 0)"
    ]
    assert FSW(make(abroad, relative_in_canada=True), ON).eligible  # 71


# --- FSW minimum requirements ---------------------------------------------------------


def test_fsw_needs_a_continuous_year_in_one_occupation() -> None:
    a = Job("21231", ON - 364 * DAY, ON - 183 * DAY, in_canada=False)
    b = Job("21232", ON - 182 * DAY, None, in_canada=False)
    verdict = FSW(make(a, b, relative_in_canada=True, studied_in_canada=True), ON)
    assert not verdict.eligible
    assert any("longest continuous run" in m for m in verdict.messages)


def test_fsw_needs_clb7_first_language_and_a_credential() -> None:
    job = Job("21231", ON - 3 * 364 * DAY, None, in_canada=False)
    p = make(job, first_language=clb(7, 7, 6, 7), education=Education.LESS_THAN_SECONDARY)
    messages = FSW(p, ON).messages
    assert messages[0] == "first official language (CLB): writing CLB 6 (needs 7)"
    assert messages[1] == "no education credential (less than secondary school)"


# --- CEC -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("noc", "level", "eligible"),
    [
        ("21231", 7, True),  # TEER 1 needs CLB 7
        ("21231", 6, False),
        ("00012", 7, True),  # TEER 0
        ("22310", 5, True),  # TEER 2 needs CLB 5
        ("22310", 4, False),
        ("73300", 5, True),  # TEER 3
        ("65200", 9, False),  # TEER 5 is not skilled
    ],
)
def test_cec_language_by_teer(noc: str, level: int, eligible: bool) -> None:
    assert CEC(make(Job(noc, YEAR_AGO, None), first_language=clb(level)), ON).eligible is eligible


def test_cec_accepts_either_official_language() -> None:
    p = make(Job("21231", YEAR_AGO, None), first_language=clb(5), second_language=nclc(7))
    assert CEC(p, ON).eligible


def test_cec_mixed_teer_year_needs_clb7() -> None:
    """crs-rules Open Q11: a year that needs TEER 0/1 hours asks CLB 7."""
    teer1 = Job("21231", ON - 364 * DAY, ON - 183 * DAY)
    teer2 = Job("22310", ON - 182 * DAY, None)
    verdict = CEC(make(teer1, teer2, first_language=clb(6)), ON)
    assert not verdict.eligible
    assert verdict.reasons[0].facts["required_level"] == 7
    full_teer2 = Job("22310", ON - 2 * 364 * DAY, ON - 365 * DAY)
    assert CEC(make(teer1, teer2, full_teer2, first_language=clb(6)), ON).eligible


@pytest.mark.parametrize(
    "fields",
    [{"self_employed": True}, {"during_full_time_study": True}, {"in_canada": False}],
)
def test_cec_exclusions(fields: dict[str, object]) -> None:
    job = Job("21231", YEAR_AGO, None, **fields)  # type: ignore[arg-type]
    verdict = CEC(make(job), ON)
    assert not verdict.eligible
    assert verdict.reasons[0].key == "cec.experience"


def test_cec_counts_three_years_not_continuous() -> None:
    a = Job("21231", ON - 3 * 365 * DAY + 5 * DAY, ON - 2 * 365 * DAY)
    b = Job("21232", ON - 200 * DAY, None)
    assert CEC(make(a, b), ON).eligible
    assert not CEC(make(a), ON).eligible


# --- FST -------------------------------------------------------------------------------

TWO_YEARS = ON - 728 * DAY


def test_fst_eligible_trade_with_certificate() -> None:
    p = make(
        Job("72200", TWO_YEARS, None),
        first_language=clb(5, 4, 4, 5),
        certificate_of_qualification=True,
    )
    assert FST(p, ON).eligible


def test_fst_reasons() -> None:
    p = make(Job("72600", TWO_YEARS, None), first_language=clb(4))
    messages = FST(p, ON).messages
    assert messages == [
        "no qualifying work from 2021-02-19 to 2026-02-18 (needs 3,120 hours)",
        "first official language (CLB): listening CLB 4 (needs 5), speaking CLB 4 (needs 5)",
        "no job offer and no certificate of qualification",
    ]


def test_fst_two_years_a_day_short() -> None:
    p = make(
        Job("72200", TWO_YEARS + DAY, None), arranged_employment=ArrangedEmployment.TEER_0_1_2_3
    )
    assert not FST(p, ON).eligible


# --- proof of funds -------------------------------------------------------------------

FSW_READY = Job("21231", ON - 3 * 364 * DAY, None, in_canada=False)


def test_funds_table_by_date_and_family() -> None:
    assert funds_required(4, ON)[0] == 28362  # type: ignore[index]
    assert funds_required(9, ON)[0] == 40392 + 2 * 4112  # type: ignore[index]


# Each IRCC table, typed from its news copies: (first day, one person, seven, each more),
# and the amount the day before it applies (the previous table's, or None: not sourced).
@pytest.mark.parametrize(
    ("start", "one", "seven", "more", "before"),
    [
        (dt.date(2019, 1, 28), 12669, 33528, 3414, None),
        (dt.date(2020, 2, 26), 12960, 34299, 3492, 12669),
        (dt.date(2021, 7, 16), 13213, 34967, 3560, 12960),
        (dt.date(2022, 6, 9), 13310, 35224, 3586, 13213),
        (dt.date(2023, 4, 25), 13757, 36407, 3706, 13310),
        (dt.date(2024, 5, 28), 14690, 38875, 3958, 13757),
        (dt.date(2025, 7, 28), 15263, 40392, 4112, 14690),
    ],
    ids=lambda v: str(v) if isinstance(v, dt.date) else None,
)
def test_each_years_funds_table_from_its_day(
    start: dt.date, one: int, seven: int, more: int, before: int | None
) -> None:
    """The day a table applies it gives its amounts; the day before, the previous table's."""
    assert funds_required(1, start)[0] == one  # type: ignore[index]
    assert funds_required(7, start)[0] == seven  # type: ignore[index]
    assert funds_required(8, start)[0] == seven + more  # type: ignore[index]
    found = funds_required(1, start - DAY)
    assert (None if found is None else found[0]) == before


def test_funds_below_the_amount_fail() -> None:
    p = make(FSW_READY, relative_in_canada=True, settlement_funds=15000)
    verdict = FSW(p, ON)
    assert verdict.messages == [
        "settlement funds $15,000 are below the $15,263 needed for a family of 1 "
        "(IRCC table from 2025-07-28)"
    ]
    assert FSW(make(FSW_READY, relative_in_canada=True, settlement_funds=15263), ON).eligible


def test_funds_family_size_defaults_to_two_with_a_spouse() -> None:
    p = make(FSW_READY, relative_in_canada=True, settlement_funds=16000, spouse=Spouse())
    assert "family of 2" in FSW(p, ON).messages[0]


def test_funds_not_given_is_said() -> None:
    verdict = FSW(make(FSW_READY, relative_in_canada=True), ON)
    assert verdict.eligible
    assert verdict.all_notes() == [
        "proof of funds not checked: no settlement_funds given ($15,263 needed for a family "
        "of 1 from 2025-07-28)"
    ]
    assert verdict.to_json()["notes"] == verdict.all_notes()


def test_funds_not_needed_with_an_offer_and_work_in_canada() -> None:
    working = Job("21231", ON - 3 * 364 * DAY, None)
    p = make(working, arranged_employment=ArrangedEmployment.TEER_0_1_2_3, settlement_funds=10)
    verdict = FSW(p, ON)
    assert verdict.eligible
    assert "proof of funds not needed" in verdict.all_notes()[0]


def test_funds_are_checked_in_2022() -> None:
    """Before 2023-04-25 the yearly tables apply too: $5,000 is not enough on 2022-06-09."""
    on = dt.date(2022, 6, 9)
    job = Job("21231", dt.date(2019, 1, 1), None, in_canada=False)
    verdict = FSW(make(job, relative_in_canada=True, settlement_funds=5000), on)
    assert not verdict.eligible
    assert "$13,310 needed for a family of 1 (IRCC table from 2022-06-09)" in verdict.messages[0]


def test_funds_before_the_first_sourced_table_could_not_be_checked() -> None:
    """Where no table is sourced (before 2019-01-28) the verdict says so: counted as met."""
    on = dt.date(2019, 1, 27)
    job = Job("21231", dt.date(2015, 1, 1), None, in_canada=False)
    verdict = FSW(make(job, relative_in_canada=True, settlement_funds=1), on)
    assert verdict.all_notes() == [
        "proof of funds not checked: no sourced IRCC table for 2019-01-27 "
        "(tables are bundled from 2019-01-28); the requirement is counted as met, so check "
        "the funds against IRCC's table of the day"
    ]
    assert verdict.eligible  # the note says so: no longer "this is not a pass" beside a pass


def test_programs_registry() -> None:
    assert list(PROGRAMS) == ["fsw", "cec", "fst"]
    assert program("cec") is CEC
    assert CEC.name == "Canadian Experience Class"
    assert FSW_GRID.pass_mark == 67
    with pytest.raises(KeyError):
        program("pnp")


# --- the grid as explained lines, the threshold tables, pickling ------------------------


def test_grid_lines_explain_every_factor() -> None:
    p = make(
        foreign_work_years=1,
        relative_in_canada=True,
        studied_in_canada=True,
        arranged_employment=ArrangedEmployment.TEER_0_1_2_3,
    )
    grid = fsw_grid(p, ON)
    root = grid.line
    assert (root.key, root.points, root.cap) == ("fsw", grid.total, 100)
    assert root.reason == "pass mark 67: passes"
    assert [line.key for line in root.children] == [line.key for line in grid.lines]
    assert grid["fsw.language.first.reading"].reason == "CLB 9"
    assert grid["age"].reason == "29 on 2026-02-19"
    adaptability = grid["adaptability"]
    assert (adaptability.points, adaptability.cap, adaptability.uncapped) == (10, 10, 15)
    assert grid["adaptability.relative_in_canada"].points == 5
    assert grid["fsw.adaptability.worked_in_canada"].reason == "no"
    assert all(line.source is FSW_GRID.source for line in grid.lines if not line.children)
    assert sum(line.points for line in grid.lines) == grid.total
    short = fsw_grid(make(), ON).line.reason
    assert short == "pass mark 67: 10 points short"  # 24 + 21 + 0 + 12


def test_grid_json_is_built_only_when_asked() -> None:
    verdict = FSW(make(Job("21231", YEAR_AGO, None, in_canada=False)), ON)
    grid_verdict = next(v for v in verdict.children if v.key == "fsw.grid")
    assert isinstance(grid_verdict.facts["grid"], FswGrid)
    data = verdict.to_json()
    assert data["facts"] == {}
    assert grid_verdict.to_json()["facts"]["grid"]["pass_mark"] == 67


def test_every_threshold_has_a_source() -> None:
    for table in (FSW_GRID, FSW_RULES, CEC_RULES, FST_RULES, FUNDS_RULES):
        assert isinstance(table.source, Source)
        assert table.source.url.startswith("https://www.canada.ca/")
    assert FSW_GRID.spouse_language_minimum == 4
    assert FSW_GRID.canadian_work_hours == 1560
    assert (CEC_RULES.language_teer_0_1, CEC_RULES.language_teer_2_3) == (7, 5)
    assert FST_RULES.language == (5, 4, 4, 5)
    assert (FUNDS_RULES.single, FUNDS_RULES.with_spouse) == (1, 2)


def test_expiry_follows_the_rule_set_in_force() -> None:
    """An FSW language result expires on its second anniversary; the day before it counts."""
    taken = dt.date(2024, 2, 19)  # ON is its second anniversary
    old = make(first_language=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9, test_date=taken))
    assert fsw_grid(old, ON)["language"].points == 0
    assert "expired on 2026-02-19" in fsw_grid(old, ON)["language.first"].reason
    assert fsw_grid(old, ON - DAY)["language"].points == 4 * 6


def test_fsw_grid_ignores_a_result_taken_after_the_date() -> None:
    """A test taken the day after the date gives no FSW language points that day."""
    later = make(first_language=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9, test_date=ON + DAY))
    assert fsw_grid(later, ON)["language"].points == 0
    assert "after 2026-02-19" in fsw_grid(later, ON)["language.first"].reason
    assert fsw_grid(later, ON + DAY)["language"].points == 4 * 6


@pytest.mark.parametrize("slug", list(PROGRAMS))
def test_every_program_pickles(slug: str) -> None:
    prog = program(slug)
    copy = pickle.loads(pickle.dumps(prog))
    assert copy == prog
    for p in (make(FSW_READY, relative_in_canada=True), make(Job("72200", TWO_YEARS, None))):
        verdict = prog(p, ON)
        assert copy(p, ON) == verdict
        assert pickle.loads(pickle.dumps(verdict)) == verdict
    assert pickle.loads(pickle.dumps(fsw_grid(make(), ON))) == fsw_grid(make(), ON)


def test_any_program_names_them_all() -> None:
    verdict = any_program()(make(), ON)
    assert verdict.messages == ["not eligible for any program (FSW, CEC, FST)"]
    assert set(verdict.reasons[0].facts["reasons"]) == {"fsw", "cec", "fst"}  # type: ignore[call-overload]
    assert pickle.loads(pickle.dumps(any_program())) == any_program()


def test_funds_family_members_given() -> None:
    p = make(FSW_READY, relative_in_canada=True, settlement_funds=16000, family_members=3)
    assert "family of 3" in FSW(p, ON).messages[0]


def test_sharing_nests_and_keeps_verdicts_per_profile() -> None:
    from crs.programs import sharing

    a, b = make(FSW_READY), make(FSW_READY)
    with sharing():
        first = CEC(a, ON)
        with sharing():
            assert CEC(a, ON) is first
        assert CEC(a, ON) is first
        assert CEC(b, ON) is not first  # an equal profile, but another object
        assert CEC(b, ON) == first
    assert CEC(a, ON) is not first


def test_the_fsw_grids_work_in_canada_reads_jobs_as_on_the_date_with_part_time_rules() -> None:
    """A grid of one's own counting part time reads a truck driver by NOC 2016 until the switch."""
    import attrs

    from crs.programs.fsw import fsw_grid
    from crs.programs.thresholds import FSW_GRID

    rules = attrs.evolve(FSW_GRID, canadian_work_full_time=False)
    clb9 = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}
    p = crs.load_profile({"age": 30, "education": "bachelors", "first_language": clb9,
                          "work_history": [{"noc": "73300", "start": "2019-01-01",
                                            "end": "2021-06-30"}]})  # fmt: skip
    reasons = [
        fsw_grid(p, day, rules)["fsw.adaptability.worked_in_canada"].reason
        for day in (dt.date(2022, 11, 15), dt.date(2022, 11, 16))
    ]
    assert reasons[0].startswith("no: 0 hours")
    assert reasons[1].startswith("yes: 3,908 hours")
