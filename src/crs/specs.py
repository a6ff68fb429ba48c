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
from crs.occupations import NOC_PATTERN, noc_problem

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

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) fragment of the field's values (not of null).

        Whether the field may be left out or null is said by the object that
        holds it (:func:`crs.schemas.profile_schema`), from the field's default.
        """
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

    def json_schema(self) -> dict[str, Any]:
        """An integer from ``low`` to ``high`` (``30.0`` is an integer in JSON Schema too)."""
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


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

    def json_schema(self) -> dict[str, Any]:
        """A number in the range (``exclusiveMinimum`` when ``low_open``)."""
        found: dict[str, Any] = {"type": "number", "description": self.what}
        if self.low is not None:
            found["exclusiveMinimum" if self.low_open else "minimum"] = self.low
        if self.high is not None:
            found["maximum"] = self.high
        return found


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

    def json_schema(self) -> dict[str, Any]:
        """``{"type": "boolean"}``."""
        return {"type": "boolean"}


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

    def json_schema(self) -> dict[str, Any]:
        """One of the enum's values; ``x-labels`` gives each value's words, in order."""
        labels = [getattr(m, "label", str(m.value)) for m in self.kind]
        return {
            "type": "string",
            "enum": list(self._values),
            "x-labels": labels,
            "description": f"one of the {self.kind.__name__} values: "
            + "; ".join(f"{v} ({w})" for v, w in zip(self._values, labels, strict=False)),
        }


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A date and time that ends with a time zone (Z, or +HH:MM); the loader reads it
# with datetime.fromisoformat, which also takes the other ISO 8601 forms.
_MOMENT_SCHEMA = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.,]+"
    r"([Zz]|[+-][0-9]{2}(:?[0-9]{2}(:?[0-9]{2}(\.[0-9]+)?)?)?)$"
)
# Not blank (a character that is not white space) and no C0 or C1 control character.
_TEXT_SCHEMA = r"^(?=.*\S)[^\u0000-\u001f\u007f-\u009f]*$"


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

    def json_schema(self) -> dict[str, Any]:
        """1 to ``longest`` characters, one not a space, none a control character."""
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": self.longest,
            "pattern": _TEXT_SCHEMA,
        }


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

    def json_schema(self) -> dict[str, Any]:
        """A reference to the class's definition (``#/$defs/<class name>``)."""
        return {"$ref": f"#/$defs/{self.cls.__name__}"}


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

    def json_schema(self) -> dict[str, Any]:
        """An array of the class's objects."""
        return {"type": "array", "items": {"$ref": f"#/$defs/{self.cls.__name__}"}}


@attrs.frozen
class Rule:
    """A check that ties fields of one object together.

    Attributes:
        path: The field the problem is reported on.
        reads: The paths it reads, relative to the object (``first_language.test``);
            a path ending in ``?`` is read as whether it is given (not None, not empty).
        test: A module-level function of the values read, in order: the
            message, or None when the rule holds.
        schema: The rule in JSON Schema, applied to the object that holds the
            fields (:mod:`crs.schemas`), or None where JSON Schema cannot say it
            (a comparison of two dates, of two fields' values).
        says: The rule in words, for the schema's ``description``.
    """

    path: str
    reads: tuple[str, ...]
    test: Callable[..., str | None]
    schema: Mapping[str, Any] | None = attrs.field(default=None, kw_only=True, eq=False)
    says: str = attrs.field(default="", kw_only=True)
