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


def test_the_outlook_states_the_scores_caveats_or_why_it_has_none() -> None:
    """The score in an outlook carries its warnings, in text and HTML, as crs.score does."""
    import datetime as dt

    import crs
    from crs.trends import outlook

    first = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9,
             "test_date": "2023-01-01"}  # fmt: skip
    p = crs.load_profile({"age": 30, "education": "bachelors", "first_language": first})
    day = dt.date(2026, 1, 1)
    found = outlook(p, day)
    assert found.warnings == crs.score(p, day).warnings
    assert "expired" in found.warnings[0]
    assert f"\nwarning: {found.warnings[0]}\n" in found.to_text()
    assert "&#9888;" in found._repr_html_()
    early = outlook(p, "2014-06-01")
    assert early.score is None
    assert "before Express Entry opened" in early.warnings[0]
