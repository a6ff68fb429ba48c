"""The profile JSON format (version 1): one strict cattrs converter at the edge.

:func:`load_profile` turns a JSON object into a checked, frozen
:class:`~crs.Profile`; :func:`dump_profile` turns it back (``load(dump(p)) ==
p``).  Loading is strict: unknown keys, wrong types (``29.5`` for an age,
``"yes"`` for a boolean), values out of range and conflicting keys are all
errors.  Every problem is collected and reported at once, each with its field
path, in one :class:`~crs.ProfileError`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn

from crs._json import decoded, parse
from crs.checks import FIELDS, structure
from crs.errors import ProfileError
from crs.profile import Couple, Profile
from crs.specs import show

__all__ = [
    "converter",
    "dump_couple",
    "dump_profile",
    "load_couple",
    "load_profile",
    "loads_couple",
    "loads_profile",
]


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    for cls in FIELDS:  # reading goes through the declared checks (crs.checks)
        conv.register_structure_hook(cls, structure_hook)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.datetime, _datetime_text)
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda _: _enum_value
    )
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )
    return conv


def structure_hook(value: object, cls: type) -> Any:
    """Read a profile class from JSON through :func:`crs.checks.structure`."""
    return structure(cls, value)


def _enum_value(member: enum.Enum) -> object:
    return member.value


def _datetime_text(moment: dt.datetime) -> str:
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


converter: cattrs.Converter = _make_converter()
"""The one converter between profile JSON and profile objects (reading uses :mod:`crs.checks`)."""


def load_profile(data: Mapping[str, Any]) -> Profile:
    """Build a checked :class:`~crs.Profile` from a JSON object (a mapping).

    Raises:
        ProfileError: With every problem found, each with its field path.

    >>> p = load_profile({"age": 30, "education": "masters"})
    >>> p.age, p.education.value
    (30, 'masters')
    >>> load_profile({"age": 29.5, "education": "phd"})
    Traceback (most recent call last):
    ...
    crs.errors.ProfileError: education: "phd" is not one of: less_than_secondary, secondary, \
one_year_post_secondary, two_year_post_secondary, bachelors, two_or_more_credentials, masters, \
doctoral
    age: 29.5 is not a whole number
    """
    if not isinstance(data, Mapping):
        raise ProfileError.single("", f"a profile is a JSON object, not {show(data)}")
    profile: Profile = structure(Profile, data)
    return profile


def loads_profile(text: str | bytes) -> Profile:
    """Build a profile from JSON text (or its UTF-8 bytes, as a file read in binary gives).

    Raises:
        ProfileError: If the text is not JSON (or the bytes not UTF-8), or not a
            valid profile (a key given twice in one object is a problem too,
            with its path).
        TypeError: If ``text`` is neither text nor bytes.
    """
    return load_profile(parse(_text_of(text, "loads_profile")))


def dump_profile(profile: Profile) -> dict[str, Any]:
    """The JSON object of ``profile``, leaving out keys at their defaults.

    >>> dump_profile(load_profile({"age": 30, "education": "masters"}))
    {'education': 'masters', 'age': 30}
    """
    data: dict[str, Any] = converter.unstructure(profile)
    return data


def load_couple(data: Mapping[str, Any]) -> Couple:
    """Build a checked :class:`~crs.Couple` from a couple file's JSON object.

    The object is ``{"a": PROFILE, "b": PROFILE}`` with an optional ``id``; each
    profile is read with every check of :func:`load_profile`, its problems'
    paths starting with ``a.`` or ``b.``; neither gives a ``spouse`` (the other
    partner is the spouse), and settlement funds and family size, where both
    give them, agree.

    Raises:
        ProfileError: With every problem found, each with its field path.

    >>> couple = load_couple({"a": {"age": 30, "education": "masters"},
    ...                       "b": {"age": 31, "education": "bachelors", "spouse": {}}})
    Traceback (most recent call last):
    ...
    crs.errors.ProfileError: b.spouse: leave it out: in a couple file the other partner is \
the spouse
    """
    if not isinstance(data, Mapping):
        raise ProfileError.single("", f"a couple is a JSON object, not {show(data)}")
    couple: Couple = structure(Couple, data)
    return couple


def loads_couple(text: str | bytes) -> Couple:
    """Build a couple from a couple file's JSON text (or its UTF-8 bytes), as ``crs couple`` does.

    The text is read by the one reader of profile text (:func:`loads_profile`'s):
    a key given twice and ``NaN`` are each reported on their field.

    Raises:
        ProfileError: If the text is not JSON, or not a valid couple.
        TypeError: If ``text`` is neither text nor bytes.
    """
    return load_couple(parse(_text_of(text, "loads_couple")))


def _text_of(text: object, caller: str) -> str:
    """``text`` as text: bytes read as UTF-8 (a file read in binary)."""
    if isinstance(text, (bytes, bytearray)):
        return decoded(bytes(text))
    if not isinstance(text, str):
        raise TypeError(f"{caller} takes JSON text (str or bytes), not {type(text).__name__}")
    return text


def dump_couple(couple: Couple) -> dict[str, Any]:
    """The JSON object of ``couple``, keys at their defaults left out (``load(dump(c)) == c``)."""
    data: dict[str, Any] = converter.unstructure(couple)
    return data
