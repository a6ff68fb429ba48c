"""Dates are explicit: a date or an ISO string; None is today; never a datetime.

Every public entry point of the rounds, the pool, placement, timelines and
scenarios, and the command line's date options, read their dates with
``crs._dates.as_date``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import crs
from crs._dates import as_date
from crs.cli import main

PROFILE = crs.load_profile(
    {"date_of_birth": "1995-06-01", "education": "bachelors", "foreign_work_years": 3}
)
DAY = dt.date(2026, 2, 19)


class Day(dt.date):
    """A subclass of date, as some libraries return."""


def test_as_date_reads_a_date_an_iso_string_and_none() -> None:
    assert as_date(DAY) is DAY
    assert as_date("2026-02-19") == DAY
    assert as_date(" 2026-02-19 ") == DAY
    assert type(as_date(Day(2026, 2, 19))) is dt.date
    assert as_date(None) == dt.date.today()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (dt.datetime(2026, 2, 19, 12, 0), "not a date and time"),
        ("2026-02-30", "not a date"),
        ("19/02/2026", "not a date"),
        ("20260219", "not a date"),
        (20260219, "int is not a date"),
    ],
)
def test_as_date_refuses_anything_else(value: object, message: str) -> None:
    with pytest.raises(crs.DateError, match=f"since: .*{message}"):
        as_date(value, "since")  # type: ignore[arg-type]


def test_a_date_error_is_a_crs_error_and_a_type_error() -> None:
    assert issubclass(crs.DateError, crs.CRSError)
    assert issubclass(crs.DateError, TypeError)


ENTRY_POINTS: dict[str, Callable[[object], object]] = {
    "rounds(since)": lambda d: crs.rounds(since=d, until=dt.date(2026, 3, 1)),  # type: ignore[arg-type]
    "rounds(until)": lambda d: crs.rounds(until=d),  # type: ignore[arg-type]
    "place(since)": lambda d: crs.place(PROFILE, since=d, until="2026-03-01"),  # type: ignore[arg-type]
    "place(until)": lambda d: crs.place(PROFILE, since="2026-01-01", until=d),  # type: ignore[arg-type]
    "latest_pool": lambda d: crs.latest_pool(d),  # type: ignore[arg-type]
    "standing": lambda d: crs.standing(450, d),  # type: ignore[arg-type]
    "timeline(start)": lambda d: crs.timeline(PROFILE, d, "2027-01-01"),  # type: ignore[arg-type]
    "timeline(end)": lambda d: crs.timeline(PROFILE, "2025-01-01", d),  # type: ignore[arg-type]
    "what_if": lambda d: crs.what_if(PROFILE, d),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_every_entry_point_takes_an_iso_string_as_the_date(name: str) -> None:
    call = ENTRY_POINTS[name]
    assert call("2026-02-19") == call(DAY)


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_every_entry_point_refuses_a_datetime(name: str) -> None:
    with pytest.raises(crs.DateError, match="not a date and time"):
        ENTRY_POINTS[name](dt.datetime(2026, 2, 19, 9, 30))


def test_none_is_today() -> None:
    today = dt.date.today()
    assert crs.latest_pool() == crs.latest_pool(today)
    assert crs.standing(450).on == today
    assert crs.what_if(PROFILE).on == today
    assert crs.timeline(PROFILE, None, today + dt.timedelta(days=1)).start == today


def test_placement_records_the_dates_it_read() -> None:
    placed = crs.place(PROFILE, since="2026-01-01", until="2026-03-01")
    assert (placed.since, placed.until) == (dt.date(2026, 1, 1), dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    "argv",
    [
        ["score", "examples/profile.json", "--on", "2026-02-19T09:30"],
        ["rounds", "--since", "20260101"],
        ["rounds", "--until", "2026-02-30"],
        ["eligible", "examples/profile.json", "--on", "tomorrow"],
    ],
)
def test_the_command_line_reads_dates_the_same_way(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert "is not a date (YYYY-MM-DD)" in capsys.readouterr().err
