"""The example notebook runs from top to bottom and shows the example client's total."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.tooling

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_notebook_runs_and_shows_the_known_total() -> None:
    notebook = nbformat.read(EXAMPLES / "notebook.ipynb", as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        notebook, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    text = "".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert "total: 586" in text
    assert "0 rows with errors" in text
    html = "".join(out.get("data", {}).get("text/html", "") for out in outputs)
    assert "What would raise a CRS score of 586" in html
    assert "CRS score from 2026-11-01 to 2030-12-31" in html
    assert "Outlook on 2026-11-01" in html
    assert "History, not a prediction" in html
    # The plot cells show their charts: the breakdown, what-if, timeline and trends.
    images = [out for out in outputs if "image/png" in out.get("data", {})]
    assert len(images) == 4
