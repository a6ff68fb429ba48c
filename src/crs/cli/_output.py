r"""Writing the commands' output: buffered, JSON with ``orjson`` when installed, CSV rows.

* :class:`Output` gathers what a batch writes and hands it to standard output
  in blocks of :data:`BLOCK` results, so a batch of 50,000 lines makes a few
  hundred writes, not 50,000.
* :func:`dumps` is compact JSON text (``json.dumps(data, ensure_ascii=False,
  separators=(",", ":"))``); with the ``fast`` extra (``orjson``) installed it
  is made by ``orjson``, byte for byte the same (tests run both ways).
* :func:`csv_row` is one CSV row as the :mod:`csv` module writes it
  (``\r\n`` at the end, as spreadsheets expect).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import IO, Any

__all__ = ["BLOCK", "Output", "csv_row", "dumps", "stdlib_dumps"]

BLOCK = 256
"""How many results :class:`Output` gathers before it writes them."""


def stdlib_dumps(data: Any) -> str:
    """Compact JSON text by the standard library (what :func:`dumps` falls back to)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _fast() -> Any:
    try:
        import orjson
    except ImportError:
        return None
    return orjson


_ORJSON = _fast()


def dumps(data: Any) -> str:
    """Compact JSON text of ``data``: ``orjson`` if installed, else the standard library.

    The two give the same text for what the commands write (strings, whole
    numbers, lists and objects); whatever ``orjson`` refuses (a lone surrogate
    in a string, a whole number beyond 64 bits) is written by the standard
    library.
    """
    if _ORJSON is not None:
        try:
            text: str = _ORJSON.dumps(data).decode("utf-8")
        except (TypeError, ValueError):
            return stdlib_dumps(data)
        return text
    return stdlib_dumps(data)


_ROW = io.StringIO()
_WRITER = csv.writer(_ROW)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A cell a spreadsheet shows as text: a text that would start a formula gets a ``'``.

    Spreadsheets run a cell such as ``=HYPERLINK(...)`` as a formula (CSV injection);
    an id or a message is text, so it is kept as text.  Numbers are written as they are.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def csv_row(values: Sequence[object]) -> str:
    r"""One CSV row (``None`` as an empty cell), ending in ``\r\n``."""
    _ROW.seek(0)
    _ROW.truncate()
    _WRITER.writerow([_cell(v) for v in values])
    return _ROW.getvalue()


class Output:
    """Standard output, written :data:`BLOCK` results at a time.

    Args:
        stream: Where to write (standard output).
        path: The input (``-``: standard input, which may be a live pipe: each
            result is then written at once, so results stream as lines come).
    """

    def __init__(self, stream: IO[str], path: str = "") -> None:
        self.stream = stream
        self._held: list[str] = []
        self._block = 1 if path == "-" else BLOCK

    def write(self, text: str) -> None:
        """Add ``text``; write the block when it holds :data:`BLOCK` pieces."""
        held = self._held
        held.append(text)
        if len(held) >= self._block:
            self.flush()

    def binary(self) -> bool:
        """Whether :meth:`write_bytes` writes UTF-8 straight to the stream's bytes.

        So it does when the stream encodes UTF-8 with the commands' error handler
        (``crs-escape``): the bytes are then the ones writing the text would give.
        """
        import codecs

        encoding = getattr(self.stream, "encoding", None)
        try:
            utf8 = encoding is not None and codecs.lookup(encoding).name == "utf-8"
        except LookupError:
            utf8 = False
        return (
            utf8
            and getattr(self.stream, "errors", None) == "crs-escape"
            and getattr(self.stream, "buffer", None) is not None
        )

    def write_bytes(self, data: bytes) -> None:
        """Write UTF-8 ``data`` after what is held (to the stream's bytes, see :meth:`binary`)."""
        self.flush()
        if not self.binary():
            self.stream.write(data.decode("utf-8"))
            return
        self.stream.flush()
        self.stream.buffer.write(data)  # type: ignore[attr-defined]

    def flush(self) -> None:
        """Write what is held."""
        if self._held:
            text = "".join(self._held)
            self._held.clear()
            self.stream.write(text)
