"""The kinds of check a profile field can have, and the cross-field rule.

:mod:`crs.checks` declares every field of every profile class with one of these
kinds, and every rule that ties fields together; the loader, the classes
themselves and :func:`crs.score_frame` all read those declarations.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from crs._show import show, show_key
from crs._specbase import UNKNOWN, Invalid, Spec, _is_number, _is_whole, _kind_of_number
from crs._textspecs import Day, Moment, Noc, Text

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
            if type(value) is float and value.is_integer():  # shown as 29.0, not as 29
                return f"{value!r} is a float, not a whole number (an int)"
            return _kind_of_number(value) or f"{show(value)} is not a whole number"
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
        if not _is_number(value) or type(value).__module__ == "numpy":
            return _kind_of_number(value) or f"{show(value)} is not a number"
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
        alike: For each read, a module-level function giving a value the rule
            treats exactly as the one read (a test date's first day of its scale),
            or None; a frame then tests each class of values once, not each value.
            The rule itself never reads it: one profile is checked as it is.
    """

    path: str
    reads: tuple[str, ...]
    test: Callable[..., str | None]
    alike: tuple[Callable[[Any], Any] | None, ...] = attrs.field(default=(), kw_only=True, eq=False)
    schema: Mapping[str, Any] | None = attrs.field(default=None, kw_only=True, eq=False)
    says: str = attrs.field(default="", kw_only=True)
