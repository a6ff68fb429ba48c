"""Snapshot files of the full breakdown of the golden profiles, reviewed in diffs.

Each worked case of ``test_worked_cases`` is scored and its whole explanation
(every line, reason, cap and source) is compared with ``tests/snapshots/<case>.txt``.
A change to any reason or source shows up as a diff of those files.  After a
deliberate change, rewrite them with ``CRS_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py``
and review the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import crs
from test_worked_cases import CASES

SNAPSHOTS = Path(__file__).parent / "snapshots"


def render(case_id: str) -> str:
    """The text and the JSON of the case's explained score."""
    case = CASES[case_id]
    result = crs.score(crs.load_profile(case.profile), case.on)
    data = result.to_json()
    # The library version and the rounds data's date change with every release.
    assert data.pop("crs_version") == crs.__version__
    assert data.pop("rounds_data")
    return result.to_text() + "\n\n" + json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("case_id", list(CASES))
def test_breakdown_matches_its_snapshot(case_id: str) -> None:
    path = SNAPSHOTS / f"{case_id}.txt"
    text = render(case_id)
    if os.environ.get("CRS_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot for {case_id}: run with CRS_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


def test_every_snapshot_has_its_case() -> None:
    assert sorted(p.stem for p in SNAPSHOTS.glob("*.txt")) == sorted(CASES)
