"""``crs score`` in process (interfaces.md §2): files, batches, stdin, formats, exit codes."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

import crs
from crs.cli import main
from strategies import clb

CONTRACT_KEYS = {
    "total",
    "core",
    "spouse",
    "skill_transferability",
    "additional",
    "rules",
    "on",
    "lines",
    "warnings",
    "crs_version",
    "rounds_data",
}

# V1 of crs-rules §11.3: 429 under the rules in force from 2025-03-25.
V1: dict[str, Any] = {
    "age": 29,
    "education": "bachelors",
    "first_language": {
        "test": "ielts",
        "listening": 8.0,
        "reading": 7.0,
        "writing": 7.0,
        "speaking": 7.0,
    },
    "foreign_work_years": 3,
}
# V6 of §11.3: 295.
V6: dict[str, Any] = {
    "age": 35,
    "education": "secondary",
    "first_language": clb(7, 7, 6, 7),
    "canadian_work_years": 2,
    "foreign_work_years": 3,
    "certificate_of_qualification": True,
}
BAD: dict[str, Any] = {"age": 29.5, "education": "bachelors"}
ON = "2026-02-19"

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    """Run ``crs`` in process: (exit status, stdout, stderr); never a traceback."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def write(tmp_path: Path, name: str, text: str) -> str:
    """Write ``text`` to ``tmp_path/name`` and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def jsonl(*items: Any) -> str:
    """JSON Lines text: dicts are dumped, strings kept as they are."""
    return "".join((item if isinstance(item, str) else json.dumps(item)) + "\n" for item in items)


def test_json_file_text_output(tmp_path: Path, capsys: Capture) -> None:
    """A .json profile prints a readable report with the total, date and rule set."""
    status, out, err = run(capsys, "score", write(tmp_path, "p.json", json.dumps(V1)), "--on", ON)
    assert status == 0
    assert out.startswith(f"CRS score: 429 on {ON}")
    assert "2025-03-25" in out.splitlines()[0]
    assert err == ""


def test_json_file_json_output(tmp_path: Path, capsys: Capture) -> None:
    """--format json prints one JSON object with exactly the contract keys."""
    path = write(tmp_path, "p.json", json.dumps(V1))
    status, out, _ = run(capsys, "score", path, "--on", ON, "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert set(data) == CONTRACT_KEYS
    assert (data["total"], data["core"], data["spouse"]) == (429, 354, 0)
    assert (data["skill_transferability"], data["additional"]) == (75, 0)
    assert (data["rules"], data["on"], data["warnings"]) == ("2025-03-25", ON, [])
    assert [line["key"] for line in data["lines"]] == [
        "core",
        "spouse",
        "transferability",
        "additional",
    ]


def test_json_output_equals_the_python_api(tmp_path: Path, capsys: Capture) -> None:
    """The command prints exactly Score.to_json() of crs.score on the same date."""
    path = write(tmp_path, "p.json", json.dumps(V6))
    _, out, _ = run(capsys, "score", path, "--on", ON, "--format", "json")
    expected = crs.score(crs.load_profile(V6), on=dt.date.fromisoformat(ON)).to_json()
    assert json.loads(out) == json.loads(json.dumps(expected))


def test_batch_with_a_bad_line_keeps_order_and_exits_1(tmp_path: Path, capsys: Capture) -> None:
    """A bad line becomes {"error", "line"} in input order; the good lines are still scored."""
    text = jsonl(V1, BAD, "", "{not json", V6)
    status, out, _ = run(
        capsys, "score", write(tmp_path, "b.jsonl", text), "--on", ON, "--format", "jsonl"
    )
    assert status == 1
    rows = [json.loads(row) for row in out.splitlines()]
    assert len(rows) == 4
    assert rows[0]["total"] == 429
    assert set(rows[1]) == {"error", "line"}
    assert rows[1]["line"] == 2
    assert "age" in rows[1]["error"]
    assert "29.5" in rows[1]["error"]
    assert rows[2]["line"] == 4  # blank line 3 is skipped but still counted
    assert "JSON" in rows[2]["error"]
    assert rows[3]["total"] == 295


def test_batch_of_good_lines_exits_0(tmp_path: Path, capsys: Capture) -> None:
    """A batch with no bad line exits 0 and prints one object a line."""
    path = write(tmp_path, "b.jsonl", jsonl(V1, V6))
    status, out, _ = run(capsys, "score", path, "--on", ON, "--format", "jsonl")
    assert status == 0
    assert [json.loads(row)["total"] for row in out.splitlines()] == [429, 295]


def test_batch_with_format_json_is_one_array(tmp_path: Path, capsys: Capture) -> None:
    """--format json on a batch prints one JSON array in input order, errors included."""
    path = write(tmp_path, "b.jsonl", jsonl(V6, BAD, V1))
    status, out, _ = run(capsys, "score", path, "--on", ON, "--format", "json")
    assert status == 1
    data = json.loads(out)
    assert isinstance(data, list)
    assert [item.get("total", item.get("line")) for item in data] == [295, 2, 429]
    assert set(data[1]) == {"error", "line"}


def test_batch_with_format_text_reports_errors_on_stderr(tmp_path: Path, capsys: Capture) -> None:
    """In text, each scored line is prefixed with its number; errors go to stderr by line."""
    path = write(tmp_path, "b.jsonl", jsonl(V1, BAD))
    status, out, err = run(capsys, "score", path, "--on", ON)
    assert status == 1
    assert out.startswith("line 1: CRS score: 429")
    assert "error: line 2: age: 29.5 is not a whole number" in err


def test_invalid_single_profile_names_the_field(tmp_path: Path, capsys: Capture) -> None:
    """An invalid .json profile exits 1 with one message per problem, naming the field."""
    data = {"age": 29.5, "education": "bachelors", "sibling_in_canada": "yes"}
    status, out, err = run(capsys, "score", write(tmp_path, "p.json", json.dumps(data)))
    assert status == 1
    assert out == ""
    assert "error: age: 29.5 is not a whole number" in err
    assert "error: sibling_in_canada:" in err


def test_invalid_single_profile_with_format_json(tmp_path: Path, capsys: Capture) -> None:
    """With --format json, an invalid single profile still reports on stderr and exits 1."""
    path = write(tmp_path, "p.json", json.dumps(BAD))
    status, out, err = run(capsys, "score", path, "--format", "json")
    assert (status, out) == (1, "")
    assert "age" in err


def test_contract_error_message_for_an_ielts_band(tmp_path: Path, capsys: Capture) -> None:
    """The error reads as interfaces.md §2 shows."""
    data = {**V1, "first_language": {**V1["first_language"], "reading": 9.5}}
    status, _, err = run(capsys, "score", write(tmp_path, "p.json", json.dumps(data)))
    assert status == 1
    assert "first_language.reading: 9.5 is not an IELTS band" in err


def test_stdin_json(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    """'-' reads one JSON profile from standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(V1, indent=2)))
    status, out, _ = run(capsys, "score", "-", "--on", ON, "--format", "json")
    assert status == 0
    assert json.loads(out)["total"] == 429


def test_stdin_json_lines(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    """'-' with several JSON values, one a line, is a batch."""
    monkeypatch.setattr("sys.stdin", io.StringIO(jsonl(V1, BAD, V6)))
    status, out, _ = run(capsys, "score", "-", "--on", ON, "--format", "jsonl")
    assert status == 1
    rows = [json.loads(row) for row in out.splitlines()]
    assert [row.get("total", row.get("line")) for row in rows] == [429, 2, 295]


def test_on_picks_the_rule_set(tmp_path: Path, capsys: Capture) -> None:
    """--on chooses the rules: a job offer earns 50 on 2025-03-24 and nothing from 2025-03-25."""
    path = write(tmp_path, "p.json", json.dumps({**V1, "arranged_employment": "teer_0_1_2_3"}))
    _, before, _ = run(capsys, "score", path, "--on", "2025-03-24", "--format", "json")
    _, after, _ = run(capsys, "score", path, "--on", "2025-03-25", "--format", "json")
    assert (json.loads(before)["total"], json.loads(after)["total"]) == (479, 429)
    assert json.loads(before)["rules"] == "2020-10-20"


def test_on_defaults_to_today(tmp_path: Path, capsys: Capture) -> None:
    """Without --on the score is for today."""
    path = write(tmp_path, "p.json", json.dumps(V1))
    _, out, _ = run(capsys, "score", path, "--format", "json")
    assert json.loads(out)["on"] == dt.date.today().isoformat()


def test_on_before_2015_exits_1_with_a_message(tmp_path: Path, capsys: Capture) -> None:
    """A date before Express Entry cannot be scored: exit 1 and a readable message."""
    path = write(tmp_path, "p.json", json.dumps(V1))
    status, out, err = run(capsys, "score", path, "--on", "2014-12-31")
    assert (status, out) == (1, "")
    assert "2015-01-01" in err


def test_profile_unscorable_on_the_date_in_a_batch(tmp_path: Path, capsys: Capture) -> None:
    """A profile born after the date fails while scoring: an error object, the rest scored."""
    unborn = {"date_of_birth": "2030-01-01", "education": "secondary"}
    path = write(tmp_path, "b.jsonl", jsonl(unborn, V1))
    status, out, _ = run(capsys, "score", path, "--on", ON, "--format", "jsonl")
    assert status == 1
    rows = [json.loads(row) for row in out.splitlines()]
    assert rows[0]["line"] == 1
    assert "date_of_birth" in rows[0]["error"]
    assert rows[1]["total"] == 429


def test_missing_file_exits_2(tmp_path: Path, capsys: Capture) -> None:
    """A file that does not exist is bad usage: exit 2 and a message naming it."""
    status, out, err = run(capsys, "score", str(tmp_path / "nope.json"))
    assert (status, out) == (2, "")
    assert "nope.json" in err
    assert err.startswith("crs score: error:")


def test_file_that_is_not_utf8_exits_1(tmp_path: Path, capsys: Capture) -> None:
    """A profile file that is not UTF-8 is a profile that cannot be read, as a batch line is."""
    path = tmp_path / "p.json"
    path.write_bytes(b"\xff\xfe\x00{")
    status, _, err = run(capsys, "score", str(path))
    assert status == 1
    assert err == "error: not UTF-8 text (byte 0xff at position 1)\n"


@pytest.mark.parametrize("bad", ["2025-13-01", "yesterday", "2025/01/01"])
def test_bad_on_exits_2(tmp_path: Path, capsys: Capture, bad: str) -> None:
    """--on that is not a YYYY-MM-DD date is bad usage: exit 2."""
    path = write(tmp_path, "p.json", json.dumps(V1))
    status, out, err = run(capsys, "score", path, "--on", bad)
    assert (status, out) == (2, "")
    assert "YYYY-MM-DD" in err


def test_unknown_format_exits_2(tmp_path: Path, capsys: Capture) -> None:
    """A format that does not exist is bad usage."""
    path = write(tmp_path, "p.json", json.dumps(V1))
    status, _, err = run(capsys, "score", path, "--format", "xml")
    assert status == 2
    assert "xml" in err


def test_no_command_exits_2(capsys: Capture) -> None:
    """Crs with no command is bad usage."""
    status, _, err = run(capsys)
    assert status == 2
    assert "usage" in err


def test_version(capsys: Capture) -> None:
    """--version prints the package version and exits 0."""
    status, out, _ = run(capsys, "--version")
    assert status == 0
    assert out.strip() == f"crs {crs.__version__}"


def test_json_file_that_is_not_json_exits_1(tmp_path: Path, capsys: Capture) -> None:
    """A .json file that is not JSON is an invalid profile: exit 1 and a message."""
    status, _, err = run(capsys, "score", write(tmp_path, "p.json", "{age: 30"))
    assert status == 1
    assert "not valid JSON" in err


def test_broken_pipe_is_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    """Output cut short (e.g. piped into head) ends quietly with status 0."""

    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    path = write(tmp_path, "b.jsonl", jsonl(V1, V6))
    monkeypatch.setattr("sys.stdout", Closed())
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert main(["score", path, "--on", ON, "--format", "jsonl"]) == 0


def test_read_one_reads_a_single_profile(tmp_path: Path) -> None:
    """read_one returns the profile of a .json file."""
    from crs.cli._common import read_one

    assert read_one(write(tmp_path, "p.json", json.dumps(V1))) == crs.load_profile(V1)


def test_read_one_refuses_a_batch_and_raises_profile_errors(tmp_path: Path) -> None:
    """read_one is for one profile: a batch is bad usage, a bad profile a ProfileError."""
    from crs.cli._common import UsageError, read_one

    with pytest.raises(UsageError, match="batch"):
        read_one(write(tmp_path, "b.jsonl", jsonl(V1, V6)))
    with pytest.raises(crs.ProfileError, match="age"):
        read_one(write(tmp_path, "p.json", json.dumps(BAD)))


def test_error_object_of_a_date_error() -> None:
    """An error that is not a ProfileError becomes an error object with its message."""
    from crs.cli._common import error_object

    error = crs.DateOutOfRangeError("2014-12-31 is before Express Entry opened")
    assert error_object(error, 7) == {
        "error": "2014-12-31 is before Express Entry opened",
        "line": 7,
    }


def test_jsonl_output_of_capped_lines(tmp_path: Path, capsys: Capture) -> None:
    """JSON Lines output carries caps and the sums they cut, like to_json (V7: 695 -> 600)."""
    v7 = {
        "age": 25,
        "education": "doctoral",
        "canadian_education": "three_year_or_longer",
        "first_language": clb(10),
        "second_language": {
            "test": "nclc",
            "listening": 9,
            "reading": 9,
            "writing": 9,
            "speaking": 9,
        },
        "canadian_work_years": 5,
        "foreign_work_years": 3,
        "sibling_in_canada": True,
        "provincial_nomination": True,
    }
    path = write(tmp_path, "b.jsonl", jsonl(v7, v7))
    status, out, _ = run(capsys, "score", path, "--on", ON, "--format", "jsonl")
    assert status == 0
    rows = [json.loads(row) for row in out.splitlines()]
    expected = crs.score(crs.load_profile(v7), on=dt.date.fromisoformat(ON)).to_json()
    assert rows == [expected | {"line": 1}, expected | {"line": 2}]
    additional = rows[0]["lines"][3]
    assert (additional["points"], additional["cap"], additional["uncapped"]) == (600, 600, 695)
