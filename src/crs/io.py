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
import difflib
import enum
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from crs.errors import Problem, ProfileError
from crs.profile import Job, LanguageTest, Profile

__all__ = ["converter", "dump_profile", "load_profile", "loads_profile"]

T = TypeVar("T")

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Invalid(ValueError):
    """A value of the wrong type or form, with the message to show."""


def _int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _Invalid(f"{_show(value)} is not a whole number")
    return value


def _float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid(f"{_show(value)} is not a number")
    return value


def _bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"{_show(value)} is not true or false")
    return value


def _str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"{_show(value)} is not a string")
    return value


def _date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _Invalid(f"{_show(value)} is not a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid(f"{_show(value)} is not a date of the calendar") from None


def _datetime(value: object, _: type) -> dt.datetime:
    if not isinstance(value, str):
        raise _Invalid(f"{_show(value)} is not a date and time")
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Invalid(
            f"{_show(value)} is not a date and time (e.g. 2026-01-03T03:25:14Z)"
        ) from None
    if moment.utcoffset() is None:
        raise _Invalid(f"{_show(value)} has no time zone (add Z for UTC)")
    return moment


def _enum(kind: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    values = {member.value: member for member in kind}

    def structure(value: object, _: type) -> enum.Enum:
        member = values.get(value) if isinstance(value, str) else None
        if member is None:
            raise _Invalid(f"{_show(value)} is not one of: {', '.join(values)}")
        return member

    return structure


def _jobs(value: object, _: type) -> tuple[Job, ...]:
    if not isinstance(value, list):
        raise _Invalid(f"{_show(value)} is not a list of jobs")
    problems: list[Problem] = []
    jobs = []
    for index, item in enumerate(value):
        try:
            jobs.append(converter.structure(item, Job))
        except Exception as exc:  # collected and reported with the job's index
            problems.extend(_problems(exc, f"[{index}]"))
    if problems:
        raise ProfileError(problems)
    return tuple(jobs)


def _show(value: object) -> str:
    return json.dumps(value) if _jsonable(value) else repr(value)


def _jsonable(value: object) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(dt.datetime, _datetime)
    conv.register_structure_hook_func(lambda t: t == tuple[Job, ...], _jobs)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum
    )
    conv.register_structure_hook_factory(attrs.has, lambda cls: _object_hook(cls, conv))
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.datetime, _datetime_text)
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda _: lambda e: e.value
    )
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )
    return conv


def _datetime_text(moment: dt.datetime) -> str:
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _object_hook(cls: type[T], conv: cattrs.Converter) -> Callable[[object, type], T]:
    inner = make_dict_structure_fn(cls, conv)

    def structure(value: object, kind: type) -> T:
        if not isinstance(value, Mapping):
            raise _Invalid(f"{_show(value)} is not a JSON object")
        return inner(value, kind)

    return structure


converter: cattrs.Converter = _make_converter()
"""The one converter between profile JSON and profile objects."""


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
        raise ProfileError.single("", f"a profile is a JSON object, not {_show(data)}")
    try:
        return converter.structure(data, Profile)
    except Exception as exc:  # every failure becomes a ProfileError with paths
        problems = _problems(exc, "")
    # A field-level error stops the constructor's cross-field checks; run them
    # on the raw object so that every problem is reported at once.
    seen = set(problems)
    problems.extend(p for p in _raw_conflicts(data) if p not in seen)
    raise ProfileError(problems)


def _raw_conflicts(data: Mapping[str, Any]) -> list[Problem]:
    out = []
    if "age" in data and "date_of_birth" in data:
        out.append(Problem("date_of_birth", "give either age or date_of_birth, not both"))
    elif "age" not in data and "date_of_birth" not in data:
        out.append(Problem("age", "give either age or date_of_birth"))
    if data.get("work_history"):
        for name in ("canadian_work_years", "foreign_work_years"):
            if name in data:
                out.append(Problem(name, "is derived from work_history; do not give both"))
    tests = []
    for name in ("first_language", "second_language"):
        result = data.get(name)
        test = result.get("test") if isinstance(result, Mapping) else None
        tests.append(_TEST_LANGUAGES.get(test) if isinstance(test, str) else None)
    if tests[0] is not None and tests[0] == tests[1]:
        out.append(
            Problem(
                "second_language",
                f"must be in the other official language than first_language (both are {tests[0]})",
            )
        )
    return out


_TEST_LANGUAGES = {test.value: test.language.value for test in LanguageTest}


def loads_profile(text: str) -> Profile:
    """Build a profile from JSON text.

    Raises:
        ProfileError: If the text is not JSON, or not a valid profile.
    """
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ProfileError.single("", f"not valid JSON: {exc}") from None
    return load_profile(data)


def dump_profile(profile: Profile) -> dict[str, Any]:
    """The JSON object of ``profile``, leaving out keys at their defaults.

    >>> dump_profile(load_profile({"age": 30, "education": "masters"}))
    {'education': 'masters', 'age': 30}
    """
    data: dict[str, Any] = converter.unstructure(profile)
    return data


def _join(path: str, name: str) -> str:
    if not path:
        return name
    return f"{path}{name}" if name.startswith("[") else f"{path}.{name}"


def _problems(exc: BaseException, path: str) -> list[Problem]:
    """Every problem inside ``exc``, with field paths starting at ``path``."""
    if isinstance(exc, ProfileError):
        return list(exc.prefixed(path).problems) if path else list(exc.problems)
    if isinstance(exc, ForbiddenExtraKeysError):
        names = attrs.fields_dict(exc.cl) if attrs.has(exc.cl) else {}
        out = []
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, list(names), n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            out.append(Problem(_join(path, key), f"unknown key{hint}"))
        return out
    if isinstance(exc, BaseValidationError):
        out = []
        for sub in exc.exceptions:
            where = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    where = _join(path, note.name)
                elif isinstance(note, IterableValidationNote):
                    where = _join(path, f"[{note.index}]")
            out.extend(_problems(sub, where))
        return out
    if isinstance(exc, KeyError):
        return [Problem(path, "is required")]
    if isinstance(exc, _Invalid):
        return [Problem(path, str(exc))]
    return [Problem(path, f"{exc}")]
