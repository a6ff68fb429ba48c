"""Plots for notebooks: a score's breakdown, what-if gains, and a timeline against cut-offs.

Each function draws on a Matplotlib ``Axes`` (a new figure when none is given)
and returns it.  Matplotlib comes with the ``plot`` extra:
``pip install 'crs-calculator[plot]'``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crs.breakdown import Score
    from crs.draws import Round
    from crs.scenarios import Suggestions
    from crs.timelines import Timeline

__all__ = ["plot_breakdown", "plot_timeline", "plot_what_if"]

_SECTION_COLOURS = {
    "core": "tab:blue",
    "spouse": "tab:purple",
    "transferability": "tab:green",
    "additional": "tab:orange",
}


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - the extra is installed in development
        raise ImportError("crs.plot needs Matplotlib: pip install 'crs-calculator[plot]'") from exc
    _, new = plt.subplots(figsize=(8, 4.5))
    return new


def plot_breakdown(score: Score, ax: Any = None) -> Any:
    """A horizontal bar per factor (the children of each section), coloured by section.

    Returns:
        The Matplotlib ``Axes``.
    """
    ax = _axes(ax)
    labels: list[str] = []
    points: list[int] = []
    colours: list[str] = []
    for section in score.lines:
        for line in section.children or (section,):
            labels.append(line.label)
            points.append(line.points)
            colours.append(_SECTION_COLOURS.get(section.key, "tab:gray"))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, points, color=colours)
    ax.set_yticks(positions, labels)
    ax.set_xlabel("points")
    ax.set_title(f"CRS score {score.total} on {score.on} (rules from {score.rules.name})")
    return ax


def plot_what_if(suggestions: Suggestions, ax: Any = None, limit: int = 10) -> Any:
    """A horizontal bar per suggestion (the largest ``limit``), labelled with its gain.

    Returns:
        The Matplotlib ``Axes``.
    """
    ax = _axes(ax)
    items = list(suggestions)[:limit]
    positions = list(range(len(items)))[::-1]
    bars = ax.barh(positions, [s.gain for s in items], color="tab:green")
    ax.bar_label(bars, labels=[f"+{s.gain}" for s in items], padding=3)
    ax.set_yticks(positions, [s.title for s in items])
    ax.set_xlabel("points gained")
    ax.set_title(f"What would raise a CRS score of {suggestions.score.total}")
    return ax


def plot_timeline(
    timeline: Timeline,
    ax: Any = None,
    rounds: Iterable[Round] | None = None,
    months: int = 12,
) -> Any:
    """The score over the timeline as a step line, with recent rounds' cut-offs.

    Args:
        timeline: The timeline to draw.
        ax: The ``Axes`` to draw on (default: a new figure).
        rounds: The rounds to show (default: every round in the ``months``
            months before the timeline starts, from :func:`crs.draws.rounds`).
        months: How far back the default rounds go.

    Returns:
        The Matplotlib ``Axes``; the rounds are points, their median cut-off a
        dashed line.
    """
    ax = _axes(ax)
    if rounds is None:
        from crs.draws import rounds as all_rounds

        since = timeline.start - dt.timedelta(days=round(months * 30.44))
        rounds = all_rounds(since=since, until=timeline.start)
    chosen = list(rounds)
    steps = timeline.steps()
    ax.step([d for d, _ in steps], [t for _, t in steps], where="post", label="your score")
    if chosen:
        ax.scatter(
            [r.date for r in chosen],
            [r.crs_cutoff for r in chosen],
            s=12,
            color="tab:red",
            label="round cut-offs",
        )
        median = statistics.median(r.crs_cutoff for r in chosen)
        ax.axhline(median, linestyle="--", color="tab:red", label=f"median cut-off {median:g}")
    for change in timeline.changes:
        ax.annotate(
            f"{change.delta:+d}",
            (change.on, change.total),
            textcoords="offset points",
            xytext=(2, 4),
            fontsize=8,
        )
    ax.set_ylabel("CRS score")
    ax.set_title(f"CRS score from {timeline.start} to {timeline.end}")
    ax.legend(loc="best")
    return ax
