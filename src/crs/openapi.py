"""The OpenAPI 3.1 document of ``crs serve``, built from the JSON Schemas of :mod:`crs.schemas`.

OpenAPI 3.1 uses JSON Schema draft 2020-12 as it is, so every request and
answer refers to the same definitions ``crs schema`` prints (moved from each
document's ``$defs`` to ``components/schemas``).  This module needs no web
framework: the service serves :func:`openapi` at ``/openapi.json``, and the
documentation publishes it.
"""

from __future__ import annotations

import json
from typing import Any

from crs._version import __version__
from crs.schemas import NAMES, definitions, schema

__all__ = ["COMPONENTS", "ENDPOINTS", "openapi"]

COMPONENTS: dict[str, str] = {
    "profile": "Profile",
    "couple": "Couple",
    "score": "Score",
    "eligibility": "EligibilityReport",
    "rounds": "Rounds",
    "placement": "Placement",
    "comparison": "Comparison",
    "report": "Report",
    "what-if": "WhatIf",
    "error": "Error",
    "health": "Health",
}
"""The component name of each schema document."""

ENDPOINTS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "/score": ("profile", "score", "The explained CRS score (crs score).", ("on",)),
    "/eligible": (
        "profile",
        "eligibility",
        "Eligibility for FSW, CEC, FST and every draw category in force (crs eligible).",
        ("on",),
    ),
    "/rounds": (
        "profile",
        "placement",
        "The profile placed on the rounds of invitations (crs rounds PROFILE).",
        ("on", "since", "until", "category"),
    ),
    "/couple": (
        "couple",
        "comparison",
        "Which partner should be the principal applicant (crs couple).",
        ("on", "since"),
    ),
    "/report": (
        "profile",
        "report",
        "The client report: its content as JSON, or the page with format=html (crs report).",
        ("on", "since", "format"),
    ),
    "/what-if": (
        "profile",
        "what-if",
        "What would raise the score, largest gain first (crs.what_if).",
        ("on",),
    ),
}
"""Each POST endpoint: (input schema, answer schema, summary, query parameters)."""

ROUNDS_PARAMETERS = ("on", "since", "until", "category")
"""The query parameters of ``GET /rounds``."""

_PARAMETERS: dict[str, dict[str, Any]] = {
    "on": {"description": "the date to compute for (default: today)", "format": "date"},
    "since": {"description": "rounds on or after this date", "format": "date"},
    "until": {"description": "rounds on or before this date (default: on)", "format": "date"},
    "category": {"description": "only the rounds of this category or program"},
    "format": {"description": "json (default) or html: the page to hand the client"},
}

_ERROR = {"$ref": "#/components/schemas/Error"}


def _move_refs(value: Any) -> Any:
    text = json.dumps(value).replace('"#/$defs/', '"#/components/schemas/')
    return json.loads(text)


def _body(name: str) -> dict[str, Any]:
    found = schema(name)
    for key in ("$schema", "$id", "$defs"):
        found.pop(key, None)
    result: dict[str, Any] = _move_refs(found)
    return result


def _component(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{COMPONENTS[name]}"}


def _post(source: str, answer: str, summary: str, params: tuple[str, ...]) -> dict[str, Any]:
    one = _component(answer)
    responses: dict[str, Any] = {
        "200": {
            "description": "the result; for a batch, one result or error object per item, in order",
            "content": {
                "application/json": {
                    # anyOf: an empty batch's [] is also an empty placement (a list of rounds)
                    "schema": {"anyOf": [one, {"type": "array", "items": {"anyOf": [one, _ERROR]}}]}
                }
            },
        },
        "400": {
            "description": "a bad or unknown query parameter (on=2026-13-01, date=...)",
            "content": {"application/json": {"schema": _ERROR}},
        },
        "413": {
            "description": "the body is over the size limit",
            "content": {"application/json": {"schema": _ERROR}},
        },
        "422": {
            "description": "the input is not valid: every problem, each with its field path",
            "content": {"application/json": {"schema": _ERROR}},
        },
        "500": {
            "description": "a defect in crs (please report it); never a traceback",
            "content": {"application/json": {"schema": _ERROR}},
        },
    }
    if "format" in params:
        responses["200"]["content"]["text/html"] = {"schema": {"type": "string"}}
    item = _component(source)
    return {
        "summary": summary,
        "parameters": [
            {"name": p, "in": "query", "required": False, "schema": {"type": "string"}}
            | {"description": _PARAMETERS[p]["description"]}
            for p in params
        ],
        "requestBody": {
            "required": True,
            "description": "one document, or a batch: a JSON array of them",
            "content": {
                "application/json": {"schema": {"anyOf": [item, {"type": "array", "items": item}]}}
            },
        },
        "responses": responses,
    }


def openapi() -> dict[str, Any]:
    """The OpenAPI 3.1 document of the service."""
    components = _move_refs(definitions())
    for name in NAMES:
        components.setdefault(COMPONENTS[name], _body(name))
    paths: dict[str, Any] = {path: {"post": _post(*spec)} for path, spec in ENDPOINTS.items()}
    paths["/rounds"]["get"] = {
        "summary": "The rounds of invitations (crs rounds).",
        "parameters": [
            {"name": p, "in": "query", "required": False, "schema": {"type": "string"}}
            | {"description": _PARAMETERS[p]["description"]}
            for p in ROUNDS_PARAMETERS
        ],
        "responses": {
            "200": {
                "description": "every round selected, oldest first",
                "content": {"application/json": {"schema": _component("rounds")}},
            },
            "400": {
                "description": "a bad or unknown query parameter (on=2026-13-01, date=...)",
                "content": {"application/json": {"schema": _ERROR}},
            },
        },
    }
    paths["/health"] = {
        "get": {
            "summary": "The library version and the date of the newest bundled round.",
            "responses": {
                "200": {
                    "description": "the service is up",
                    "content": {"application/json": {"schema": _component("health")}},
                }
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "crs: the Express Entry Comprehensive Ranking System",
            "version": __version__,
            "description": (
                "Each POST takes the JSON the crs command takes (one document, or a "
                "JSON array of them) and answers the JSON it writes with --format json."
            ),
        },
        "paths": paths,
        "components": {"schemas": components},
    }
