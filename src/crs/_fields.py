"""The declarations of every check: each field's spec and each cross-field rule.

:data:`FIELDS` and :data:`RULES` are read by every path that checks a profile
(:mod:`crs.checks`, the fast loader, :mod:`crs.columns`, :mod:`crs.schemas`);
they are importable from :mod:`crs.checks`, their public home.  The small
helpers every reader of them shares (:func:`given`, :func:`_defaults`) live
here too, so that the readers import the declarations without a cycle.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs

from crs._shapes import given as given_schema
from crs._shapes import not_given
from crs.language import check_score, scale_day, score_schema
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
)

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
        "nominated_on": Day(optional=True),
        "foreign_military_service_years": Whole(0, 60, optional=True),
        "canadian_armed_forces_offer": Flag(optional=True),
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


def _nominated_on_alone(nominated: object, day: bool) -> str | None:
    if day and nominated is not True:
        return "is the day of a provincial nomination: give provincial_nomination: true too"
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
            alike=(None, None, scale_day),
            schema=score_schema(a),
            says=f"{a.value} is a score on its test's scale (TEF Canada: the “Équivalence "
            "ancien score”, which Express Entry reads)",
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
        Rule(
            "nominated_on",
            ("provincial_nomination", "nominated_on?"),
            _nominated_on_alone,
            schema={
                "anyOf": [
                    not_given("nominated_on"),
                    {
                        "required": ["provincial_nomination"],
                        "properties": {"provincial_nomination": {"const": True}},
                    },
                ]
            },
            says="nominated_on only with provincial_nomination: true",
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


def given(value: object) -> bool:
    """Whether a value counts as given: not None, not an empty list, not unknown."""
    return value is not None and value is not UNKNOWN and value != ()


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
