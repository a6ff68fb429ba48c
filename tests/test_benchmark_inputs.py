"""The benchmarks' inputs stay valid, and their yardstick agrees with crs (no timing here).

A benchmark whose random profiles ``crs`` refuses, or whose plain-dict yardstick scores
differently, measures nothing: this keeps them honest as the rules move.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import crs

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import bench_score


def test_the_yardsticks_random_profiles_load_and_score_as_crs_scores_them() -> None:
    rng = random.Random(3)
    fields = ("total", "core", "spouse", "skill_transferability", "additional")
    for _ in range(2000):
        data = bench_score.random_profile(rng)
        scored = crs.score(crs.load_profile(data), bench_score.ON)
        expected = bench_score.dict_score(data)
        assert [getattr(scored, f) for f in fields] == [expected[f] for f in fields], data
