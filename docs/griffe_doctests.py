"""A Griffe extension: doctest examples as code blocks, Sphinx roles as code, in the API pages.

The docstrings of ``crs`` hold runnable examples (``>>> ...`` lines and their
output), which the test suite runs as doctests.  Outside an ``Examples:``
section Markdown would read them as a paragraph, and an output such as
``[429, 510]`` as a link.  This extension wraps each run of example lines in a
fenced ``pycon`` block before the docstring is parsed, so the reference pages
show them as code, exactly as they are tested.  It also turns the Sphinx roles
the docstrings use for cross-references (``:func:`crs.score```,
``:class:`~crs.tables.Steps```) into inline code (``crs.score``, ``Steps``).

Registered in ``mkdocs.yml`` under the mkdocstrings Python handler's
``extensions`` option.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

__all__ = ["DoctestBlocks", "fence_doctests", "plain_roles"]

_ROLE = re.compile(r":(?:func|class|meth|mod|data|attr|exc|obj):`(~?)([^`]+)`")


def plain_roles(text: str) -> str:
    """``text`` with each Sphinx role as inline code (``~`` keeps the last name only).

    >>> plain_roles("see :func:`crs.score` and :class:`~crs.tables.Steps`")
    'see `crs.score` and `Steps`'
    """

    def code(match: re.Match[str]) -> str:
        target = match.group(2)
        return f"`{target.rsplit('.', 1)[-1] if match.group(1) else target}`"

    return _ROLE.sub(code, text)


def fence_doctests(text: str) -> str:
    """``text`` with each run of doctest lines (prompt, continuation, output) fenced.

    A run starts at a ``>>>`` line outside a fence and ends at the first blank
    line; its indentation is kept.
    """
    out: list[str] = []
    in_fence = False
    in_run = False
    indent = ""
    for line in text.splitlines():
        stripped = line.strip()
        if in_run and not stripped:
            out.append(f"{indent}```")
            in_run = False
        if stripped.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and not in_run and stripped.startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            in_run = True
        out.append(line)
    if in_run:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence the doctest examples and plain the roles of every docstring Griffe loads."""

    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        """Rewrite the docstring of ``obj``, if it has one."""
        docstring = obj.docstring
        if docstring is not None:
            text = plain_roles(docstring.value)
            docstring.value = fence_doctests(text) if ">>>" in text else text
