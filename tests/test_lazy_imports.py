"""``import crs`` and ``crs --help`` load only what they use (issue 10).

Timings are benchmarks, never tests: these tests check which modules load.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import crs
from crs.cli import COMMANDS, SUMMARIES, build_parser

SRC = str(Path(crs.__file__).resolve().parent.parent)


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(m for m in sys.modules if m.startswith('crs')))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": SRC},
    )
    return set(done.stdout.split())


def test_import_crs_loads_only_the_package() -> None:
    assert _modules_after("import crs") == {"crs", "crs._version"}


def test_a_public_name_loads_its_module_on_first_use() -> None:
    loaded = _modules_after("import crs\ncrs.load_profile")
    assert "crs.io" in loaded
    assert "crs.scoring" not in loaded
    assert "crs.placement" not in loaded


def test_every_public_name_resolves() -> None:
    for name in crs.__all__:
        assert getattr(crs, name) is not None, name
    assert crs.eligible is crs.eligibility.eligibility
    assert set(crs.__all__) <= set(dir(crs))


def test_crs_help_loads_no_command() -> None:
    loaded = _modules_after(
        "from crs.cli import main\nimport contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--help'])"
    )
    assert loaded <= {"crs", "crs._version", "crs.cli", "crs.__main__"}, loaded


def test_a_command_loads_its_own_module_only() -> None:
    loaded = _modules_after(
        "from crs.cli import main\nimport contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['rounds', '--help'])"
    )
    assert "crs.cli.rounds" in loaded
    assert not {"crs.cli.score", "crs.cli.report", "crs.reports"} & loaded


def test_the_listed_summaries_are_each_commands_own_help() -> None:
    parser = build_parser()
    subparsers: Any = next(a for a in parser._actions if a.dest == "command")
    helps = {action.dest: action.help for action in subparsers._choices_actions}
    assert helps == SUMMARIES
    assert tuple(SUMMARIES) == COMMANDS
