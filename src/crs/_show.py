"""How a message shows a value from the input: shortened, and writable in any encoding.

Every message that quotes an input value goes through :func:`show` (values) or
:func:`show_key` (object keys), so a 50 MB string, a number with a million
digits, a list nested a thousand deep or a lone surrogate is quoted in at most
80 characters that any output can write.  :mod:`crs.specs` re-exports both.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping

__all__ = ["show", "show_key"]

_SHOW_LIMIT = 80
# What a message must not hold as it is: lone surrogates (no encoding writes them) and
# characters that end a line or move the cursor (one problem is one line of output).
_SURROGATE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def show(value: object) -> str:
    r"""A value as a message shows it: its JSON text where it has one, shortened.

    However large or deep ``value`` is, only the start of it is looked at, so a
    message never holds more than 80 characters of it; a lone surrogate (which
    no output encoding can write) is shown as its ``\\uXXXX`` escape.

    >>> show("x" * 1000)[-10:]
    'xxxxxxx...'
    >>> show(10**1000)
    'a number of about 1001 digits'
    """
    parts: list[str] = []
    _preview(value, parts, _SHOW_LIMIT + 1, 0)
    return _shorten("".join(parts))


def show_key(key: object) -> str:
    """A JSON object key as a field path shows it: as it is, shortened and writable."""
    text = key if isinstance(key, str) else show(key)
    return _shorten(_CONTROL.sub(_escape, text[: _SHOW_LIMIT + 1]))


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _shorten(text: str) -> str:
    return text if len(text) <= _SHOW_LIMIT else text[: _SHOW_LIMIT - 3] + "..."


def _preview(value: object, parts: list[str], budget: int, depth: int) -> int:
    """Append the start of ``value``'s JSON text to ``parts``; return the budget left."""
    if budget <= 0:
        return 0
    if depth > 20:  # deeper than any profile: its start says enough
        parts.append("...")
        return budget - 3
    if isinstance(value, str):
        text = _SURROGATE.sub(_escape, json.dumps(value[:budget], ensure_ascii=False))
    elif type(value) is float and value.is_integer() and abs(value) < 1e16:
        text = str(int(value))  # a whole number (JSON does not tell 7 from 7.0)
    elif isinstance(value, bool) or value is None or type(value) is float:
        text = json.dumps(value)
    elif isinstance(value, int):
        text = _whole(value)
    elif isinstance(value, (list, tuple)):
        parts.append("[")
        budget -= 1
        for i, item in enumerate(value):
            if budget <= 0:
                break
            if i:
                parts.append(", ")
                budget -= 2
            budget = _preview(item, parts, budget, depth + 1)
        parts.append("]")
        return budget - 1
    elif isinstance(value, Mapping):
        parts.append("{")
        budget -= 1
        for i, (key, item) in enumerate(value.items()):
            if budget <= 0:
                break
            if i:
                parts.append(", ")
                budget -= 2
            budget = _preview(key if isinstance(key, str) else str(key), parts, budget, depth + 1)
            parts.append(": ")
            budget = _preview(item, parts, budget - 2, depth + 1)
        parts.append("}")
        return budget - 1
    else:
        text = _CONTROL.sub(_escape, repr(value)[:budget])
    parts.append(text)
    return budget - len(text)


def _whole(value: int) -> str:
    """A whole number's digits, or its size when it has too many to show."""
    if value.bit_length() <= 256:
        return str(value)
    digits = int(value.bit_length() * 0.30103) + 1
    return f"{'-' if value < 0 else ''}a number of about {digits} digits"


def count(n: int, word: str) -> str:
    """``n`` and ``word``, plural unless ``n`` is 1 or -1: ``1 point``, ``2 points``, ``0 years``.

    >>> count(1, "point"), count(2, "year")
    ('1 point', '2 years')
    """
    return f"{n:,} {word if abs(n) == 1 else word + 's'}"


def shown_hours(hours: float) -> str:
    """Hours as a message shows them: whole hours completed, never rounded up.

    1,559.57 hours is shown as 1,559, so that a count short of 1,560 never reads
    "1,560 hours ...; needs 1,560 hours" (the tolerance is the check's own).

    >>> shown_hours(1559.57), shown_hours(1559.9999999), shown_hours(1560)
    ('1,559', '1,560', '1,560')
    """
    return f"{math.floor(hours + 1e-6):,}"
