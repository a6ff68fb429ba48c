"""The one way every entry point reads a date argument.

Principle (see ``docs/design.md``): a date argument (``on``, ``since``, ``until``)
is a :class:`datetime.date` or an ISO ``YYYY-MM-DD`` string; ``None`` means
today's date on this computer, read once per call.  A :class:`datetime.datetime`
is refused, not truncated: which day a moment falls on depends on a time zone,
and a library that guesses one gives different answers on different machines.
"""

from __future__ import annotations

import datetime as dt

from crs.errors import CRSError

__all__ = [
    "DateError",
    "as_date",
    "day_after",
    "day_before",
    "period_end",
    "period_start",
    "shift",
]


class DateError(CRSError, TypeError):
    """A date argument that is not a date (nor an ISO date string), or a period backwards."""


def as_date(value: dt.date | str | None, name: str = "on") -> dt.date:
    """``value`` as a date: a date as it is, ``YYYY-MM-DD`` parsed, None as today.

    >>> as_date("2026-02-19")
    datetime.date(2026, 2, 19)

    Raises:
        DateError: If ``value`` is a datetime, a string that is not an ISO
            date, or anything else.
    """
    if value is None:
        return dt.date.today()
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        raise DateError(
            f"{name}: pass a date, not a date and time ({value.isoformat()}); "
            "use .date() in the time zone you mean"
        )
    if isinstance(value, dt.date):  # a subclass of date (not datetime)
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        raise DateError(f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)")
    raise DateError(f"{name}: {type(value).__name__} is not a date (YYYY-MM-DD or datetime.date)")


# Date arithmetic that stays in the calendar Python can represent (years 1 to 9999):
# a day before 0001-01-01 is 0001-01-01 and a day after 9999-12-31 is 9999-12-31, so
# a profile or a question at either end of the calendar gets an answer, never an
# OverflowError (see docs/guarantees.md).


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days`` days, held at the first or last day of the calendar.

    >>> shift(dt.date.max, 1)
    datetime.date(9999, 12, 31)
    """
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def day_after(day: dt.date) -> dt.date:
    """The next day (9999-12-31 stays itself)."""
    return shift(day, 1)


def day_before(day: dt.date) -> dt.date:
    """The previous day (0001-01-01 stays itself)."""
    return shift(day, -1)


def period_start(since: dt.date | str | None, on: dt.date) -> dt.date:
    """The first day of a period that ends on ``on``: ``since``, or a year before ``on``.

    Raises:
        DateError: If ``since`` is not a date, or is after ``on`` (as the command
            line and the HTTP service refuse it).
    """
    from crs.language import add_years  # (crs.language reads this module)

    start = as_date(since, "since") if since is not None else add_years(on, -1)
    if start > on:
        raise DateError(f"since {start} is after on {on}")
    return start


def period_end(until: dt.date | None, on: dt.date) -> dt.date:
    """The last day of a period asked about on ``on``: ``until``, but never after ``on``.

    What had not happened by ``on`` is not known on it: an ``until`` after ``on``
    (or none) reads as ``on``, on the command line and over HTTP alike.
    """
    return on if until is None or until > on else until
