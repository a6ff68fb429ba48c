"""The core needs only attrs and cattrs: the optional extras load on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import crs


def test_import_crs_loads_neither_numpy_pandas_nor_matplotlib() -> None:
    """``import crs`` in a fresh interpreter imports none of the optional packages."""
    code = (
        "import sys, crs; "
        "print(sorted(m for m in ('numpy', 'pandas', 'matplotlib') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_lazy_names_resolve_to_their_modules() -> None:
    """score_frame and the plots are reachable from crs once their extras are installed."""
    assert getattr(crs, "score_frame").__module__ == "crs.frame"  # noqa: B009
    assert getattr(crs, "plot_breakdown").__module__ == "crs.plot"  # noqa: B009
    assert {"score_frame", "plot_timeline"} <= set(dir(crs))


def test_unknown_attribute_is_an_attribute_error() -> None:
    """A typo is an AttributeError, not an ImportError."""
    with pytest.raises(AttributeError, match="scor"):
        getattr(crs, "scor")  # noqa: B009 - the name is a typo on purpose


def test_python_dash_m_crs_runs_the_command() -> None:
    """``python -m crs`` is the ``crs`` command."""
    result = subprocess.run(
        [sys.executable, "-m", "crs", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"crs {crs.__version__}"
