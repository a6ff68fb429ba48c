"""Every check of a profile, declared once: field constraints and cross-field rules.

Each field of :class:`~crs.Profile`, :class:`~crs.Spouse`, :class:`~crs.Job`
and :class:`~crs.LanguageResult` has one :class:`~crs.specs.Spec` here (its
type, range, choices or form), and each rule that ties fields together is one
:class:`~crs.specs.Rule` (``age`` or ``date_of_birth``; a score on its test's
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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import operator
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from crs._shapes import given as given_schema
from crs._shapes import not_given
from crs.errors import Problem, ProfileError
from crs.language import check_score, score_schema
from crs.profile import (
    ABILITIES,
    Ability,
    ArrangedEmployment,
    CanadianEducation,
    Couple,
    Education,
    Job,
    LanguageResult,
    LanguageTest,
    Profile,
    Spouse,
)
from crs.specs import (
    UNKNOWN,
    Choice,
    Day,
    Flag,
    Invalid,
    Many,
    Moment,
    Nested,
    Noc,
    Number,
    Rule,
    Spec,
    Text,
    Whole,
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


# --------------------------------------------------------------------------- the declarations

_COUNT = Whole(0, 100, optional=True)

ID_LENGTH = 100
"""The longest client id, in characters: room for a CRM key or a name, not a document."""

_ID = Text(ID_LENGTH, optional=True)

FIELDS: dict[type, dict[str, Spec]] = {
    LanguageResult: {
        "test": Choice(LanguageTest),
        **{a.value: Number(what="a score") for a in ABILITIES},
        "test_date": Day(optional=True),
    },
    Job: {
        "noc": Noc(),
        "start": Day(),
        "end": Day(optional=True),
        "hours_per_week": Number(0, 168, low_open=True, what="a number of hours a week"),
        "in_canada": Flag(),
        "self_employed": Flag(),
        "during_full_time_study": Flag(),
    },
    Spouse: {
        "accompanying": Flag(),
        "canadian_citizen_or_pr": Flag(),
        "education": Choice(Education),
        "first_language": Nested(LanguageResult),
        "canadian_work_years": Whole(0, 100),
        "studied_in_canada": Flag(),
    },
    Profile: {
        "id": _ID,
        "education": Choice(Education),
        "age": Whole(0, 120, optional=True),
        "date_of_birth": Day(optional=True),
        "canadian_education": Choice(CanadianEducation, optional=True),
        "first_language": Nested(LanguageResult),
        "second_language": Nested(LanguageResult),
        "canadian_work_years": _COUNT,
        "foreign_work_years": _COUNT,
        "work_history": Many(Job),
        "certificate_of_qualification": Flag(),
        "sibling_in_canada": Flag(),
        "provincial_nomination": Flag(),
        "arranged_employment": Choice(ArrangedEmployment, optional=True),
        "spouse": Nested(Spouse),
        "relative_in_canada": Flag(),
        "studied_in_canada": Flag(),
        "settlement_funds": Whole(0, 10**12, optional=True),
        "family_members": Whole(1, 50, optional=True),
        "submitted_at": Moment(optional=True),
    },
    Couple: {
        "id": _ID,
        "a": Nested(Profile, optional=False),
        "b": Nested(Profile, optional=False),
    },
}
"""The spec of every field of every profile class."""


def _neither(age: bool, born: bool) -> str | None:
    return None if age or born else "give either age or date_of_birth"


def _both(age: bool, born: bool) -> str | None:
    return "give either age or date_of_birth, not both" if age and born else None


def _derived(history: bool, years: bool) -> str | None:
    return "is derived from work_history; do not give both" if history and years else None


def _same_language(first: object, second: object) -> str | None:
    if (
        isinstance(first, LanguageTest)
        and isinstance(second, LanguageTest)
        and first.language is second.language
    ):
        return (
            "must be in the other official language than first_language "
            f"(both are {first.language.value})"
        )
    return None


def _without_first(first: bool, second: bool) -> str | None:
    return "is given without a first_language" if second and not first else None


def _ends_before(start: object, end: object) -> str | None:
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        return f"the job ends ({end}) before it starts ({start})"
    return None


def _partner_is_spouse(spouse: bool) -> str | None:
    return "leave it out: in a couple file the other partner is the spouse" if spouse else None


def _shared(mine: object, theirs: object) -> str | None:
    if mine is not None and theirs is not None and mine != theirs:
        return f"is {show(mine)} here and {show(theirs)} for the other partner; give one value"
    return None


def _on_scale(ability: Ability, test: object, value: object, test_date: object) -> str | None:
    return check_score(test, ability, value, test_date)


def _one_language(language: object) -> dict[str, Any]:
    """A language result (an object) of a test in ``language``."""
    tests = [t.value for t in LanguageTest if t.language is language]
    return {"type": "object", "required": ["test"], "properties": {"test": {"enum": tests}}}


_AGE_OR_BORN = {"anyOf": [given_schema("age"), given_schema("date_of_birth")]}
_NOT_BOTH = {"not": {"allOf": [given_schema("age"), given_schema("date_of_birth")]}}
_OTHER_LANGUAGE = {
    "allOf": [
        {
            "not": {
                "required": ["first_language", "second_language"],
                "properties": {
                    "first_language": _one_language(language),
                    "second_language": _one_language(language),
                },
            }
        }
        for language in dict.fromkeys(t.language for t in LanguageTest)
    ]
}


def _not_with_history(field: str) -> dict[str, Any]:
    return {"not": {"allOf": [given_schema("work_history", listed=True), given_schema(field)]}}


RULES: dict[type, tuple[Rule, ...]] = {
    LanguageResult: tuple(
        Rule(
            a.value,
            ("test", a.value, "test_date"),
            functools.partial(_on_scale, a),
            schema=score_schema(a),
            says=f"{a.value} is a score on its test's scale (TEF Canada before 2019-10-01: "
            "the older, narrower scale, which JSON Schema cannot tell by date)",
        )
        for a in ABILITIES
    ),
    Job: (
        Rule(
            "end",
            ("start", "end"),
            _ends_before,
            says="end is on or after start (not expressible: JSON Schema compares no dates)",
        ),
    ),
    Spouse: (),
    Profile: (
        Rule(
            "age",
            ("age?", "date_of_birth?"),
            _neither,
            schema=_AGE_OR_BORN,
            says="give age or date_of_birth",
        ),
        Rule(
            "date_of_birth",
            ("age?", "date_of_birth?"),
            _both,
            schema=_NOT_BOTH,
            says="not both age and date_of_birth",
        ),
        Rule(
            "canadian_work_years",
            ("work_history?", "canadian_work_years?"),
            _derived,
            schema=_not_with_history("canadian_work_years"),
            says="canadian_work_years is derived from a work_history: not both",
        ),
        Rule(
            "foreign_work_years",
            ("work_history?", "foreign_work_years?"),
            _derived,
            schema=_not_with_history("foreign_work_years"),
            says="foreign_work_years is derived from a work_history: not both",
        ),
        Rule(
            "second_language",
            ("first_language.test", "second_language.test"),
            _same_language,
            schema=_OTHER_LANGUAGE,
            says="second_language is in the other official language than first_language",
        ),
        Rule(
            "second_language",
            ("first_language?", "second_language?"),
            _without_first,
            schema={"anyOf": [not_given("second_language"), given_schema("first_language")]},
            says="a second_language only with a first_language",
        ),
    ),
    Couple: (
        Rule(
            "a.spouse",
            ("a.spouse?",),
            _partner_is_spouse,
            schema={"properties": {"a": not_given("spouse")}},
            says="a gives no spouse: the other partner is the spouse",
        ),
        Rule(
            "b.spouse",
            ("b.spouse?",),
            _partner_is_spouse,
            schema={"properties": {"b": not_given("spouse")}},
            says="b gives no spouse: the other partner is the spouse",
        ),
        Rule(
            "b.settlement_funds",
            ("b.settlement_funds", "a.settlement_funds"),
            _shared,
            says="where both give settlement_funds, they agree (not expressible: JSON Schema "
            "compares no two values)",
        ),
        Rule(
            "b.family_members",
            ("b.family_members", "a.family_members"),
            _shared,
            says="where both give family_members, they agree (not expressible: JSON Schema "
            "compares no two values)",
        ),
    ),
}
"""The cross-field rules of every profile class, checked after its fields, in order."""


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


def given(value: object) -> bool:
    """Whether a value counts as given: not None, not an empty list, not unknown."""
    return value is not None and value is not UNKNOWN and value != ()


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


_DEFAULTS: dict[type, dict[str, object]] = {}


def _defaults(cls: type) -> dict[str, object]:
    found = _DEFAULTS.get(cls)
    if found is None:
        found = {}
        for field in attrs.fields(cls):
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            found[field.name] = default
        _DEFAULTS[cls] = found
    return found


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


# --------------------------------------------------------------------------- the fast path

_FAIL: Any = object()
"""What the fast path returns for anything it does not accept plainly."""


def _quick(spec: Spec) -> Any:
    """A reader of one field's JSON value that returns :data:`_FAIL` instead of a message.

    It accepts a subset of what ``spec.read`` accepts, with the same value;
    the rest goes to the full engine (``tests/test_fast_loader.py`` proves it).
    """
    if isinstance(spec, Nested):
        cls = spec.cls
        return lambda raw: _fast(cls, raw)
    if isinstance(spec, Many):
        cls = spec.cls

        def many(raw: object) -> Any:
            if type(raw) is not list:
                return _FAIL
            items = tuple(_fast(cls, item) for item in raw)
            return _FAIL if _FAIL in items else items

        return many
    if type(spec) is Whole:
        low, high = spec.low, spec.high
        return lambda raw: raw if type(raw) is int and low <= raw <= high else _FAIL
    if type(spec) is Flag:
        return lambda raw: raw if raw is True or raw is False else _FAIL
    if type(spec) is Choice:
        members = spec._values
        return lambda raw: members.get(raw, _FAIL) if type(raw) is str else _FAIL
    check, read = spec.check, spec.read
    if type(spec) is Number:
        if spec.low is None and spec.high is None:
            # Any int is finite and in range; a float still goes through the check.
            return lambda raw: (
                raw if type(raw) is int or (type(raw) is float and check(raw) is None) else _FAIL
            )
        return lambda raw: raw if type(raw) in (int, float) and check(raw) is None else _FAIL

    def other(raw: object) -> Any:
        try:
            return read(raw)
        except Invalid:
            return _FAIL

    return other


def _getter(path: str) -> Any:
    """A reader of a rule's path from the values of an object being built."""
    whether = path.endswith("?")
    name, *rest = (path[:-1] if whether else path).split(".")

    def get(values: Mapping[str, object]) -> object:
        value = values[name]
        for attribute in rest:
            if value is None:
                break
            value = getattr(value, attribute)
        return given(value) if whether else value

    return get


def _rule_reader(rule: Rule) -> tuple[Any, Any, set[Any]]:
    """The rule's test, its arguments from the values, and the arguments it has passed with.

    A rule is a pure function of its arguments, so arguments that passed once pass again.
    """
    passed: set[Any] = set()
    if all(read.isidentifier() for read in rule.reads):
        if len(rule.reads) == 1:
            name = rule.reads[0]
            return rule.test, lambda values: (values[name],), passed
        return rule.test, operator.itemgetter(*rule.reads), passed
    getters = tuple(_getter(read) for read in rule.reads)
    return rule.test, lambda values: tuple(get(values) for get in getters), passed


class _Plan:
    """How the fast path reads one class: a reader per key, defaults, required keys, rules."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.readers = {name: _quick(spec) for name, spec in FIELDS[cls].items()}
        self.defaults = {
            name: value for name, value in _defaults(cls).items() if value is not attrs.NOTHING
        }
        self.required = frozenset(_defaults(cls)) - self.defaults.keys()
        self.known = frozenset(self.readers)
        self.rules = tuple(_rule_reader(rule) for rule in RULES[cls])
        self.setters = tuple((name, getattr(cls, name).__set__) for name in FIELDS[cls])


_PLANS: dict[type, _Plan] = {}


def _fast(cls: type, raw: object) -> Any:
    """The object of ``raw`` when it is plainly valid, else :data:`_FAIL`."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    if type(raw) is not dict or not raw.keys() <= plan.known:
        return _FAIL
    values = dict(plan.defaults)
    readers = plan.readers
    for name, value in raw.items():
        if value is not None:
            value = readers[name](value)
            if value is _FAIL:
                return _FAIL
            values[name] = value
    for name in plan.required:
        if name not in values:
            return _FAIL
    for test, arguments, passed in plan.rules:
        args = arguments(values)
        try:
            known = args in passed
        except TypeError:  # an unhashable argument: test it each time
            known = False
        if not known:
            if test(*args) is not None:
                return _FAIL
            if len(passed) < 50_000:
                with contextlib.suppress(TypeError):
                    passed.add(args)
    obj: Any = object.__new__(cls)
    for name, set_value in plan.setters:
        set_value(obj, values[name])
    return obj


def id_of(cls: type, raw: object) -> str | None:
    """The valid ``id`` that JSON ``raw`` of class ``cls`` gives, or None (none, or not valid)."""
    spec = FIELDS[cls].get("id")
    if spec is None or not isinstance(raw, Mapping):
        return None
    value = raw.get("id")
    return value if isinstance(value, str) and spec.check(value) is None else None


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
