"""The kinds of check a profile field can have, and the cross-field rule.

:mod:`crs.checks` declares every field of every profile class with one of these
kinds, and every rule that ties fields together; the loader, the classes
themselves and :func:`crs.score_frame` all read those declarations.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from crs._show import show, show_key
from crs.occupations import noc_problem

__all__ = [
    "UNKNOWN",
    "Choice",
    "Day",
    "Flag",
    "Invalid",
    "Many",
    "Moment",
    "Nested",
    "Noc",
    "Number",
    "Rule",
    "Spec",
    "Text",
    "Whole",
    "show",
    "show_key",
]


class _Unknown:
    """The value of a field that failed its own check (rules that read it are skipped)."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
"""Stands for a value that failed its check."""


class Invalid(ValueError):
    """A value of the wrong type, form or range, with the message to show."""


def _is_whole(value: object) -> bool:
    return type(value) is int or (isinstance(value, int) and not isinstance(value, bool))


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Spec:
    """The constraint of one field.

    Attributes:
        optional: Whether the field may be None (JSON ``null`` or left out).
    """

    optional: bool = False

    def read(self, raw: object) -> Any:
        """The value of JSON ``raw`` (a missing value is handled by the caller).

        Raises:
            Invalid: With the message, if ``raw`` is not a value of this field.
        """
        problem = self.check(raw)
        if problem is not None:
            raise Invalid(problem)
        return raw

    def check(self, value: object) -> str | None:
        """Why ``value`` (a Python value) is not one of this field, or None."""
        raise NotImplementedError

    def json_type(self) -> str:
        """The JSON type of the field's values, for docs and schemas."""
        raise NotImplementedError


@attrs.frozen
class Whole(Spec):
    """A whole number from ``low`` to ``high``."""

    low: int
    high: int
    optional: bool = False

    def read(self, raw: object) -> Any:
        """A JSON number with no fraction (``30`` or ``30.0``: JSON does not tell them apart)."""
        if type(raw) is float and raw.is_integer():
            raw = int(raw)
        return super().read(raw)

    def check(self, value: object) -> str | None:
        """Not a whole number (a Python ``float`` is not), or out of range."""
        if not _is_whole(value):
            return f"{show(value)} is not a whole number"
        assert isinstance(value, int)
        if not self.low <= value <= self.high:
            return f"{show(value)} is not between {self.low} and {self.high}"
        return None

    def json_type(self) -> str:
        """``integer``."""
        return "integer"


@attrs.frozen
class Number(Spec):
    """A finite number, over ``low`` (or from it, when ``low_open`` is False) and at most ``high``.

    Attributes:
        what: The kind of number in words, for the message.
    """

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    what: str = "a number"
    optional: bool = False

    def check(self, value: object) -> str | None:
        """Not a number, not finite, or out of range."""
        if not _is_number(value):
            return f"{show(value)} is not a number"
        assert isinstance(value, (int, float))
        if not math.isfinite(value if isinstance(value, float) else min(abs(value), 10**300)):
            return f"{show(value)} is not {self.what}"
        low, high = self.low, self.high
        too_low = low is not None and (value <= low if self.low_open else value < low)
        if too_low or (high is not None and value > high):
            over = "over" if self.low_open else "from"
            return f"{show(value)} is not {self.what} ({over} {low:g}, at most {high:g})"
        return None

    def json_type(self) -> str:
        """``number``."""
        return "number"


@attrs.frozen
class Flag(Spec):
    """True or false."""

    optional: bool = False

    def check(self, value: object) -> str | None:
        """Not a boolean."""
        return None if isinstance(value, bool) else f"{show(value)} is not true or false"

    def json_type(self) -> str:
        """``boolean``."""
        return "boolean"


@attrs.frozen
class Choice(Spec):
    """One member of an enum, named by its value in JSON."""

    kind: type[enum.Enum]
    optional: bool = False
    _values: Mapping[object, enum.Enum] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_values", {m.value: m for m in self.kind})

    def read(self, raw: object) -> Any:
        """The member named ``raw``."""
        member = self._values.get(raw) if isinstance(raw, str) else None
        if member is None:
            raise Invalid(f"{show(raw)} is not one of: {', '.join(map(str, self._values))}")
        return member

    def check(self, value: object) -> str | None:
        """Not a member of the enum."""
        if isinstance(value, self.kind):
            return None
        return f"{show(value)} is not a {self.kind.__name__}"

    def json_type(self) -> str:
        """``string``."""
        return "string"


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@attrs.frozen
class Day(Spec):
    """A date; ``YYYY-MM-DD`` in JSON."""

    optional: bool = False

    def read(self, raw: object) -> Any:
        """The date ``raw`` names."""
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


@attrs.frozen
class Moment(Spec):
    """A date and time with a time zone; ISO 8601 in JSON (``Z`` for UTC)."""

    optional: bool = False

    def read(self, raw: object) -> Any:
        """The moment ``raw`` names."""
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
        """The text, or the digits of a whole number."""
        if type(raw) is int or (type(raw) is float and raw.is_integer() and abs(raw) < 1e15):
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
        if any(unicodedata.category(c) == "Cc" for c in value):
            return f"{show(value)} holds a line break, tab or other control character"
        return None

    def json_type(self) -> str:
        """``string``."""
        return "string"


@attrs.frozen
class Nested(Spec):
    """An object of one of the profile classes."""

    cls: type
    optional: bool = True

    def read(self, raw: object) -> Any:  # pragma: no cover - structure() reads nested objects
        """Nested objects are read by :func:`structure`."""
        raise NotImplementedError

    def check(self, value: object) -> str | None:
        """Not an instance of the class."""
        return (
            None if isinstance(value, self.cls) else f"{show(value)} is not a {self.cls.__name__}"
        )

    def json_type(self) -> str:
        """``object``."""
        return "object"


@attrs.frozen
class Many(Spec):
    """A list of objects of one of the profile classes (a tuple in Python)."""

    cls: type
    optional: bool = False

    def read(self, raw: object) -> Any:  # pragma: no cover - structure() reads lists
        """Lists are read by :func:`structure`."""
        raise NotImplementedError

    def check(self, value: object) -> str | None:
        """Not a tuple of instances (each item is checked on its own)."""
        if not isinstance(value, tuple):
            return f"{show(value)} is not a list of {self.cls.__name__} objects"
        return None

    def json_type(self) -> str:
        """``array``."""
        return "array"


@attrs.frozen
class Rule:
    """A check that ties fields of one object together.

    Attributes:
        path: The field the problem is reported on.
        reads: The paths it reads, relative to the object (``first_language.test``);
            a path ending in ``?`` is read as whether it is given (not None, not empty).
        test: A module-level function of the values read, in order: the
            message, or None when the rule holds.
    """

    path: str
    reads: tuple[str, ...]
    test: Callable[..., str | None]
