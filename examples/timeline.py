"""How will a client's CRS score move over the next years?  Run: python examples/timeline.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import crs
from crs.timelines import timeline

profile = crs.loads_profile((Path(__file__).parent / "profile.json").read_text(encoding="utf-8"))
print(timeline(profile, dt.date(2026, 11, 1), dt.date(2030, 12, 31)).to_text())
