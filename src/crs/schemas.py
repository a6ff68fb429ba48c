"""JSON Schemas (draft 2020-12) of every document crs reads or writes.

Nothing here is written by hand a second time:

* the **profile** and the **couple** are built from the declarations that
  validate them, :data:`crs.checks.FIELDS` and :data:`crs.checks.RULES`: each
  field's spec gives its fragment (:meth:`crs.specs.Spec.json_schema`: types,
  ranges, enums, patterns, formats); a field without a default is required; a
  field with one may be left out or null (null means "not given", as it does to
  :func:`crs.load_profile`); each rule gives its ``schema`` where JSON Schema
  can say it, and every rule is listed in words in the object's ``description``
  (those JSON Schema cannot say are marked so);
* each **result** is the ``json_schema()`` its class declares next to its
  ``to_json`` (:meth:`crs.Score.json_schema`, ...).

What JSON Schema cannot say, and so a valid document may still be refused by
:func:`crs.load_profile`: a job's ``end`` before its ``start``; a
couple whose partners give different ``settlement_funds`` or
``family_members``.  Formats (``date``, ``date-time``) are assertions only for
a validator that checks formats (``format_checker`` in Python's
``jsonschema``): a pattern keeps the form ``YYYY-MM-DD`` either way, the format
the day of the calendar.

>>> schema("profile")["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> sorted(schema("profile")["$defs"])
['Job', 'LanguageResult', 'Spouse']
"""

from __future__ import annotations

import enum
import functools
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from crs._fields import _defaults
from crs._shapes import STR, arr, nullable, obj, ref
from crs.breakdown import Line, Score
from crs.caveats import DOCS
from crs.checks import FIELDS, RULES
from crs.couples import PrincipalComparison
from crs.draws import Round
from crs.eligibility import CategoryVerdict, EligibilityReport
from crs.errors import UnknownNameError
from crs.placement import Placement, RoundResult
from crs.pool import Standing
from crs.predicates import Reason, Verdict
from crs.profile import Couple, Profile
from crs.reports import ClientReport
from crs.scenarios import Suggestions

__all__ = [
    "DIALECT",
    "NAMES",
    "class_schema",
    "definitions",
    "error_schema",
    "health_schema",
    "schema",
    "schema_text",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every schema here."""


def _json_default(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def class_schema(cls: type) -> dict[str, Any]:
    """The schema of one profile class (:class:`~crs.Profile`, ...), from its declarations.

    Nested objects refer to ``#/$defs/<class name>``.
    """
    defaults = _defaults(cls)
    required: dict[str, Any] = {}
    optional: dict[str, Any] = {}
    for name, spec in FIELDS[cls].items():
        fragment = spec.json_schema()
        default = defaults[name]
        if default is attrs.NOTHING:
            required[name] = fragment
        else:
            optional[name] = nullable(fragment)
            if default is not None:
                optional[name]["default"] = _json_default(default)
    rules = RULES[cls]
    doc = (cls.__doc__ or cls.__name__).strip().splitlines()[0]
    said = "; ".join(dict.fromkeys(r.says for r in rules if r.says))
    found = obj(
        required,
        optional,
        description=doc
        + (f" Rules: {said}." if said else "")
        + " A key given as null is not given, whatever its name.",
        extra={"type": "null"},
    )
    found["properties"] = {name: found["properties"][name] for name in FIELDS[cls]}
    checks = [dict(r.schema) for r in rules if r.schema is not None]
    if checks:
        found["allOf"] = checks
    return found


def error_schema() -> dict[str, Any]:
    """An input that could not be processed, as the CLI and the HTTP service write it.

    The CLI's object (:func:`crs.cli._common.error_object`): ``id`` when the
    input gave a valid one, ``error`` (every problem, joined by ``; ``) and
    ``line`` (the input's line, from 1; for the service, the item's place in
    the batch, from 1).  The service adds ``index`` (the item's index in a
    JSON array, from 0) and ``problems`` (one object per problem: its field
    ``path`` and ``message``).
    """
    problem = obj(
        {"path": STR, "message": STR},
        description="one problem: the field path (empty: the input as a whole) and what is wrong",
    )
    return obj(
        {"error": STR, "line": {"type": "integer", "minimum": 1}},
        {
            "id": STR,
            "index": {"type": "integer", "minimum": 0},
            "problems": arr(problem),
        },
        description="an input that could not be processed, and why",
    )


def health_schema() -> dict[str, Any]:
    """The answer of the service's ``GET /health``."""
    return obj(
        {
            "status": {"const": "ok"},
            "crs_version": STR,
            "rounds_data": nullable({"type": "string", "format": "date"}),
            "rules": STR,
        },
        description="the service is up: the library version and the date of its rounds data",
    )


_DEFS: dict[str, Callable[[], dict[str, Any]]] = {
    "Profile": lambda: class_schema(Profile),
    **{cls.__name__: functools.partial(class_schema, cls) for cls in FIELDS if cls is not Profile},
    "Line": Line.json_schema,
    "Reason": Reason.json_schema,
    "Verdict": Verdict.json_schema,
    "CategoryVerdict": CategoryVerdict.json_schema,
    "Score": Score.json_schema,
    "EligibilityReport": EligibilityReport.json_schema,
    "Round": Round.json_schema,
    "RoundResult": RoundResult.json_schema,
    "Placement": Placement.json_schema,
    "Standing": Standing.json_schema,
    "Error": error_schema,
}
"""Every named definition a document may refer to (``#/$defs/NAME``)."""

_DOCUMENTS: dict[str, tuple[str, Callable[[], dict[str, Any]]]] = {
    "profile": ("A profile (crs score, eligible, rounds, report)", lambda: class_schema(Profile)),
    "couple": ("A couple file (crs couple)", lambda: class_schema(Couple)),
    "score": ("An explained score (crs score --format json)", Score.json_schema),
    "eligibility": (
        "Eligibility for every program and draw category (crs eligible --format json)",
        EligibilityReport.json_schema,
    ),
    "rounds": ("The rounds of invitations (crs rounds --format json)", lambda: arr(ref("Round"))),
    "placement": (
        "A profile placed on the rounds (crs rounds PROFILE --format json)",
        Placement.json_schema,
    ),
    "comparison": (
        "Which partner should be the principal applicant (crs couple --format json)",
        PrincipalComparison.json_schema,
    ),
    "report": ("A client report's content (crs report --format json)", ClientReport.json_schema),
    "what-if": ("What would raise the score (POST /what-if)", Suggestions.json_schema),
    "error": ("An input that could not be processed (CLI and service)", error_schema),
    "health": ("The service's health (GET /health)", health_schema),
}

NAMES: tuple[str, ...] = tuple(_DOCUMENTS)
"""The name of every schema (``crs schema NAME``)."""

_REF = re.compile(r"^#/\$defs/(.+)$")


def _refs(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                match = _REF.match(item)
                if match:
                    yield match.group(1)
            else:
                yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def _with_defs(root: dict[str, Any]) -> dict[str, Any]:
    """``root`` with every definition it refers to, directly or not, under ``$defs``."""
    defs: dict[str, Any] = {}
    todo = list(_refs(root))
    while todo:
        name = todo.pop(0)
        if name in defs:
            continue
        defs[name] = _DEFS[name]()
        todo.extend(_refs(defs[name]))
    if defs:
        root["$defs"] = dict(sorted(defs.items()))
    return root


def schema(name: str, *, batch: bool = False) -> dict[str, Any]:
    """The JSON Schema document ``name`` (one of :data:`NAMES`).

    Args:
        name: What it describes: ``profile``, ``couple``, ``score``, ...
        batch: The schema of a batch instead: a JSON array whose every item is
            the document or an ``error`` object (what ``crs score batch.jsonl
            --format json`` writes, and what the service answers to an array).

    Raises:
        UnknownNameError: If no schema has that name.
    """
    found = _DOCUMENTS.get(name)
    if found is None:
        raise UnknownNameError.of("schema", name, NAMES)
    title, build = found
    body = build()
    if batch:
        title = f"A batch: {title[0].lower()}{title[1:]}, or an error, per item"
        item = dict(body)
        if item.get("type") == "object":  # each result of a batch carries its input's line
            line = {"type": "integer", "minimum": 1, "description": "the input's line, from 1"}
            item["properties"] = {**item["properties"], "line": line}
        body = arr({"anyOf": [item, ref("Error")]})
    head = {
        "$schema": DIALECT,
        "$id": f"{DOCS}schemas/{name}{'-batch' if batch else ''}.json",
        "title": title,
    }
    return _with_defs({**head, **body})


def schema_text(name: str, *, batch: bool = False) -> str:
    """:func:`schema` as indented JSON text, ending with a new line."""
    return json.dumps(schema(name, batch=batch), indent=2, ensure_ascii=False) + "\n"


def definitions() -> dict[str, dict[str, Any]]:
    """Every named definition (``Profile``, ``Score``, ``Error``, ...), for an OpenAPI document."""
    return {name: build() for name, build in _DEFS.items()}
