"""Every check of a profile, declared once: field constraints and cross-field rules.

Each field of :class:`~crs.Profile`, :class:`~crs.Spouse`, :class:`~crs.Job`
and :class:`~crs.LanguageResult` has one :class:`~crs.specs.Spec` in :data:`FIELDS`
(its type, range, choices or form), and each rule that ties fields together is one
:class:`~crs.specs.Rule` in :data:`RULES` (``age`` or ``date_of_birth``; a score on its test's
scale; a job that ends before it starts; ...).  Every path reads these
declarations and nothing else:

* :func:`crs.load_profile` reads JSON with :meth:`Spec.read` and the rules
  (:func:`structure`);
* a profile built in Python checks itself with :meth:`Spec.check` and the rules
  (:func:`problems_of`);
* :func:`crs.score_frame` checks each distinct value of a column with
  :meth:`Spec.read` and each distinct combination of a rule's inputs with the
  rule itself (:mod:`crs.columns`).

So an input is accepted by one entry point if and only if it is accepted by all
of them.  Every problem is collected, whatever its kind, each with its path.

The declarations are kept in ``crs/_fields.py`` and the loader's fast path in
``crs/_fastload.py``; this module is their public home and the engine.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from crs._fastload import _FAIL, _fast
from crs._fields import FIELDS, ID_LENGTH, RULES, _defaults, given
from crs.errors import Problem, ProfileError
from crs.profile import Profile
from crs.specs import (
    UNKNOWN,
    Invalid,
    Many,
    Nested,
    Spec,
    show,
    show_key,
)

__all__ = [
    "FIELDS",
    "ID_LENGTH",
    "RULES",
    "check_all",
    "field_names",
    "given",
    "id_of",
    "problems_of",
    "spec_at",
    "structure",
]


# --------------------------------------------------------------------------- the engine


def spec_at(path: str, cls: type = Profile) -> Spec | None:
    """The spec of the field at dotted ``path`` (``spouse.first_language.test``), or None."""
    *parents, leaf = path.split(".")
    for name in parents:
        spec = FIELDS[cls].get(name)
        if not isinstance(spec, Nested):
            return None
        cls = spec.cls
    return FIELDS[cls].get(leaf)


def _join(path: str, name: str) -> str:
    if not path:
        return name
    return f"{path}{name}" if name.startswith("[") else f"{path}.{name}"


def _read_path(obj: object, path: str) -> object:
    if path.endswith("?"):
        value = _read_path(obj, path[:-1])
        return UNKNOWN if value is UNKNOWN else given(value)
    for name in path.split("."):
        if obj is None or obj is UNKNOWN:
            return obj
        obj = getattr(obj, name, UNKNOWN)
    return obj


def _rule_problems(cls: type, obj: object, path: str) -> Iterator[Problem]:
    for rule in RULES[cls]:
        values = [_read_path(obj, read) for read in rule.reads]
        if any(value is UNKNOWN for value in values):
            continue
        message = rule.test(*values)
        if message is not None:
            yield Problem(_join(path, rule.path), message)


def problems_of(obj: object) -> list[Problem]:
    """Every problem of a profile object built in Python (fields, then rules)."""
    cls = type(obj)
    problems: list[Problem] = []
    partial = _Partial()
    for name, spec in FIELDS[cls].items():
        value = getattr(obj, name)
        if value is None and spec.optional:
            setattr(partial, name, None)
            continue
        message = spec.check(value)
        if message is None and isinstance(spec, Many):
            for i, item in enumerate(value):
                if not isinstance(item, spec.cls):
                    problems.append(
                        Problem(f"{name}[{i}]", f"{show(item)} is not a {spec.cls.__name__}")
                    )
                    message = ""
        if message:
            problems.append(Problem(name, message))
        setattr(partial, name, UNKNOWN if message is not None else value)
    problems.extend(_rule_problems(cls, partial, ""))
    return problems


class _Partial:
    """The fields of an object read so far; a failed one is UNKNOWN."""


def _new(cls: type, values: Mapping[str, object]) -> Any:
    """An instance of ``cls`` with ``values``, already checked: no check runs again."""
    obj: Any = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


_ID_LIKE = frozenset(
    {"name", "client", "client_id", "client_name", "reference", "ref", "file", "file_number"}
)
"""Keys a user may try for a client's id: the message points them to ``id``."""


def _absent(value: object) -> bool:
    """None, or a float NaN (pandas' missing value; JSON text has no NaN)."""
    return value is None or (type(value) is float and value != value)


def _read(cls: type, raw: object, path: str, problems: list[Problem]) -> object:
    """The object of ``raw`` (its problems added to ``problems``), or a partial one."""
    if not isinstance(raw, Mapping):
        problems.append(Problem(path, f"{show(raw)} is not a JSON object"))
        return UNKNOWN
    fields = FIELDS[cls]
    defaults = _defaults(cls)
    values: dict[str, object] = {}
    failed = False
    for name, spec in fields.items():
        where = _join(path, name)
        value = raw.get(name)
        if _absent(value):  # null (or NaN) is "not given", as a missing cell in a frame
            default = defaults[name]
            if default is attrs.NOTHING:
                problems.append(Problem(where, "is required"))
                values[name] = UNKNOWN
                failed = True
            else:
                values[name] = default
            continue
        if isinstance(spec, Nested):
            values[name] = item = _read(spec.cls, value, where, problems)
            failed |= item is UNKNOWN or isinstance(item, _Partial)
            continue
        if isinstance(spec, Many):
            values[name] = items = _read_many(spec.cls, value, where, problems)
            failed |= items is UNKNOWN
            continue
        try:
            values[name] = spec.read(value)
        except Invalid as exc:
            problems.append(Problem(where, str(exc)))
            values[name] = UNKNOWN
            failed = True
    # Unknown keys, in order of their names; null is "not given", whatever the key.
    unknown = (
        show_key(key) for key, value in raw.items() if key not in fields and not _absent(value)
    )
    for name in sorted(unknown):
        close = difflib.get_close_matches(name, list(fields), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        if not close and "id" in fields and name.lower() in _ID_LIKE:
            hint = "; a client's name or number goes in id"
        problems.append(Problem(_join(path, name), f"unknown key{hint}"))
        failed = True
    for key in getattr(raw, "duplicates", ()):
        # JSON text with one key twice (crs._json): which value was meant is unknown.
        problems.append(Problem(_join(path, show_key(key)), "is given more than once"))
        failed = True
    partial = _Partial()
    partial.__dict__.update(values)
    before = len(problems)
    problems.extend(_rule_problems(cls, partial, path))
    if failed or len(problems) > before:
        return partial
    return _new(cls, values)


def _read_many(cls: type, raw: object, path: str, problems: list[Problem]) -> object:
    if not isinstance(raw, list):
        problems.append(Problem(path, f"{show(raw)} is not a list of {cls.__name__} objects"))
        return UNKNOWN
    items = []
    failed = False
    for i, item in enumerate(raw):
        found = _read(cls, item, _join(path, f"[{i}]"), problems)
        failed |= found is UNKNOWN or isinstance(found, _Partial)
        items.append(found)
    return UNKNOWN if failed else tuple(items)


def structure(cls: type, raw: object) -> Any:
    """The checked object of class ``cls`` that JSON ``raw`` describes.

    Well-formed JSON takes a strict fast path (:func:`_fast`): the same specs
    and rules, read only for the keys given.  Anything it does not accept
    plainly (a problem, ``30.0`` for a whole number, an unknown key) goes
    through the full engine, which collects every problem with its message.

    Raises:
        ProfileError: With every problem found, each with its path, and the
            object's ``id`` when it gives a valid one (so that a batch's errors
            name their client).
    """
    found = _fast(cls, raw)
    if found is not _FAIL:
        return found
    problems: list[Problem] = []
    found = _read(cls, raw, "", problems)
    if problems:
        raise ProfileError(problems, id=id_of(cls, raw))
    return found


def id_of(cls: type, raw: object) -> str | None:
    """The valid ``id`` that JSON ``raw`` of class ``cls`` gives, or None (none, or not valid)."""
    spec = FIELDS[cls].get("id")
    if spec is None or not isinstance(raw, Mapping):
        return None
    try:  # read as the loader reads it: a whole number (a CRM key) is its digits
        value = spec.read(raw.get("id"))
    except Invalid:
        return None
    return value if isinstance(value, str) else None


def field_names(cls: type = Profile, prefix: str = "") -> Iterator[tuple[str, Spec]]:
    """Every leaf field below ``cls`` as (dotted path, spec): the flat form's columns.

    A nested object's own path is listed too (it may hold a whole object, or say
    that the object is given when all its fields are at their defaults); a list
    (``work_history``) is one column of lists.
    """
    for name, spec in FIELDS[cls].items():
        path = _join(prefix, name)
        if isinstance(spec, Nested):
            yield path, spec
            yield from field_names(spec.cls, path)
        else:
            yield path, spec


def check_all(obj: object) -> None:
    """Raise :class:`~crs.ProfileError` with every problem of ``obj``, if it has any."""
    problems = problems_of(obj)
    if problems:
        found = getattr(obj, "id", None)
        ok = isinstance(found, str) and "id" not in {p.path for p in problems}
        raise ProfileError(problems, id=found if ok else None)
