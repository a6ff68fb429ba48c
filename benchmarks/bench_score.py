"""Benchmark: ``crs.score`` and ``crs score`` against what a user would write instead.

Run ``python benchmarks/bench_score.py [--lines N] [--no-cli]``.  The yardstick
is a plain dict-based script of the same grid (2025-03-25 rules): it reads the
raw profile JSON (raw test scores included), checks it plainly, scores it and
writes the five subtotals; it builds nothing a plain script would not (no
explanation, no warnings).  It prints, side by side in one run (the candidates
take turns, best of ``--repeat``), as ratios crs / yardstick:

* microseconds per ``crs.score`` call on loaded profiles, and with the
  explanation (``.lines``) asked for;
* ``crs.loads_profile`` on JSON text against ``json.loads`` plus the plain check;
* the end-to-end time of ``crs score FILE.jsonl`` over a JSON Lines batch in
  the ``summary``, ``csv`` and full explained ``jsonl`` outputs, against the
  yardstick script, each as its own process, side by side.

The dict-based implementation below is a second copy of the grid on purpose:
it is the yardstick, not part of the package.  The goals:
``crs.score`` at most 0.6 times the yardstick's time; ``crs score`` on 50,000
JSON Lines at most 1.0 times the yardstick script with ``summary`` and with
``csv``, 3.0 times with the full explained ``jsonl``.  This is a benchmark,
not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from pathlib import Path
from typing import Any, TextIO

import crs

ON = dt.date(2026, 11, 25)

# --- the yardstick: the grid as plain dicts -------------------------------------------

AGE = {
    True: [0] * 18
    + [90, 95]
    + [100] * 10
    + [95, 90, 85, 80, 75, 70, 65, 60, 55, 50, 45]
    + [35, 25, 15, 5],
    False: [0] * 18
    + [99, 105]
    + [110] * 10
    + [105, 99, 94, 88, 83, 77, 72, 66, 61, 55, 50]
    + [39, 28, 17, 6],
}
EDUCATION = {
    True: {
        "less_than_secondary": 0,
        "secondary": 28,
        "one_year_post_secondary": 84,
        "two_year_post_secondary": 91,
        "bachelors": 112,
        "two_or_more_credentials": 119,
        "masters": 126,
        "doctoral": 140,
    },
    False: {
        "less_than_secondary": 0,
        "secondary": 30,
        "one_year_post_secondary": 90,
        "two_year_post_secondary": 98,
        "bachelors": 120,
        "two_or_more_credentials": 128,
        "masters": 135,
        "doctoral": 150,
    },
}
SPOUSE_EDUCATION = {
    "less_than_secondary": 0,
    "secondary": 2,
    "one_year_post_secondary": 6,
    "two_year_post_secondary": 7,
    "bachelors": 8,
    "two_or_more_credentials": 9,
    "masters": 10,
    "doctoral": 10,
}
FIRST = {True: [0, 0, 0, 0, 6, 6, 8, 16, 22, 29, 32], False: [0, 0, 0, 0, 6, 6, 9, 17, 23, 31, 34]}
SECOND = [0, 0, 0, 0, 0, 1, 1, 3, 3, 6, 6]
SPOUSE_LANGUAGE = [0, 0, 0, 0, 0, 1, 1, 3, 3, 5, 5]
CANADIAN = {True: [0, 35, 46, 56, 63, 70], False: [0, 40, 53, 64, 72, 80]}
SPOUSE_CANADIAN = [0, 5, 7, 8, 9, 10]
EDU_TIER = {
    "less_than_secondary": 0,
    "secondary": 0,
    "one_year_post_secondary": 1,
    "two_year_post_secondary": 1,
    "bachelors": 1,
    "two_or_more_credentials": 2,
    "masters": 2,
    "doctoral": 2,
}
PAIR = [[0, 0, 0], [0, 13, 25], [0, 25, 50]]
CHARTS: dict[str, tuple[int, list[list[float]]]] = {
    "ielts": (
        4,
        [
            [4.5, 5.0, 5.5, 6.0, 7.5, 8.0, 8.5],
            [3.5, 4.0, 5.0, 6.0, 6.5, 7.0, 8.0],
            [4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5],
            [4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5],
        ],
    ),
    "celpip": (1, [list(range(1, 11))] * 4),
    "pte_core": (
        3,
        [
            [18, 28, 39, 50, 60, 71, 82, 89],
            [24, 33, 42, 51, 60, 69, 78, 88],
            [32, 41, 51, 60, 69, 79, 88, 90],
            [34, 42, 51, 59, 68, 76, 84, 89],
        ],
    ),
    # The "Équivalence ancien score" chart, which Express Entry reads for any test date.
    "tef_canada": (
        4,
        [
            [145, 181, 217, 249, 280, 298, 316],
            [121, 151, 181, 207, 233, 248, 263],
            [181, 226, 271, 310, 349, 371, 393],
            [181, 226, 271, 310, 349, 371, 393],
        ],
    ),
    "tcf_canada": (
        4,
        [
            [331, 369, 398, 458, 503, 523, 549],
            [342, 375, 406, 453, 499, 524, 549],
            [4, 6, 7, 10, 12, 14, 16],
            [4, 6, 7, 10, 12, 14, 16],
        ],
    ),
}
FRENCH_TESTS = {"tef_canada", "tcf_canada", "nclc"}
ABILITIES = ("listening", "reading", "writing", "speaking")


def dict_levels(result: dict[str, Any] | None) -> list[int] | None:
    if result is None:
        return None
    test = result["test"]
    if test in ("clb", "nclc"):
        return [min(int(result[a]), 10) for a in ABILITIES]
    lowest, minimums = CHARTS[test]
    out = []
    for i, ability in enumerate(ABILITIES):
        reached = bisect_right(minimums[i], result[ability])
        out.append(lowest + reached - 1 if reached else 0)
    return out


def dict_check(p: Any) -> None:
    """A straightforward validation of the profile dict (types and ranges)."""
    if not isinstance(p, dict):
        raise ValueError("a profile is a JSON object")
    known = {
        "age",
        "education",
        "first_language",
        "second_language",
        "canadian_work_years",
        "foreign_work_years",
        "certificate_of_qualification",
        "sibling_in_canada",
        "provincial_nomination",
        "canadian_education",
        "spouse",
        "arranged_employment",
    }
    for key in p:
        if key not in known:
            raise ValueError(f"{key}: unknown key")
    if type(p.get("age")) is not int or not 0 <= p["age"] <= 120:
        raise ValueError("age: not a whole number from 0 to 120")
    if p.get("education") not in EDUCATION[True]:
        raise ValueError("education: unknown level")
    for name in ("first_language", "second_language"):
        result = p.get(name)
        if result is not None:
            if result.get("test") not in (*CHARTS, "clb", "nclc"):
                raise ValueError(f"{name}.test: unknown test")
            for ability in ABILITIES:
                if not isinstance(result.get(ability), (int, float)):
                    raise ValueError(f"{name}.{ability}: not a number")


def dict_score(p: dict[str, Any]) -> dict[str, Any]:
    """The CRS grid (2025-03-25 rules) over a raw profile dict: the five subtotals.

    What a plain script computes and nothing more: no explanation, no warnings.
    """
    spouse: dict[str, Any] = p.get("spouse") or {}
    with_spouse = (
        bool(spouse)
        and spouse.get("accompanying", True)
        and not spouse.get("canadian_citizen_or_pr", False)
    )
    age = p["age"]
    first = dict_levels(p.get("first_language"))
    second = dict_levels(p.get("second_language"))
    cdn = p.get("canadian_work_years", 0)
    foreign = p.get("foreign_work_years", 0)
    education = p["education"]
    table = FIRST[with_spouse]
    core = (
        (AGE[with_spouse][age] if age < 45 else 0)
        + EDUCATION[with_spouse][education]
        + (sum(table[min(lv, 10)] for lv in first) if first else 0)
        + (min(sum(SECOND[min(lv, 10)] for lv in second), 22 if with_spouse else 24)
           if second else 0)
        + CANADIAN[with_spouse][min(cdn, 5)]
    )  # fmt: skip
    spouse_points = 0
    if with_spouse:
        slang = dict_levels(spouse.get("first_language"))
        spouse_points = (
            SPOUSE_EDUCATION[spouse.get("education", "less_than_secondary")]
            + (sum(SPOUSE_LANGUAGE[min(lv, 10)] for lv in slang) if slang else 0)
            + SPOUSE_CANADIAN[min(spouse.get("canadian_work_years", 0), 5)]
        )
    low = min(first) if first else 0
    lang_tier = 2 if low >= 9 else 1 if low >= 7 else 0
    cdn_tier = 2 if cdn >= 2 else 1 if cdn >= 1 else 0
    for_tier = 2 if foreign >= 3 else 1 if foreign >= 1 else 0
    edu_tier = EDU_TIER[education]
    coq_tier = 2 if low >= 7 else 1 if low >= 5 else 0
    coq = [0, 25, 50][coq_tier] if p.get("certificate_of_qualification") else 0
    edu = min(PAIR[edu_tier][lang_tier] + PAIR[edu_tier][cdn_tier], 50)
    fw = min(PAIR[for_tier][lang_tier] + PAIR[for_tier][cdn_tier], 50)
    transfer = min(edu + fw + coq, 100)
    french = english = None
    for name, levels in (("first_language", first), ("second_language", second)):
        result = p.get(name)
        if result is not None:
            if result["test"] in FRENCH_TESTS:
                french = levels
            else:
                english = levels
    french_points = 0
    if french is not None and min(french) >= 7:
        french_points = 50 if english is not None and min(english) >= 5 else 25
    ce = {None: 0, "one_or_two_year": 15, "three_year_or_longer": 30}[p.get("canadian_education")]
    additional = min(
        (600 if p.get("provincial_nomination") else 0)
        + ce
        + french_points
        + (15 if p.get("sibling_in_canada") else 0),
        600,
    )
    return {
        "total": core + spouse_points + transfer + additional,
        "core": core,
        "spouse": spouse_points,
        "skill_transferability": transfer,
        "additional": additional,
    }


def dict_cli(path: Path, out: TextIO) -> None:
    """The yardstick's end to end: read, check, score, write the five subtotals a line."""
    with path.open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, start=1):
            try:
                p = json.loads(text)
                dict_check(p)
                result = dict_score(p)
            except (ValueError, KeyError) as exc:
                result = {"error": str(exc), "line": number}
            out.write(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n")


# --- profiles ------------------------------------------------------------------------


def random_profile(rng: random.Random) -> dict[str, Any]:
    """A random profile in the JSON format, within what both implementations score."""

    def result(test: str) -> dict[str, Any]:
        if test == "ielts":
            scores = [rng.choice([x / 2 for x in range(6, 19)]) for _ in range(4)]
        elif test == "celpip":
            scores = [rng.randint(3, 12) for _ in range(4)]
        elif test == "tef_canada":  # the ancien scales: 360, 300, 450, 450 at most
            scores = [rng.randint(120, top) for top in (360, 300, 450, 450)]
        else:
            scores = [rng.randint(3, 10) for _ in range(4)]
        return {"test": test, **dict(zip(ABILITIES, scores, strict=True))}

    education = rng.choice(list(EDUCATION[True]))
    p: dict[str, Any] = {
        "age": rng.randint(18, 50),
        "education": education,
        "first_language": result(rng.choice(["ielts", "celpip", "clb"])),
        "canadian_work_years": rng.randint(0, 6),
        "foreign_work_years": rng.randint(0, 6),
    }
    if rng.random() < 0.3:
        p["second_language"] = result(rng.choice(["tef_canada", "nclc"]))
    if rng.random() < 0.4:
        p["spouse"] = {
            "education": rng.choice(list(EDUCATION[True])),
            "first_language": result("clb"),
            "canadian_work_years": rng.randint(0, 3),
        }
    if rng.random() < 0.1:
        p["provincial_nomination"] = True
    if rng.random() < 0.2:
        p["sibling_in_canada"] = True
    return p


def side_by_side(
    pairs: list[tuple[str, Any, list[list[Any]]]], repeat: int = 7
) -> list[tuple[str, float]]:
    """Best-of-``repeat`` microseconds per item of each (name, function, items of each run).

    Each run takes a fresh set of items (``items[run]``), the same for every
    candidate: a run never scores what an earlier run scored, so a cache keyed by
    values helps only as much as it would on a new batch (no run is a repeat of
    another).  The candidates take turns within each run, so that a load on the
    machine falls on all of them alike and the ratios stay honest.
    """
    best = [float("inf")] * len(pairs)
    for run in range(repeat):
        for i, (_, fn, items) in enumerate(pairs):
            batch = items[run]
            start = time.perf_counter()
            for item in batch:
                fn(item)
            best[i] = min(best[i], (time.perf_counter() - start) / len(batch) * 1e6)
    return [(name, b) for (name, _, _), b in zip(pairs, best, strict=True)]


def _run_process(command: list[str], output: Path) -> float:
    """Seconds for ``command`` to run to the end, its output going to ``output``."""
    with output.open("w", encoding="utf-8") as sink:
        start = time.perf_counter()
        subprocess.run(command, stdout=sink, check=True)
        return time.perf_counter() - start


def _loaded(text: str) -> Any:
    p = json.loads(text)
    dict_check(p)
    return p


def _environment() -> str:
    """What the ``crs score`` runs had: orjson, NumPy (the chunked batch path), the load."""
    import importlib.util
    import os

    found = [
        f"{name} {'installed' if importlib.util.find_spec(name) else 'not installed'}"
        for name in ("orjson", "numpy")
    ]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return f"{'; '.join(found)}; load average {load} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50_000, help="lines in the CLI batch")
    parser.add_argument("--profiles", type=int, default=5_000, help="profiles per timing")
    parser.add_argument("--repeat", type=int, default=7, help="best of this many runs")
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end CLI run")
    parser.add_argument("--yardstick", metavar="JSONL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.yardstick:  # the dict-based end to end, as its own process
        dict_cli(Path(args.yardstick), sys.stdout)
        return
    rng = random.Random(2026)
    # A warm-up batch first (the rule set compiled, the caches in use, as in a
    # service), then a fresh batch for each run: no run scores a profile twice.
    runs = [[random_profile(rng) for _ in range(args.profiles)] for _ in range(args.repeat + 1)]
    warm, dicts = runs[0], runs[1:]
    texts = [[json.dumps(d) for d in batch] for batch in dicts]
    profiles = [[crs.load_profile(d) for d in batch] for batch in dicts]
    for d in warm:
        _ = crs.score(crs.loads_profile(json.dumps(d)), ON).lines
    ours: list[tuple[str, Any, list[list[Any]]]] = [
        ("crs.score (loaded profile)", lambda p: crs.score(p, ON), profiles),
        ("crs.score(...).lines (explained)", lambda p: crs.score(p, ON).lines, profiles),
        ("crs.loads_profile (JSON text)", crs.loads_profile, texts),
    ]
    theirs: list[tuple[str, Any, list[list[Any]]]] = [
        ("yardstick: dict_score (same grid)", dict_score, dicts),
        ("yardstick: json.loads + dict_check", _loaded, texts),
    ]
    timed = dict(side_by_side([*ours, *theirs], args.repeat))
    base = timed["yardstick: dict_score (same grid)"]
    loads = timed["yardstick: json.loads + dict_check"]
    print(
        f"best of {args.repeat} runs, each on fresh profiles, taking turns; ratio = crs / yardstick"
    )
    for name, micro in timed.items():
        against = loads if "JSON" in name or "json" in name else base
        print(f"  {name:36} {micro:8.2f} µs   ratio {micro / against:5.2f}")
    if args.no_cli:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        batch = [random_profile(rng) for _ in range(args.lines)]
        path.write_text("".join(json.dumps(p) + "\n" for p in batch), encoding="utf-8")
        del batch
        # Each side runs as its own process, start-up included, writing to a file:
        # the end-to-end time a user sees.  They take turns; the best of three counts.
        crs_cmd = [sys.executable, "-m", "crs", "score", str(path), "--on", ON.isoformat()]
        commands = {fmt: [*crs_cmd, "--format", fmt] for fmt in ("summary", "csv", "jsonl")}
        commands["yardstick"] = [sys.executable, __file__, "--yardstick", str(path)]
        times: dict[str, list[float]] = {name: [] for name in commands}
        sizes: dict[str, float] = {}
        for _ in range(3):
            for name, command in commands.items():
                out = Path(tmp) / f"{name}.out"
                times[name].append(_run_process(command, out))
                sizes[name] = out.stat().st_size / args.lines
        theirs_cli = min(times["yardstick"])
        print(f"end to end, {args.lines:,} JSON Lines, best of 3 taking turns (goal in brackets):")
        print(f"  ({_environment()})")
        goals = {"summary": 1.0, "csv": 1.0, "jsonl": 3.0, "yardstick": 1.0}
        for name in commands:
            best = min(times[name])
            label = "yardstick script" if name == "yardstick" else f"crs score --format {name}"
            print(
                f"  {label:30} {best:6.2f} s ({args.lines / best:,.0f} lines/s, "
                f"{sizes[name] / 1000:.2f} KB a line)  ratio {best / theirs_cli:5.2f} "
                f"(<= {goals[name]:.1f})"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
