"""Benchmark crs.score_frame on every rule set, and check it agrees with crs.score.

Run: ``python benchmarks/bench_frame.py [ROWS]`` (default 200,000).  With
``--yardstick [ROWS]`` it instead times ``score_frame`` on a ``pandas.json_normalize``
frame of raw profile JSON and on the same frame in the typed input
(:func:`crs.frame.typed_frame`), each with the NumPy engine and (where numba is
installed) the compiled one, against the yardstick loop of
``benchmarks/bench_score.py`` (a plain script scoring each dict), side by side,
best of seven runs, each on a fresh batch of rows, as speed-ups (the goals: 20x
and 50x); with
``--memory [ROWS]`` (default 5,000,000) it reports the growth of the process's
peak memory while scoring a synthetic frame of that many rows (goal: +0.6 GB); a
third argument, ``numba``, measures the compiled engine.
Otherwise, for every
bundled rule set, and for two rule sets of one's own (a removed factor and a
changed table; new factors from the existing kinds and a ``Custom`` factor with an
array function), it scores the same synthetic rows with ``score_frame`` and with
``crs.score`` in a loop (on loaded profiles, so that the loop measures scoring
alone), checks that every row agrees, and prints microseconds per profile, the
speed-up over the loop, and each rule set's time as a ratio of the standard
rules' time (the goal: custom rule sets within 1.5x).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import warnings
from typing import Any

import attrs

import crs
from crs.factors.kinds import Custom, Table
from crs.flat import rows as flat_rows
from crs.frame import CaveatWarning, score_frame, synthetic_frame
from crs.ruleset import Award, Facts, Group, RuleSet
from crs.tables import Source, Spoused, Steps

warnings.simplefilter("ignore", CaveatWarning)  # said once a call: noise in a timing loop

TRIAL = Source("A trial rule set (benchmark)", confidence="low")


def _bonus(facts: Facts, rules: RuleSet) -> tuple[int, str]:
    return (5, "nominated") if facts.provincial_nomination else (0, "")


def _bonus_columns(facts: Any, rules: RuleSet) -> Any:
    return facts.provincial_nomination * 5


def _reason(value: bool, _: bool) -> str:
    return str(value)


def custom_rule_sets() -> list[RuleSet]:
    current = crs.RULE_SETS[-1]
    removed = attrs.evolve(
        current,
        name="own: sibling removed, ages changed",
        sibling=None,
        age=Spoused(
            Steps(((0, 0), (18, 90), (30, 80), (40, 40), (45, 0)), TRIAL),
            Steps(((0, 0), (18, 100), (30, 90), (40, 45), (45, 0)), TRIAL),
        ),
        sections=tuple(
            attrs.evolve(s, parts=tuple(p for p in s.parts if p.key != "additional.sibling"))
            for s in current.sections
        ),
    )
    extra = Group(
        "trial",
        "E. Trial",
        (
            Table("trial.nomination", "Nomination", Award(7, TRIAL), "provincial_nomination",
                  _reason),
            Custom("trial.bonus", "Bonus", _bonus, _bonus_columns),
        ),
        cap=10,
    )  # fmt: skip
    added = attrs.evolve(current, name="own: new factors", sections=(*current.sections, extra))
    return [removed, added]


def main(rows: int = 200_000) -> None:
    frame = synthetic_frame(rows, seed=7)
    profiles = [crs.load_profile(data) for data in flat_rows(frame, list(range(rows)))]
    print(f"{rows:,} synthetic profiles")
    print(f"{'rule set':40} {'frame µs':>9} {'loop µs':>9} {'speed-up':>9} {'vs std':>7} agree")
    standard: float | None = None
    failed = False
    for rules in (*crs.RULE_SETS, *custom_rule_sets()):
        # Each bundled rule set on its first day; one's own on the seed's round day.
        on = rules.effective if rules in crs.RULE_SETS else dt.date(2026, 2, 19)
        score_frame(frame.head(1000), on, rules=rules)  # warm the per-rule-set arrays
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            result = score_frame(frame, on, rules=rules)
            best = min(best, time.perf_counter() - start)
        start = time.perf_counter()
        totals = [crs.score(p, on, rules=rules).total for p in profiles]
        loop = time.perf_counter() - start
        agree = result["total"].tolist() == totals and not result["error"].notna().any()
        failed |= not agree
        if rules is crs.RULE_SETS[-1]:
            standard = best
        ratio = f"{best / standard:6.2f}x" if standard else "   -  "
        print(
            f"{rules.name:40} {best / rows * 1e6:9.2f} {loop / rows * 1e6:9.2f} "
            f"{loop / best:8.1f}x {ratio:>7} {'yes' if agree else 'NO'}"
        )
    if failed:
        raise SystemExit(1)


def _best(function: Any, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


_RUNS = 7
"""Fresh batches timed by ``--yardstick``: each candidate's best of this many runs."""


def yardstick(rows: int = 200_000) -> None:
    """score_frame (json_normalize and typed input) against the yardstick loop."""
    import random

    import pandas as pd

    from crs.frame import typed_frame

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    import bench_score

    from crs._kernels import available

    rng = random.Random(10)
    on = bench_score.ON
    engines = ("numpy", "numba") if available() else ("numpy",)
    warm = pd.json_normalize([bench_score.random_profile(rng) for _ in range(1000)])
    for engine in engines:  # numba: the loop compiled (or loaded) once, as a process would
        score_frame(warm, on, engine=engine)
    # A fresh batch for each run (built outside the timer): no run scores the rows of
    # another, so a cache keyed by values helps only as much as on a new batch.
    runs = []
    for _ in range(_RUNS):
        records = [bench_score.random_profile(rng) for _ in range(rows)]
        frame = pd.json_normalize(records)
        runs.append((records, frame, typed_frame(frame)))
    candidates = [(kind, engine) for kind in ("frame", "typed") for engine in engines]
    times = dict.fromkeys(["loop", *candidates], float("inf"))
    for records, frame, typed in runs:  # taking turns, best of _RUNS
        times["loop"] = min(
            times["loop"], _best(lambda rs=records: [bench_score.dict_score(r) for r in rs], 1)
        )
        for kind, engine in candidates:
            data = frame if kind == "frame" else typed
            took = _best(lambda d=data, e=engine: score_frame(d, on, engine=e), 1)
            times[kind, engine] = min(times[kind, engine], took)
    records, frame, typed = runs[0]
    fields = ("total", "core", "spouse", "skill_transferability", "additional")
    expected = [bench_score.dict_score(r) for r in records]
    differ = 0
    for kind, engine in candidates:
        got = score_frame(frame if kind == "frame" else typed, on, engine=engine)
        differ += sum(
            [int(got[f].iat[i]) for f in fields] != [e[f] for f in fields]
            for i, e in enumerate(expected)
        )
    print(f"{rows:,} rows; rows that differ from the yardstick (every engine): {differ}")
    print(f"  yardstick loop (dict_score)           {times['loop'] * 1e3:8.1f} ms")
    for kind, engine in candidates:
        goal = 20 if kind == "frame" else 50
        label = f"score_frame, {'json_normalize' if kind == 'frame' else 'typed input'}, {engine}"
        took = times[kind, engine]
        speed = times["loop"] / took
        print(f"  {label:37} {took * 1e3:8.1f} ms   {speed:5.1f}x faster (goal {goal}x)")
    if not available():
        print("  (no numba: pip install 'crs-calculator[numba]' for the compiled engine)")


def memory(rows: int = 5_000_000, engine: str = "numpy") -> None:
    """Peak memory while scoring ``rows`` rows of json_normalize frames (the frame excluded).

    The frame is the 200,000-row frame of :func:`yardstick`, repeated; NumPy's and
    pandas' allocations are counted by :mod:`tracemalloc` from just before the call.
    """
    import random
    import tracemalloc

    import pandas as pd

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    import bench_score

    rng = random.Random(10)
    block = pd.json_normalize([bench_score.random_profile(rng) for _ in range(200_000)])
    frame = pd.concat([block] * (rows // len(block)), ignore_index=True)
    on = bench_score.ON
    score_frame(frame.head(1000), on, engine=engine)
    tracemalloc.start()
    start = time.perf_counter()
    result = score_frame(frame, on, engine=engine)
    took = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{len(frame):,} rows ({engine}) in {took:.1f} s ({took / len(frame) * 1e6:.2f} µs a row, "
        f"traced); peak memory +{peak / 1e9:.2f} GB while scoring (goal: +0.6 GB), the "
        f"result itself {result.memory_usage(deep=True).sum() / 1e9:.2f} GB"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--yardstick":
        yardstick(int(sys.argv[2]) if len(sys.argv) > 2 else 200_000)
    elif len(sys.argv) > 1 and sys.argv[1] == "--memory":
        memory(
            int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000,
            sys.argv[3] if len(sys.argv) > 3 else "numpy",
        )
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
