"""Core factor: Canadian work experience (crs-rules §2.5), one case per row."""

from __future__ import annotations

import pytest

from strategies import both_columns

# (completed years, with spouse, without spouse), typed from crs-rules §2.5;
# ">= 5" is checked at 5, 6 and 10.
CANADIAN_WORK_ROWS = [
    (0, 0, 0),
    (1, 35, 40),
    (2, 46, 53),
    (3, 56, 64),
    (4, 63, 72),
    (5, 70, 80),
    (6, 70, 80),
    (10, 70, 80),
]


@pytest.mark.parametrize(
    ("years", "with_spouse", "single"),
    CANADIAN_WORK_ROWS,
    ids=[f"{y}-years-with-{w}-single-{s}" for y, w, s in CANADIAN_WORK_ROWS],
)
def test_canadian_work_row(years: int, with_spouse: int, single: int) -> None:
    """Each number of completed years scores the official points with and without a spouse."""
    assert both_columns("core.canadian_work", canadian_work_years=years) == (with_spouse, single)
