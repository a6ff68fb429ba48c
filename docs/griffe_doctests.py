"""A Griffe extension: show the doctest examples of docstrings as Python code blocks.

The docstrings of ``crs`` hold runnable examples (``>>> ...`` lines and their
output), which the test suite runs as doctests.  Outside an ``Examples:``
section Markdown would read them as a paragraph, and an output such as
``[429, 510]`` as a link.  This extension wraps each run of example lines in a
fenced ``pycon`` block before the docstring is parsed, so the reference pages
show them as code, exactly as they are tested.

Registered in ``mkdocs.yml`` under the mkdocstrings Python handler's
``extensions`` option.
"""

from __future__ import annotations

from typing import Any

import griffe

__all__ = ["DoctestBlocks", "fence_doctests"]


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
    """Fence the doctest examples of every docstring Griffe loads."""

    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        """Rewrite the docstring of ``obj``, if it has examples outside a fence."""
        docstring = obj.docstring
        if docstring is not None and ">>>" in docstring.value:
            docstring.value = fence_doctests(docstring.value)
