"""Benchmark crs.place: one profile placed against every bundled round.

Run: ``python benchmarks/bench_placement.py [REPEATS]`` (default 5).  It places the
test suite's family physician (scored, assessed for every program and category
on each round's date) against all the rounds, and prints the best and median
time of ``REPEATS`` runs.  The goal (it was a timed test before): under 2
seconds on a developer's machine.  This is a benchmark, not a test.
"""

from __future__ import annotations

import statistics
import sys
import time

import crs

PHYSICIAN = {
    "date_of_birth": "1988-03-01",
    "education": "masters",
    "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
    "work_history": [{"noc": "31102", "start": "2024-09-19", "hours_per_week": 40}],
}
GOAL_SECONDS = 2.0


def main(repeats: int = 5) -> None:
    profile = crs.load_profile(PHYSICIAN)
    rounds = len(crs.rounds())
    crs.place(profile, until="2015-12-31")  # load the bundled data before timing
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        placed = crs.place(profile)
        times.append(time.perf_counter() - start)
    assert len(placed) == rounds
    best, median = min(times), statistics.median(times)
    print(f"crs.place over {rounds} rounds, {repeats} runs")
    print(f"  best   {best:.3f} s ({best / rounds * 1e3:.2f} ms a round)")
    print(f"  median {median:.3f} s (goal: under {GOAL_SECONDS:.0f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
