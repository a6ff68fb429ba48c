"""Core factor: age (crs-rules §2.1), one case per row of the official table."""

from __future__ import annotations

import datetime as dt

import pytest

from strategies import ON, both_columns, points

# (age in completed years, with spouse, without spouse), typed from crs-rules §2.1.
# The "<=17" and ">=45" rows are checked at both ends of what a profile allows.
AGE_ROWS = [
    (0, 0, 0),
    (17, 0, 0),
    (18, 90, 99),
    (19, 95, 105),
    (20, 100, 110),
    (21, 100, 110),
    (22, 100, 110),
    (23, 100, 110),
    (24, 100, 110),
    (25, 100, 110),
    (26, 100, 110),
    (27, 100, 110),
    (28, 100, 110),
    (29, 100, 110),
    (30, 95, 105),
    (31, 90, 99),
    (32, 85, 94),
    (33, 80, 88),
    (34, 75, 83),
    (35, 70, 77),
    (36, 65, 72),
    (37, 60, 66),
    (38, 55, 61),
    (39, 50, 55),
    (40, 45, 50),
    (41, 35, 39),
    (42, 25, 28),
    (43, 15, 17),
    (44, 5, 6),
    (45, 0, 0),
    (120, 0, 0),
]


@pytest.mark.parametrize(
    ("age", "with_spouse", "single"),
    AGE_ROWS,
    ids=[f"age-{a}-with-{w}-single-{s}" for a, w, s in AGE_ROWS],
)
def test_age_row(age: int, with_spouse: int, single: int) -> None:
    """Each age scores the official points with and without an accompanying spouse."""
    assert both_columns("core.age", age=age) == (with_spouse, single)


def test_age_from_date_of_birth_changes_on_the_birthday() -> None:
    """With a date of birth, 29 (110) turns into 30 (105) on the 30th birthday, not before."""
    day_before = ON - dt.timedelta(days=1)
    assert points("core.age", on=day_before, date_of_birth="1995-06-01") == 110
    assert points("core.age", on=ON, date_of_birth="1995-06-01") == 105


def test_age_from_date_of_birth_on_29_february() -> None:
    """Born on 29 February, one is a year older from 1 March in a common year."""
    assert points("core.age", on=dt.date(2025, 2, 28), date_of_birth="1996-02-29") == 110
    assert points("core.age", on=dt.date(2025, 3, 1), date_of_birth="1996-02-29") == 110
    assert points("core.age", on=dt.date(2026, 2, 28), date_of_birth="1996-02-29") == 110
    assert points("core.age", on=dt.date(2026, 3, 1), date_of_birth="1996-02-29") == 105
