"""Golden cases: the worked profiles of crs-rules §11.3, with every section subtotal."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import pytest

import crs
from strategies import clb, levels, nclc

CURRENT = dt.date(2025, 6, 1)  # rule set 2025-03-25
HISTORIC = dt.date(2024, 6, 1)  # rule set 2020-10-20 (job offers scored)


class Case(NamedTuple):
    """One worked case: the profile, the date, and the expected subtotals."""

    profile: dict[str, Any]
    on: dt.date
    core: int
    spouse: int
    transfer: tuple[int, int, int]  # education pair, foreign-work pair, certificate
    additional: int
    total: int


V1: dict[str, Any] = {
    "age": 29,
    "education": "bachelors",
    "first_language": levels("ielts", 8.0, 7.0, 7.0, 7.0),
    "foreign_work_years": 3,
}
V2_PA: dict[str, Any] = {
    "age": 32,
    "education": "masters",
    "first_language": clb(10),
    "canadian_work_years": 2,
    "foreign_work_years": 3,
}
V2_SPOUSE: dict[str, Any] = {
    "education": "bachelors",
    "first_language": clb(7),
    "canadian_work_years": 1,
}
# NCLC 9 on the "Équivalence ancien score" column, which Express Entry reads for a test of
# any date (crs._charts.TEF_EXPRESS_ENTRY; the spec's V5 gives the level, not the scores).
TEF_NCLC_9 = {**levels("tef_canada", 298, 248, 371, 371), "test_date": "2024-06-01"}

CASES: dict[str, Case] = {
    # 110 + 120 + 124 + 0 = 354; C 25 / 50 / 0.
    "V1": Case(V1, CURRENT, 354, 0, (25, 50, 0), 0, 429),
    # 85 + 126 + 128 + 46 = 385; B 8 + 12 + 5; C 50 / 50 / 0.
    "V2": Case({**V2_PA, "spouse": V2_SPOUSE}, CURRENT, 385, 25, (50, 50, 0), 0, 510),
    # spouse is a PR: scored single, 94 + 135 + 136 + 53 = 418.
    "V3": Case(
        {**V2_PA, "spouse": {**V2_SPOUSE, "canadian_citizen_or_pr": True}},
        CURRENT,
        418,
        0,
        (50, 50, 0),
        0,
        518,
    ),
    # 110 + 98 + 94 + 40 = 342; C 13 + 13; D Canadian education 15 + sibling 15.
    "V4": Case(
        {
            "age": 27,
            "education": "two_year_post_secondary",
            "canadian_education": "one_or_two_year",
            "first_language": clb(9, 8, 7, 8),
            "canadian_work_years": 1,
            "sibling_in_canada": True,
        },
        CURRENT,
        342,
        0,
        (26, 0, 0),
        30,
        398,
    ),
    # 105 + 120 + 124 + 4 = 353; C 25 / 25; D bilingual 50.
    "V5": Case(
        {
            "age": 30,
            "education": "bachelors",
            "first_language": TEF_NCLC_9,
            "second_language": clb(5),
            "foreign_work_years": 2,
        },
        CURRENT,
        353,
        0,
        (25, 25, 0),
        50,
        453,
    ),
    # 77 + 30 + 60 + 53 = 220; C 0 / 50 / 25.
    "V6": Case(
        {
            "age": 35,
            "education": "secondary",
            "first_language": clb(7, 7, 6, 7),
            "canadian_work_years": 2,
            "foreign_work_years": 3,
            "certificate_of_qualification": True,
        },
        CURRENT,
        220,
        0,
        (0, 50, 25),
        0,
        295,
    ),
    # 110 + 150 + 136 + 24 + 80 = 500; C 100; D 600 + 50 + 15 + 30 = 695 -> 600.
    "V7": Case(
        {
            "age": 25,
            "education": "doctoral",
            "canadian_education": "three_year_or_longer",
            "first_language": clb(10),
            "second_language": nclc(9),
            "canadian_work_years": 5,
            "foreign_work_years": 3,
            "sibling_in_canada": True,
            "provincial_nomination": True,
        },
        CURRENT,
        500,
        0,
        (50, 50, 0),
        600,
        1200,
    ),
    # 0 + 0 + 24 + min(24, 22) + 0 = 46; D French 25.
    "V8": Case(
        {
            "age": 45,
            "education": "less_than_secondary",
            "first_language": clb(4),
            "second_language": nclc(9),
            "spouse": {},
        },
        CURRENT,
        46,
        0,
        (0, 0, 0),
        25,
        71,
    ),
    # V1 + a TEER 1 job offer under the historic rules: D 50.
    "V9a": Case(
        {**V1, "arranged_employment": "teer_0_1_2_3"}, HISTORIC, 354, 0, (25, 50, 0), 50, 479
    ),
    # V1 + a Major Group 00 job offer under the historic rules: D 200.
    "V9b": Case(
        {**V1, "arranged_employment": "major_group_00"}, HISTORIC, 354, 0, (25, 50, 0), 200, 629
    ),
    # 99 + 135 + 92 + 3 = 329; C 25 / 13; D French 25.
    "V10": Case(
        {
            "age": 31,
            "education": "masters",
            "first_language": nclc(8),
            "second_language": clb(4, 6, 6, 6),
            "foreign_work_years": 1,
        },
        CURRENT,
        329,
        0,
        (25, 13, 0),
        25,
        392,
    ),
    # 6 + 128 + 116 + 40 = 290; C (25 + 25) / (13 + 13).
    "V11": Case(
        {
            "age": 44,
            "education": "two_or_more_credentials",
            "first_language": clb(9, 9, 9, 8),
            "canadian_work_years": 1,
            "foreign_work_years": 1,
        },
        CURRENT,
        290,
        0,
        (50, 26, 0),
        0,
        366,
    ),
    # 90 + 28 + 32 + 0 = 150; B 10 + 20 + 10.
    "V12": Case(
        {
            "age": 18,
            "education": "secondary",
            "first_language": clb(6),
            "spouse": {
                "education": "doctoral",
                "first_language": clb(10),
                "canadian_work_years": 5,
            },
        },
        CURRENT,
        150,
        40,
        (0, 0, 0),
        0,
        190,
    ),
}


@pytest.mark.parametrize("case_id", list(CASES))
def test_worked_case(case_id: str) -> None:
    """Each §11.3 case scores its listed total and every section subtotal."""
    case = CASES[case_id]
    result = crs.score(crs.load_profile(case.profile), on=case.on)
    transfer = tuple(
        result.line(key).points
        for key in (
            "transferability.education",
            "transferability.foreign_work",
            "transferability.certificate_of_qualification",
        )
    )
    assert (result.core, result.spouse, transfer, result.additional, result.total) == (
        case.core,
        case.spouse,
        case.transfer,
        case.additional,
        case.total,
    )
    assert result.skill_transferability == min(sum(case.transfer), 100)


@pytest.mark.parametrize("case_id", ["V9a", "V9b"])
def test_job_offer_cases_score_429_from_2025_03_25(case_id: str) -> None:
    """V9a and V9b fall back to V1's 429 once job offers stop scoring (§11.3)."""
    profile = crs.load_profile(CASES[case_id].profile)
    assert crs.score(profile, on=dt.date(2025, 3, 24)).total == CASES[case_id].total
    assert crs.score(profile, on=dt.date(2025, 3, 25)).total == 429


def test_v8_second_language_is_capped_at_22() -> None:
    """V8: NCLC 9 on all four with a spouse is 24, capped at 22 (§2.4)."""
    result = crs.score(crs.load_profile(CASES["V8"].profile), on=CURRENT)
    assert result.line("core.second_language").points == 22


def test_v7_additional_points_are_capped_from_695() -> None:
    """V7: 600 + 50 + 15 + 30 = 695 additional points, capped at 600."""
    result = crs.score(crs.load_profile(CASES["V7"].profile), on=CURRENT)
    assert result.line("additional").uncapped == 695
