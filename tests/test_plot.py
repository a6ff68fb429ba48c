"""Plots: the artists carry the numbers of the score, suggestions and timeline."""

from __future__ import annotations

import datetime as dt

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import crs
from crs.draws import rounds
from crs.plot import plot_breakdown, plot_timeline, plot_what_if
from crs.scenarios import what_if
from crs.timelines import timeline

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


def test_timeline_against_cutoffs(profile: crs.Profile) -> None:
    t = timeline(profile, dt.date(2026, 1, 1), dt.date(2028, 12, 31))
    recent = rounds(since=dt.date(2025, 1, 1), until=dt.date(2026, 1, 1))
    ax = plot_timeline(t, rounds=recent)
    (line,) = [ln for ln in ax.get_lines() if ln.get_label() == "your score"]
    assert list(line.get_ydata()) == [total for _, total in t.steps()]
    (points,) = ax.collections
    assert len(points.get_offsets()) == len(recent)
    assert [a.get_text() for a in ax.texts] == [f"{c.delta:+d}" for c in t.changes]
    plt.close(ax.figure)


def test_timeline_default_rounds(profile: crs.Profile) -> None:
    t = timeline(profile, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    ax = plot_timeline(t)
    labels = [ln.get_label() for ln in ax.get_lines()]
    assert any(label.startswith("median cut-off") for label in labels)
    plt.close(ax.figure)
