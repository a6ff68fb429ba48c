"""``crs rounds``, run in-process: every round, a profile placed, filters, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import crs
from crs.cli import main
from crs.draws import rounds

PHYSICIAN: dict[str, Any] = {
    "date_of_birth": "1988-03-01",
    "education": "masters",
    "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
    "work_history": [{"noc": "31102", "start": "2024-09-19", "hours_per_week": 40}],
}
ROUND_KEYS = {"number", "date", "name", "category", "invitations", "crs_cutoff", "tie_breaking"}
PLACED_KEYS = ROUND_KEYS | {"score", "eligible", "invited", "margin", "reasons"}


@pytest.fixture(scope="module")
def physician_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("profiles") / "physician.json"
    path.write_text(json.dumps(PHYSICIAN), encoding="utf-8")
    return str(path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["rounds", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_lists_all_448_rounds_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["--format", "json", "--on", "2026-10-05"], capsys)
    data = json.loads(out)
    assert (status, err) == (0, "")  # data 4 days old: no notice
    assert len(data) == 448
    assert all(set(row) >= ROUND_KEYS for row in data)
    assert "score" not in data[0]
    r397 = next(row for row in data if row["number"] == "397")
    assert r397 == {
        **r397,
        "date": "2026-02-19",
        "name": "Physicians with Canadian Work Experience, 2026-Version 1",
        "category": "physicians",
        "invitations": 391,
        "crs_cutoff": 169,
        "tie_breaking": "2026-01-03T03:25:14Z",
    }
    assert [row["number"] for row in data[:2]] == ["1", "2"]
    assert data[0]["tie_breaking"] is None


def test_lists_all_448_rounds_as_text_newest_first(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["--on", "2026-10-05"], capsys)  # data 4 days old: no notice
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == "448 rounds of invitations from 2015-01-31 to 2026-10-01, newest first"
    assert lines[2].split() == ["round", "date", "ITAs", "cut-off", "name"]
    assert len(lines) == 3 + 448 + 2
    assert (
        lines[-1]
        == f"Rounds data: bundled with crs {crs.__version__}, newest round #447 on 2026-10-01."
    )
    assert lines[3].split()[:4] == ["447", "2026-10-01", "3,500", "476"]
    assert lines[3].endswith("Trades Occupations, 2026-Version 3")


def test_physician_json(physician_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run([physician_file, "--format", "json"], capsys)
    data = json.loads(out)
    assert status == 0
    assert len(data) == 448
    assert all(set(row) >= PLACED_KEYS for row in data)
    invited = [row["number"] for row in data if row["invited"] is True]
    assert invited == ["397", "421", "440"]
    for row in data:
        if row["category"] in ("french", "trades"):
            assert (row["eligible"], row["invited"]) == (False, False)
            assert row["reasons"]
    r397 = next(row for row in data if row["number"] == "397")
    assert (r397["score"], r397["margin"], r397["eligible"]) == (415, 246, True)


def test_physician_text_for_the_physician_rounds(
    physician_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run([physician_file, "--category", "physicians", "--on", "2026-10-01"], capsys)
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == (
        "Rounds of invitations from 2026-02-19 to 2026-09-03, newest first: "
        "invited in 3 of 3 rounds (eligible for 3)"
    )
    rows = [line.split() for line in lines[3:6]]
    assert [row[:7] for row in rows] == [
        ["440", "2026-09-03", "229", "198", "410", "+212", "invited"],
        ["421", "2026-06-24", "271", "223", "410", "+187", "invited"],
        ["397", "2026-02-19", "391", "169", "415", "+246", "invited"],
    ]
    # Two years (3,120 hours at 30 a week) of Canadian work from 2026-09-17: 423.
    assert lines[-2].startswith("On 2026-10-01, the profile scores 423. ")
    assert "of the pool scored above 423" in lines[-2]
    assert "published with round 447" in lines[-2]
    assert lines[-1].startswith("Rounds data: bundled")


def test_text_shows_margins_below_the_cutoff(
    physician_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        [physician_file, "--category", "cec", "--since", "2026-09-01", "--until", "2026-09-30"],
        capsys,
    )
    rows = [line.split() for line in out.splitlines()[3:] if line[:5].strip().isdigit()]
    assert status == 0
    assert [row[0] for row in rows] == ["446", "443", "439"]
    assert rows[0][4:8] == ["423", "-95", "not", "invited"]


def test_filters(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        ["--since", "2017-01-01", "--until", "2017-12-31", "--format", "json"], capsys
    )
    data = json.loads(out)
    assert status == 0
    assert len(data) == 30
    assert sum(row["invitations"] for row in data) == 86023
    _, out, _ = run(["--category", "healthcare", "--format", "json"], capsys)
    assert {row["category"] for row in json.loads(out)} == {"healthcare"}
    _, out, _ = run(["--category", "pnp", "--since", "2026-09-01", "--format", "json"], capsys)
    assert [row["number"] for row in json.loads(out)] == ["442", "445"]


def test_on_is_the_default_until(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["--on", "2026-02-19", "--format", "json"], capsys)
    data = json.loads(out)
    assert data[-1]["number"] == "397"
    assert len(data) == len(rounds(until=date(2026, 2, 19))) == 398
    # Rounds held after --on are left out: a later --until reads as --on.
    _, out, _ = run(["--on", "2026-02-19", "--until", "2026-10-01", "--format", "json"], capsys)
    assert len(json.loads(out)) == 398


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(PHYSICIAN)))
    status, out, _ = run(["-", "--category", "physicians", "--format", "json"], capsys)
    assert status == 0
    assert [row["invited"] for row in json.loads(out)] == [True, True, True]


def test_unknown_category_exits_2_with_the_valid_slugs(
    physician_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run([physician_file, "--category", "doctors"], capsys)
    assert (status, out) == (2, "")
    assert "unknown category 'doctors'" in err
    for slug in ("french", "healthcare", "physicians", "senior_managers", "cec", "pnp"):
        assert slug in err
    assert "Traceback" not in err


def test_invalid_profile_exits_1_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {**PHYSICIAN, "first_language": {**PHYSICIAN["first_language"], "reading": 13}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    status, out, err = run([str(path)], capsys)
    assert (status, out) == (1, "")
    assert "first_language.reading" in err
    assert "Traceback" not in err


def test_malformed_noc_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = {**PHYSICIAN, "work_history": [{"noc": "19999", "start": "2025-01-01"}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    status, _, err = run([str(path), "--format", "json"], capsys)
    assert status == 1
    assert "work_history[0].noc" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--since", "2026-02-30"],
        ["--format", "csv"],
        ["--since", "2026-03-01", "--until", "2026-02-01"],
        ["missing-profile.json"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(argv, capsys)
    assert (status, out) == (2, "")
    assert err
    assert "Traceback" not in err


def test_a_profile_born_after_on_says_it_cannot_be_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "child.json"
    path.write_text(json.dumps({**PHYSICIAN, "date_of_birth": "2015-03-01"}), encoding="utf-8")
    status, out, _ = run([str(path), "--on", "2015-03-31"], capsys)
    rows = [line.split() for line in out.splitlines()[3:9]]
    assert status == 0
    assert [row[0] for row in rows] == ["6", "5", "4", "3", "2", "1"]
    assert rows[0][4] != "-"  # born on 2015-03-01: scored on 2015-03-27
    assert rows[-1][4:8] == ["-", "-", "not", "eligible"]
    assert "On 2015-03-31, the profile scores " in out
    status, out, _ = run([str(path), "--on", "2015-02-01"], capsys)
    assert status == 0
    assert "the profile scores" not in out
    assert "On 2015-02-01, the profile cannot be scored: " in out
    assert "2015-03-01" in out.split("cannot be scored: ")[1]


def test_an_until_after_on_leaves_out_the_rounds_after_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Round 397 (2026-02-19) was not held yet on 2026-02-01, whatever --until says."""
    doctor = str(Path(__file__).parent.parent / "examples" / "doctor.json")
    argv = [doctor, "--category", "physicians", "--until", "2026-03-01", "--format", "json"]
    code, out, _ = run([*argv, "--on", "2026-02-01"], capsys)
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run([*argv, "--on", "2026-02-19"], capsys)
    assert [r["number"] for r in json.loads(out)] == ["397"]
    code, _, err = run(["--since", "2026-03-01", "--on", "2026-02-01"], capsys)
    assert (code, err) == (2, "crs rounds: error: --since 2026-03-01 is after --on 2026-02-01\n")


def test_csv_names_the_rounds_whose_tie_is_undecided(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """At round 247's cut-off without a submission time: neither invited nor not, named."""
    clb9 = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}
    job = {"noc": "21231", "start": "2018-01-01", "hours_per_week": 40}
    tie = {"date_of_birth": "1990-05-05", "education": "masters", "first_language": clb9,
           "work_history": [job]}  # fmt: skip
    path = tmp_path / "tie.json"
    path.write_text(json.dumps(tie), encoding="utf-8")
    window = ["--since", "2023-04-20", "--until", "2023-04-30", "--on", "2023-04-30"]
    _, out, _ = run([str(path), *window, "--format", "json"], capsys)
    assert [(r["number"], r["invited"], r["margin"]) for r in json.loads(out)] == [("247", None, 0)]
    _, out, _ = run([str(path), *window, "--format", "csv"], capsys)
    assert out.splitlines()[1] == ",1,1,1,0,,247,0,,"
    submitted = {**tie, "submitted_at": "2023-01-01T00:00:00Z"}  # before the tie-break
    path.write_text(json.dumps(submitted), encoding="utf-8")
    _, out, _ = run([str(path), *window, "--format", "csv"], capsys)
    assert out.splitlines()[1] == ",1,1,1,1,247,,0,,"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_a_document_output_says_the_data_is_old_on_standard_error(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """JSON and CSV have no place for the notice the text ends with: standard error has."""
    doctor = str(Path(__file__).parent.parent / "examples" / "doctor.json")
    code, out, err = run([doctor, "--on", "2026-11-29", "--since", "2026-09-01", "--format", fmt],
                         capsys)  # fmt: skip
    assert code == 0
    assert "out of date" not in out
    assert err == (
        "crs rounds: note: Rounds data may be out of date: the newest known round is #447 on "
        "2026-10-01, 59 days before 2026-11-29. Refresh it with: crs data update\n"
    )
    code, _, err = run([doctor, "--on", "2026-10-05", "--since", "2026-09-01", "--format", fmt],
                       capsys)  # fmt: skip
    assert (code, err) == (0, "")


def test_the_list_of_rounds_ends_with_the_notice_when_the_data_is_old(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, err = run(["--on", "2026-11-25", "--since", "2026-09-01"], capsys)
    assert err == ""
    assert out.splitlines()[-1].startswith("Rounds data may be out of date: the newest known")


def test_the_csv_row_carries_the_caveats_of_the_newest_rounds_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet sees why the last round's score is what it is (an expired test here)."""
    expired = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9,
               "test_date": "2023-01-01"}  # fmt: skip
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"age": 30, "education": "masters", "first_language": expired}))
    window = ["--since", "2026-09-01", "--on", "2026-10-05"]
    _, out, _ = run([str(path), *window, "--format", "json"], capsys)
    newest = json.loads(out)[-1]
    assert newest["number"] == "447"
    assert any("expired on 2025-01-01" in w for w in newest["warnings"])
    _, out, _ = run([str(path), *window, "--format", "csv"], capsys)
    row = next(csv.DictReader(out.splitlines()))
    assert row["warnings"] == "; ".join(newest["warnings"])
