"""What :func:`crs.timeline` returns: :class:`Timeline` and its :class:`Change`, :class:`Notice`.

Re-exported by :mod:`crs.timelines`, their public home, which finds the changes.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from crs._show import count

if TYPE_CHECKING:
    import pandas as pd

    from crs.breakdown import Score
    from crs.profile import Profile


@attrs.frozen
class Change:
    """A day on which the score changes.

    Attributes:
        on: The first day of the new score.
        total: The new total.
        previous: The total the day before.
        reasons: Why, in words (a birthday, a year of work, new rules).
        score: The full score on that day.
    """

    on: dt.date
    total: int
    previous: int
    reasons: tuple[str, ...]
    score: Score = attrs.field(repr=False, eq=False)

    @property
    def delta(self) -> int:
        """Points gained (negative: lost) on the day."""
        return self.total - self.previous


@attrs.frozen
class Notice:
    """Something that happens on a day without changing the score (a result expiring).

    Attributes:
        on: The day.
        text: What happens, in words.
    """

    on: dt.date
    text: str


@attrs.frozen
class Timeline:
    """The score of a profile over a period: where it starts, and every change.

    Attributes:
        profile: The profile.
        start: First day of the period (its score is :attr:`initial`).
        end: Last day of the period.
        initial: The score on ``start``.
        changes: Every day in the period after ``start`` where the total changes.
        notices: Days where something happens that leaves the score unchanged.
    """

    profile: Profile = attrs.field(repr=False)
    start: dt.date
    end: dt.date
    initial: Score = attrs.field(repr=False, eq=False)
    changes: tuple[Change, ...]
    notices: tuple[Notice, ...] = ()

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def total_on(self, day: dt.date) -> int:
        """The total on ``day`` (within the period).

        Raises:
            ValueError: If ``day`` is outside the period.
        """
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside the timeline ({self.start} to {self.end})")
        total = self.initial.total
        for change in self.changes:
            if change.on > day:
                break
            total = change.total
        return total

    def steps(self) -> list[tuple[dt.date, int]]:
        """(day, total) at the start, at every change, and at the end: a step function."""
        out = [(self.start, self.initial.total)]
        out.extend((change.on, change.total) for change in self.changes)
        out.append((self.end, out[-1][1]))
        return out

    @property
    def warnings(self) -> tuple[str, ...]:
        """The caveats of the period, once.

        The first day's score's, then each change in force by the end that crs
        does not model (every score from its day carries it, changed or not).
        A later score's own warnings (a test that expires) are the changes
        themselves, listed with their reasons, not repeated here.
        """
        from crs.caveats import caveats

        return tuple(dict.fromkeys((*self.initial.warnings, *caveats(self.end))))

    def to_text(self) -> str:
        """A readable list of the changes (and notices), one a line, then the caveats."""
        out = [f"CRS score from {self.start} to {self.end}: {self.initial.total} on {self.start}"]
        for day, kind, text in self._rows():
            out.append(f"  {day}  {kind:>11}  {text}")
        if not self.changes:
            out.append("  no change in the period")
        out.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(out)

    def to_frame(self) -> pd.DataFrame:
        """The changes and notices as a pandas DataFrame, one a row, by date.

        Returns:
            Columns ``on`` (dates), ``total`` and ``delta`` (Int64; missing for a
            notice, which leaves the score as it is), ``kind`` (``"change"`` or
            ``"notice"``) and ``why``.  Needs the ``batch`` extra.
        """
        from crs._frames import records_frame

        records: list[dict[str, Any]] = [
            {"on": c.on, "total": c.total, "delta": c.delta, "kind": "change",
             "why": "; ".join(c.reasons)}
            for c in self.changes
        ] + [{"on": n.on, "kind": "notice", "why": n.text} for n in self.notices]  # fmt: skip
        records.sort(key=lambda r: r["on"])
        return records_frame(
            records, ("on", "total", "delta", "kind", "why"), dates=("on",),
            integers=("total", "delta"),
        )  # fmt: skip

    def _rows(self) -> list[tuple[dt.date, str, str]]:
        rows = [(c.on, f"{c.total} ({c.delta:+d})", "; ".join(c.reasons)) for c in self.changes]
        rows.extend((n.on, "unchanged", n.text) for n in self.notices)
        rows.sort(key=lambda row: row[0])
        return rows

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><td>{day}</td><td style='text-align:right'>{html.escape(kind)}</td>"
            f"<td>{html.escape(text)}</td></tr>"
            for day, kind, text in self._rows()
        )
        return (
            f"<div><h4>CRS score from {self.start} to {self.end}</h4>"
            f"<p>{self.initial.total} on {self.start}; {count(len(self.changes), 'change')}</p>"
            "<table><thead><tr><th>date</th><th>score</th><th>why</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
            + "".join(f"<p>&#9888; {html.escape(w)}</p>" for w in self.warnings)
            + "</div>"
        )

    def __str__(self) -> str:
        return self.to_text()
