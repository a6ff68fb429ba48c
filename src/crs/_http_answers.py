r"""How ``crs serve`` writes its answers: JSON and HTML whatever they hold, a batch streamed.

A lone surrogate (an id cut inside an emoji) is written as its ``\uXXXX``
escape, as ``crs score`` writes it, and a batch's JSON array leaves as its items
are answered, so that the service's memory follows one item.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from starlette.responses import HTMLResponse
from starlette.responses import JSONResponse as _StarletteJSON

__all__ = ["HTMLPage", "JSONResponse", "streamed"]


class JSONResponse(_StarletteJSON):
    r"""A JSON answer whose text may hold a lone surrogate (an id cut inside an emoji).

    Written as its ``\uXXXX`` escape, valid in a JSON string, as ``crs score``
    writes it: the answer is never lost to a character UTF-8 cannot hold.
    """

    def render(self, content: Any) -> bytes:
        """The UTF-8 JSON text of ``content``."""
        return _json_bytes(content)


def _json_bytes(content: Any) -> bytes:
    text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8", "backslashreplace")


class HTMLPage(HTMLResponse):
    """An HTML page that may hold a lone surrogate: written as its escape, as JSON writes it."""

    def render(self, content: Any) -> bytes:
        """The UTF-8 text of the page."""
        return str(content).encode("utf-8", "backslashreplace")


def streamed(answers: Iterable[Any]) -> Iterator[bytes]:
    """A batch's JSON array, written as its items are answered, in pieces of about 64 KB.

    The answer to a batch may be a hundred times its body (an explained score is
    about 5 KB): it is never held whole, so the service's memory stays flat
    however large the batch.
    """
    pieces = [b"["]
    size = 1
    for i, answer in enumerate(answers):
        piece = (b"," if i else b"") + _json_bytes(answer)
        pieces.append(piece)
        size += len(piece)
        if size >= _PIECE:
            yield b"".join(pieces)
            pieces, size = [], 0
    pieces.append(b"]")
    yield b"".join(pieces)


_PIECE = 64 * 1024
"""The size a streamed batch is written in."""
