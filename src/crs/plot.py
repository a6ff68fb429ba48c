"""Charts a client understands: a score's breakdown, what-if gains, a timeline, cut-off trends.

Each function draws on a Matplotlib ``Axes`` (a new figure when none is given)
and returns it.  A new figure uses Matplotlib's constrained layout, so its
labels and legend fit when it is saved (``ax.figure.savefig("chart.png")``).

* Section colours have a legend.
* Rounds are kept apart by draw type (:attr:`crs.draws.Round.draw_type`): a PNP
  cut-off (with its 600 nomination points) is never averaged with a CEC or a
  category cut-off.
* A provincial nomination's 600 points do not squash the other what-if bars:
  the axis is cut and the bar says so.

Matplotlib comes with the ``plot`` extra: ``pip install 'crs-calculator[plot]'``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from crs._dates import shift

if TYPE_CHECKING:
    import pandas as pd

    from crs.breakdown import Score
    from crs.draws import Round
    from crs.profile import Profile
    from crs.scenarios import Suggestions
    from crs.timelines import Timeline

__all__ = ["DRAW_TYPE_COLOURS", "plot_breakdown", "plot_timeline", "plot_trends", "plot_what_if"]

_SECTION_COLOURS = {
    "core": "tab:blue",
    "spouse": "tab:purple",
    "transferability": "tab:green",
    "additional": "tab:orange",
}
_SECTION_NAMES = {
    "core": "A. Core / human capital",
    "spouse": "B. Spouse",
    "transferability": "C. Skill transferability",
    "additional": "D. Additional points",
}

DRAW_TYPE_COLOURS: dict[str, str] = {
    "general": "black",
    "cec": "tab:blue",
    "fsw": "tab:cyan",
    "fst": "tab:olive",
    "pnp": "tab:red",
    "french": "tab:purple",
    "healthcare": "tab:green",
    "stem": "tab:orange",
    "trades": "tab:brown",
    "transport": "tab:gray",
    "agriculture": "yellowgreen",
    "education": "tab:pink",
    "physicians": "darkgreen",
    "senior_managers": "navy",
    "researchers": "teal",
    "military": "maroon",
}
"""The colour of each draw type, the same in every chart."""

_CUT = 2.5  # a gain this many times the next one is drawn on a cut axis


def _axes(ax: Any, size: tuple[float, float] = (8, 4.5)) -> Any:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - the extra is installed in development
        raise ImportError("crs.plot needs Matplotlib: pip install 'crs-calculator[plot]'") from exc
    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _legend_outside(ax: Any, **options: Any) -> None:
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, **options)


def plot_breakdown(score: Score, ax: Any = None) -> Any:
    """A horizontal bar per factor, coloured by section, with a legend of the sections.

    Each bar is labelled with its points.

    Returns:
        The Matplotlib ``Axes``.
    """
    from matplotlib.patches import Patch

    labels: list[str] = []
    points: list[int] = []
    colours: list[str] = []
    shown: list[str] = []
    for section in score.lines:
        for line in section.children or (section,):
            labels.append(line.label)
            points.append(line.points)
            colours.append(_SECTION_COLOURS.get(section.key, "tab:gray"))
        if section.key not in shown:
            shown.append(section.key)
    ax = _axes(ax, (9, max(3.5, 0.32 * len(labels) + 1.5)))
    positions = list(range(len(labels)))[::-1]
    bars = ax.barh(positions, points, color=colours)
    ax.bar_label(bars, labels=[str(p) for p in points], padding=3, fontsize=8)
    ax.set_yticks(positions, labels)
    ax.set_xlabel("points")
    ax.set_xmargin(0.12)
    ax.set_title(f"CRS score {score.total} on {score.on} (rules from {score.rules.name})")
    handles = [
        Patch(color=_SECTION_COLOURS.get(key, "tab:gray"), label=_SECTION_NAMES.get(key, key))
        for key in shown
    ]
    ax.legend(handles=handles, loc="lower right", fontsize=8, title="section")
    return ax


def plot_what_if(suggestions: Suggestions, ax: Any = None, limit: int = 10) -> Any:
    """A horizontal bar per suggestion (the largest ``limit``), labelled with its gain.

    When the largest gain dwarfs the others (a provincial nomination's 600
    points), the axis is cut just past the second largest, so the others stay
    readable; the cut bar's label says so.

    Returns:
        The Matplotlib ``Axes``.
    """
    items = list(suggestions)[:limit]
    ax = _axes(ax, (9, max(3.0, 0.45 * len(items) + 1.5)))
    positions = list(range(len(items)))[::-1]
    gains = [s.gain for s in items]
    bars = ax.barh(positions, gains, color="tab:green")
    ax.set_yticks(positions, [s.title for s in items])
    ax.set_xlabel("points gained")
    ax.set_title(f"What would raise a CRS score of {suggestions.score.total}")
    ordered = sorted(gains, reverse=True)
    cut = len(ordered) > 1 and ordered[1] > 0 and ordered[0] > _CUT * ordered[1]
    if cut:
        limit_x = ordered[1] * 1.6
        ax.set_xlim(0, limit_x)
        labels = []
        for bar, gain in zip(bars, gains, strict=True):
            if gain > limit_x:
                bar.set_hatch("//")
                ax.text(
                    limit_x * 0.98,
                    bar.get_y() + bar.get_height() / 2,
                    f"+{gain} (bar cut)",
                    ha="right",
                    va="center",
                    color="white",
                    fontweight="bold",
                )
                labels.append("")
            else:
                labels.append(f"+{gain}")
        ax.bar_label(bars, labels=labels, padding=3)
    else:
        ax.bar_label(bars, labels=[f"+{g}" for g in gains], padding=3)
        ax.set_xmargin(0.12)
    return ax


def _by_type(chosen: Iterable[Round]) -> dict[str, list[Round]]:
    from crs.draws import DRAW_TYPES

    found: dict[str, list[Round]] = {}
    for r in chosen:
        found.setdefault(r.draw_type, []).append(r)
    return {t: found[t] for t in DRAW_TYPES if t in found}


def _eligible_types(profile: Profile, since: dt.date, until: dt.date) -> list[str]:
    from crs.placement import place

    placed = place(profile, since=since, until=until)
    return sorted({r.round.draw_type for r in placed if r.eligible})


def plot_timeline(
    timeline: Timeline,
    ax: Any = None,
    rounds: Iterable[Round] | None = None,
    months: int = 12,
    types: Sequence[str] | None = None,
) -> Any:
    """The score over the timeline as a step line, against recent cut-offs, type by type.

    Args:
        timeline: The timeline to draw.
        ax: The ``Axes`` to draw on (default: a new figure).
        rounds: The rounds to show (default: those held in the ``months``
            months before the timeline starts).
        months: How far back the default rounds go.
        types: The draw types to show (default: those of the rounds the profile
            could take part in, in that period; every type of ``rounds`` when it
            could take part in none).

    Returns:
        The Matplotlib ``Axes``: per draw type, its rounds as points and their
        median cut-off as a dashed line, in the type's colour
        (:data:`DRAW_TYPE_COLOURS`); cut-offs of different types are never mixed.
    """
    ax = _axes(ax, (10, 5))
    since = shift(timeline.start, -round(months * 30.44))
    if rounds is None:
        from crs.draws import rounds as all_rounds

        rounds = all_rounds(since=since, until=timeline.start)
    grouped = _by_type(rounds)
    if types is None and grouped:
        could = _eligible_types(timeline.profile, since, timeline.start)
        types = [t for t in grouped if t in could] or list(grouped)
    shown = {t: grouped[t] for t in (types or ()) if t in grouped}
    steps = timeline.steps()
    ax.step(
        [d for d, _ in steps],
        [t for _, t in steps],
        where="post",
        color="tab:blue",
        linewidth=2.5,
        label="your score",
    )
    for draw_type, found in shown.items():
        colour = DRAW_TYPE_COLOURS.get(draw_type, "tab:gray")
        ax.scatter(
            [r.date for r in found],
            [r.crs_cutoff for r in found],
            s=18,
            color=colour,
            label=f"{draw_type} cut-offs ({len(found)} rounds)",
        )
        median = statistics.median(r.crs_cutoff for r in found)
        ax.axhline(
            median,
            linestyle="--",
            linewidth=1,
            color=colour,
            label=f"{draw_type} median {median:g}",
        )
    for change in timeline.changes:
        ax.annotate(
            f"{change.delta:+d}",
            (change.on, change.total),
            textcoords="offset points",
            xytext=(2, 4),
            fontsize=8,
        )
    ax.set_ylabel("CRS score")
    ax.set_title(f"CRS score from {timeline.start} to {timeline.end}, against recent cut-offs")
    _legend_outside(ax, fontsize=8)
    return ax


def plot_trends(
    trends: pd.DataFrame | None = None,
    ax: Any = None,
    types: Sequence[str] | None = None,
    score: int | None = None,
) -> Any:
    """Cut-offs over time, one line per draw type, with each round's size as its marker's area.

    Args:
        trends: A frame of :func:`crs.trends.cutoff_trends` (default: the rounds
            of the last two years of the data in use).
        ax: The ``Axes`` to draw on (default: a new figure).
        types: The draw types to draw (default: every type in ``trends``).
        score: A score to draw as a horizontal line (a client's).

    Returns:
        The Matplotlib ``Axes``.
    """
    from crs.language import add_years
    from crs.trends import cutoff_trends

    if trends is None:
        from crs.datastore import status

        newest = status().newest_date
        trends = cutoff_trends(since=add_years(newest, -2))
    ax = _axes(ax, (10, 5))
    wanted = list(types) if types is not None else list(dict.fromkeys(trends["draw_type"]))
    largest = max(1, int(trends["invitations"].max())) if len(trends) else 1
    for draw_type in wanted:
        part = trends[trends["draw_type"] == draw_type]
        if part.empty:
            continue
        colour = DRAW_TYPE_COLOURS.get(draw_type, "tab:gray")
        ax.plot(part["date"], part["crs_cutoff"], color=colour, linewidth=1, alpha=0.7)
        ax.scatter(
            part["date"],
            part["crs_cutoff"],
            s=10 + 120 * part["invitations"] / largest,
            color=colour,
            label=f"{draw_type} ({len(part)})",
        )
    if score is not None:
        ax.axhline(score, color="black", linestyle=":", linewidth=1.5, label=f"score {score}")
    ax.set_ylabel("CRS cut-off")
    ax.set_xlabel("round date (a marker's area: the round's invitations)")
    if not len(trends):  # a window or a type with no round: said, not an error
        ax.set_title("Cut-offs by draw type: no rounds in the period")
        ax.text(
            0.5,
            0.5,
            "no rounds of invitations",
            ha="center",
            va="center",
            transform=ax.transAxes,
            color="tab:gray",
        )
        return ax
    first, last = trends["date"].min(), trends["date"].max()
    ax.set_title(f"Cut-offs by draw type, {first:%Y-%m-%d} to {last:%Y-%m-%d}")
    _legend_outside(ax, fontsize=8, title="draw type (rounds)")
    return ax
