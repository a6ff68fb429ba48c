"""Benchmark the other speed goals: start-up, eligibility, placement, long histories.

Start-up, eligibility, placement, and what-ifs and timelines over long work histories.

Run: ``python benchmarks/bench_speed.py [REPEATS]`` (default 7, best of).  It prints:

* ``import crs`` and ``crs --help`` as their own processes, next to bare Python
  (goal: ``import crs`` within 50 ms);
* ``crs.eligible`` on the test suite's family physician and on a profile with
  96 jobs (goal: 0.5 ms);
* ``crs.place`` of the physician on every bundled round (goal: 20 ms);
* ``crs.what_if`` and ``crs.timeline`` with 12, 24, 48 and 96 jobs, and the growth
  from 48 to 96 jobs (linear: about 2x; quadratic: about 4x).

This is a benchmark, not a test.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import crs

sys.path.insert(0, str(Path(__file__).parent))
from bench_placement import PHYSICIAN

ON = dt.date(2026, 2, 19)


def best(function: Any, repeats: int, inner: int = 1) -> float:
    """Best-of-``repeats`` seconds per call."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(inner):
            function()
        times.append((time.perf_counter() - start) / inner)
    return min(times)


def jobs_profile(n: int) -> crs.Profile:
    """A profile with ``n`` one-month jobs, alternately in Canada and abroad."""
    jobs = []
    for i in range(n):
        start = dt.date(2016, 1, 4) + dt.timedelta(days=30 * i)
        end = start + dt.timedelta(days=29)
        jobs.append({"noc": "21231", "start": start.isoformat(), "end": end.isoformat(),
                     "hours_per_week": 40, "in_canada": i % 2 == 0})  # fmt: skip
    return crs.load_profile(
        {
            "date_of_birth": "1990-01-01",
            "education": "masters",
            "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9,
                               "speaking": 9},
            "work_history": jobs,
        }
    )  # fmt: skip


def main(repeats: int = 7) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    def run(*args: str) -> None:
        subprocess.run([sys.executable, *args], check=True, env=env, stdout=subprocess.DEVNULL)

    bare = best(lambda: run("-c", "pass"), repeats)
    imported = best(lambda: run("-c", "import crs"), repeats)
    helped = best(lambda: run("-m", "crs", "--help"), repeats)
    print(f"processes, best of {repeats}:")
    print(f"  bare python        {bare * 1e3:6.1f} ms")
    extra = (imported - bare) * 1e3
    print(f"  import crs         {imported * 1e3:6.1f} ms  (+{extra:.1f} ms; goal 50)")
    print(f"  crs --help         {helped * 1e3:6.1f} ms  (+{(helped - bare) * 1e3:.1f} ms)")
    physician = crs.load_profile(PHYSICIAN)
    long = jobs_profile(96)
    crs.place(physician, until="2015-12-31")
    for name, profile in (("physician", physician), ("96 jobs", long)):
        took = best(lambda p=profile: crs.eligible(p, ON), repeats, inner=50)
        print(f"crs.eligible, {name:10} {took * 1e3:6.2f} ms  (goal 0.5)")
    took = best(lambda: crs.place(physician), repeats)
    print(f"crs.place, physician, {len(crs.rounds())} rounds: {took * 1e3:6.1f} ms  (goal 20)")
    print("jobs   what_if  timeline")
    found = {}
    for n in (12, 24, 48, 96):
        profile = jobs_profile(n)
        what = best(lambda p=profile: crs.what_if(p, ON), max(3, repeats // 2))
        line = best(
            lambda p=profile: crs.timeline(p, ON, dt.date(2028, 2, 19)), max(3, repeats // 2)
        )
        found[n] = (what, line)
        print(f"{n:4}  {what * 1e3:7.1f} ms {line * 1e3:7.1f} ms")
    print(
        f"48 to 96 jobs: what_if x{found[96][0] / found[48][0]:.1f}, "
        f"timeline x{found[96][1] / found[48][1]:.1f} (linear: about 2)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
