"""Benchmark crs.score_frame on every rule set, and check it agrees with crs.score.

Run: ``python benchmarks/bench_frame.py [ROWS]`` (default 200,000).  For every
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
from typing import Any

import attrs

import crs
from crs.factors.kinds import Custom, Table
from crs.flat import rows as flat_rows
from crs.frame import score_frame, synthetic_frame
from crs.ruleset import Award, Facts, Group, RuleSet
from crs.tables import Source, Spoused, Steps

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


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
