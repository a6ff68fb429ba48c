"""``crs eligible``, run in-process: text and JSON output, errors and exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from crs.cli import main

PHYSICIAN: dict[str, Any] = {
    "age": 38,
    "education": "masters",
    "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
    "work_history": [{"noc": "31102", "start": "2025-02-19", "hours_per_week": 40}],
}


def write(tmp_path: Path, data: object, name: str = "profile.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_json_for_the_seed_physician(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        ["eligible", write(tmp_path, PHYSICIAN), "--on", "2026-02-19", "--format", "json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert out["on"] == "2026-02-19"
    assert out["programs"]["cec"]["eligible"] is True
    assert out["categories"]["physicians"]["eligible"] is True
    assert out["categories"]["physicians"]["name"] == (
        "Physicians with Canadian Work Experience, 2026-Version 1"
    )
    assert "agriculture" not in out["categories"]


def test_eleven_months_in_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = {**PHYSICIAN, "work_history": [{"noc": "31102", "start": "2025-03-22"}]}
    status = main(["eligible", write(tmp_path, data), "--on", "2026-02-19"])
    out = capsys.readouterr().out
    assert status == 0
    assert out.startswith("Eligibility on 2026-02-19")
    assert "physicians       no   Physicians with Canadian Work Experience" in out
    assert "needs 1,560 hours" in out


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(PHYSICIAN)))
    assert main(["eligible", "-", "--on", "2024-06-01", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out["categories"]) == [
        "french", "healthcare", "stem", "trades", "transport", "agriculture",
    ]  # fmt: skip


def test_invalid_profile_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = {**PHYSICIAN, "first_language": {**PHYSICIAN["first_language"], "reading": 13}}
    assert main(["eligible", write(tmp_path, bad), "--on", "2026-02-19"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "first_language.reading" in captured.err
    assert "Traceback" not in captured.err


def test_malformed_noc_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = {**PHYSICIAN, "work_history": [{"noc": "19999", "start": "2025-01-01"}]}
    assert main(["eligible", write(tmp_path, bad), "--on", "2026-02-19"]) == 1
    assert "work_history[0].noc" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["eligible"],
        ["eligible", "x.json", "--on", "19-02-2026"],
        ["eligible", "x.json", "--format", "jsonl"],
        ["eligible", "/no/such/file.json"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_batch_gives_one_report_a_client(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text(json.dumps(PHYSICIAN) + "\n" + json.dumps(PHYSICIAN) + "\n", encoding="utf-8")
    assert main(["eligible", str(path), "--format", "json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert [r["line"] for r in reports] == [1, 2]
    assert reports[0]["programs"] == reports[1]["programs"]
