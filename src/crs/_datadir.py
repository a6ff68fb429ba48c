"""Where downloaded rounds data is kept, and what the folder's files say.

:func:`data_dir` (re-exported by :mod:`crs.datastore`, its public home), the names of
the files kept there, the update state, and the newest round of a ``rounds.csv`` text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from crs._csvdata import FeedError, read_csv, round_sort_key

ENVIRONMENT_VARIABLE = "CRS_DATA_DIR"
"""The environment variable that names the data directory instead of the platform's."""

_FILES = ("rounds.csv", "pool_distribution.csv")
_STATE = "state.json"


def data_dir() -> Path:
    r"""The folder where downloaded rounds data is kept.

    ``$CRS_DATA_DIR`` when set; otherwise the platform's user data folder:
    ``%LOCALAPPDATA%\crs`` on Windows, ``~/Library/Application Support/crs`` on
    macOS, ``$XDG_DATA_HOME/crs`` (default ``~/.local/share/crs``) elsewhere.  Never
    a folder inside the installed package.

    Returns:
        The folder (it may not exist yet).
    """
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    if chosen:
        return Path(chosen).expanduser()
    home = Path.home()
    if sys.platform == "win32":  # pragma: no cover - platform branch
        base = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / "crs"
    if sys.platform == "darwin":  # pragma: no cover - platform branch
        return home / "Library" / "Application Support" / "crs"
    base = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return Path(base) / "crs"


def _newest(rounds_text: str) -> tuple[str, dt.date, int]:
    """The newest round's number and date in a ``rounds.csv`` text, and how many rounds."""
    rows = read_csv(rounds_text, "rounds.csv")
    if not rows:
        raise FeedError("rounds.csv holds no round")
    last = max(rows, key=lambda r: (r["date"], round_sort_key(r["number"])))
    return last["number"], dt.date.fromisoformat(last["date"]), len(rows)


def _read_state(folder: Path) -> dict[str, Any]:
    try:
        state = json.loads((folder / _STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}
