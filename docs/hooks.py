"""MkDocs hooks: the rule-set pages and the category tables, generated from the rule data.

Registered under ``hooks:`` in ``mkdocs.yml``.  Every point value, NOC code and
date on those pages is rendered from :data:`crs.rules.RULE_SETS` and
:data:`crs.categories.CATEGORIES` by ``docs/rule_tables.py`` while the site is
built, so the documentation cannot disagree with the scores.  MkDocs puts this
folder on the import path while it loads a hook, so ``rule_tables`` imports as a
top-level module.

* ``on_files`` adds one page per rule set, ``rules/<name>.md``, and the JSON
  Schemas (``schemas/<name>.json``) and OpenAPI document (``schemas/openapi.json``).
* ``on_page_markdown`` replaces the markers ``<!-- crs:rule-sets -->`` (a table
  of every rule set) and ``<!-- crs:categories -->`` (every category version
  with its NOC list) in any page.  An unknown ``<!-- crs:... -->`` marker stops
  the build, so a typo never leaves a page silently empty.
"""

from __future__ import annotations

import json
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from crs.rules import RULE_SETS
from rule_tables import categories_markdown, rule_set_markdown, rule_sets_markdown

MARKER = re.compile(r"<!-- crs:([a-z-]+) -->")
"""A generated-content marker: ``<!-- crs:NAME -->`` on a line of its own."""


def schemas_markdown(base: str) -> str:
    """A table of every JSON Schema, each linked to its generated file under ``schemas/``."""
    from crs.schemas import NAMES, schema

    rows = ["| name | describes | file |", "|---|---|---|"]
    for name in NAMES:
        title = schema(name)["title"]
        rows.append(f"| `{name}` | {title} | [schemas/{name}.json](schemas/{name}.json) |")
    return "\n".join(rows) + "\n"


RENDERERS = {
    "rule-sets": rule_sets_markdown,
    "categories": categories_markdown,
    "schemas": schemas_markdown,
}
"""What each marker is replaced with."""


def rule_set_page(name: str) -> str:
    """The Markdown of the page of the rule set named ``name``."""
    rules = next(r for r in RULE_SETS if r.name == name)
    return f"# Rules in force from {rules.name}\n\n{rule_set_markdown(rules)}"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add a generated page ``rules/<name>.md`` for every rule set."""
    for rules in RULE_SETS:
        uri = f"rules/{rules.name}.md"
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"{uri} is generated from the rule data; remove the file")
        files.append(File.generated(config, uri, content=rule_set_page(rules.name)))
    # The JSON Schemas and the OpenAPI document, generated as crs schema and crs serve give them.
    from crs.openapi import openapi
    from crs.schemas import NAMES, schema_text

    for name in NAMES:
        files.append(File.generated(config, f"schemas/{name}.json", content=schema_text(name)))
    text = json.dumps(openapi(), indent=2, ensure_ascii=False) + "\n"
    files.append(File.generated(config, "schemas/openapi.json", content=text))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each ``<!-- crs:NAME -->`` marker with the table it names."""

    def render(match: re.Match[str]) -> str:
        name = match.group(1)
        renderer = RENDERERS.get(name)
        if renderer is None:
            known = ", ".join(RENDERERS)
            raise PluginError(f"{page.file.src_uri}: unknown marker crs:{name} (known: {known})")
        folder = posixpath.dirname(page.file.src_uri)
        base = posixpath.relpath("rules", folder or ".") + "/"
        return renderer("" if base == "./" else base)

    return MARKER.sub(render, markdown)


__all__ = ["on_files", "on_page_markdown", "rule_set_page", "schemas_markdown"]
