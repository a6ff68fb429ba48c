"""The project's own checks run as part of the test suite: ruff and mypy --strict.

The three that run a tool are marked ``tooling`` (seconds each; ``-m "not tooling"``
leaves them out of the inner loop).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import crs

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.tooling
def test_ruff_check_passes() -> None:
    """Ruff finds no lint error anywhere in the project."""
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.tooling
def test_ruff_format_is_clean() -> None:
    """Every Python file is formatted as ruff formats it."""
    result = _run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.tooling
def test_mypy_strict_passes() -> None:
    """The strict type check (mypy, configured in pyproject.toml) finds no error."""
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


def test_every_public_name_has_a_docstring() -> None:
    """Every name crs exports says what it is."""
    missing = [
        name
        for name in crs.__all__
        if not name.startswith("__")
        and not isinstance(getattr(crs, name), (tuple, dict, frozenset))
        and not (getattr(getattr(crs, name), "__doc__", None) or "").strip()
    ]
    assert missing == []
