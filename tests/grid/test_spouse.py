"""Spouse factors (crs-rules §3) row by row, and when the spouse counts (§1.1)."""

from __future__ import annotations

import pytest

import crs
from strategies import ON, clb, make, nclc, points, spouse_json

# (spouse's education key, points), typed from crs-rules §3.1.
SPOUSE_EDUCATION_ROWS = [
    ("less_than_secondary", 0),
    ("secondary", 2),
    ("one_year_post_secondary", 6),
    ("two_year_post_secondary", 7),
    ("bachelors", 8),
    ("two_or_more_credentials", 9),
    ("masters", 10),
    ("doctoral", 10),
]

# (spouse's CLB/NCLC level of an ability, points), typed from crs-rules §3.2.
SPOUSE_LANGUAGE_ROWS = [(0, 0), (4, 0), (5, 1), (6, 1), (7, 3), (8, 3), (9, 5), (10, 5), (12, 5)]

# (spouse's completed years of Canadian work, points), typed from crs-rules §3.3.
SPOUSE_WORK_ROWS = [(0, 0), (1, 5), (2, 7), (3, 8), (4, 9), (5, 10), (6, 10)]

ABILITIES = ("listening", "reading", "writing", "speaking")


@pytest.mark.parametrize(
    ("education", "expected"),
    SPOUSE_EDUCATION_ROWS,
    ids=[f"{e}-{p}" for e, p in SPOUSE_EDUCATION_ROWS],
)
def test_spouse_education_row(education: str, expected: int) -> None:
    """Each level of the spouse's education scores the official points."""
    assert points("spouse.education", spouse=spouse_json(education=education)) == expected


@pytest.mark.parametrize(
    ("level", "expected"),
    SPOUSE_LANGUAGE_ROWS,
    ids=[f"clb-{lv}-{p}" for lv, p in SPOUSE_LANGUAGE_ROWS],
)
def test_spouse_language_row(level: int, expected: int) -> None:
    """Each level earns the official points on every ability of the spouse's first language."""
    spouse = spouse_json(first_language=clb(level))
    for ability in ABILITIES:
        assert points(f"spouse.first_language.{ability}", spouse=spouse) == expected
    assert points("spouse.first_language", spouse=spouse) == 4 * expected


@pytest.mark.parametrize(
    ("years", "expected"),
    SPOUSE_WORK_ROWS,
    ids=[f"{y}-years-{p}" for y, p in SPOUSE_WORK_ROWS],
)
def test_spouse_canadian_work_row(years: int, expected: int) -> None:
    """Each number of the spouse's years of Canadian work scores the official points."""
    assert points("spouse.canadian_work", spouse=spouse_json(canadian_work_years=years)) == expected


def test_spouse_french_result_scores_on_the_same_table() -> None:
    """A spouse's French first language is scored like an English one (NCLC 9 -> 5 each)."""
    assert points("spouse.first_language", spouse=spouse_json(first_language=nclc(9))) == 20


def test_spouse_section_maximum_is_40() -> None:
    """A doctoral spouse with CLB 10 and 5 years in Canada reaches the 40-point maximum (§3)."""
    spouse = spouse_json(education="doctoral", first_language=clb(10), canadian_work_years=5)
    result = crs.score(make(spouse=spouse), on=ON)
    assert result.spouse == 10 + 20 + 10 == 40


@pytest.mark.parametrize(
    ("accompanying", "citizen_or_pr", "counts"),
    [(True, False, True), (False, False, False), (True, True, False), (False, True, False)],
    ids=["accompanying", "not-accompanying", "citizen-or-pr", "neither"],
)
def test_when_the_spouse_counts(accompanying: bool, citizen_or_pr: bool, counts: bool) -> None:
    """Only an accompanying spouse who is not a citizen or PR counts (§1.1)."""
    spouse = spouse_json(
        accompanying=accompanying,
        canadian_citizen_or_pr=citizen_or_pr,
        education="masters",
        first_language=clb(9),
        canadian_work_years=2,
    )
    result = crs.score(make(age=25, spouse=spouse), on=ON)
    assert result.spouse == (10 + 20 + 7 if counts else 0)
    assert result.line("core.age").points == (100 if counts else 110)
