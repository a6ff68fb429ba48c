"""Reading the text of IRCC's rounds feed: counts, dates and times as IRCC writes them.

IRCC writes counts with separators (``"1,500"``), times in several forms
(``"January 3, 2024 at 13:02:43 UTC"``, ``"at 2024-08-15 15:11:54 UTC"``) and dates in
words (``"February 19, 2026"``); :mod:`crs._feed` reads records with these.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from crs._csvdata import FeedError

__all__ = ["format_utc", "parse_count", "parse_long_date", "parse_timestamp"]


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}

_ISO_STAMP = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[ T](?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})"
)
_TEXT_STAMP = re.compile(
    r"""
    ^(?P<month>[A-Za-z]+)\.?\s*
    (?P<day>\d{1,2})(?:st|nd|rd|th)?
    \s*[,.]?\s*
    (?P<year>\d{4})?
    \s*,?\s*(?:at\s+)?
    (?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})
    \s*(?P<ampm>[AP]\.?M\.?)?
    \s*(?:UTC|GMT|Z)?\.?$
    """,
    re.IGNORECASE | re.VERBOSE,
)
_TEXT_DATE = re.compile(
    r"^(?P<month>[A-Za-z]+)\.?\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*[,.]?\s*(?P<year>\d{4})?$",
    re.IGNORECASE,
)


def parse_count(text: str, *, field: str = "count") -> int:
    """Read a count written with thousands separators.

    Args:
        text: The feed's text, e.g. ``"1,085"`` or ``"27,332"``.
        field: The field name, for the error message.

    Returns:
        The count as an int.

    Raises:
        FeedError: If the text is not a whole number.
    """
    cleaned = re.sub(r"[,\s\u00a0\u202f]", "", text)
    if not (cleaned.isascii() and cleaned.isdigit()):  # 0-9 only: not ١٢٣ nor ²
        raise FeedError(f"{field}: {text!r} is not a whole number")
    return int(cleaned)


def _month(name: str) -> int:
    month = _MONTHS.get(name[:3].lower())
    if month is None:
        raise FeedError(f"{name!r} is not a month name")
    return month


def _with_year(month: int, day: int, year: str | None, reference: date, *, past: bool) -> date:
    """Build the date, inferring a missing year from ``reference``.

    With ``past`` the date is the latest one not after ``reference`` (a tie-break
    time is always before its round); otherwise the one nearest to it.
    """
    if year is not None:
        return date(int(year), month, day)
    candidates: list[date] = []
    for offset in (-1, 0, 1):
        try:
            candidates.append(date(reference.year + offset, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    if not candidates:
        raise FeedError(f"{month}/{day} is not a date in any year near {reference}")
    if past:
        return max(c for c in candidates if c <= reference)
    return min(candidates, key=lambda c: abs((c - reference).days))


def parse_timestamp(text: str, *, reference: date, past: bool = False) -> datetime | None:
    """Read one of the feed's free-text UTC timestamps.

    Handles ``"February 02, 2023, at 15:12:01 UTC"``, ``"May 19,2022 06:48:41 UTC"``,
    ``"August 30. 2023 at 17:30:21 UTC"``, ``"July 3rd 2026 at 21:35:13 UTC"``,
    ``"June 22, 2021 at 20:19:59 PM UTC"`` (a 24-hour time with a stray PM),
    ``"September 30, 2023 at 04:22:17 AM UTC"``, a missing ``"UTC"`` (read as UTC,
    as in every other entry), runs of spaces, an embedded ISO date
    (``"at 2024-08-15 15:11:54 UTC"``, which wins over any text date), and a
    missing year (``"October 7 at 16:38:21 UTC"``), taken from ``reference``.

    Args:
        text: The feed's text.
        reference: The round's ``drawDate``, used only when the year is missing.
        past: The time cannot be after ``reference`` (tie-break times): a missing
            year is the latest that keeps it on or before ``reference``.

    Returns:
        An aware UTC datetime, or None for an empty text.

    Raises:
        FeedError: If the text is not empty and not a timestamp.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    try:
        iso = _ISO_STAMP.search(cleaned)
        if iso is not None:
            return datetime(
                int(iso["year"]),
                int(iso["month"]),
                int(iso["day"]),
                int(iso["h"]),
                int(iso["m"]),
                int(iso["s"]),
                tzinfo=timezone.utc,
            )
        match = _TEXT_STAMP.match(cleaned)
        if match is None:
            raise FeedError(f"{text!r} is not a timestamp")
        day = _with_year(
            _month(match["month"]), int(match["day"]), match["year"], reference, past=past
        )
        hour = int(match["h"])
        ampm = (match["ampm"] or "").replace(".", "").upper()
        if ampm == "PM" and hour < 12:
            hour += 12
        elif ampm == "AM" and hour == 12:
            hour = 0
        return datetime(
            day.year,
            day.month,
            day.day,
            hour,
            int(match["m"]),
            int(match["s"]),
            tzinfo=timezone.utc,
        )
    except ValueError as exc:
        if isinstance(exc, FeedError):
            raise
        raise FeedError(f"{text!r}: {exc}") from exc


def parse_long_date(text: str, *, reference: date | None = None) -> date | None:
    """Read a date written out, as in ``drawDistributionAsOn`` (``"August 3, 2026"``).

    Args:
        text: The feed's text; an ISO date (``2026-08-03``) is accepted too.
        reference: Supplies the year when the text has none (nearest to it).

    Returns:
        The date, or None for an empty text.

    Raises:
        FeedError: If the text is not empty and not a date.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
            return date.fromisoformat(cleaned)
        match = _TEXT_DATE.match(cleaned)
        if match is None or (match["year"] is None and reference is None):
            raise FeedError(f"{text!r} is not a date")
        return _with_year(
            _month(match["month"]),
            int(match["day"]),
            match["year"],
            reference or date.min,
            past=False,
        )
    except ValueError as exc:
        if isinstance(exc, FeedError):
            raise
        raise FeedError(f"{text!r}: {exc}") from exc


def format_utc(moment: datetime | None) -> str:
    """Write an aware datetime as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC ("" for None)."""
    if moment is None:
        return ""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
