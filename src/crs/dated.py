"""What existed on a date: a provincial nomination from its day, a profile from its submission.

IRCC assesses a profile as it stands on the day.  Two facts of a profile carry
their own date, and this module is the one place that reads them against the
date asked about; :func:`crs.score`, :func:`crs.score_frame`, :func:`crs.timeline`,
:func:`crs.what_if` and :func:`crs.place` all ask here.

* **A provincial nomination** (``provincial_nomination`` with ``nominated_on``)
  counts on and after the day it was made: on an earlier date it did not exist,
  so its points (and a PNP round) do not apply.  Without ``nominated_on`` the
  nomination counts on every date, as if it had been made before the first
  date asked about.
* **The submission** (``submitted_at``): before it the profile was not in the
  pool, so no round held before it could invite it.  A score on an earlier day
  is still computed (a consultant asks "what would it have been") with a warning.

Source: the principle that only what existed on the date counts (the issue
"Answers a consultant can stand behind"); the Ministerial Instructions rank the
profiles *in the pool*, and the 600 additional points are for a valid
nomination certificate (crs-rules §5): neither exists before its day.

>>> import datetime as dt
>>> nomination_not_counted(True, dt.date(2026, 3, 2), dt.date(2026, 3, 1))
'nominated on 2026-03-02, after 2026-03-01: the nomination did not exist yet'
>>> nomination_not_counted(True, dt.date(2026, 3, 2), dt.date(2026, 3, 2)) is None
True
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crs.profile import Profile

__all__ = [
    "nominated",
    "nomination_not_counted",
    "submission_not_counted",
    "submitted_after",
]

_UTC = dt.timezone.utc


def nomination_not_counted(
    nominated: bool, nominated_on: dt.date | None, on: dt.date
) -> str | None:
    """Why a nomination gives nothing on ``on`` (made after it), or None when it counts.

    None too when there is no nomination (nothing to explain) or its day is
    unknown (it counts on every date).
    """
    if nominated and nominated_on is not None and nominated_on > on:
        return f"nominated on {nominated_on}, after {on}: the nomination did not exist yet"
    return None


def nominated(profile: Profile, on: dt.date) -> bool:
    """Whether ``profile`` holds a provincial nomination on ``on``."""
    return profile.provincial_nomination and (
        profile.nominated_on is None or profile.nominated_on <= on
    )


def submitted_after(
    submitted_at: dt.datetime | None, day: dt.date, moment: dt.datetime | None = None
) -> bool:
    """Whether a profile submitted at ``submitted_at`` was not yet in the pool on ``day``.

    Days are UTC days, as IRCC's round times are published.  With ``moment`` (a
    round's time, on ``day``), a profile submitted that same day at or after it
    was not in the pool either.  An unknown submission time is never after.
    """
    if submitted_at is None:
        return False
    at = _in_utc(submitted_at)
    if at is None:  # past either end of the calendar in UTC: after every day, or before
        return _beyond_last_day(submitted_at)
    if at.date() > day:
        return True
    return moment is not None and moment.date() == day == at.date() and at >= moment


def submission_not_counted(
    submitted_at: dt.datetime | None,
    day: dt.date,
    moment: dt.datetime | None = None,
    what: str | None = None,
) -> str | None:
    """Why the profile was not in the pool on ``day`` (submitted after it), or None.

    ``what`` names the day in the message (default: the day itself).

    >>> at = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone.utc)
    >>> submission_not_counted(at, dt.date(2026, 3, 1))
    'the profile was submitted on 2026-03-02 09:30:00 UTC, after 2026-03-01'
    """
    if submitted_at is None or not submitted_after(submitted_at, day, moment):
        return None
    at = _in_utc(submitted_at)
    if at is None:  # 9999-12-31 late in a zone behind UTC: said as given
        given = f"{submitted_at:%Y-%m-%d %H:%M:%S%z}"
        return f"the profile was submitted on {given}, after {what or day}"
    return f"the profile was submitted on {at:%Y-%m-%d %H:%M:%S} UTC, after {what or day}"


def _in_utc(moment: dt.datetime) -> dt.datetime | None:
    """``moment`` in UTC, or None where UTC is past the calendar (9999-12-31 or 0001-01-01)."""
    try:
        return moment.astimezone(_UTC)
    except OverflowError:
        return None


def _beyond_last_day(moment: dt.datetime) -> bool:
    """Whether ``moment``, whose UTC time is off the calendar, is after its last day.

    A zone behind UTC (a negative offset) puts the UTC time later: past
    9999-12-31; ahead of UTC, earlier: before 0001-01-01.
    """
    offset = moment.utcoffset()
    return offset is not None and offset < dt.timedelta(0)
