"""Release readiness: one version, a wheel with the package data, and a wheel that works.

The wheel is built once for the module (``python -m build --wheel``, about ten
seconds); the install test puts it in a fresh virtual environment that sees the
already-installed ``attrs`` and ``cattrs`` and nothing else (a ``.pth`` file;
the wheel is installed with ``--no-deps``) and runs the ``crs`` command of that
environment.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import crs
from feedserver import encode, serve, with_new_round

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory of an sdist and a wheel built from the working tree."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--sdist",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    """The wheel."""
    (built,) = dist.glob("*.whl")
    return built


@pytest.mark.tooling
def test_sdist_holds_the_sources_and_data(dist: Path) -> None:
    """The sdist has the package with its data and py.typed, the tests, docs and examples."""
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = {
        "src/crs/py.typed",
        "src/crs/data/rounds.csv",
        "src/crs/data/noc2021.csv",
        "src/crs/data/pool_distribution.csv",
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "mkdocs.yml",
        "docs/hooks.py",
        "docs/rule_tables.py",
        "tools/feed.py",
        "src/crs/_feed.py",
        "examples/profile.json",
        "tests/test_docs.py",
    }
    assert wanted <= names


def test_version_is_in_one_place() -> None:
    """The version is written once, in ``_version.py``; the changelog has its entry."""
    text = (ROOT / "src" / "crs" / "_version.py").read_text("utf-8")
    match = re.search(r'__version__ = "([0-9]+\.[0-9]+\.[0-9]+)"', text)
    assert match is not None
    assert crs.__version__ == match.group(1)
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'path = "src/crs/_version.py"' in pyproject
    assert f"## [{crs.__version__}]" in (ROOT / "CHANGELOG.md").read_text("utf-8")


@pytest.mark.tooling
def test_wheel_metadata_is_complete(wheel: Path) -> None:
    """The wheel's metadata has the version, license, classifiers, keywords and addresses."""
    archive = zipfile.ZipFile(wheel)
    name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    meta = Parser().parsestr(archive.read(name).decode("utf-8"))
    assert meta["Name"] == "crs-calculator"
    assert meta["Version"] == crs.__version__
    assert meta["License-Expression"] == "MIT"
    assert "Typing :: Typed" in meta.get_all("Classifier", [])
    urls = {url.split(",")[0] for url in meta.get_all("Project-URL", [])}
    assert {"Homepage", "Documentation", "Source", "Changelog"} <= urls
    assert "express entry" in meta["Keywords"]
    core = [r for r in meta.get_all("Requires-Dist", []) if "extra ==" not in r]
    assert sorted(core) == ["attrs>=23.1", "cattrs>=23.2"]
    assert meta["Requires-Python"] == ">=3.10"


@pytest.mark.tooling
def test_wheel_holds_the_package_data(wheel: Path) -> None:
    """The wheel has every module, every data file, py.typed, and the console script."""
    names = set(zipfile.ZipFile(wheel).namelist())
    assert wheel.name.startswith(f"crs_calculator-{crs.__version__}-")
    package = ROOT / "src" / "crs"
    expected = {
        "crs/" + p.relative_to(package).as_posix()
        for p in package.rglob("*")
        if p.is_file()
        and p.suffix in {".py", ".csv", ".json", ".typed"}
        and "__pycache__" not in p.parts
    }
    assert {"crs/py.typed", "crs/data/rounds.csv", "crs/data/noc2021.csv"} <= expected
    assert expected <= names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "crs = crs.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not any(n.startswith(("tests/", "docs/", "tools/")) for n in names)


def _share_dependencies(python: Path, deps: Path) -> None:
    """Make the installed attrs and cattrs (only them) importable in the new environment."""
    deps.mkdir()
    for name in ("attr", "attrs", "cattrs", "typing_extensions", "exceptiongroup"):
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue
        origin = Path(spec.origin)
        target = origin.parent if origin.name == "__init__.py" else origin
        (deps / target.name).symlink_to(target)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "shared_deps.pth").write_text(f"{deps}\n", "utf-8")


@pytest.mark.tooling
def test_wheel_works_in_a_fresh_environment(wheel: Path, tmp_path: Path) -> None:
    """Installed alone in a new virtual environment, ``crs score`` gives 586 for the example."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    _share_dependencies(python, tmp_path / "deps")
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    clean = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    result = subprocess.run(
        [
            str(bindir / "crs"),
            "score",
            str(ROOT / "examples" / "profile.json"),
            "--on",
            "2026-11-25",
            "--format",
            "json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=clean,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == 586
    where = subprocess.run(
        [str(python), "-c", "import crs; print(crs.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=clean,
    )
    assert str(env_dir) in where.stdout, "the wheel, not the working tree, was imported"

    # The installed copy refreshes its rounds from a feed on a local server, and places a
    # profile against a round that is not in the bundle.
    data = {**clean, "CRS_DATA_DIR": str(tmp_path / "data")}
    physician = tmp_path / "physician.json"
    physician.write_text(
        json.dumps(
            {
                "date_of_birth": "1988-03-01",
                "education": "masters",
                "first_language": {
                    "test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9
                },
                "work_history": [{"noc": "31102", "start": "2025-02-10", "hours_per_week": 40}],
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    with serve({"/ee_rounds_123_en.json": encode(with_new_round())}) as base:
        update = subprocess.run(
            [str(bindir / "crs"), "data", "update", "--source", f"{base}/ee_rounds_123_en.json"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            env=data,
        )
    assert update.returncode == 0, update.stderr
    assert "added #448" in update.stdout
    placed = subprocess.run(
        [
            *(str(bindir / "crs"), "rounds", str(physician), "--category", "physicians"),
            *("--on", "2026-11-25", "--format", "json"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=data,
    )
    assert placed.returncode == 0, placed.stderr
    new = [r for r in json.loads(placed.stdout) if r["number"] == "448"]
    assert [(r["crs_cutoff"], r["eligible"], r["invited"]) for r in new] == [(171, True, True)]
