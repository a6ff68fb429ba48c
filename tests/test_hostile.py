"""Every entry point against hostile input, extreme dates and a hostile environment (Hypothesis).

The promise (docs/guarantees.md): each entry point answers, or raises one of the
library's documented errors (:class:`crs.CRSError` and its kinds), whose
messages are short and writable in any encoding; the command line answers, or
prints one line per problem and exits 1 or 2, keeping one output object per
input line of a batch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import crs
from crs.cli import main
from crs.frame import score_frame
from strategies import examples, profile_dicts

SRC = str(Path(crs.__file__).resolve().parents[1])
ANY_DAY = st.dates(dt.date.min, dt.date.max)
NEAR_ENDS = st.sampled_from(
    [dt.date.min, dt.date(1, 1, 2), dt.date(1, 12, 31), dt.date(9998, 12, 31), dt.date.max]
)
DAYS = ANY_DAY | NEAR_ENDS
MESSAGE_LIMIT = 400
"""No message of one problem is longer than this, whatever the input (values are shortened)."""


def check_error(exc: crs.CRSError) -> None:
    """A documented error: short problems, writable in UTF-8 (no lone surrogate)."""
    text = str(exc)
    text.encode("utf-8")
    problems = getattr(exc, "problems", None)
    for line in [str(p) for p in problems] if problems else [text]:
        assert len(line) <= MESSAGE_LIMIT, line[:200]


def answers(call: Callable[[], Any]) -> Any:
    """``call()``, or None when it raised a documented error."""
    try:
        return call()
    except crs.CRSError as exc:
        check_error(exc)
        return None


# --------------------------------------------------------------------------- hostile JSON text


def _deep(depth: int, kind: str) -> str:
    if kind == "list":
        return "[" * depth + "]" * depth
    if kind == "object":
        return '{"a":' * depth + "1" + "}" * depth
    return '{"age":' * depth + "30" + "}" * depth  # a known key, nested


_ATOMS = st.sampled_from(
    [
        "NaN",
        "Infinity",
        "-Infinity",
        '"\\ud800"',
        '"\\udfff\\ud800"',
        '"\\u0000"',
        "1e400",
        "-0",
        "null",
        "true",
        '"2020-02-30"',
        '"9999-12-31"',
        '"0001-01-01"',
        "[]",
        "{}",
    ]
)


@st.composite
def hostile_texts(draw: st.DrawFn) -> str:
    """JSON text meant to break a reader: deep, huge, surrogates, duplicates, BOM, CRLF..."""
    base: dict[str, Any] = draw(profile_dicts())
    text = json.dumps(base)
    kind = draw(
        st.sampled_from(
            ["deep", "atom", "huge_number", "huge_string", "duplicate", "key", "noise", "plain"]
        )
    )
    if kind == "deep":
        depth = draw(st.integers(1, 5000))
        shape = draw(st.sampled_from(["list", "object", "key"]))
        inner = _deep(depth, shape)
        text = inner if draw(st.booleans()) else text[:-1] + f', "age": {inner}}}'
    elif kind == "atom":
        key = draw(st.sampled_from(["age", "education", "first_language", "family_members", "x"]))
        text = text[:-1] + f', "{key}": {draw(_ATOMS)}}}'
    elif kind == "huge_number":
        digits = draw(st.integers(300, 20_000))
        text = text[:-1] + f', "settlement_funds": {"9" * digits}}}'
    elif kind == "huge_string":
        size = draw(st.integers(100, 200_000))
        where = draw(st.sampled_from(["value", "key"]))
        big = "x" * size
        text = text[:-1] + (f', "education": "{big}"}}' if where == "value" else f', "{big}": 1}}')
    elif kind == "duplicate":
        key = draw(st.sampled_from(sorted(base)))
        text = text[:-1] + f", {json.dumps(key)}: {json.dumps(base[key])}}}"
    elif kind == "key":
        key = draw(st.text(max_size=20))
        text = text[:-1] + f", {json.dumps(key)}: 1}}"
    elif kind == "noise":
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=10)) + text[cut:]
    if draw(st.booleans()):
        text = "\ufeff" + text
    if draw(st.booleans()):
        text += "\r\n"
    return text


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(hostile_texts())
def test_loads_profile_answers_or_raises_a_profile_error(text: str) -> None:
    try:
        crs.loads_profile(text)
    except crs.ProfileError as exc:
        check_error(exc)


@given(st.recursive(st.none() | st.integers() | st.text(max_size=3), st.lists, max_leaves=30))
def test_load_profile_of_any_value_in_any_field(value: Any) -> None:
    for field in ("age", "education", "spouse", "work_history", "first_language"):
        data = {"education": "bachelors", field: value}
        answers(functools.partial(crs.load_profile, data))


# --------------------------------------------------------------------------- extreme dates


@st.composite
def extreme_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A valid profile whose dates lie anywhere in the calendar (years 1 to 9999)."""
    data: dict[str, Any] = draw(profile_dicts())
    if "date_of_birth" in data or draw(st.booleans()):
        data.pop("age", None)
        data["date_of_birth"] = draw(DAYS).isoformat()
    for key in ("first_language", "second_language"):
        if key in data and draw(st.booleans()):
            data[key]["test_date"] = draw(DAYS).isoformat()
    spouse = data.get("spouse")
    if spouse and "first_language" in spouse and draw(st.booleans()):
        spouse["first_language"]["test_date"] = draw(DAYS).isoformat()
    if "work_history" in data or draw(st.booleans()):
        data.pop("canadian_work_years", None)
        data.pop("foreign_work_years", None)
        jobs = []
        for _ in range(draw(st.integers(1, 3))):
            start, end = sorted((draw(DAYS), draw(DAYS)))
            job: dict[str, Any] = {"noc": "21231", "start": start.isoformat()}
            if draw(st.booleans()):
                job["end"] = end.isoformat()
            job["in_canada"] = draw(st.booleans())
            jobs.append(job)
        data["work_history"] = jobs
    if draw(st.booleans()):
        data["submitted_at"] = draw(
            st.sampled_from(
                ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2025-01-01T00:00:00Z"]
            )
        )
    return data


def _extreme(data: dict[str, Any]) -> crs.Profile | None:
    profile: crs.Profile | None = answers(lambda: crs.load_profile(data))
    return profile


@settings(max_examples=examples(100))
@given(extreme_profiles(), DAYS)
def test_score_eligible_and_what_if_at_any_date(data: dict[str, Any], on: dt.date) -> None:
    profile = _extreme(data)
    assume(profile is not None)
    assert profile is not None
    score = answers(lambda: crs.score(profile, on))
    if score is not None:
        assert 0 <= score.total <= 1200
    report = answers(lambda: crs.eligible(profile, on))
    if report is not None:
        assert report.on == on
    answers(lambda: crs.what_if(profile, on))


@settings(max_examples=examples(25))
@given(extreme_profiles(), DAYS, st.integers(0, 800))
def test_timeline_at_any_date(data: dict[str, Any], start: dt.date, days: int) -> None:
    profile = _extreme(data)
    assume(profile is not None)
    assert profile is not None
    end = min(start + dt.timedelta(days=min(days, (dt.date.max - start).days)), dt.date.max)
    line = answers(lambda: crs.timeline(profile, start, end))
    if line is not None:
        assert all(start < change.on <= end for change in line)


@settings(max_examples=examples(10))
@given(extreme_profiles(), DAYS, DAYS)
def test_place_at_any_date(data: dict[str, Any], one: dt.date, other: dt.date) -> None:
    profile = _extreme(data)
    assume(profile is not None)
    assert profile is not None
    since, until = sorted((one, other))
    placement = answers(lambda: crs.place(profile, since=since, until=until))
    if placement is not None:
        assert all(since <= r.round.date <= until for r in placement)


@pytest.mark.filterwarnings("ignore::crs.frame.CaveatWarning")  # test_frame asserts it
@settings(max_examples=examples(30))
@given(st.lists(extreme_profiles(), min_size=1, max_size=6), DAYS)
def test_score_frame_at_any_date_agrees_with_score(rows: list[dict[str, Any]], on: dt.date) -> None:
    pd = pytest.importorskip("pandas")
    from crs.flat import to_frame

    frame = to_frame(rows)  # the flat form (json_normalize drops an empty "spouse": {})
    result = answers(lambda: score_frame(frame, on))
    if result is None:
        assume(False)
    for data, total, error in zip(rows, result["total"], result["error"], strict=True):
        message = None
        try:
            expected: Any = crs.score(crs.load_profile(data), on).total
        except crs.ProfileError as exc:
            message = "; ".join(str(p) for p in exc.problems)
        if message is None:
            assert (total, error) == (expected, None)
        else:
            assert error == message
            assert pd.isna(total)


# --------------------------------------------------------------------------- the command in process


@contextlib.contextmanager
def standard_streams(data: bytes) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """Standard input holding ``data``, and standard output and error captured."""
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = stdin, out, err
    try:
        yield out, err
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


_LINES = st.one_of(
    profile_dicts().map(json.dumps),
    hostile_texts(),
    st.sampled_from(["", "  ", "\t", "\r"]),
    st.text(max_size=30),
).map(lambda text: text.replace("\n", " ").encode("utf-8", "surrogatepass")) | st.binary(
    max_size=40
).map(lambda raw: raw.replace(b"\n", b" "))


def _batch(lines: list[bytes]) -> bytes:
    return b"\n".join([_PROFILE, _PROFILE, *lines]) + b"\n"


_PROFILE = b'{"education": "masters", "age": 30}'


def _feed(stream: IO[bytes], line: bytes, times: int) -> None:
    with contextlib.suppress(BrokenPipeError, ValueError, OSError):
        for _ in range(times):
            stream.write(line)
        stream.close()


def _non_blank(lines: list[bytes]) -> list[int]:
    return [i for i, line in enumerate(lines, start=1) if line.strip()]


@settings(
    max_examples=examples(60),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(_LINES, max_size=8), st.sampled_from(["jsonl", "json", "text"]))
def test_a_batch_keeps_one_output_per_line_in_order(lines: list[bytes], fmt: str) -> None:
    # Two profile lines first: a batch (one JSON line alone on stdin is one profile).
    data = _batch(lines)
    with standard_streams(data) as (out, err):
        status = main(["score", "-", "--on", "2025-06-01", "--format", fmt])
    expected = [1, 2, *(n + 2 for n in _non_blank(lines))]
    assert "Traceback" not in err.getvalue()
    if fmt == "jsonl":
        rows = [json.loads(row) for row in out.getvalue().splitlines()]
    elif fmt == "json":
        rows = json.loads(out.getvalue())
    else:
        found: dict[int, dict[str, Any]] = {
            int(n): {"line": int(n)}
            for n in re.findall(r"^line (\d+): CRS score", out.getvalue(), re.M)
        }
        for message in err.getvalue().splitlines():
            number = re.match(r"error: line (\d+)[:,] ", message)
            assert number is not None, message
            found[int(number[1])] = {"line": int(number[1]), "error": message}
        rows = [found[n] for n in sorted(found)]
    assert [row["line"] for row in rows] == expected
    failed = any("error" in row for row in rows)
    assert status == (1 if failed else 0)
    if fmt != "text":
        assert err.getvalue() == ""


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.too_slow])
@given(_LINES, st.sampled_from(["score", "eligible", "rounds", "couple"]))
def test_one_profile_of_any_bytes(line: bytes, command: str) -> None:
    with standard_streams(line) as (out, err):
        status = main([command, "-", "--on", "2025-06-01"])
    messages = err.getvalue().splitlines()
    assert "Traceback" not in err.getvalue()
    if status == 0:  # an answer, or an empty input said to be empty
        assert out.getvalue() or "holds no profile" in err.getvalue()
    else:
        assert status in (1, 2)
        assert messages
        assert all(m.startswith(("error: ", f"crs {command}: error: ")) for m in messages)
        assert all(len(m) <= MESSAGE_LIMIT + 20 for m in messages)


# ------------------------------------------------------------------ the command as a process


def _crs(
    args: list[str], **options: Any
) -> subprocess.Popen[bytes]:  # pragma: no cover - helpers of slow tests
    return subprocess.Popen(
        [sys.executable, "-m", "crs", *args],
        env={**os.environ, "PYTHONPATH": SRC, **options.pop("env", {})},
        stderr=subprocess.PIPE,
        **options,
    )


PROCESS = settings(
    max_examples=examples(6),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROCESS
@given(
    st.lists(_LINES, max_size=6),
    st.sampled_from(["closed_stdin", "closed_stdout", "full_stdout", "ascii_stdout", "pipe"]),
    st.sampled_from(["jsonl", "json", "text"]),
)
def test_the_command_in_a_hostile_environment(lines: list[bytes], where: str, fmt: str) -> None:
    data = _batch(lines)
    args = ["score", "-", "--on", "2025-06-01", "--format", fmt]
    options: dict[str, Any] = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
    with contextlib.ExitStack() as stack:
        if where == "closed_stdin":
            options["stdin"] = None
            options["preexec_fn"] = lambda: os.close(0)
        elif where == "closed_stdout":
            options["stdout"] = None
            options["preexec_fn"] = lambda: os.close(1)
        elif where == "full_stdout":
            if not Path("/dev/full").exists():  # pragma: no cover
                return
            options["stdout"] = stack.enter_context(Path("/dev/full").open("wb"))
        elif where == "ascii_stdout":
            options["env"] = {"PYTHONIOENCODING": "ascii"}
        process = _crs(args, **options)
        out, err = process.communicate(None if where == "closed_stdin" else data, timeout=120)
    text = err.decode("utf-8")
    assert "Traceback" not in text
    if where in ("closed_stdin", "closed_stdout", "full_stdout"):
        assert process.returncode == 2
        assert len(text.splitlines()) == 1
        return
    assert process.returncode in (0, 1)
    if where == "ascii_stdout":
        out.decode("ascii")
    if fmt == "jsonl":
        rows = [json.loads(row) for row in out.splitlines()]
        assert [row["line"] for row in rows] == [1, 2, *(n + 2 for n in _non_blank(lines))]


@PROCESS
@given(st.floats(0.0, 0.5), st.sampled_from(["jsonl", "json", "text"]))
def test_ctrl_c_at_any_moment(delay: float, fmt: str) -> None:
    """SIGINT once the command runs: status 130 and one line, or it had finished."""
    process = _crs(
        ["score", "-", "--on", "2025-06-01", "--format", fmt],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    feed = threading.Thread(target=_feed, args=(process.stdin, _PROFILE + b"\n", 2000))
    feed.start()  # in a thread: the child's output pipe fills while it reads
    first = os.read(process.stdout.fileno(), 1)  # crs runs: it has written its first result
    assert first
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    process.stdout.read()  # to its end: the command has ended
    assert process.stderr is not None
    err = process.stderr.read()
    process.wait(timeout=60)
    feed.join(timeout=60)
    if process.returncode == 130:
        assert err == b"crs score: interrupted\n"
    else:  # it had finished
        assert (process.returncode, err) == (0, b"")
