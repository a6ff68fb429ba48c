"""Plots: the artists carry the numbers of the score, suggestions and timeline."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import crs
from crs.draws import rounds
from crs.plot import plot_breakdown, plot_timeline, plot_trends, plot_what_if
from crs.scenarios import what_if
from crs.timelines import timeline
from crs.trends import cutoff_trends

ON = dt.date(2026, 2, 19)


@pytest.fixture
def profile() -> crs.Profile:
    return crs.load_profile(
        {
            "date_of_birth": "1996-06-01",
            "education": "bachelors",
            "foreign_work_years": 3,
            "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
                               "writing": 7.0, "speaking": 7.0},
        }
    )  # fmt: skip


def test_breakdown_bars_are_the_factor_points(profile: crs.Profile) -> None:
    result = crs.score(profile, ON)
    ax = plot_breakdown(result)
    widths = [patch.get_width() for patch in ax.patches]
    assert sum(widths) == sum(c.points for s in result.lines for c in s.children)
    assert str(result.total) in ax.get_title()
    plt.close(ax.figure)


def test_what_if_bars_are_the_gains(profile: crs.Profile) -> None:
    suggestions = what_if(profile, ON)
    ax = plot_what_if(suggestions, limit=3)
    assert [p.get_width() for p in ax.patches] == [s.gain for s in suggestions][:3]
    assert [t.get_text() for t in ax.get_yticklabels()] == [s.title for s in suggestions][:3]
    plt.close(ax.figure)


def _fits(ax: object, tmp_path: Path) -> None:
    """Every label, tick label, title and legend lies inside the saved figure."""
    figure = ax.figure  # type: ignore[attr-defined]
    figure.savefig(tmp_path / "chart.png")
    drawn = figure.get_tightbbox(figure.canvas.get_renderer())  # inches, every drawn artist
    width, height = figure.get_size_inches()
    assert drawn.x0 >= -0.01
    assert drawn.y0 >= -0.01
    assert drawn.x1 <= width + 0.01
    assert drawn.y1 <= height + 0.01


def test_breakdown_has_a_legend_of_sections_and_fits(profile: crs.Profile, tmp_path: Path) -> None:
    ax = plot_breakdown(crs.score(profile, ON))
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert names == [
        "A. Core / human capital",
        "B. Spouse",
        "C. Skill transferability",
        "D. Additional points",
    ]
    _fits(ax, tmp_path)
    plt.close(ax.figure)


def test_a_nomination_does_not_hide_the_other_gains(profile: crs.Profile, tmp_path: Path) -> None:
    suggestions = what_if(profile, ON)
    gains = sorted((s.gain for s in suggestions), reverse=True)
    assert gains[0] > 2.5 * gains[1]  # the nomination's 600 points
    ax = plot_what_if(suggestions)
    high = ax.get_xlim()[1]
    assert gains[1] < high < gains[0]
    assert any("(bar cut)" in t.get_text() for t in ax.texts)
    _fits(ax, tmp_path)
    plt.close(ax.figure)


def test_timeline_keeps_draw_types_apart(profile: crs.Profile, tmp_path: Path) -> None:
    t = timeline(profile, dt.date(2026, 1, 1), dt.date(2028, 12, 31))
    recent = rounds(since=dt.date(2025, 1, 1), until=dt.date(2026, 1, 1))
    ax = plot_timeline(t, rounds=recent, types=["cec", "pnp", "french"])
    (line,) = [ln for ln in ax.get_lines() if ln.get_label() == "your score"]
    assert list(line.get_ydata()) == [total for _, total in t.steps()]
    medians = {
        ln.get_label().split()[0]: ln.get_ydata()[0]
        for ln in ax.get_lines()
        if "median" in str(ln.get_label())
    }
    for kind in ("cec", "pnp", "french"):
        cutoffs = [r.crs_cutoff for r in recent if r.draw_type == kind]
        assert medians[kind] == statistics.median(cutoffs)
    counts = sorted(len(c.get_offsets()) for c in ax.collections)
    assert counts == sorted(
        sum(r.draw_type == kind for r in recent) for kind in ("cec", "pnp", "french")
    )
    _fits(ax, tmp_path)
    plt.close(ax.figure)


def test_timeline_shows_by_default_the_types_the_profile_could_enter() -> None:
    example = Path(__file__).parent.parent / "examples" / "profile.json"
    client = crs.load_profile(json.loads(example.read_text("utf-8")))
    t = timeline(client, dt.date(2026, 11, 1), dt.date(2027, 12, 31))
    ax = plot_timeline(t)
    labels = {
        str(ln.get_label()).split()[0] for ln in ax.get_lines() if "median" in str(ln.get_label())
    }
    assert labels == {"cec", "french"}  # no nomination: no PNP round; no general round held
    plt.close(ax.figure)


def test_trends_one_series_per_type_and_fits(tmp_path: Path) -> None:
    trends = cutoff_trends(since="2025-10-01", until="2026-10-01")
    ax = plot_trends(trends, score=410)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "pnp (25)" in legend
    assert "score 410" in legend
    total = sum(len(c.get_offsets()) for c in ax.collections)
    assert total == len(trends)
    _fits(ax, tmp_path)
    plt.close(ax.figure)
    default = plot_trends()
    assert "to 2026-10-01" in default.get_title()
    plt.close(default.figure)


def test_trends_of_a_period_with_no_round_says_so(tmp_path: Path) -> None:
    """A window or a type with no round draws an empty chart that says so, not a NaT error."""
    ax = plot_trends(cutoff_trends(since="2030-01-01"))
    assert ax.get_title() == "Cut-offs by draw type: no rounds in the period"
    assert [t.get_text() for t in ax.texts] == ["no rounds of invitations"]
    _fits(ax, tmp_path)
    plt.close(ax.figure)


def test_an_empty_placement_frame_has_the_columns_and_dtypes_of_a_full_one() -> None:
    profile = crs.load_profile({"age": 30, "education": "masters"})
    empty = crs.place(profile, since="2030-01-01").to_frame()
    full = crs.place(profile, since="2026-09-01").to_frame()
    assert list(empty.columns) == list(full.columns)
    assert empty["invited"].dtype == full["invited"].dtype
    assert empty["crs_cutoff"].dtype == full["crs_cutoff"].dtype == "int64"
    assert empty["round_time"].dtype == full["round_time"].dtype
    assert len(empty[empty["invited"].fillna(False)]) == 0
