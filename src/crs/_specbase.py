"""What every kind of field check is: :class:`Spec`, :class:`Invalid`, :data:`UNKNOWN`.

The kinds themselves are in :mod:`crs.specs` (their public home, which
re-exports these) and :mod:`crs._textspecs`.
"""

from __future__ import annotations

from typing import Any


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


def _kind_of_number(value: object) -> str | None:
    """Why a number that is not of the kind JSON gives is refused, or None.

    A NumPy scalar (``numpy.int64(30)``, as ``dict(frame.loc[i])`` holds) is named
    with its type and the way to convert it, not shown as the JSON number ``30``
    the message would then seem to refuse.
    """
    kind = type(value)
    if kind.__module__ == "numpy" and hasattr(value, "item"):
        return f"{value!r} is a NumPy {kind.__name__}, not a JSON number: convert it with .item()"
    return None


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
