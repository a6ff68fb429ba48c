"""Additional points (crs-rules §5), each row on the rule sets that award it, and the cap."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import crs
from strategies import clb, make, nclc

# One date inside each rule set (crs-rules §9).
D2015 = dt.date(2015, 6, 1)
D2016 = dt.date(2017, 1, 1)
D2017 = dt.date(2018, 1, 1)
D2020 = dt.date(2022, 1, 1)
D2025 = dt.date(2025, 6, 1)
ALL = (D2015, D2016, D2017, D2020, D2025)

PN = "additional.provincial_nomination"
JOB = "additional.arranged_employment"
CDN_EDU = "additional.canadian_education"
FRENCH = "additional.french"
SIBLING = "additional.sibling"

# (row, profile fields, line key, points on each of D2015, D2016, D2017, D2020, D2025),
# typed from crs-rules §5 and the "In force" column / §9 history.
ROWS: list[tuple[str, dict[str, Any], str, tuple[int, ...]]] = [
    ("sibling", {"sibling_in_canada": True}, SIBLING, (0, 0, 15, 15, 15)),
    ("no-sibling", {"sibling_in_canada": False}, SIBLING, (0, 0, 0, 0, 0)),
    (
        "french-nclc7-no-english",
        {"first_language": nclc(7)},
        FRENCH,
        (0, 0, 15, 25, 25),
    ),
    (
        "french-nclc7-english-clb4",
        {"first_language": nclc(7), "second_language": clb(4)},
        FRENCH,
        (0, 0, 15, 25, 25),
    ),
    (
        "french-nclc7-english-mixed-5-5-5-4",
        {"first_language": nclc(7), "second_language": clb(5, 5, 5, 4)},
        FRENCH,
        (0, 0, 15, 25, 25),
    ),
    (
        "bilingual-nclc7-english-clb5",
        {"first_language": clb(5), "second_language": nclc(7)},
        FRENCH,
        (0, 0, 30, 50, 50),
    ),
    (
        "french-one-ability-under-nclc7",
        {"first_language": nclc(7, 7, 7, 6), "second_language": clb(9)},
        FRENCH,
        (0, 0, 0, 0, 0),
    ),
    (
        "canadian-education-one-or-two-year",
        {"canadian_education": "one_or_two_year"},
        CDN_EDU,
        (0, 15, 15, 15, 15),
    ),
    (
        "canadian-education-three-year-or-longer",
        {"canadian_education": "three_year_or_longer"},
        CDN_EDU,
        (0, 30, 30, 30, 30),
    ),
    (
        "job-offer-major-group-00",
        {"arranged_employment": "major_group_00"},
        JOB,
        (600, 200, 200, 200, 0),
    ),
    (
        "job-offer-teer-0-1-2-3",
        {"arranged_employment": "teer_0_1_2_3"},
        JOB,
        (600, 50, 50, 50, 0),
    ),
    ("provincial-nomination", {"provincial_nomination": True}, PN, (600,) * 5),
    ("no-nomination", {}, PN, (0,) * 5),
]


@pytest.mark.parametrize(
    ("fields", "key", "expected"),
    [(fields, key, expected) for _, fields, key, expected in ROWS],
    ids=[f"{row}-{'-'.join(map(str, expected))}" for row, _, _, expected in ROWS],
)
def test_additional_row(fields: dict[str, Any], key: str, expected: tuple[int, ...]) -> None:
    """Each additional-points row earns its points in the rule sets that award it."""
    profile = make(**fields)
    got = tuple(crs.score(profile, on=day).line(key).points for day in ALL)
    assert got == expected


def test_additional_cap_is_600() -> None:
    """Nomination 600 + bilingual French 50 + sibling 15 = 665, capped at 600 (§5)."""
    profile = make(
        provincial_nomination=True,
        sibling_in_canada=True,
        first_language=clb(9),
        second_language=nclc(9),
    )
    result = crs.score(profile, on=D2025)
    line = result.line("additional")
    assert (line.points, line.cap, line.uncapped) == (600, 600, 665)
    assert result.additional == 600


def test_nomination_and_job_offer_in_2015_are_one_600_block() -> None:
    """Before 2016-11-19 a nomination and a job offer together still give 600 (§5)."""
    profile = make(provincial_nomination=True, arranged_employment="teer_0_1_2_3")
    assert crs.score(profile, on=D2015).additional == 600


def test_french_points_do_not_depend_on_which_language_is_first() -> None:
    """French first or second earns the same bilingual points (§5, note under the table)."""
    french_first = make(first_language=nclc(8), second_language=clb(6))
    french_second = make(first_language=clb(6), second_language=nclc(8))
    for profile in (french_first, french_second):
        assert crs.score(profile, on=D2025).line(FRENCH).points == 50


def test_french_points_need_a_french_result() -> None:
    """Strong English alone earns no French points."""
    assert crs.score(make(first_language=clb(10)), on=D2025).line(FRENCH).points == 0
