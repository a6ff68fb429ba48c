"""Cut-off trends by draw type, a profile's margins against recent rounds, and an outlook.

Rounds of different types rank different people: a PNP round ranks provincial
nominees (600 points more), a category round only the candidates of its
category.  So cut-offs are compared within one **draw type**
(:attr:`crs.draws.Round.draw_type`): ``general``, a program (``cec``, ``fsw``,
``fst``, ``pnp``) or a category (``healthcare``, ``physicians`` ...).

* :func:`cutoff_trends`: every round's cut-off and size, by type, as a DataFrame
  (:func:`crs.plot.plot_trends` draws it).
* :func:`margins`: a profile against the last N rounds of each type it could
  take part in: its score on each round's date minus the cut-off.
* :func:`outlook`: over the last 6 and 12 months, in how many rounds of each type
  the profile would have been invited, and when its score changes next.

**History, not a prediction.**  The outlook replays the published rounds: for
each round it scores the profile on the round's date, checks that it could take
part (:func:`crs.place`), and compares with the cut-off.  It says nothing about
rounds to come: IRCC chooses the type, size and timing of each round, and a
cut-off depends on who else is in the pool.

>>> import crs
>>> doctor = crs.load_profile({
...     "date_of_birth": "1988-03-01", "education": "masters",
...     "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9,
...                        "speaking": 9},
...     "work_history": [{"noc": "31102", "start": "2025-02-10", "hours_per_week": 40}]})
>>> view = outlook(doctor, on="2026-10-01")
>>> view.window(12)["physicians"]
(3, 3, 3)
"""

from __future__ import annotations

import datetime as dt
import html
import statistics
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from crs._dates import as_date, shift
from crs.datastore import stale_notice, status
from crs.draws import DRAW_TYPES, Round, rounds
from crs.errors import CRSError
from crs.placement import RoundResult, place
from crs.scoring import score as crs_score
from crs.timelines import timeline

if TYPE_CHECKING:
    import pandas as pd

    from crs.profile import Profile

__all__ = ["METHOD", "Outlook", "TypeMargins", "cutoff_trends", "margins", "outlook"]

METHOD = (
    "History, not a prediction: for each round held in the window, the profile is scored "
    "on the round's date, checked for the round (the programs, and the category or "
    "nomination it asks for, on that date), and counted as invited when its score is "
    "above the cut-off (or at it and submitted before the tie-breaking time). It says "
    "nothing about rounds to come: IRCC chooses each round's type, size and date, and a "
    "cut-off depends on who else is in the pool."
)
"""How the outlook is computed, as it says in every output."""


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day when it has no such day).

    Before the calendar's first month, its first day (as :func:`crs._dates.shift` holds).
    """
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    for dom in range(day.day, 27, -1):
        try:
            return dt.date(year, month + 1, dom)
        except ValueError:
            continue
    return dt.date(year, month + 1, min(day.day, 28))


def cutoff_trends(
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    *,
    types: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every round's cut-off and size, with its draw type, oldest first.

    Args:
        since: First date (a date or ``YYYY-MM-DD``; None: the first round).
        until: Last date (None: the newest round of the data in use).
        types: Keep only these draw types (see :data:`crs.draws.DRAW_TYPES`).

    Returns:
        A pandas DataFrame with ``date`` (dates), ``number``, ``draw_type``,
        ``name``, ``crs_cutoff`` and ``invitations``, and ``median_cutoff``: the
        median cut-off of the type's rounds in the 12 months up to each round
        (that round included).  Needs the ``batch`` extra.

    Raises:
        ValueError: If a type is not a draw type.
    """
    from crs._frames import records_frame

    if isinstance(types, str):  # one type, not its letters
        types = [types]
    wanted = None if types is None else set(types)
    unknown = sorted((wanted or set()) - set(DRAW_TYPES))
    if unknown:
        raise ValueError(
            f"unknown draw type {', '.join(unknown)}; draw types: {', '.join(DRAW_TYPES)}"
        )
    first = None if since is None else as_date(since, "since")
    # Each round's median reads the 12 months before it, whatever ``since`` cuts: the rounds
    # of those months are read too, so a round's median is the same in every window.
    read = rounds(since=None if first is None else _months_before(first, 12), until=until)
    history: dict[str, list[Round]] = {}
    records = []
    for r in read:
        if wanted is not None and r.draw_type not in wanted:
            continue
        past = history.setdefault(r.draw_type, [])
        past.append(r)
        if first is not None and r.date < first:
            continue
        start = _months_before(r.date, 12)
        window = [p.crs_cutoff for p in past if p.date > start]
        records.append(
            {
                "date": r.date,
                "number": r.number,
                "draw_type": r.draw_type,
                "name": r.name,
                "crs_cutoff": r.crs_cutoff,
                "invitations": r.invitations,
                "median_cutoff": float(statistics.median(window)),
            }
        )
    columns = ("date", "number", "draw_type", "name", "crs_cutoff", "invitations")
    numbers = {"crs_cutoff": "int64", "invitations": "int64", "median_cutoff": "float64"}
    return records_frame(records, (*columns, "median_cutoff"), dates=("date",), numbers=numbers)


@attrs.frozen
class TypeMargins:
    """A profile against the last rounds of one draw type it could take part in.

    Attributes:
        draw_type: The draw type.
        results: The profile's results in those rounds, oldest first (each with
            its score on the round's date, the cut-off and the margin).
    """

    draw_type: str
    results: tuple[RoundResult, ...]

    @property
    def margins(self) -> tuple[int, ...]:
        """Score minus cut-off in each round (negative: below it), oldest first."""
        return tuple(r.margin for r in self.results if r.margin is not None)

    @property
    def invited(self) -> int:
        """In how many of these rounds the profile would have been invited."""
        return sum(r.invited is True for r in self.results)


def _eligible_by_type(results: Iterable[RoundResult]) -> dict[str, list[RoundResult]]:
    found: dict[str, list[RoundResult]] = {}
    for r in results:
        if r.eligible:
            found.setdefault(r.round.draw_type, []).append(r)
    return {t: found[t] for t in DRAW_TYPES if t in found}


def margins(
    profile: Profile, on: dt.date | str | None = None, *, last: int = 5
) -> tuple[TypeMargins, ...]:
    """The profile's margins against the last ``last`` rounds of each type it could take part in.

    Args:
        profile: The profile.
        on: The date asked about (a date or ``YYYY-MM-DD``; default: today):
            rounds held after it are left out.
        last: How many rounds of each type.

    Returns:
        One :class:`TypeMargins` per draw type with at least one round the profile
        was eligible for, in the order of :data:`crs.draws.DRAW_TYPES`.
    """
    return _margins(place(profile, until=as_date(on)).results, last)


def _margins(results: Iterable[RoundResult], last: int) -> tuple[TypeMargins, ...]:
    return tuple(
        TypeMargins(t, tuple(found[-last:])) for t, found in _eligible_by_type(results).items()
    )


@attrs.frozen
class Outlook:
    """What the published rounds say about a profile's chances: history, not a prediction.

    Attributes:
        on: The date asked about.
        score: The profile's score on ``on``, or None when it cannot be scored then.
        windows: For each window (in months), per draw type, the rounds held,
            the rounds the profile could take part in, and those it would have
            been invited in: ``{12: {"physicians": (3, 3, 3), ...}}``.
        margins: The margins against the last rounds of each type it could take part in.
        next_changes: The next days its score changes, or something happens that
            IRCC checks (a test result expiring), within three years: ``(day, text)``.
        data: Which rounds data was used (see :func:`crs.datastore.status`).
        notice: A staleness notice when the data is over 21 days old on ``on``, else None.
        warnings: The caveats of the score on ``on``, as :func:`crs.score` gives them
            (a test expired, a change in force not modelled), or why it cannot be scored.
    """

    on: dt.date
    score: int | None
    windows: dict[int, dict[str, tuple[int, int, int]]]
    margins: tuple[TypeMargins, ...]
    next_changes: tuple[tuple[dt.date, str], ...]
    data: str
    notice: str | None = None
    warnings: tuple[str, ...] = ()

    def window(self, months: int) -> dict[str, tuple[int, int, int]]:
        """Per draw type: (rounds held, rounds it could take part in, rounds invited)."""
        return self.windows[months]

    def to_frame(self) -> pd.DataFrame:
        """The windows as a pandas DataFrame: one row per window and draw type.

        Returns:
            Columns ``months``, ``draw_type``, ``rounds``, ``eligible``, ``invited``
            and ``last_margin`` (the margin in the type's newest round it could
            take part in; missing when none).  Needs the ``batch`` extra.
        """
        from crs._frames import records_frame

        last = {m.draw_type: m.margins[-1] for m in self.margins if m.margins}
        records = [
            {"months": months, "draw_type": t, "rounds": held, "eligible": could,
             "invited": invited, "last_margin": last.get(t)}
            for months, per_type in self.windows.items()
            for t, (held, could, invited) in per_type.items()
        ]  # fmt: skip
        columns = ("months", "draw_type", "rounds", "eligible", "invited", "last_margin")
        return records_frame(records, columns, integers=("last_margin",))

    def to_text(self) -> str:
        """The outlook in words and small tables, with how it is computed."""
        score = "cannot be scored" if self.score is None else f"scores {self.score}"
        lines = [f"Outlook on {self.on}: the profile {score}."]
        lines.extend(f"warning: {w}" for w in self.warnings)
        lines.append("")
        for months, per_type in self.windows.items():
            lines.append(f"Last {months} months (rounds held / could take part / invited):")
            for t, (held, could, invited) in per_type.items():
                lines.append(f"  {t:<16} {held:>3} / {could:>3} / {invited:>3}")
            lines.append("")
        if self.margins:
            lines.append("Margins against the last rounds it could take part in (newest last):")
            for m in self.margins:
                shown = ", ".join(f"{x:+d}" for x in m.margins)
                lines.append(f"  {m.draw_type:<16} {shown}")
            lines.append("")
        if self.next_changes:
            lines.append("Next changes:")
            lines.extend(f"  {day}  {text}" for day, text in self.next_changes)
            lines.append("")
        lines.append(METHOD)
        lines.append(self.data)
        if self.notice:
            lines.append(self.notice)
        return "\n".join(lines) + "\n"

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{months}</td><td>{html.escape(t)}</td><td>{held}</td><td>{could}</td>"
            f"<td>{invited}</td></tr>"
            for months, per_type in self.windows.items()
            for t, (held, could, invited) in per_type.items()
        )
        changes = "".join(f"<li>{day}: {html.escape(text)}</li>" for day, text in self.next_changes)
        notice = (
            "" if self.notice is None else f"<p><strong>{html.escape(self.notice)}</strong></p>"
        )
        return (
            f"<div><h4>Outlook on {self.on}</h4>"
            + "".join(f"<p>&#9888; {html.escape(w)}</p>" for w in self.warnings)
            + "<table><tr><th>months</th><th>draw type</th>"
            "<th>rounds</th><th>could take part</th><th>invited</th></tr>"
            f"{rows}</table><ul>{changes}</ul><p><em>{html.escape(METHOD)}</em></p>"
            f"<p>{html.escape(self.data)}</p>{notice}</div>"
        )


def _next_changes(profile: Profile, day: dt.date, count: int) -> tuple[tuple[dt.date, str], ...]:
    try:
        moves = timeline(profile, day, shift(day, 3 * 366))
    except ValueError:  # e.g. a profile that cannot be scored on the day
        return ()
    events = [
        (c.on, f"score {c.previous} -> {c.total} ({c.delta:+d}): {'; '.join(c.reasons)}")
        for c in moves.changes
    ]
    events += [(n.on, n.text) for n in moves.notices]
    events.sort(key=lambda e: e[0])
    return tuple(events[:count])


def outlook(
    profile: Profile,
    on: dt.date | str | None = None,
    *,
    windows: Sequence[int] = (6, 12),
    last: int = 5,
    changes: int = 3,
) -> Outlook:
    """Replay the rounds of the last months for ``profile``, and say when its score changes next.

    History, not a prediction: see :data:`METHOD`.

    Args:
        profile: The profile.
        on: The date asked about (a date or ``YYYY-MM-DD``; default: today).
        windows: The windows, in months before ``on``.
        last: How many rounds of each type :attr:`Outlook.margins` shows.
        changes: How many coming changes to list.

    Returns:
        The outlook.
    """
    day = as_date(on)
    placed = place(profile, until=day)
    counted: dict[int, dict[str, tuple[int, int, int]]] = {}
    for months in windows:
        start = _months_before(day, months)
        per_type: dict[str, list[int]] = {}
        for r in placed.results:
            if r.round.date <= start:
                continue
            held = per_type.setdefault(r.round.draw_type, [0, 0, 0])
            held[0] += 1
            held[1] += r.eligible
            held[2] += r.invited is True
        counted[months] = {
            t: (per_type[t][0], per_type[t][1], per_type[t][2]) for t in DRAW_TYPES if t in per_type
        }
    try:
        scored = crs_score(profile, day)
        total: int | None = scored.total
        said = scored.warnings
    except CRSError as exc:
        total, said = None, (str(exc),)
    return Outlook(
        on=day,
        score=total,
        windows=counted,
        margins=_margins(placed.results, last),
        next_changes=_next_changes(profile, day, changes),
        data=status().note(),
        notice=stale_notice(day),
        warnings=said,
    )
