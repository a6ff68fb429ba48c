"""Reading JSON text: the one parser of profile text, safe with hostile input.

:func:`parse` is :func:`json.loads` with what a profile reader needs on top:

* every failure is a :class:`~crs.ProfileError` naming what is wrong (not a
  ``RecursionError`` for text nested a thousand deep, nor a slow conversion of
  a number with a million digits);
* an object that gives one key twice (``{"age": 200, "age": 30}``) is kept as
  a :class:`JSONObject` that remembers the repeated keys, so that
  :func:`crs.checks.structure` reports each of them with its field path instead
  of silently keeping the last value;
* a byte order mark at the start of the text is skipped.

``NaN`` and ``Infinity`` are read as :class:`JSONConstant` floats, never as a
missing value; no field accepts them, so each is reported on its field.
"""

from __future__ import annotations

import json
import re
from typing import Any

from crs.errors import ProfileError

__all__ = ["MAX_DIGITS", "JSONConstant", "JSONObject", "decoded", "parse"]

MAX_DIGITS = 4300
"""The most digits a whole number in profile text may have (Python's own limit since 3.11)."""


class JSONObject(dict[str, Any]):
    """A JSON object read from text that gives some keys more than once (the last value kept).

    Attributes:
        duplicates: The keys given more than once, in the order first repeated.
    """

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    repeated: dict[str, None] = {}
    for key, _ in pairs:
        if key in seen:
            repeated[key] = None
        seen.add(key)
    found = JSONObject(pairs)
    found.duplicates = tuple(repeated)
    return found


class JSONConstant(float):
    """``NaN``, ``Infinity`` or ``-Infinity`` as JSON text gives it: a value, never a missing one.

    Python's reader reads them as floats, and a float NaN in a dict is a missing
    value (a frame's empty cell, :func:`crs.checks.structure`); text that writes
    ``NaN`` gave something, so it is reported on its field like any value no
    field accepts.  Shown as the text gave it.
    """

    def __repr__(self) -> str:
        return _CONSTANTS_TEXT.get(str(float(self)), "NaN")


_CONSTANTS_TEXT = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def _constant(text: str) -> JSONConstant:
    return JSONConstant(text)


class _TooLong(ValueError):
    pass


def _whole(text: str) -> int:
    digits = len(text) - text.startswith("-")
    if digits > MAX_DIGITS:
        raise _TooLong(f"a number has {digits} digits (at most {MAX_DIGITS})")
    return int(text)


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_int=_whole, parse_constant=_constant)
_PLAIN = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_constant)
"""For text with no run of digits longer than :data:`MAX_DIGITS` (anywhere, strings
included): its whole numbers are read by the C scanner itself, with no call each."""
_LONG_DIGITS = re.compile(f"(?<![0-9])[0-9]{{{MAX_DIGITS + 1}}}")


def decoded(raw: bytes) -> str:
    """``raw`` read as UTF-8 text.

    Raises:
        ProfileError: Naming the first byte that is not UTF-8 and its position (from 1).
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f"byte 0x{raw[exc.start]:02x} at position {exc.start + 1}"
        raise ProfileError.single("", f"not UTF-8 text ({where})") from None


def parse(text: str) -> Any:
    """The JSON value of ``text``.

    Raises:
        ProfileError: If ``text`` is not JSON, is nested too deeply, or holds a
            number with more than :data:`MAX_DIGITS` digits.

    >>> parse('{"age": 200, "age": 30}').duplicates
    ('age',)
    >>> parse("[" * 100_000)
    Traceback (most recent call last):
    ...
    crs.errors.ProfileError: not valid JSON: nested too deeply
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    decoder = _DECODER if _LONG_DIGITS.search(text) else _PLAIN
    try:
        return decoder.decode(text)
    except _TooLong as exc:
        raise ProfileError.single("", f"not valid JSON: {exc}") from None
    except RecursionError:
        raise ProfileError.single("", "not valid JSON: nested too deeply") from None
    except ValueError as exc:
        raise ProfileError.single("", f"not valid JSON: {exc}") from None
