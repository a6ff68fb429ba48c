"""Score the bundled example profile, explain it, and compare two dates.

Run from the repository root: ``python examples/score_profile.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import crs

HERE = Path(__file__).resolve().parent


def main() -> None:
    text = (HERE / "profile.json").read_text(encoding="utf-8")
    profile = crs.loads_profile(text)  # JSON text: a NaN or a key given twice is an error
    data = crs.dump_profile(profile)

    result = crs.score(profile, on=dt.date(2026, 11, 25))
    print(result.to_text())
    print()

    # Every line has a stable key: read any factor directly.
    french = result.line("additional.french")
    print(f"{french.label}: {french.points} ({french.reason})")

    # The same profile a year earlier: younger, less Canadian experience.
    earlier = crs.score(profile, on=dt.date(2025, 11, 25))
    print(f"2025-11-25: {earlier.total}  ->  2026-11-25: {result.total}")

    # Bad input is an error that names every field, never a silent zero.
    try:
        crs.load_profile({**data, "canadian_work_year": 3})
    except crs.ProfileError as error:
        print(f"rejected: {error}")


if __name__ == "__main__":
    main()
