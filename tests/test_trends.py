"""Cut-off trends (crs.trends): each round's median over the 12 months before it."""

from __future__ import annotations

import pytest

pytest.importorskip("pandas", reason="the 'batch' extra is not installed")

from crs.trends import cutoff_trends


@pytest.mark.parametrize("since", ["2016-06-01", "2023-07-01", "2026-09-01"])
def test_a_rounds_median_is_the_same_in_every_window(since: str) -> None:
    """``median_cutoff`` reads the 12 months before the round, not only those ``since`` keeps."""
    whole = cutoff_trends().set_index("number")["median_cutoff"]
    part = cutoff_trends(since=since).set_index("number")["median_cutoff"]
    assert len(part) > 0
    assert part.to_dict() == whole.loc[part.index].to_dict()


def test_one_draw_type_given_as_text_is_that_type() -> None:
    assert set(cutoff_trends(types="cec")["draw_type"]) == {"cec"}
