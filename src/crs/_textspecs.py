"""The kinds of field written as text: :class:`Day`, :class:`Moment`, :class:`Noc`, :class:`Text`.

Re-exported by :mod:`crs.specs`, their public home, with the other kinds.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import attrs

from crs._show import show
from crs._specbase import Invalid, Spec
from crs.occupations import NOC_PATTERN, noc_problem

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A date and time that ends with a time zone (Z, or +HH:MM); the loader reads it
# with datetime.fromisoformat, which also takes the other ISO 8601 forms.
# Hours 00-23, minutes and seconds 00-59 (Python reads no 24:00 and no leap second), the
# offset under 24 hours; the day of the month is left to format "date-time" (2026-02-30).
_HOURS = r"(2[0-3]|[01][0-9])(:?[0-5][0-9](:?[0-5][0-9]([.,][0-9]+)?)?)?"
_MOMENT_SCHEMA = (
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]"
    + _HOURS
    + r"([Zz]|[+-]"
    + _HOURS
    + ")$"
)
# Not blank (a character that is not white space), no C0 or C1 control character and no
# line or paragraph separator (U+2028, U+2029: line breaks to JavaScript and to str.splitlines).
_TEXT_SCHEMA = r"^(?=.*\S)[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$"
_BREAKS = frozenset({"Cc", "Zl", "Zp"})
"""The Unicode categories of what a one-line text may not hold: controls and line breaks."""
_DIGITS = 10**15
"""Whole numbers below this (15 digits) are read as an id's digits."""


@attrs.frozen
class Day(Spec):
    """A date; ``YYYY-MM-DD`` in JSON."""

    optional: bool = False

    def read(self, raw: object) -> Any:
        """The date ``raw`` names (a ``datetime.date`` from Python is itself)."""
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return dt.date(raw.year, raw.month, raw.day)
        if not isinstance(raw, str) or not _DATE.fullmatch(raw):
            raise Invalid(f"{show(raw)} is not a date (YYYY-MM-DD)")
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise Invalid(f"{show(raw)} is not a date of the calendar") from None

    def check(self, value: object) -> str | None:
        """Not a date (a datetime is not a date here)."""
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return None
        return f"{show(value)} is not a date"

    def json_type(self) -> str:
        """``string`` (format ``date``)."""
        return "string"

    def json_schema(self) -> dict[str, Any]:
        """``YYYY-MM-DD``: the pattern, and format ``date`` for a day of the calendar."""
        return {
            "type": "string",
            "format": "date",
            "pattern": f"^{_DATE.pattern}$",
            "maxLength": 10,
        }


@attrs.frozen
class Moment(Spec):
    """A date and time with a time zone; ISO 8601 in JSON (``Z`` for UTC)."""

    optional: bool = False

    def read(self, raw: object) -> Any:
        """The moment ``raw`` names (an aware ``datetime`` from Python is itself)."""
        if isinstance(raw, dt.datetime):
            if raw.utcoffset() is None:
                raise Invalid(f"{show(raw)} has no time zone (give tzinfo)")
            return raw
        if not isinstance(raw, str):
            raise Invalid(f"{show(raw)} is not a date and time")
        text = raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            raise Invalid(
                f"{show(raw)} is not a date and time (e.g. 2026-01-03T03:25:14Z)"
            ) from None
        if moment.utcoffset() is None:
            raise Invalid(f"{show(raw)} has no time zone (add Z for UTC)")
        return moment

    def check(self, value: object) -> str | None:
        """Not a date and time with a time zone."""
        if isinstance(value, dt.datetime) and value.utcoffset() is not None:
            return None
        return f"{show(value)} is not a date and time with a time zone"

    def json_type(self) -> str:
        """``string`` (format ``date-time``)."""
        return "string"

    def json_schema(self) -> dict[str, Any]:
        """ISO 8601 with a time zone: format ``date-time``, and a pattern that asks for the zone."""
        return {
            "type": "string",
            "format": "date-time",
            "pattern": _MOMENT_SCHEMA,
            "description": "a date and time with a time zone (ISO 8601, Z for UTC)",
        }


@attrs.frozen
class Noc(Spec):
    """A NOC 2021 unit-group code: five digits, its second (the TEER) 0 to 5."""

    optional: bool = False

    def check(self, value: object) -> str | None:
        """Not a well-formed NOC 2021 code."""
        return noc_problem(value)

    def json_type(self) -> str:
        """``string``."""
        return "string"

    def json_schema(self) -> dict[str, Any]:
        """Five digits in quotes, the second (the TEER) 0 to 5."""
        return {
            "type": "string",
            "pattern": NOC_PATTERN,
            "maxLength": 5,
            "description": "a NOC 2021 unit-group code: five digits, the second (TEER) 0 to 5",
        }


@attrs.frozen
class Text(Spec):
    """A short line of text: 1 to ``longest`` characters, not blank, no control characters.

    A whole number (an id such as ``1001``, or ``1001.0`` from a spreadsheet
    column with blanks) is read as its digits, in JSON as in a frame: CRMs and
    spreadsheets write numeric ids as numbers.  A Python value must be a string.
    """

    longest: int
    optional: bool = False

    def read(self, raw: object) -> Any:
        """The text, or the digits of a whole number of at most 15 digits.

        A longer number is refused (put it in quotes): a float holds no more digits
        exactly, and a JSON Schema cannot tell ``10**16`` written whole from written
        as a float, so the schema (:meth:`json_schema`) and the reader agree.
        """
        if (type(raw) is int or (type(raw) is float and raw.is_integer())) and abs(raw) < _DIGITS:
            raw = str(int(raw))
        return super().read(raw)

    def check(self, value: object) -> str | None:
        """Not a string, blank, too long, or holding a control character (a line break, a tab)."""
        if not isinstance(value, str):
            return f"{show(value)} is not a string (put it in quotes)"
        if not value.strip():
            return "is blank"
        if len(value) > self.longest:
            return f"is {len(value)} characters long (at most {self.longest})"
        if any(unicodedata.category(c) in _BREAKS for c in value):
            return f"{show(value)} holds a line break, tab or other control character"
        return None

    def json_type(self) -> str:
        """``string``."""
        return "string"

    def json_schema(self) -> dict[str, Any]:
        """1 to ``longest`` characters, one not a space, none a control character or line break.

        Or a whole number of at most 15 digits, read as its digits (:meth:`read`).
        """
        return {
            "anyOf": [
                {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": self.longest,
                    "pattern": _TEXT_SCHEMA,
                },
                {"type": "integer", "minimum": 1 - _DIGITS, "maximum": _DIGITS - 1},
            ]
        }
