"""Soak test of ``crs score``: a long mixed batch from a file and from a pipe (not in the suite).

Writes a batch of ``--lines`` lines (default 1,000,000): 90% valid profiles of
many shapes (dates of birth, work histories, spouses, tests dated anywhere in
the calendar, a byte order mark, CRLF endings) and 10% bad lines of every kind
(not JSON, not UTF-8, nested 2,000 deep, lone surrogates, a key given twice,
numbers of 5,000 digits, long strings, lines over 4 MiB, NaN, nonsense values,
JSON that is not an object).  It then runs ``crs score --format jsonl`` on it
twice, from the file and from a pipe, and reports for each run: lines in,
objects out, errors, whether every object carries the right ``line``, the exit
status, the time and the maximum resident memory of the ``crs`` process.

    python benchmarks/soak.py                  # 1,000,000 lines, about 10 minutes
    python benchmarks/soak.py --lines 100000   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

_EDUCATIONS = [
    "less_than_secondary",
    "secondary",
    "one_year_post_secondary",
    "two_year_post_secondary",
    "bachelors",
    "two_or_more_credentials",
    "masters",
    "doctoral",
]
_LONG = 5 * 2**20  # over the 4 MiB a line may hold


def valid(rng: random.Random) -> bytes:
    """One valid profile line."""
    data: dict[str, Any] = {"education": rng.choice(_EDUCATIONS)}
    if rng.random() < 0.5:
        data["age"] = rng.randint(18, 60)
    else:
        data["date_of_birth"] = f"{rng.randint(1960, 2005)}-{rng.randint(1, 12):02d}-15"
    if rng.random() < 0.8:
        band = rng.choice([5.0, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0])
        data["first_language"] = {
            "test": "ielts",
            "listening": band,
            "reading": 7.0,
            "writing": 6.5,
            "speaking": 7.0,
        }
        if rng.random() < 0.1:  # a test dated anywhere in the calendar
            data["first_language"]["test_date"] = rng.choice(
                ["0001-01-01", "2024-05-01", "9999-01-01", "9999-12-31"]
            )
    if rng.random() < 0.2:
        data["work_history"] = [
            {
                "noc": "21231",
                "start": f"{rng.randint(2010, 2024)}-01-10",
                "end": rng.choice([None, "2025-01-01", "9999-12-31"]),
                "in_canada": rng.random() < 0.5,
            }
        ]
    else:
        data["canadian_work_years"] = rng.randint(0, 5)
    if rng.random() < 0.3:
        data["spouse"] = {"education": rng.choice(_EDUCATIONS)}
    line = json.dumps(data).encode()
    kind = rng.random()
    if kind < 0.01:
        return b"\xef\xbb\xbf" + line
    if kind < 0.02:
        return line + b"\r"
    return line


BAD_KINDS = [
    "not_json",
    "not_utf8",
    "deep",
    "surrogate",
    "duplicate",
    "huge_number",
    "long_string",
    "nan",
    "nonsense",
    "not_object",
]


def bad(rng: random.Random, kind: str) -> bytes:
    """One bad line of ``kind``."""
    if kind == "not_json":
        return b'{"education": "masters", "age": 30,'
    if kind == "not_utf8":
        return b'{"education": "\xff\xfe", "age": 30}'
    if kind == "deep":
        return b"[" * 2000 + b"]" * 2000
    if kind == "surrogate":
        return rng.choice([b'{"\\ud800": 1, "age": 3}', b'{"education": "\\udfff", "age": 3}'])
    if kind == "duplicate":
        return b'{"age": 200, "age": 30, "education": "masters"}'
    if kind == "huge_number":
        return b'{"education": "masters", "age": 1' + b"0" * 5000 + b"}"
    if kind == "long_string":
        return b'{"education": "' + b"x" * 2000 + b'", "age": 30}'
    if kind == "nan":
        return b'{"education": "masters", "age": NaN}'
    if kind == "nonsense":
        return rng.choice(
            [
                b'{"education": "masters", "age": 30, "family_members": 0}',
                b'{"education": "masters", "date_of_birth": "1850-01-01"}',
                b'{"education": "masters", "age": 30, "canadian_work_year": 2}',
                b'{"education": "masters", "age": 176}',
            ]
        )
    return rng.choice([b"[1, 2]", b'"a profile"', b"null"])


def write_batch(path: Path, lines: int, seed: int) -> dict[str, int]:
    """Write the batch; return how many lines of each kind it holds."""
    rng = random.Random(seed)
    counts: dict[str, int] = {"valid": 0, "too_long": 0, **dict.fromkeys(BAD_KINDS, 0)}
    long_every = max(lines // 10, 1)  # ten lines over 4 MiB in a million
    with path.open("wb") as out:
        for number in range(1, lines + 1):
            if number % long_every == 0:
                counts["too_long"] += 1
                out.write(b'{"education": "' + b"y" * _LONG + b'"}\n')
            elif rng.random() < 0.1:
                kind = rng.choice(BAD_KINDS)
                counts[kind] += 1
                out.write(bad(rng, kind) + b"\n")
            else:
                counts["valid"] += 1
                out.write(valid(rng) + b"\n")
    return counts


def _feed(source: Path, sink: IO[bytes]) -> None:
    with source.open("rb") as data, sink:
        while chunk := data.read(2**16):
            sink.write(chunk)


def run(path: Path, lines: int, *, pipe: bool, fmt: str = "jsonl") -> dict[str, Any]:
    """Score the batch with ``crs score``; count what comes out."""
    args = [sys.executable, "-m", "crs", "score", "-" if pipe else str(path), "--format", fmt]
    args += ["--on", "2025-06-01"]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            args,
            stdin=subprocess.PIPE if pipe else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=err,
        )
        feeder = None
        if pipe:
            assert process.stdin is not None
            feeder = threading.Thread(target=_feed, args=(path, process.stdin))
            feeder.start()
        out = errors = misplaced = 0
        assert process.stdout is not None
        for row in process.stdout:
            out += 1
            if fmt == "jsonl":
                if row.startswith(b'{"error"'):
                    errors += 1
                if not row.rstrip().endswith(b',"line":%d}' % out):
                    misplaced += 1
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if feeder is not None:
            feeder.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return {
        "input": "pipe" if pipe else "file",
        "lines_in": lines,
        "lines_out": out,
        "errors": errors,
        "misplaced": misplaced,
        "exit": process.returncode,
        "seconds": round(time.perf_counter() - started, 1),
        "max_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: kilobytes
        "stderr": stderr[:300],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="write the batch here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "soak.jsonl"
        counts = write_batch(path, args.lines, args.seed)
        print(f"batch: {path.stat().st_size / 2**20:,.0f} MiB, {json.dumps(counts)}", flush=True)
        for pipe in (False, True):
            print(json.dumps(run(path, args.lines, pipe=pipe)), flush=True)


if __name__ == "__main__":
    main()
