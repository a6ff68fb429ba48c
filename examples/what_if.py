"""What would raise a client's CRS score?  Run: python examples/what_if.py."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import crs
from crs.scenarios import what_if

profile = crs.load_profile(json.loads((Path(__file__).parent / "profile.json").read_text()))
suggestions = what_if(profile, on=dt.date(2026, 11, 1))
print(suggestions.to_text())
