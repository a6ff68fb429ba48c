"""The eligibility report: the seed cases of 2026-02-19 and category cases in 2024 and 2026."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest

import crs
from crs.categories import in_force
from crs.eligibility import eligibility
from crs.errors import ProfileError
from crs.predicates import All, Verdict
from crs.profile import Education, Job, LanguageResult, LanguageTest, Profile
from crs.programs import sharing

SEED = dt.date(2026, 2, 19)  # round #397, physicians
DAY = dt.timedelta(days=1)
CLB9 = LanguageResult(LanguageTest.CLB, 9, 9, 9, 9)


def doctor(*jobs: Job, **fields: object) -> Profile:
    base: dict[str, object] = {
        "education": Education.MASTERS,
        "age": 38,
        "first_language": CLB9,
        "work_history": jobs,
    }
    base.update(fields)
    return Profile(**base)  # type: ignore[arg-type]


def months_before(on: dt.date, days: int, noc: str = "31102", **kw: object) -> Job:
    """A full-time job of ``days`` days ending the day before ``on``."""
    return Job(noc, on - days * DAY, None, hours_per_week=40, **kw)  # type: ignore[arg-type]


def test_physician_with_11_months_is_not_eligible() -> None:
    report = eligibility(doctor(months_before(SEED, 334)), SEED)
    physicians = report.categories["physicians"]
    assert not physicians.eligible
    assert physicians.verdict.messages[0] == (
        "1,431 hours in 31102 General practitioners and family physicians (longest "
        "continuous run: 2025-03-22 to 2026-02-18) from 2023-02-19 to 2026-02-18; "
        "needs 1,560 hours"
    )
    assert not report.programs["cec"].eligible


def test_physician_with_12_months_is_eligible() -> None:
    report = eligibility(doctor(months_before(SEED, 365)), SEED)
    assert report.categories["physicians"].eligible
    assert report.categories["healthcare"].eligible
    assert report.programs["cec"].eligible
    assert not report.categories["senior_managers"].eligible


def two_stints(on: dt.date, gap_days: int, noc: str = "31102") -> tuple[Job, Job]:
    """Two full-time jobs of 200 days in ``noc`` in Canada, ``gap_days`` apart.

    The second ends the day before ``on``; 400 days are 1,714 hours, more than the
    1,560 of 12 months.
    """
    second = Job(noc, on - 200 * DAY, None, hours_per_week=30)
    first_end = second.start - (gap_days + 1) * DAY
    first = Job(noc, first_end - 199 * DAY, first_end, hours_per_week=30)
    return first, second


def test_physicians_twelve_months_must_be_continuous() -> None:
    """Round #397's category text: "12 months of full-time, continuous work experience"."""
    unbroken = eligibility(doctor(*two_stints(SEED, 0)), SEED).categories["physicians"]
    assert unbroken.eligible
    broken = eligibility(doctor(*two_stints(SEED, 30)), SEED)
    physicians = broken.categories["physicians"]
    assert not physicians.eligible
    assert "longest continuous run" in physicians.verdict.messages[0]
    assert "needs 1,560 hours" in physicians.verdict.messages[0]
    # The same two stints in a category whose 12 months need not be continuous: counted.
    assert broken.categories["healthcare"].eligible
    assert broken.programs["cec"].eligible


def test_a_one_day_gap_breaks_a_physicians_run_and_no_gap_does_not() -> None:
    """The boundary: jobs that touch (no day between) make one run; a day between, two."""
    touching = eligibility(doctor(*two_stints(SEED, 0)), SEED).categories["physicians"]
    one_day = eligibility(doctor(*two_stints(SEED, 1)), SEED).categories["physicians"]
    assert touching.eligible
    assert not one_day.eligible


def test_senior_managers_twelve_months_need_not_be_continuous() -> None:
    """The 2026 rule of the other "with Canadian work experience" categories."""
    report = eligibility(doctor(*two_stints(SEED, 30, noc="00012")), SEED)
    assert report.categories["senior_managers"].eligible


def test_physician_abroad_is_not_a_physicians_candidate_but_may_be_healthcare() -> None:
    report = eligibility(doctor(months_before(SEED, 3 * 365, in_canada=False)), SEED)
    assert not report.categories["physicians"].eligible
    assert report.categories["physicians"].verdict.reasons[0].key == (
        "categories.physicians.experience"
    )
    assert report.programs["fsw"].eligible  # 24 + 23 + 11 + 9 = 67
    assert report.grid.total == 67
    assert not report.programs["cec"].eligible
    assert report.categories["healthcare"].eligible


def test_dentist_is_healthcare_not_physicians() -> None:
    report = eligibility(doctor(months_before(SEED, 365, noc="31110")), SEED)
    assert not report.categories["physicians"].eligible
    assert report.categories["healthcare"].eligible


def test_category_needs_a_program_too() -> None:
    # 12 months in Canada as a physician, but no language result: no program.
    report = eligibility(doctor(months_before(SEED, 365), first_language=None), SEED)
    verdict = report.categories["physicians"].verdict
    assert verdict.messages == ["not eligible for any program (FSW, CEC, FST)"]


# --- French, healthcare, trades and senior managers in 2024 and 2026 ------------------

IN_2024 = dt.date(2024, 6, 1)
IN_2026 = dt.date(2026, 6, 1)


def francophone(on: dt.date, french: tuple[int, int, int, int]) -> Profile:
    return Profile(
        Education.BACHELORS,
        age=30,
        first_language=LanguageResult(LanguageTest.NCLC, *french),
        work_history=(months_before(on, 3 * 365, noc="21231", in_canada=False),),
        relative_in_canada=True,
        studied_in_canada=True,  # FSW grid: 16 + 21 + 11 + 12 + 10 = 70
    )


@pytest.mark.parametrize("on", [IN_2024, IN_2026])
def test_french(on: dt.date) -> None:
    assert eligibility(francophone(on, (7, 7, 7, 7)), on).categories["french"].eligible
    below = eligibility(francophone(on, (7, 7, 6, 7)), on).categories["french"]
    assert not below.eligible
    assert below.verdict.messages[0] == "French (NCLC): writing NCLC 6 (needs 7)"
    assert below.verdict.messages[1] == "not eligible for any program (FSW, CEC, FST)"


def nurse(on: dt.date, nurse_days: int) -> Profile:
    """A year of other skilled work in Canada, then ``nurse_days`` as a registered nurse."""
    start = on - nurse_days * DAY
    before = Job("41200", start - 365 * DAY, start - DAY)
    return Profile(
        Education.BACHELORS,
        age=30,
        first_language=CLB9,
        work_history=(before, Job("31301", start, None)),
    )


def test_healthcare_six_continuous_months_in_2024_not_in_2026() -> None:
    report = eligibility(nurse(IN_2024, 183), IN_2024)
    assert report.categories["healthcare"].version.version == "Version 1"
    assert report.categories["healthcare"].eligible
    assert not eligibility(nurse(IN_2024, 181), IN_2024).categories["healthcare"].eligible
    later = eligibility(nurse(IN_2026, 183), IN_2026).categories["healthcare"]
    assert not later.eligible
    assert "needs 1,560 hours" in later.verdict.messages[0]
    assert eligibility(nurse(IN_2026, 365), IN_2026).categories["healthcare"].eligible


def tradesperson(on: dt.date, noc: str) -> Profile:
    return Profile(
        Education.SECONDARY,
        age=33,
        first_language=LanguageResult(LanguageTest.CLB, 5, 4, 4, 5),
        certificate_of_qualification=True,
        work_history=(months_before(on, 3 * 365, noc=noc, in_canada=False),),
    )


@pytest.mark.parametrize(
    ("on", "noc", "eligible"),
    [
        (IN_2024, "72200", True),  # electricians: on every list
        (IN_2026, "72200", True),
        (IN_2024, "72014", True),  # on the 2023 list only
        (IN_2026, "72014", False),
        (dt.date(2025, 6, 1), "63200", True),  # cooks: 2025 only
        (IN_2026, "63200", False),
        (IN_2026, "63201", True),  # butchers: in from 2026
    ],
)
def test_trades(on: dt.date, noc: str, eligible: bool) -> None:
    report = eligibility(tradesperson(on, noc), on)
    assert report.programs["fst"].eligible
    assert report.categories["trades"].eligible is eligible


def manager(on: dt.date, in_canada: bool) -> Profile:
    return Profile(
        Education.MASTERS,
        age=45,
        first_language=CLB9,
        work_history=(months_before(on, 2 * 365, noc="00012", in_canada=in_canada),),
    )


def test_senior_managers() -> None:
    assert "senior_managers" not in eligibility(manager(IN_2024, True), IN_2024).categories
    assert eligibility(manager(IN_2026, True), IN_2026).categories["senior_managers"].eligible
    abroad = eligibility(manager(IN_2026, False), IN_2026).categories["senior_managers"]
    assert not abroad.eligible
    assert abroad.verdict.reasons[0].key == "categories.senior_managers.experience"


# --- the report's shape -------------------------------------------------------------------


def test_json_shape() -> None:
    data = eligibility(doctor(months_before(SEED, 365)), SEED).to_json()
    assert list(data) == [
        "on", "crs_version", "rules", "rounds_data", "programs", "categories", "warnings",
    ]  # fmt: skip
    assert data["rules"] == "2025-03-25"
    assert data["warnings"] == []
    assert data["on"] == "2026-02-19"
    assert list(data["programs"]) == ["fsw", "cec", "fst"]
    assert list(data["categories"]) == [
        "french", "healthcare", "stem", "trades", "transport", "education", "physicians",
        "senior_managers", "researchers", "military",
    ]  # fmt: skip
    physicians = data["categories"]["physicians"]
    assert physicians["name"] == "Physicians with Canadian Work Experience, 2026-Version 1"
    assert physicians["eligible"] is True
    assert physicians["reasons"] == []
    assert physicians["in_force"] == {"from": "2026-02-18", "until": None}
    assert data["programs"]["fsw"]["grid"]["pass_mark"] == 67
    fst = data["programs"]["fst"]
    assert fst["eligible"] is False
    assert {r["key"] for r in fst["reasons"]} == {"fst.experience", "fst.offer"}
    assert json.loads(json.dumps(data)) == data


def test_categories_exactly_those_in_force() -> None:
    assert list(eligibility(doctor(), dt.date(2025, 3, 1)).to_json()["categories"]) == [
        "french", "healthcare", "stem", "trades", "agriculture", "education",
    ]  # fmt: skip
    assert eligibility(doctor(), dt.date(2023, 1, 1)).categories == {}


def test_text_and_html() -> None:
    report = eligibility(doctor(months_before(SEED, 334)), SEED)
    text = report.to_text()
    assert text.startswith("Eligibility on 2026-02-19\n\nPrograms\n")
    assert "physicians       no   Physicians with Canadian Work Experience, 2026-Version 1" in text
    assert "- 1,431 hours in 31102" in text
    assert "note: proof of funds not checked" in text
    assert str(report) == text
    html = report._repr_html_()
    assert html.startswith("<table><caption>Eligibility on 2026-02-19</caption>")
    assert html.count("<tr>") == 1 + 3 + 10
    assert json.loads(report.dumps())["on"] == "2026-02-19"
    empty = eligibility(doctor(), dt.date(2023, 1, 1)).to_text()
    assert "Draw categories in force\n                      (none)" in empty


def test_fsw_grid_shown_when_it_passes() -> None:
    report = eligibility(doctor(months_before(SEED, 3 * 365, in_canada=False)), SEED)
    assert "FSW grid: 67 of 100 (pass mark 67)" in report.to_text()


def test_military_says_what_it_could_not_check() -> None:
    """Without the military fields the verdict is not a pass: it says they could not be checked."""
    p = doctor(
        months_before(SEED, 365, noc="40042"),
        arranged_employment=crs.ArrangedEmployment.TEER_0_1_2_3,
    )
    verdict = eligibility(p, SEED).categories["military"].verdict
    assert not verdict.eligible
    assert verdict.messages == [
        "foreign military service could not be checked: no foreign_military_service_years "
        "given (10 years or more reported)",
        "a job offer from the Canadian Armed Forces could not be checked: no "
        "canadian_armed_forces_offer given",
    ]


@pytest.mark.parametrize(
    ("years", "offer", "failed"),
    [
        (10, True, []),
        (11, True, []),
        (9, True, ["categories.military.service"]),
        (10, False, ["categories.military.offer"]),
        (0, None, ["categories.military.service", "categories.military.offer"]),
    ],
)
def test_military_service_and_offer(years: int, offer: bool | None, failed: list[str]) -> None:
    """Ten years of foreign military service and a Canadian Armed Forces offer (reported)."""
    p = doctor(
        months_before(SEED, 365, noc="40042"),
        foreign_military_service_years=years,
        canadian_armed_forces_offer=offer,
    )
    verdict = eligibility(p, SEED).categories["military"].verdict
    assert [r.key for r in verdict.reasons] == failed
    assert verdict.eligible is (not failed)


def test_malformed_noc_is_a_profile_error() -> None:
    """A TEER digit of 9 is refused where the job is made: no profile carries it to eligibility."""
    with pytest.raises(ProfileError, match=r"^noc: .*TEER"):
        Job("19999", dt.date(2025, 1, 1))


# --- pickling, and each program run once ------------------------------------------------


def test_a_report_and_its_verdicts_pickle() -> None:
    report = crs.eligible(doctor(months_before(SEED, 365)), SEED)
    copy = pickle.loads(pickle.dumps(report))
    assert copy == report
    assert copy.to_json() == report.to_json()
    physicians = report.categories["physicians"]
    assert pickle.loads(pickle.dumps(physicians.verdict)) == physicians.verdict
    assert pickle.loads(pickle.dumps(physicians.verdict.reasons)) == physicians.verdict.reasons


def test_each_program_runs_once_per_report(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[str] = []
    original = All.__call__

    def counting(self: All, profile: Profile, on: dt.date) -> Verdict:
        if self.key.startswith("programs."):
            runs.append(self.key)
        return original(self, profile, on)

    monkeypatch.setattr(All, "__call__", counting)
    profile = doctor(months_before(SEED, 365))
    report = crs.eligible(profile, SEED)
    assert len(report.categories) == 10
    assert sorted(runs) == ["programs.cec", "programs.fst", "programs.fsw"]
    # Outside a report, every call runs the program again.
    runs.clear()
    crs.CEC(profile, SEED)
    crs.CEC(profile, SEED)
    assert runs == ["programs.cec", "programs.cec"]


def test_sharing_gives_the_same_verdicts() -> None:
    profile = doctor(months_before(SEED, 365))
    alone = {v.slug: v(profile, SEED) for v in in_force(SEED)}
    with sharing():
        shared_ = {v.slug: v(profile, SEED) for v in in_force(SEED)}
    assert alone == shared_


def test_a_verdict_from_2026_11_03_names_the_unmodelled_change() -> None:
    """From 2026-11-03 the report says the reported change is not modelled; not the day before."""
    profile = doctor(months_before(SEED, 365))
    before = eligibility(profile, dt.date(2026, 11, 2))
    after = eligibility(profile, dt.date(2026, 11, 3))
    assert before.warnings == ()
    assert "high-wage" in after.warnings[0]
    assert "high-wage" in after.to_text()
    assert "high-wage" in after._repr_html_()
    assert "high-wage" in after.to_json()["warnings"][0]


# --------------------------------------------------------------------------- jobs not counted


def _history(*jobs: dict[str, object]) -> crs.Profile:
    base = {
        "age": 30,
        "education": "bachelors",
        "first_language": {
            "test": "ielts", "listening": 8, "reading": 7, "writing": 7, "speaking": 7,
        },
    }  # fmt: skip
    return crs.load_profile({**base, "work_history": list(jobs)})


def test_a_failed_work_condition_names_the_jobs_it_leaves_out_and_why() -> None:
    """A consultant sees why a Canadian job is not CEC experience, from the rule's own tests."""
    profile = _history(
        {"noc": "62020", "start": "2023-01-01", "self_employed": True},
        {"noc": "75101", "start": "2022-01-01", "end": "2022-12-31"},
        {"noc": "21231", "start": "2019-01-01", "end": "2021-12-31", "in_canada": False},
        {"noc": "21231", "start": "2024-01-01", "end": "2024-06-30",
         "during_full_time_study": True},
    )  # fmt: skip
    cec = crs.eligible(profile, dt.date(2023, 6, 1)).programs["cec"]
    assert not cec.eligible
    assert cec.messages[0] == (
        "no qualifying work from 2020-06-01 to 2023-05-31 (needs 1,560 hours); not counted: "
        "NOC 21231 from 2019-01-01 (abroad), NOC 75101 from 2022-01-01 (TEER 5), "
        "NOC 62020 from 2023-01-01 (self-employed)"
    )
    # Jobs that ended before the window could not count whatever their kind: not named.
    cec = crs.eligible(profile, dt.date(2026, 10, 1)).programs["cec"]
    assert cec.messages[0] == (
        "no qualifying work from 2023-10-01 to 2026-09-30 (needs 1,560 hours); not counted: "
        "NOC 62020 from 2023-01-01 (self-employed), NOC 21231 from 2024-01-01 (during "
        "full-time study)"
    )
    study = _history(
        {"noc": "21231", "start": "2024-01-01", "during_full_time_study": True},
    )
    message = crs.eligible(study, dt.date(2026, 10, 1)).programs["cec"].messages[0]
    assert message.endswith("; not counted: NOC 21231 from 2024-01-01 (during full-time study)")


def test_a_job_a_public_policy_counts_is_not_named_and_a_passing_check_names_none() -> None:
    """Self-employed physicians count for CEC from 2023-04-25 (a public policy): not refused."""
    physician = _history({"noc": "31102", "start": "2022-01-01", "self_employed": True})
    before = crs.eligible(physician, dt.date(2023, 4, 24)).programs["cec"]
    assert before.messages[0].endswith("; not counted: NOC 31102 from 2022-01-01 (self-employed)")
    later = crs.eligible(physician, dt.date(2026, 10, 1)).programs["cec"]
    assert later.eligible, later.messages
    # A job begun after the date did not exist yet: it is not named.
    assert (
        "not counted"
        not in crs.eligible(physician, dt.date(2021, 12, 31)).programs["cec"].messages[0]
    )
    # A job abroad that CEC leaves out is not named once the condition holds.
    enough = _history(
        {"noc": "21231", "start": "2020-01-01", "in_canada": False},
        {"noc": "21231", "start": "2023-01-01", "end": "2025-12-31"},
    )
    assert crs.eligible(enough, dt.date(2026, 10, 1)).programs["cec"].eligible


def test_placement_gives_the_same_reasons_as_eligible_on_each_round() -> None:
    """Verdicts reused across round dates name the same left-out jobs as a direct check."""
    profile = _history(
        {"noc": "21231", "start": "2024-08-01", "self_employed": True},
        {"noc": "21231", "start": "2023-06-01", "end": "2023-12-31"},
        {"noc": "21231", "start": "2018-01-01", "end": "2022-05-31", "in_canada": False},
    )
    placement = crs.place(profile, since=dt.date(2023, 1, 1), until=dt.date(2024, 12, 31))
    named = set()
    for result in placement:
        if result.round.program != "cec":
            continue
        direct = crs.eligible(profile, result.round.date).programs["cec"]
        assert result.reasons == tuple(f"CEC: {m}" for m in direct.messages)
        named.add("(self-employed)" in result.reasons[0])
    assert named == {False, True}  # the self-employed job is named from its first day on


def test_at_most_three_jobs_left_out_are_named_then_how_many_more() -> None:
    jobs = [
        {"noc": "21231", "start": f"2024-0{m}-01", "end": f"2024-0{m}-20", "in_canada": False}
        for m in range(1, 6)
    ]
    cec = crs.eligible(_history(*jobs), dt.date(2026, 10, 1)).programs["cec"]
    assert cec.messages[0].endswith(
        "; not counted: NOC 21231 from 2024-01-01 (abroad), NOC 21231 from 2024-02-01 "
        "(abroad), NOC 21231 from 2024-03-01 (abroad) and 2 more"
    )


def test_a_job_both_self_employed_and_during_study_says_both() -> None:
    profile = _history({"noc": "21231", "start": "2024-01-01", "self_employed": True,
                        "during_full_time_study": True})  # fmt: skip
    cec = crs.eligible(profile, dt.date(2026, 10, 1)).programs["cec"]
    assert cec.messages[0].endswith(
        "; not counted: NOC 21231 from 2024-01-01 (self-employed, during full-time study)"
    )
    # 55109 was skilled work under NOC 2016: before the switch, its two flags are why.
    before = _history({"noc": "55109", "start": "2020-01-01", "self_employed": True,
                       "during_full_time_study": True})  # fmt: skip
    cec = crs.eligible(before, dt.date(2022, 11, 1)).programs["cec"]
    assert cec.messages[0].endswith("(self-employed, during full-time study)")
