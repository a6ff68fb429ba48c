"""Issue 9: never crash, never lose a line, never accept nonsense (docs/guarantees.md).

Each test is one reported case (or another of its class): extreme dates, hostile
JSON, a hostile environment, lost lines, memory, silently accepted nonsense,
defects reported as defects.  The commands run as subprocesses where the
environment is the point (closed streams, a full disk, Ctrl-C).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import queue
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

import crs
from crs.cli import main

SRC = str(Path(crs.__file__).resolve().parents[1])
ON = "2025-06-01"
GOOD: dict[str, Any] = {
    "education": "bachelors",
    "age": 30,
    "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
}
Capture = pytest.CaptureFixture[str]


def _bounded() -> None:  # pragma: no cover - runs in the child
    """At most 2 GB of address space: a command that reads without limit fails, not the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def crs_process(
    *args: str, stdin: Any = subprocess.DEVNULL, stdout: Any = subprocess.PIPE, **env: str
) -> subprocess.Popen[bytes]:
    """``python -m crs ARGS`` with this checkout's package."""
    environment = {**os.environ, "PYTHONPATH": SRC, **env}
    return subprocess.Popen(
        [sys.executable, "-m", "crs", *args],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment,
        preexec_fn=_bounded,
    )


def run_crs(*args: str, input_bytes: bytes | None = None, **env: str) -> tuple[int, bytes, str]:
    """Run the command to its end: (status, standard output, standard error)."""
    process = crs_process(
        *args, stdin=subprocess.PIPE if input_bytes is not None else subprocess.DEVNULL, **env
    )
    out, err = process.communicate(input_bytes, timeout=120)
    return process.returncode, out, err.decode("utf-8", "replace")


def line_within(stream: IO[bytes], seconds: float = 60) -> bytes:
    """The next line of ``stream``, or b"" if none comes within ``seconds``."""
    found: queue.Queue[bytes] = queue.Queue()
    threading.Thread(target=lambda: found.put(stream.readline()), daemon=True).start()
    try:
        return found.get(timeout=seconds)
    except queue.Empty:
        return b""


def one_line(err: str) -> str:
    """The one line of standard error (and no traceback)."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


def with_language_date(day: str) -> dict[str, Any]:
    return {**GOOD, "first_language": {**GOOD["first_language"], "test_date": day}}


def with_job_until(day: str) -> dict[str, Any]:
    job = {"noc": "21231", "start": "2020-01-01", "end": day, "in_canada": True}
    return {**GOOD, "work_history": [job]}


# --------------------------------------------------------------------------- extreme dates


@pytest.mark.parametrize(
    "data", [with_language_date("9999-01-01"), with_job_until("9999-12-31")], ids=["test", "job"]
)
def test_far_future_dates_in_a_profile_are_answered_by_every_entry_point(
    data: dict[str, Any],
) -> None:
    """A test taken in 9999, a job ending 9999-12-31: no OverflowError anywhere."""
    profile = crs.load_profile(data)
    assert crs.eligible(profile, ON).on == dt.date(2025, 6, 1)
    assert len(crs.place(profile, until=ON)) > 0
    assert crs.what_if(profile, ON).score.total > 0
    line = crs.timeline(profile, "2025-01-01", "2026-01-01")
    assert line.initial.total > 0
    assert crs.timeline(profile, "9999-01-01", "9999-12-31").end == dt.date.max


@pytest.mark.parametrize(
    "data", [with_language_date("9999-01-01"), with_job_until("9999-12-31")], ids=["test", "job"]
)
@pytest.mark.parametrize("command", ["eligible", "rounds"])
@pytest.mark.parametrize("on", [ON, "9999-12-31"])
def test_far_future_dates_in_a_profile_are_answered_by_the_commands(
    tmp_path: Path, capsys: Capture, data: dict[str, Any], command: str, on: str
) -> None:
    path = write(tmp_path, "p.json", json.dumps(data))
    assert main([command, path, "--on", on]) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("day", ["0001-01-01", "1900-01-01", "9999-12-31"])
def test_eligible_on_any_date_of_the_calendar(tmp_path: Path, capsys: Capture, day: str) -> None:
    """``crs eligible --on 0001-01-01`` answers: no programme had begun, no category in force."""
    path = write(tmp_path, "p.json", json.dumps(GOOD))
    assert main(["eligible", path, "--on", day]) == 0
    out = capsys.readouterr().out
    assert f"Eligibility on {day}" in out


EDGES = ["0001-01-01", "2016-02-29", "9999-12-31"]


@pytest.mark.parametrize("day", EDGES)
def test_every_dated_entry_point_answers_at_either_end_of_the_calendar(day: str) -> None:
    """A report, a couple's comparison, an outlook and the rounds on any calendar day.

    An answer, or a :class:`crs.CRSError` (no rules before 2015): never a
    ValueError or OverflowError from date arithmetic a year or months away.
    """
    from crs.trends import cutoff_trends, margins, outlook

    profile = crs.load_profile(GOOD)
    partner = crs.load_profile({**GOOD, "age": 40})
    calls: dict[str, Callable[[], object]] = {
        "report": lambda: crs.report(profile, on=day).on,
        "compare_principal": lambda: crs.compare_principal(profile, partner, day).on,
        "outlook": lambda: outlook(profile, day).on,
        "margins": lambda: margins(profile, day),
        "cutoff_trends": lambda: len(cutoff_trends(since=day)),
        "rounds": lambda: len(crs.rounds(since=day, until=day)),
        "timeline": lambda: crs.timeline(profile, day, day).end,
    }
    refused = {}
    for name, call in calls.items():
        try:
            call()
        except crs.CRSError as error:
            refused[name] = str(error)
    assert not refused or day < "2015-01-01", refused


@pytest.mark.parametrize(
    ("moment", "late"),
    [("9999-12-31T23:00:00-05:00", True), ("0001-01-01T00:00:00+05:00", False)],
)
def test_a_submission_time_whose_utc_is_off_the_calendar(moment: str, late: bool) -> None:
    """9999-12-31 23:00 in Toronto is in year 10000 in UTC: after every day, not an OverflowError.

    0001-01-01 00:00 at UTC+5 is in year 0 in UTC: before every day.  Every path
    that reads the submission time answers, and score_frame agrees with score.
    """
    pd = pytest.importorskip("pandas")
    data = {**GOOD, "submitted_at": moment}
    profile = crs.load_profile(data)
    result = crs.score(profile, ON)
    said = [w for w in result.warnings if w.startswith("submitted_at:")]
    assert bool(said) is late
    if late:
        assert "submitted on 9999-12-31 23:00:00-0500, after 2025-06-01" in said[0]
    from crs.frame import score_frame

    frame = score_frame(pd.json_normalize([data]), ON)
    assert int(frame["total"][0]) == result.total
    placed = crs.place(profile, until=ON)
    assert any("submitted" in " ".join(r.reasons) for r in placed) is late
    assert crs.what_if(profile, ON).score.total == result.total
    assert crs.timeline(profile, "2025-01-01", ON).initial.total > 0
    assert crs.report(profile, on=ON).on == dt.date(2025, 6, 1)


def test_eligible_takes_a_date_string_like_every_entry_point() -> None:
    """``crs.eligible(profile, "2025-06-01")``: an ISO string, as ``score`` takes it."""
    profile = crs.load_profile(GOOD)
    assert crs.eligible(profile, ON).on == dt.date(2025, 6, 1)
    with pytest.raises(crs.DateError):
        crs.eligible(profile, "June 2025")


def test_a_date_of_birth_that_makes_the_candidate_176_is_an_error_everywhere() -> None:
    """Ages come from the ``age`` field's range (0 to 120) whichever way they are given."""
    profile = crs.load_profile({"education": "bachelors", "date_of_birth": "1850-01-01"})
    with pytest.raises(crs.ProfileError) as info:
        crs.score(profile, "2026-01-01")
    message = "1850-01-01 makes the candidate 176 on 2026-01-01; 176 is not between 0 and 120"
    assert [(p.path, p.message) for p in info.value.problems] == [("date_of_birth", message)]
    pd = pytest.importorskip("pandas")
    from crs.frame import score_frame

    frame = pd.DataFrame(
        [
            {"education": "bachelors", "date_of_birth": "1850-01-01"},
            {"education": "bachelors", "age": 30},
        ]
    )
    result = score_frame(frame, "2026-01-01")
    assert result["error"].tolist() == [f"date_of_birth: {message}", None]
    assert (
        result["total"].tolist()[1]
        == crs.score(crs.load_profile(GOOD | {"first_language": None}), "2026-01-01").total
    )


def test_a_far_future_date_of_birth_costs_its_row_only_in_score_frame() -> None:
    pd = pytest.importorskip("pandas")
    from crs.frame import score_frame

    frame = pd.DataFrame(
        [
            {"education": "bachelors", "date_of_birth": "9999-01-01"},
            {"education": "bachelors", "age": 30},
        ]
    )
    result = score_frame(frame, ON)
    assert (
        result["error"].tolist()[0]
        == "date_of_birth: 9999-01-01 is after the scoring date 2025-06-01"
    )
    assert result["total"].tolist()[1] == 225


# --------------------------------------------------------------------------- hostile JSON


@pytest.mark.parametrize("command", ["score", "eligible", "rounds"])
def test_nesting_a_thousand_deep_is_one_error(
    tmp_path: Path, capsys: Capture, command: str
) -> None:
    path = write(tmp_path, "p.json", "[" * 1000 + "]" * 1000)
    assert main([command, path, "--on", ON]) == 1
    assert capsys.readouterr().err == "error: not valid JSON: nested too deeply\n"


def test_deep_nesting_costs_its_line_only(tmp_path: Path, capsys: Capture) -> None:
    deep = '{"age":' * 1000 + "1" + "}" * 1000
    path = write(tmp_path, "b.jsonl", "\n".join([json.dumps(GOOD), deep, json.dumps(GOOD)]) + "\n")
    assert main(["score", path, "--on", ON, "--format", "jsonl"]) == 1
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [row["line"] for row in rows] == [1, 2, 3]
    assert rows[1]["error"] == "not valid JSON: nested too deeply"
    assert rows[0]["total"] == rows[2]["total"] == 374


def test_a_deep_value_in_a_field_is_shown_shortened() -> None:
    value: list[Any] = []
    for _ in range(900):
        value = [value]
    with pytest.raises(crs.ProfileError) as info:
        crs.load_profile({"education": "bachelors", "age": value})
    assert str(info.value).startswith("age: [[[[")
    assert len(str(info.value)) < 120


@pytest.mark.parametrize(
    "text",
    [
        '{"education": "bachelors", "age": 30, "\\ud800": 1}',
        '{"education": "\\ud800", "age": 30}',
    ],
    ids=["key", "value"],
)
def test_a_lone_surrogate_is_written_escaped(tmp_path: Path, text: str) -> None:
    r"""The error names the surrogate as ``\\ud800``: every encoding can write that."""
    path = write(tmp_path, "b.jsonl", text + "\n" + json.dumps(GOOD) + "\n")
    status, out, err = run_crs("score", path, "--on", ON, "--format", "jsonl")
    assert (status, err) == (1, "")
    rows = [json.loads(x) for x in out.decode("utf-8").splitlines()]
    assert "\\ud800" in rows[0]["error"]
    assert rows[1]["total"] == 374


def test_a_50_megabyte_key_is_never_echoed() -> None:
    with pytest.raises(crs.ProfileError) as info:
        crs.load_profile({"education": "bachelors", "age": 30, "x" * 50_000_000: 1})
    assert len(str(info.value)) < 200
    assert str(info.value).endswith("...: unknown key")


def test_a_50_megabyte_line_costs_its_line_and_is_never_held(tmp_path: Path) -> None:
    huge = json.dumps({"education": "x" * 50_000_000, "age": 30})
    path = write(tmp_path, "b.jsonl", "\n".join([json.dumps(GOOD), huge, json.dumps(GOOD)]) + "\n")
    status, out, err = run_crs("score", path, "--on", ON, "--format", "jsonl")
    rows = [json.loads(x) for x in out.splitlines()]
    assert (status, err) == (1, "")
    assert [row["line"] for row in rows] == [1, 2, 3]
    assert rows[1]["error"].startswith("the line is longer than 4,194,304 bytes")


def test_dev_zero_is_read_within_a_limit() -> None:
    status, out, err = run_crs("score", "/dev/zero")
    assert (status, out) == (1, b"")
    assert one_line(err).startswith("error: the file is longer than 4,194,304 bytes")


def test_a_number_with_a_million_digits_is_refused_quickly() -> None:
    with pytest.raises(crs.ProfileError, match="a number has 1000000 digits"):
        crs.loads_profile('{"age": ' + "9" * 1_000_000 + "}")


# --------------------------------------------------------------------------- the environment


def test_standard_input_closed() -> None:
    process = subprocess.run(  # as `crs score - <&-`: the command starts without a stdin
        [sys.executable, "-m", "crs", "score", "-"],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=60,
        check=False,
        preexec_fn=lambda: os.close(0),
    )
    assert process.returncode == 2
    assert one_line(process.stderr.decode()) == "crs score: error: standard input is closed"


def test_standard_output_closed(tmp_path: Path) -> None:
    path = write(tmp_path, "p.json", json.dumps(GOOD))
    process = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(1); sys.stdout = None; "
            "from crs.cli import main; sys.exit(main(['score', sys.argv[1]]))",
            path,
        ],
        capture_output=False,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=60,
        check=False,
    )
    assert process.returncode == 2
    assert one_line(process.stderr.decode()) == "crs score: error: standard output is closed"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_standard_output_full(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path, "b.jsonl", (json.dumps(GOOD) + "\n") * 3)
    with Path("/dev/full").open("wb") as full:
        process = crs_process("score", path, "--on", ON, "--format", fmt, stdout=full)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert one_line(err.decode()) == (
        "crs score: error: cannot write the output: No space left on device"
    )


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_standard_output_not_utf8(fmt: str) -> None:
    """An ASCII terminal: what it cannot encode is escaped, and JSON stays valid JSON."""
    text = '{"education": "\\u00e9\\ud800", "age": 30}\n' + json.dumps(GOOD) + "\n"
    status, out, err = run_crs(
        "score",
        "-",
        "--on",
        ON,
        "--format",
        fmt,
        input_bytes=text.encode(),
        PYTHONIOENCODING="ascii",
    )
    assert status == 1
    assert "Traceback" not in err
    out.decode("ascii")  # nothing but ASCII
    if fmt == "jsonl":
        rows = [json.loads(x) for x in out.splitlines()]
        assert "\u00e9" in rows[0]["error"]
    elif fmt == "json":
        assert [row["line"] for row in json.loads(out)] == [1, 2]
    else:
        assert '"\\u00e9\\ud800"' in err


def test_ctrl_c_during_a_batch_exits_130_with_one_line() -> None:
    process = crs_process("score", "-", "--on", ON, "--format", "jsonl", stdin=subprocess.PIPE)
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write((json.dumps(GOOD) + "\n").encode() * 2)
    process.stdin.flush()
    line = line_within(process.stdout)  # it streams: a result comes before the input ends
    if not line:
        process.kill()
    assert json.loads(line)["line"] == 1
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert one_line(err.decode()) == "crs score: interrupted"


# --------------------------------------------------------------------------- lost lines


def test_one_invalid_utf8_line_costs_that_line_only(tmp_path: Path, capsys: Capture) -> None:
    good = (json.dumps(GOOD) + "\n").encode()
    data = good * 5000 + b'{"education": "\xff"}\n' + good * 4999
    path = write(tmp_path, "b.jsonl", data)
    assert main(["score", path, "--on", ON, "--format", "jsonl"]) == 1
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 10_000
    assert [row["line"] for row in rows] == list(range(1, 10_001))
    assert rows[5000] == {"error": "not UTF-8 text (byte 0xff at position 16)", "line": 5001}
    assert sum("total" in row for row in rows) == 9_999


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_output_object_of_a_batch_carries_its_line(
    tmp_path: Path, capsys: Capture, fmt: str
) -> None:
    text = "\n" + json.dumps(GOOD) + "\r\n\n  \n" + '{"age": 1}\n' + "\ufeff" + json.dumps(GOOD)
    path = write(tmp_path, "b.jsonl", text)
    assert main(["score", path, "--on", ON, "--format", fmt]) == 1
    out = capsys.readouterr().out
    rows = json.loads(out) if fmt == "json" else [json.loads(x) for x in out.splitlines()]
    assert [(row["line"], row.get("total")) for row in rows] == [(2, 374), (5, None), (6, 374)]


def test_a_bom_and_crlf_on_standard_input(capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\r\n"
    status, out, err = run_crs("score", "-", "--on", ON, "--format", "json", input_bytes=data)
    assert (status, err) == (0, "")
    assert json.loads(out)["total"] == 374


def test_standard_input_is_streamed() -> None:
    """A batch on standard input is scored as it comes, not once it has all been read."""
    process = crs_process("score", "-", "--on", ON, "--format", "json", stdin=subprocess.PIPE)
    assert process.stdin is not None
    assert process.stdout is not None
    process.stdin.write((json.dumps(GOOD) + "\n").encode() * 20)
    process.stdin.flush()
    first = line_within(process.stdout)  # the array is written item by item
    if not first:
        process.kill()
    assert first == b"[\n"
    process.stdin.close()
    rest = process.stdout.read()
    process.wait(timeout=60)
    rows = json.loads(first + rest)
    assert [row["line"] for row in rows] == list(range(1, 21))


# --------------------------------------------------------------------------- memory


def test_the_cycle_collector_stays_on(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bad line leaves a reference cycle (an exception and its traceback): collect them."""
    import crs.cli.score as command

    seen: list[bool] = []
    real = crs.score

    def spy(profile: crs.Profile, on: dt.date) -> crs.Score:
        seen.append(gc.isenabled())
        return real(profile, on)

    monkeypatch.setattr(command, "score", spy)
    path = write(tmp_path, "b.jsonl", json.dumps(GOOD) + "\n")
    assert main(["score", path, "--on", ON]) == 0
    assert seen == [True]


# --------------------------------------------------------------------------- nonsense


def test_family_members_zero_is_an_error() -> None:
    """The family counts the candidate: at least 1 (profile-format.md)."""
    with pytest.raises(crs.ProfileError) as info:
        crs.load_profile(GOOD | {"family_members": 0})
    assert str(info.value) == "family_members: 0 is not between 1 and 50"


def test_a_key_given_twice_is_an_error_naming_it(tmp_path: Path, capsys: Capture) -> None:
    with pytest.raises(crs.ProfileError) as info:
        crs.loads_profile('{"age": 200, "age": 30, "education": "bachelors"}')
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("age", "is given more than once")
    ]
    spouse = '"spouse": {"education": "masters", "education": "doctoral"}'
    text = '{"education": "bachelors", "age": 30, ' + spouse + "}"
    path = write(tmp_path, "p.json", text)
    assert main(["score", path]) == 1
    assert capsys.readouterr().err == "error: spouse.education: is given more than once\n"


@pytest.mark.parametrize(("fmt", "out"), [("text", ""), ("jsonl", ""), ("json", "[]\n")])
def test_an_empty_batch_says_so(tmp_path: Path, capsys: Capture, fmt: str, out: str) -> None:
    path = write(tmp_path, "b.jsonl", "\n\n")
    assert main(["score", path, "--format", fmt]) == 0
    captured = capsys.readouterr()
    assert captured.out == out
    assert captured.err == "crs score: warning: the input holds no profile (it is empty or blank)\n"


def test_empty_standard_input_for_one_profile(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, err = run_crs("eligible", "-", input_bytes=b"")
    assert status == 1
    assert one_line(err) == "error: the input is empty: it holds no profile"


# --------------------------------------------------------------------------- defects


def test_a_defect_is_reported_as_a_bug_once(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crs.cli.eligible as command

    def broken(profile: crs.Profile, on: dt.date) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(command, "eligibility", broken)
    path = write(tmp_path, "p.json", json.dumps(GOOD))
    assert main(["eligible", path]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "crs eligible: error: internal error (ZeroDivisionError: division by zero): "
        "this is a bug in crs"
    )
    assert "please report it at https://github.com/crs-calculator/crs/issues" in err
    assert err.count("\n") == 1


# --------------------------------------------------------------------------- repeated columns


def test_a_column_named_twice_is_reported_on_every_row_of_a_frame() -> None:
    """Two ``age`` columns: which is the age?  Every row says so; no row is scored on a guess."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        [[30, 31, "masters", "x"], [40, 41, "bachelors", "y"]],
        columns=["age", "age", "education", "id"],
    )
    from crs.flat import from_frame
    from crs.frame import score_frame

    result = score_frame(frame, ON)
    assert result["total"].isna().all()
    assert list(result["error"]) == ["age: 2 columns are named 'age'"] * 2
    assert list(result["id"]) == ["x", "y"]  # the client's id is still beside its row
    with pytest.raises(crs.ProfileError) as raised:
        from_frame(frame)
    assert [p.path for p in raised.value.problems] == ["[0].age", "[1].age"]


def test_a_header_naming_a_column_twice_is_reported_on_every_row(
    tmp_path: Path, capsys: Capture
) -> None:
    path = write(tmp_path, "c.csv", "id,age,education,age\na,30,masters,31\nb,40,bachelors,41\n")
    assert main(["score", path, "--format", "csv", "--on", ON]) == 1
    rows = capsys.readouterr().out.splitlines()[1:]
    assert len(rows) == 2
    assert [row.split(",")[0] for row in rows] == ["a", "b"]  # each with its client's id
    assert all(row.endswith("age: 2 columns are named 'age'") for row in rows)


# --------------------------------------------------------------------------- NaN in JSON text


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("age", "age: NaN is not a whole number"),
        ("canadian_work_years", "canadian_work_years: NaN is not a whole number"),
        ("provincial_nomination", "provincial_nomination: NaN is not true or false"),
        ("spouse", "spouse: NaN is not a JSON object"),
        ("id", "id: NaN is not a string (put it in quotes)"),
    ],
)
def test_nan_in_json_text_is_a_value_given_and_reported(key: str, message: str) -> None:
    """Text that writes NaN gave something: it is reported on its field, never taken as left out.

    (A float NaN in a Python dict stays a missing value: a frame's empty cell.)
    """
    text = json.dumps({**GOOD, key: float("nan")})  # writes NaN, as some tools do
    with pytest.raises(crs.ProfileError) as raised:
        crs.loads_profile(text)
    assert [str(p) for p in raised.value.problems] == [message]
    if key != "age":  # a missing age is an error of its own
        assert crs.load_profile({**GOOD, key: float("nan")}) == crs.load_profile(GOOD)


def test_infinities_in_a_language_result_are_each_reported() -> None:
    text = json.dumps(
        {
            **GOOD,
            "first_language": {
                "test": "ielts",
                **dict.fromkeys(["listening", "reading"], float("inf")),
                "writing": float("-inf"),
                "speaking": float("nan"),
            },
        }
    )
    with pytest.raises(crs.ProfileError) as raised:
        crs.loads_profile(text)
    assert [str(p) for p in raised.value.problems] == [
        "first_language.listening: Infinity is not a score",
        "first_language.reading: Infinity is not a score",
        "first_language.writing: -Infinity is not a score",
        "first_language.speaking: NaN is not a score",
    ]


# ---------------------------------------------------------------- errors across processes


def _score_in_a_worker(data: dict[str, Any]) -> int:
    return crs.score(crs.load_profile(data), ON).total


def test_a_profile_error_comes_back_whole_from_a_worker_process() -> None:
    """multiprocessing, joblib, Dask and Spark pickle the error: one line a problem, as raised."""
    import copy
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    error = crs.ProfileError([crs.Problem("age", "bad"), crs.Problem("", "worse")], id="c-1")
    for copied in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error)):
        assert type(copied) is crs.ProfileError
        assert (str(copied), copied.problems, copied.id) == (
            "age: bad\nworse",
            error.problems,
            "c-1",
        )
    with ProcessPoolExecutor(1) as pool:
        future = pool.submit(_score_in_a_worker, {**GOOD, "age": 200, "id": "c-2"})
        with pytest.raises(crs.ProfileError) as raised:
            future.result()
    assert str(raised.value) == "age: 200 is not between 0 and 120"
    assert raised.value.id == "c-2"


def test_what_if_at_the_top_of_a_field_suggests_nothing_past_it() -> None:
    """100 years of Canadian work (the field's most): no "101 years" profile to fail on."""
    profile = crs.load_profile({**GOOD, "canadian_work_years": 100})
    found = crs.what_if(profile, ON)
    assert found.score.total == crs.score(profile, ON).total
    assert "canadian_work" not in [s.key for s in found]
    assert len(found) > 0  # the other suggestions are still made


@pytest.mark.parametrize("programs", [{"cec": crs.CEC}, {}], ids=["cec-only", "none"])
def test_an_eligibility_report_with_programs_of_ones_own_writes_its_json(
    programs: dict[str, Any],
) -> None:
    """Without FSW among the programs, the report's JSON has no FSW grid to attach: no KeyError."""
    report = crs.eligible(crs.load_profile(GOOD), ON, programs=programs)
    data = report.to_json()
    assert list(data["programs"]) == list(programs)
    assert data["on"] == ON


# --------------------------------------------------------------------------- CSV lines


def _summary(capsys: Capture, path: str) -> list[dict[str, Any]]:
    main(["score", path, "--on", ON, "--format", "summary"])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_a_quote_never_closed_costs_its_line_only(tmp_path: Path, capsys: Capture) -> None:
    """``"B,31,...`` opens a quote no line closes: line 3 is an error, every later client is read.

    (Before, the quote took every line to the end of the file, with no word of them.)
    """
    rows = "".join(f"C{i},30,masters\n" for i in range(50))
    path = write(tmp_path, "c.csv", f'id,age,education\nA,30,masters\n"B,31,masters\n{rows}')
    out = _summary(capsys, path)
    assert [r["line"] for r in out] == list(range(2, 54))
    assert out[1]["error"].startswith("not a valid CSV row: a quote is not closed")
    assert [r["id"] for r in out[2:]] == [f"C{i}" for i in range(50)]
    assert all(r["total"] == out[0]["total"] for r in out[2:])


def test_a_quoted_cell_may_still_hold_line_breaks(tmp_path: Path, capsys: Capture) -> None:
    """A work history's JSON written over several lines in its quoted cell is read whole."""
    jobs = '"[{""noc"": ""21231"",\n  ""start"": ""2020-01-01""}]"'
    path = write(
        tmp_path, "c.csv", f"id,age,education,work_history\nA,30,masters,{jobs}\nB,30,masters,\n"
    )
    out = _summary(capsys, path)
    assert [(r["line"], r["id"]) for r in out] == [(2, "A"), (4, "B")]
    assert out[0]["total"] > out[1]["total"]  # the jobs counted


@pytest.mark.parametrize(
    ("header", "why"),
    [
        (b"id,age,education,r\xe9f", "not UTF-8 text (byte 0xe9 at position 19)"),
        (b'id,"age"x,education', "not a valid CSV row"),
        (b"i\x00d\x00,\x00a\x00g\x00e\x00", "the header holds NUL characters (UTF-16 text?)"),
    ],
    ids=["latin-1", "quote", "utf-16"],
)
def test_a_header_that_cannot_be_read_is_never_replaced_by_a_client_row(
    tmp_path: Path, capsys: Capture, header: bytes, why: str
) -> None:
    path = write(tmp_path, "c.csv", header + b"\nA,30,masters\nB,31,masters\n")
    out = _summary(capsys, path)
    assert [r["line"] for r in out] == [1, 2, 3]
    assert out[0]["error"].startswith(why)
    assert [r["error"] for r in out[1:]] == [
        "no header to read the row by: the header on line 1 could not be read"
    ] * 2


def test_a_byte_order_mark_on_a_line_of_its_own_is_a_blank_line(
    tmp_path: Path, capsys: Capture
) -> None:
    path = write(tmp_path, "c.csv", b"\xef\xbb\xbf\n\nid,age,education\nA,30,masters\n")
    out = _summary(capsys, path)
    assert [(r["line"], r["id"], "error" in r) for r in out] == [(4, "A", False)]


# --------------------------------------------------------------------------- report files


@pytest.mark.parametrize("on", ["9997-12-31", "9999-12-31"])
def test_an_html_report_at_the_end_of_the_calendar(tmp_path: Path, on: str) -> None:
    """The chart's month ticks stop at the calendar's last month, not at year 10000."""
    path = write(tmp_path, "p.json", json.dumps({**GOOD, "canadian_work_years": 1}))
    out = str(tmp_path / "r.html")
    assert main(["report", path, "--on", on, "-o", out]) == 0
    assert f"<title>CRS report ({on})</title>" in Path(out).read_text(encoding="utf-8")


def test_a_report_file_with_a_lone_surrogate_id_is_written_escaped_and_whole(
    tmp_path: Path, capsys: Capture
) -> None:
    r"""An id holding ``\ud800`` is written as that escape, whole.

    A report already there is replaced only once the new one is written, and
    keeps the mode a plainly written file gets.
    """
    good = write(tmp_path, "good.json", json.dumps(GOOD))
    odd = write(tmp_path, "odd.json", '{"id": "\\ud800", "age": 30, "education": "masters"}')
    out = tmp_path / "client.html"
    assert main(["report", good, "--on", ON, "-o", str(out)]) == 0
    mode = out.stat().st_mode & 0o777
    assert main(["report", odd, "--on", ON, "-o", str(out)]) == 0
    assert "\\ud800" in out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == mode
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # nothing left
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("text", ["", "  \n\n", "\ufeff\n"], ids=["empty", "blank", "bom"])
def test_an_empty_json_file_is_an_input_with_no_profile(
    tmp_path: Path, capsys: Capture, text: str
) -> None:
    """``crs score empty.json`` says what an empty .jsonl, .csv or standard input says."""
    path = write(tmp_path, "p.json", text)
    assert main(["score", path, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "[]\n"
    assert captured.err == "crs score: warning: the input holds no profile (it is empty or blank)\n"
    assert main(["eligible", path]) == 1  # a command of one profile: that is an error
    assert capsys.readouterr().err == "error: the input is empty: it holds no profile\n"


def test_rounds_on_an_empty_batch_prints_the_error_alone(tmp_path: Path, capsys: Capture) -> None:
    """No rounds-data line after the error: the input held no client to place."""
    empty = write(tmp_path, "b.jsonl", "\n\n")
    assert main(["rounds", empty, "--since", "2026-09-01"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "error: the input is empty: it holds no profile\n"
    profile = '{"age": 30, "education": "bachelors"}'
    batch = write(tmp_path, "c.jsonl", f"{profile}\n{profile}\n")
    assert main(["rounds", batch, "--since", "2026-09-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("line 1: ")
    assert out.count("Rounds data:") == 1
    assert out.rstrip("\n").splitlines()[-1].startswith("Rounds data:")


def test_a_warning_with_standard_error_closed_stays_out_of_the_json(tmp_path: Path) -> None:
    """``crs score empty.jsonl --format json 2>&-``: the warning is dropped, not written to stdout.

    (Python starts with ``sys.stderr`` None then, and ``print(file=None)`` writes to stdout.)
    """
    path = write(tmp_path, "b.jsonl", "\n")
    process = subprocess.run(
        [sys.executable, "-m", "crs", "score", path, "--format", "json"],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": SRC},
        preexec_fn=lambda: os.close(2),
        check=False,
    )
    assert (process.returncode, process.stdout) == (0, b"[]\n")


def test_csv_on_standard_input_with_a_foreign_column_is_still_csv(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``client_name`` beside known keys: the header is CSV, and the column an unknown key."""
    import io

    text = "id,age,education,client_name\nA,30,masters,Jane\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main(["score", "-", "--on", ON, "--format", "summary"]) == 1
    (line,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert line == {
        "id": "A",
        "error": "client_name: unknown key; a client's name or number goes in id",
        "line": 2,
    }


def test_the_score_crs_rounds_gives_carries_its_caveats(tmp_path: Path, capsys: Capture) -> None:
    """``crs rounds PROFILE --on`` scores on --on: that score's caveats are printed, as by score."""
    path = write(tmp_path, "p.json", json.dumps(GOOD))
    day = "2026-11-25"  # a change reported in force from 2026-11-03 is not modelled
    expected = crs.score(crs.load_profile(GOOD), day).warnings
    assert expected
    assert main(["rounds", path, "--since", "2026-09-29", "--on", day]) == 0
    out = capsys.readouterr().out
    for warning in expected:
        assert out.count(f"warning: {warning}") == 1


def test_every_public_function_of_a_date_reads_it_as_score_does() -> None:
    """rules_in_force, a program, a category and the FSW grid take ``YYYY-MM-DD`` too."""
    from crs.categories import category
    from crs.programs.fsw import fsw_grid
    from crs.rules import rules_in_force

    profile = crs.load_profile(GOOD)
    day = dt.date(2026, 1, 1)
    assert rules_in_force("2026-01-01") is rules_in_force(day)
    assert crs.CEC(profile, "2026-01-01") == crs.CEC(profile, day)
    assert category("healthcare", "2026-01-01") is category("healthcare", day)
    assert fsw_grid(profile, "2026-01-01").total == fsw_grid(profile, day).total
    with pytest.raises(crs.DateError):
        rules_in_force(dt.datetime(2026, 1, 1))
    with pytest.raises(crs.DateError):
        crs.CEC(profile, "1 January 2026")


def test_a_text_error_names_the_clients_id(tmp_path: Path, capsys: Capture) -> None:
    """Text output's errors carry the id, as JSON Lines and CSV errors do."""
    lines = ['{"id": "A1", "age": 30.5, "education": "bachelors"}', json.dumps(GOOD)]
    path = write(tmp_path, "two.jsonl", "\n".join(lines) + "\n")
    assert main(["score", path, "--on", ON]) == 1
    assert capsys.readouterr().err == "error: line 1, id A1: age: 30.5 is not a whole number\n"


def test_a_key_given_twice_inside_a_csv_cell_is_reported(tmp_path: Path, capsys: Capture) -> None:
    """A work history's JSON in a CSV cell, ``noc`` given twice: reported, as in JSON Lines."""
    jobs = '"[{""noc"": ""21231"", ""noc"": ""21232"", ""start"": ""2020-01-01""}]"'
    path = write(tmp_path, "c.csv", f"id,age,education,work_history\nA,30,masters,{jobs}\n")
    out = _summary(capsys, path)
    assert out == [{"id": "A", "error": "work_history[0].noc: is given more than once", "line": 2}]


def test_a_projection_past_a_change_not_modelled_says_so() -> None:
    """A report on 2026-10-15 projects two years, past 2026-11-03: its caveat is on the page."""
    profile = crs.load_profile(GOOD)
    day = "2026-10-15"
    assert crs.score(profile, day).warnings == ()
    line = crs.timeline(profile, day, "2028-10-15")
    later = crs.score(profile, "2026-11-25").warnings
    assert later
    assert set(later) <= set(line.warnings)
    assert all(f"warning: {w}" in line.to_text() for w in later)
    found = crs.report(profile, on=day)
    assert found.to_json()["timeline"]["warnings"] == list(line.warnings)
    assert "not modelled" in found.to_html()


def test_what_if_on_an_expired_result_suggests_a_new_test_and_says_the_right_french_points() -> (
    None
):
    """An IELTS of 2024-01-10 expired on 2026-01-10: a new test is suggested.

    And a French suggestion does not promise the bilingual points the expired
    English cannot give.
    """
    data = {
        "age": 30,
        "education": "bachelors",
        "first_language": {
            "test": "ielts", "listening": 8.0, "reading": 7.0, "writing": 7.0,
            "speaking": 7.0, "test_date": "2024-01-10",
        },
    }  # fmt: skip
    profile = crs.load_profile(data)
    day = "2026-11-25"
    found = {s.key: s for s in crs.what_if(profile, day)}
    again = found["first_language"]
    assert "expired on 2026-01-10" in again.text
    assert again.gain == crs.score(again.profile, day).total - crs.score(profile, day).total > 100
    french = found["french"]
    earned = crs.score(french.profile, day).line("additional.french").points
    assert earned == 25
    assert "This includes 25 French-language points" in french.text


@pytest.mark.parametrize(
    ("noc", "was", "years"), [("73300", "not skilled", (0, 3)), ("64200", "skilled", (3, 0))]
)
def test_a_job_whose_skill_changed_with_noc_2021_is_read_by_noc_2016_before_the_switch(
    noc: str, was: str, years: tuple[int, int]
) -> None:
    """Before 2022-11-16 IRCC read jobs by NOC 2016: so does crs, and says so."""
    data = {
        **GOOD,
        "work_history": [{"noc": noc, "start": "2019-06-01", "hours_per_week": 40}],
    }
    profile = crs.load_profile(data)
    before, switch = "2022-11-15", "2022-11-16"
    said = f"NOC {noc} is read as {was} work, as IRCC read it by NOC 2016 before 2022-11-16"
    assert any(said in w for w in crs.score(profile, before).warnings)
    assert any(said in w for w in crs.eligible(profile, before).warnings)
    assert not any("NOC 2016" in w for w in crs.score(profile, switch).warnings)
    assert not any("NOC 2016" in w for w in crs.eligible(profile, switch).warnings)
    counted = [
        crs.score(profile, day).line("core.canadian_work").reason for day in (before, switch)
    ]
    assert [int(reason.split()[0]) for reason in counted] == list(years)
    cec = [crs.eligible(profile, day).programs["cec"].eligible for day in (before, switch)]
    assert cec == [years[0] > 0, years[1] > 0]


def test_a_report_says_what_its_projection_cannot_move() -> None:
    """A fixed age, counted years of work and an undated test do not move: the page says so."""
    data = {**GOOD, "canadian_work_years": 1}  # an age, counted years, a test with no date
    page = crs.report(crs.load_profile(data), on="2026-11-25").to_html()
    assert "the profile gives an age, not a date of birth, so birthdays are not shown" in page
    assert "years of work are given as counts, not as jobs, so they do not grow here" in page
    assert "a language result without a test date is not shown expiring" in page
    dated = {
        **GOOD,
        "age": None,
        "date_of_birth": "1996-01-01",
        "first_language": {**GOOD["first_language"], "test_date": "2026-01-10"},
    }
    assert "Note:" not in crs.report(crs.load_profile(dated), on="2026-11-25").to_html()


def test_eligible_csv_carries_the_warnings(tmp_path: Path, capsys: Capture) -> None:
    """As ``crs score --format csv`` does: the 2026-11-03 caveat is on every row."""
    path = write(tmp_path, "p.json", json.dumps({**GOOD, "id": "X"}))
    assert main(["eligible", path, "--on", "2026-11-25", "--format", "csv"]) == 0
    import csv as csv_module
    import io

    (row,) = list(csv_module.DictReader(io.StringIO(capsys.readouterr().out)))
    expected = crs.eligible(crs.load_profile(GOOD), "2026-11-25").warnings
    assert row["warnings"] == "; ".join(expected)
    assert expected
    assert row["error"] == ""


def test_a_report_projects_no_further_than_the_profile_can_be_scored() -> None:
    """Born 1907-01-01: 121 on 2028-01-01, so the projection stops on 2027-12-31."""
    profile = crs.load_profile({"date_of_birth": "1907-01-01", "education": "masters"})
    found = crs.report(profile, on="2026-11-25")
    assert found.timeline.end == dt.date(2027, 12, 31)
    assert found.score.total == crs.score(profile, "2026-11-25").total


def test_a_new_test_of_an_expired_tef_keeps_its_scores() -> None:
    """A TEF Canada of 2018 expired: Express Entry reads one TEF chart, so the same scores."""
    from crs.language import levels

    old = {"test": "tef_canada", "listening": 300, "reading": 250, "writing": 400,
           "speaking": 400, "test_date": "2018-06-01"}  # fmt: skip
    profile = crs.load_profile({**GOOD, "first_language": old})
    day = "2026-11-25"
    again = {s.key: s for s in crs.what_if(profile, day)}["first_language"]
    assert "the same results on a new test" in again.text
    result = again.profile.first_language
    assert result is not None
    assert profile.first_language is not None
    assert result.scores() == profile.first_language.scores()
    assert levels(result) == levels(profile.first_language)
    assert result.test_date == dt.date(2026, 11, 25)
    assert again.gain == crs.score(again.profile, day).total - crs.score(profile, day).total
