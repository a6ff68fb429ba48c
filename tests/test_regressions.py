"""Regression tests: inputs at the edges that once crashed or misplaced an error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import crs
from crs.cli import main

JOB_TO_9999 = {
    "age": 30,
    "education": "bachelors",
    "work_history": [{"noc": "21231", "start": "2020-01-01", "end": "9999-12-31"}],
}


def test_job_ending_on_the_last_representable_date_scores() -> None:
    """A valid job ending 9999-12-31 is five full-time years on 2025-01-01: 80 points (§2.5)."""
    result = crs.score(crs.load_profile(JOB_TO_9999), on=dt.date(2025, 1, 1))
    assert result.line("core.canadian_work").points == 80


def test_batch_with_such_a_job_loses_no_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The good line after it is still scored, and there is no traceback."""
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps(JOB_TO_9999) + "\n" + '{"age": 30, "education": "bachelors"}\n')
    status = main(["score", str(path), "--on", "2025-01-01", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert len(out.splitlines()) == 2
    assert status in (0, 1)


def test_huge_integer_score_names_the_ability() -> None:
    """An IELTS listening score of 10**400 is reported at first_language.listening."""
    data = {
        "age": 30,
        "education": "bachelors",
        "first_language": {
            "test": "ielts",
            "listening": 10**400,
            "reading": 7,
            "writing": 7,
            "speaking": 7,
        },
    }
    with pytest.raises(crs.ProfileError) as info:
        crs.load_profile(data)
    assert [p.path for p in info.value.problems] == ["first_language.listening"]


def test_a_defect_on_one_line_does_not_lose_the_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected exception while scoring one line becomes that line's error object."""
    import crs.cli.score as command
    from crs.cli import _chunks

    real = crs.score

    def flaky(profile: crs.Profile, on: dt.date) -> crs.Score:
        if profile.age == 31:
            raise RuntimeError("boom")
        return real(profile, on)

    monkeypatch.setattr(command, "score", flaky)
    # The scalar path (a JSON Lines batch in jsonl is otherwise explained in chunks).
    monkeypatch.setattr(_chunks, "ENABLED", False)
    path = tmp_path / "b.jsonl"
    lines = [{"age": age, "education": "bachelors"} for age in (30, 31, 32)]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    status = main(["score", str(path), "--on", "2025-01-01", "--format", "jsonl"])
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert status == 1
    assert [x.get("total") for x in out] == [out[0]["total"], None, out[2]["total"]]
    assert out[1]["line"] == 2
    assert out[1]["error"].startswith("internal error (RuntimeError: boom): this is a bug in crs")
    assert "please report it" in out[1]["error"]
