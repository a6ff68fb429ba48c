"""Every example script in examples/ runs as is; the bundled profiles score as documented."""

from __future__ import annotations

import datetime as dt
import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

import crs

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_example_script_runs(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The script runs to the end and prints something."""
    runpy.run_path(str(script), run_name="__main__")
    assert capsys.readouterr().out.strip()


def test_bundled_profile_scores_586_on_2026_11_25() -> None:
    """The README's first command shows this total."""
    profile = crs.load_profile(json.loads((EXAMPLES / "profile.json").read_text("utf-8")))
    result = crs.score(profile, on=dt.date(2026, 11, 25))
    assert (result.total, result.core, result.spouse) == (586, 411, 25)
    assert (result.skill_transferability, result.additional) == (100, 50)


def test_bundled_batch_has_one_bad_line() -> None:
    """examples/clients.jsonl shows a batch error: line 4 has an IELTS band that does not exist."""
    lines = (EXAMPLES / "clients.jsonl").read_text("utf-8").splitlines()
    bad = []
    for number, line in enumerate(lines, start=1):
        try:
            crs.load_profile(json.loads(line))
        except crs.ProfileError as error:
            bad.append((number, error.problems[0].path))
    assert bad == [(4, "first_language.listening")]


def test_an_example_without_its_extra_says_which_to_install() -> None:
    """With pandas missing, examples/score_frame.py names the extra, with no traceback."""
    code = (
        "import sys, runpy; sys.modules['pandas'] = None; "
        f"runpy.run_path({str(EXAMPLES / 'score_frame.py')!r}, run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "This example needs the batch extra (pandas is not installed): "
        "pip install 'crs-calculator[batch]'"
    )
