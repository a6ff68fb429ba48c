"""A small vocabulary of JSON Schema (draft 2020-12) fragments.

The profile's schema is built from :data:`crs.checks.FIELDS` and
:data:`crs.checks.RULES` (each spec and rule gives its own fragment); each
result class declares the shape of its ``to_json`` next to it with these
helpers (``Score.json_schema()``, ...), and :mod:`crs.schemas` puts them
together.  Nothing here knows about profiles or results.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "BOOL",
    "DATE",
    "INT",
    "NUMBER",
    "STR",
    "arr",
    "given",
    "not_given",
    "nullable",
    "obj",
    "ref",
]

Schema = dict[str, Any]

STR: Schema = {"type": "string"}
INT: Schema = {"type": "integer"}
NUMBER: Schema = {"type": "number"}
BOOL: Schema = {"type": "boolean"}
DATE: Schema = {"type": "string", "format": "date"}


def nullable(schema: Mapping[str, Any]) -> Schema:
    """``schema`` or null."""
    return {"anyOf": [dict(schema), {"type": "null"}]}


def arr(items: Mapping[str, Any]) -> Schema:
    """An array of ``items``."""
    return {"type": "array", "items": dict(items)}


def ref(name: str) -> Schema:
    """A reference to the definition ``name`` of the same document."""
    return {"$ref": f"#/$defs/{name}"}


def obj(
    required: Mapping[str, Mapping[str, Any]],
    optional: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    description: str = "",
    extra: Mapping[str, Any] | bool = False,
) -> Schema:
    """An object with the ``required`` keys, the ``optional`` ones, and no others.

    Args:
        required: Each key that is always there, with its schema, in order.
        optional: Each key that may be left out, with its schema.
        description: What the object is.
        extra: The schema of any other key (``False``: none allowed).
    """
    properties = {**{k: dict(v) for k, v in required.items()}}
    properties.update({k: dict(v) for k, v in (optional or {}).items()})
    found: Schema = {"type": "object"}
    if description:
        found["description"] = description
    found["properties"] = properties
    found["required"] = list(required)
    found["additionalProperties"] = extra if isinstance(extra, bool) else dict(extra)
    return found


def given(name: str, *, listed: bool = False) -> Schema:
    """An object in which field ``name`` is given: present and not null (a list: not empty)."""
    value: Schema = {"type": "array", "minItems": 1} if listed else {"not": {"type": "null"}}
    return {"required": [name], "properties": {name: value}}


def not_given(name: str, *, listed: bool = False) -> Schema:
    """An object in which field ``name`` is left out, null (a list: or empty)."""
    return {"not": given(name, listed=listed)}
