"""Shared pytest set-up: put ``tests/`` on the import path, tune Hypothesis, isolate data.

``HYPOTHESIS_PROFILE=thorough`` runs every property with ten times the examples;
``HYPOTHESIS_PROFILE=quick`` with a tenth of them (the developer's inner loop).

``tests/strategies.py`` holds the Hypothesis strategies and small profile
builders; the tests under ``tests/grid/`` import it too, so this directory must
be importable from there.

``CRS_DATA_DIR`` points at an empty folder for the whole run, so rounds data a
developer downloaded with ``crs data update`` never changes what the tests see
(the tests of ``crs data`` point it at folders of their own).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings

_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

os.environ["CRS_DATA_DIR"] = tempfile.mkdtemp(prefix="crs-test-data-")

settings.register_profile(
    "crs",
    max_examples=100,
    deadline=None,
    suppress_health_check=(HealthCheck.too_slow,),
)
settings.register_profile(
    "thorough",
    parent=settings.get_profile("crs"),
    max_examples=1000,
)
"""Ten times the examples of every property (tests that set their own count get ten times it)."""

settings.register_profile("quick", parent=settings.get_profile("crs"), max_examples=10)
"""A tenth of the examples: the developer's inner loop (``.ci/run`` uses the full count)."""

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "crs"))
