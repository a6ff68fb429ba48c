"""Core factor: level of education (crs-rules §2.2), one case per row of the official table."""

from __future__ import annotations

import pytest

import crs
from strategies import both_columns

# (profile key, with spouse, without spouse), typed from crs-rules §2.2.
EDUCATION_ROWS = [
    ("less_than_secondary", 0, 0),
    ("secondary", 28, 30),
    ("one_year_post_secondary", 84, 90),
    ("two_year_post_secondary", 91, 98),
    ("bachelors", 112, 120),
    ("two_or_more_credentials", 119, 128),
    ("masters", 126, 135),
    ("doctoral", 140, 150),
]


@pytest.mark.parametrize(
    ("education", "with_spouse", "single"),
    EDUCATION_ROWS,
    ids=[f"{e}-with-{w}-single-{s}" for e, w, s in EDUCATION_ROWS],
)
def test_education_row(education: str, with_spouse: int, single: int) -> None:
    """Each level of education scores the official points with and without a spouse."""
    assert both_columns("core.education", education=education) == (with_spouse, single)


def test_every_education_key_has_a_row() -> None:
    """The table above covers every Education key of the profile format, in grid order."""
    assert [row[0] for row in EDUCATION_ROWS] == [e.value for e in crs.Education]
