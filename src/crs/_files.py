"""Writing a file a user asked for: whole or not at all, whatever the text holds."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: str | Path, text: str) -> Path:
    r"""Write ``text`` to ``path`` as UTF-8, replacing the file only once it is written whole.

    A character UTF-8 cannot hold (a lone surrogate, as an id read from JSON
    text may carry) is written as its ``\uXXXX`` escape, as everywhere else in
    crs's output; and a failure midway (a full disk) leaves the file that was
    there as it was, never emptied.

    Raises:
        OSError: If the folder cannot be written to.
    """
    target = Path(path)
    data = text.encode("utf-8", "backslashreplace")
    handle, staged = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # The mode a file written plainly gets (mkstemp's is the owner's alone), or the old one's.
        os.chmod(staged, _mode_of(target))
        os.replace(staged, target)
    finally:
        Path(staged).unlink(missing_ok=True)
    return target


def _mode_of(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:  # no file there yet: what open() would give it, under the umask
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
