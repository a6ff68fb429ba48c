"""Benchmark crs.score_frame against crs.score in a loop, on the same synthetic rows.

Run: ``python benchmarks/bench_frame.py [ROWS]`` (default 200,000).  It checks
that every row agrees, then prints microseconds per profile for both paths and
the speed-up.  The scalar loop scores profiles that are already loaded, so the
comparison is of scoring alone.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

import crs
from crs.frame import row_profile, score_frame, synthetic_frame

ON = dt.date(2026, 2, 19)


def main(rows: int = 200_000) -> None:
    frame = synthetic_frame(rows, seed=7)
    print(f"{rows:,} synthetic profiles, scored on {ON}")

    score_frame(frame.head(1000), ON)  # builds the per-process score tables once
    start = time.perf_counter()
    result = score_frame(frame, ON)
    vector_seconds = time.perf_counter() - start
    errors = int(result["error"].notna().sum())

    columns = list(frame.columns)
    profiles = [
        crs.load_profile(row_profile(zip(columns, values, strict=True)))
        for values in frame.itertuples(index=False, name=None)
    ]
    start = time.perf_counter()
    totals = [crs.score(profile, ON).total for profile in profiles]
    loop_seconds = time.perf_counter() - start

    disagree = sum(
        1 for mine, theirs in zip(result["total"].tolist(), totals, strict=True) if mine != theirs
    )
    vector_us = vector_seconds / rows * 1e6
    loop_us = loop_seconds / rows * 1e6
    print(f"rows with errors:        {errors}")
    print(f"rows that disagree:      {disagree}")
    print(f"crs.score in a loop:     {loop_us:8.2f} µs/profile ({loop_seconds:.2f} s)")
    print(f"crs.score_frame:         {vector_us:8.2f} µs/profile ({vector_seconds:.2f} s)")
    print(f"speed-up:                {loop_us / vector_us:8.1f}x")
    if disagree or errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
