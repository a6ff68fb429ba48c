"""What would raise a client's CRS score?  Run: python examples/what_if.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import crs
from crs.scenarios import what_if

profile = crs.loads_profile((Path(__file__).parent / "profile.json").read_text(encoding="utf-8"))
suggestions = what_if(profile, on=dt.date(2026, 11, 1))
print(suggestions.to_text())
