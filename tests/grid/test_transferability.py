"""Skill transferability (crs-rules §4), one case per table row, with its caps."""

from __future__ import annotations

from typing import Any

import pytest

import crs
from strategies import ON, clb, make, points

BELOW = clb(9, 9, 9, 6)  # one ability under CLB 7: no language tier
L_MID = clb(7)  # CLB 7+ on all four, one or more under 9
L_HIGH = clb(9)  # CLB 9+ on all four

# (education key, group, L_mid, L_high), typed from crs-rules §4.1a; the groups are
# E0 secondary or less, E1 one post-secondary credential (a single bachelor's too),
# E2 two or more credentials / master's / doctoral.
EDUCATION_LANGUAGE_ROWS = [
    ("less_than_secondary", "E0", 0, 0),
    ("secondary", "E0", 0, 0),
    ("one_year_post_secondary", "E1", 13, 25),
    ("two_year_post_secondary", "E1", 13, 25),
    ("bachelors", "E1", 13, 25),
    ("two_or_more_credentials", "E2", 25, 50),
    ("masters", "E2", 25, 50),
    ("doctoral", "E2", 25, 50),
]

# (education key, group, 1 year Canadian, 2+ years Canadian), typed from §4.1b.
EDUCATION_CANADIAN_ROWS = [
    ("less_than_secondary", "E0", 0, 0),
    ("secondary", "E0", 0, 0),
    ("one_year_post_secondary", "E1", 13, 25),
    ("two_year_post_secondary", "E1", 13, 25),
    ("bachelors", "E1", 13, 25),
    ("two_or_more_credentials", "E2", 25, 50),
    ("masters", "E2", 25, 50),
    ("doctoral", "E2", 25, 50),
]

# (foreign years, L_mid, L_high), typed from §4.2a; "1 or 2" and ">= 3" at both ends.
FOREIGN_LANGUAGE_ROWS = [(0, 0, 0), (1, 13, 25), (2, 13, 25), (3, 25, 50), (10, 25, 50)]

# (foreign years, 1 year Canadian, 2+ years Canadian), typed from §4.2b.
FOREIGN_CANADIAN_ROWS = [(0, 0, 0), (1, 13, 25), (2, 13, 25), (3, 25, 50), (10, 25, 50)]

# (first-language levels L/R/W/S, with a certificate), typed from §4.3:
# C_mid = CLB 5+ on all four, one or more under 7 -> 25; C_high = CLB 7+ on all -> 50.
COQ_ROWS = [
    ((4, 9, 9, 9), 0),
    ((5, 5, 5, 5), 25),
    ((7, 7, 7, 6), 25),
    ((7, 7, 7, 7), 50),
    ((10, 10, 10, 10), 50),
]

EDU_LANG = "transferability.education.language"
EDU_CDN = "transferability.education.canadian_work"
FOR_LANG = "transferability.foreign_work.language"
FOR_CDN = "transferability.foreign_work.canadian_work"
COQ = "transferability.certificate_of_qualification"


@pytest.mark.parametrize(
    ("education", "group", "mid", "high"),
    EDUCATION_LANGUAGE_ROWS,
    ids=[f"{e}-{g}-mid-{m}-high-{h}" for e, g, m, h in EDUCATION_LANGUAGE_ROWS],
)
def test_education_language_row(education: str, group: str, mid: int, high: int) -> None:
    """Education with first-language ability: the official points in each column."""
    assert group in {"E0", "E1", "E2"}
    assert points(EDU_LANG, education=education, first_language=BELOW) == 0
    assert points(EDU_LANG, education=education, first_language=L_MID) == mid
    assert points(EDU_LANG, education=education, first_language=L_HIGH) == high


@pytest.mark.parametrize(
    ("education", "group", "one", "two"),
    EDUCATION_CANADIAN_ROWS,
    ids=[f"{e}-{g}-1y-{o}-2y-{t}" for e, g, o, t in EDUCATION_CANADIAN_ROWS],
)
def test_education_canadian_work_row(education: str, group: str, one: int, two: int) -> None:
    """Education with Canadian work experience: the official points in each column."""
    assert group in {"E0", "E1", "E2"}
    assert points(EDU_CDN, education=education, canadian_work_years=0) == 0
    assert points(EDU_CDN, education=education, canadian_work_years=1) == one
    assert points(EDU_CDN, education=education, canadian_work_years=2) == two
    assert points(EDU_CDN, education=education, canadian_work_years=5) == two


@pytest.mark.parametrize(
    ("years", "mid", "high"),
    FOREIGN_LANGUAGE_ROWS,
    ids=[f"{y}-foreign-years-mid-{m}-high-{h}" for y, m, h in FOREIGN_LANGUAGE_ROWS],
)
def test_foreign_work_language_row(years: int, mid: int, high: int) -> None:
    """Foreign work with first-language ability: the official points in each column."""
    assert points(FOR_LANG, foreign_work_years=years, first_language=BELOW) == 0
    assert points(FOR_LANG, foreign_work_years=years, first_language=L_MID) == mid
    assert points(FOR_LANG, foreign_work_years=years, first_language=L_HIGH) == high


@pytest.mark.parametrize(
    ("years", "one", "two"),
    FOREIGN_CANADIAN_ROWS,
    ids=[f"{y}-foreign-years-1y-{o}-2y-{t}" for y, o, t in FOREIGN_CANADIAN_ROWS],
)
def test_foreign_work_canadian_work_row(years: int, one: int, two: int) -> None:
    """Foreign work with Canadian work experience: the official points in each column."""
    fields: dict[str, Any] = {"foreign_work_years": years}
    assert points(FOR_CDN, canadian_work_years=0, **fields) == 0
    assert points(FOR_CDN, canadian_work_years=1, **fields) == one
    assert points(FOR_CDN, canadian_work_years=2, **fields) == two
    assert points(FOR_CDN, canadian_work_years=3, **fields) == two


@pytest.mark.parametrize(
    ("first", "expected"),
    COQ_ROWS,
    ids=[f"clb-{'-'.join(map(str, f))}-coq-{p}" for f, p in COQ_ROWS],
)
def test_certificate_of_qualification_row(first: tuple[int, int, int, int], expected: int) -> None:
    """A certificate of qualification with first-language ability; none scores 0."""
    language = clb(*first)
    assert points(COQ, certificate_of_qualification=True, first_language=language) == expected
    assert points(COQ, certificate_of_qualification=False, first_language=language) == 0


@pytest.mark.parametrize(
    ("first", "tier_points"),
    [((9, 9, 9, 8), 13), ((8, 12, 12, 12), 13), ((12, 12, 12, 12), 25), ((10, 10, 10, 6), 0)],
    ids=["9-9-9-8-mid", "8-12-12-12-mid", "12-all-high", "one-at-6-none"],
)
def test_lowest_ability_decides_the_language_tier(
    first: tuple[int, int, int, int], tier_points: int
) -> None:
    """The language column is set by the lowest of the four first-language levels."""
    assert points(EDU_LANG, education="bachelors", first_language=clb(*first)) == tier_points


def test_transferability_uses_the_first_language_only() -> None:
    """A strong second language does not lift a weak first language into a tier."""
    fields: dict[str, Any] = {
        "education": "masters",
        "first_language": clb(6),
        "second_language": {
            "test": "nclc",
            "listening": 10,
            "reading": 10,
            "writing": 10,
            "speaking": 10,
        },
    }
    assert points(EDU_LANG, **fields) == 0


def test_education_pair_is_capped_at_50() -> None:
    """E2 with L_high (50) and 2 years in Canada (50) makes 100, capped at 50 (§4.1)."""
    result = crs.score(
        make(education="masters", first_language=L_HIGH, canadian_work_years=2), on=ON
    )
    line = result.line("transferability.education")
    assert (line.points, line.cap, line.uncapped) == (50, 50, 100)


def test_foreign_work_pair_is_capped_at_50() -> None:
    """3 years abroad with L_high (50) and 2 years in Canada (50) is capped at 50 (§4.2)."""
    result = crs.score(
        make(foreign_work_years=3, first_language=L_HIGH, canadian_work_years=2), on=ON
    )
    line = result.line("transferability.foreign_work")
    assert (line.points, line.uncapped) == (50, 100)


def test_education_pair_below_its_cap_is_the_sum() -> None:
    """E1 with L_mid (13) and 1 year in Canada (13) is 26, under the cap (V4)."""
    result = crs.score(
        make(education="bachelors", first_language=L_MID, canadian_work_years=1), on=ON
    )
    line = result.line("transferability.education")
    assert (line.points, line.uncapped) == (26, None)


def test_section_is_capped_at_100() -> None:
    """50 + 50 + 50 (certificate) = 150 is capped at 100 (§4.4)."""
    result = crs.score(
        make(
            education="doctoral",
            first_language=L_HIGH,
            canadian_work_years=2,
            foreign_work_years=3,
            certificate_of_qualification=True,
        ),
        on=ON,
    )
    line = result.line("transferability")
    assert (line.points, line.cap, line.uncapped) == (100, 100, 150)
    assert result.skill_transferability == 100
