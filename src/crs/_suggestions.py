"""What :func:`crs.what_if` returns: :class:`Suggestion`, :class:`Suggestions`, their renderings.

Re-exported by :mod:`crs.scenarios`, their public home, which finds them.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from crs._shapes import DATE, INT, STR, arr, nullable, obj, ref
from crs.caveats import provenance, provenance_schema

if TYPE_CHECKING:
    import pandas as pd

    from crs.breakdown import Score
    from crs.profile import Profile


@attrs.frozen
class Suggestion:
    """One change to a profile and what it is worth.

    Attributes:
        key: What changes, as a stable key (``first_language.reading``,
            ``french``, ``education``, ``canadian_work``, ...).
        title: A short label, for charts.
        text: The suggestion in a sentence a client understands.
        profile: The changed profile.
        gain: The points gained: the changed profile's total minus the current total.
        total: The changed profile's total.
        reached_on: For experience, the day the work history reaches it; for a
            provincial nomination made after the date, its day (None: unknown).
    """

    key: str
    title: str
    text: str
    profile: Profile = attrs.field(repr=False)
    gain: int
    total: int
    reached_on: dt.date | None = None


@attrs.frozen
class Suggestions:
    """The suggestions for a profile on a day, largest gain first.

    Attributes:
        profile: The profile as it is.
        on: The scoring date.
        score: Its current score.
        items: The suggestions that gain points, largest gain first.
    """

    profile: Profile = attrs.field(repr=False)
    on: dt.date
    score: Score = attrs.field(repr=False, eq=False)
    items: tuple[Suggestion, ...]

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Suggestion:
        return self.items[index]

    def to_frame(self) -> pd.DataFrame:
        """The suggestions as a pandas DataFrame, largest gain first.

        Returns:
            Columns ``key``, ``title``, ``gain``, ``total`` (Int64), ``reached_on``
            (dates, missing when unknown) and ``text``.  Needs the ``batch`` extra.
        """
        from crs._frames import records_frame

        return records_frame(
            (attrs.asdict(s, recurse=False) for s in self.items),
            ("key", "title", "gain", "total", "reached_on", "text"),
            dates=("reached_on",),
            integers=("gain", "total"),
        )

    def to_json(self) -> dict[str, Any]:
        """``{"id"?, "on", "total", provenance, "suggestions", "warnings"}``.

        ``total`` is the current score; each suggestion is ``{"key", "title",
        "text", "gain", "total", "reached_on"}``, largest gain first, and its
        ``profile`` is the changed profile's JSON.
        """
        from crs.io import dump_profile

        return {
            **({} if self.profile.id is None else {"id": self.profile.id}),
            "on": self.on.isoformat(),
            "total": self.score.total,
            **provenance(self.score.rules.name),
            "suggestions": [
                {
                    "key": s.key,
                    "title": s.title,
                    "text": s.text,
                    "gain": s.gain,
                    "total": s.total,
                    "reached_on": None if s.reached_on is None else s.reached_on.isoformat(),
                    "profile": dump_profile(s.profile),
                }
                for s in self.items
            ],
            "warnings": list(self.score.warnings),
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json`."""
        suggestion = obj(
            {
                "key": STR,
                "title": STR,
                "text": STR,
                "gain": INT,
                "total": INT,
                "reached_on": nullable(DATE),
                "profile": ref("Profile"),
            }
        )
        return obj(
            {
                "on": DATE,
                "total": INT,
                **provenance_schema(),
                "suggestions": arr(suggestion),
                "warnings": arr(STR),
            },
            {"id": STR},
            description="what would raise the score, largest gain first",
        )

    def to_text(self) -> str:
        """The suggestions as a readable list, then the score's caveats (as a score prints them)."""
        out = [f"CRS score {self.score.total} on {self.on}. What would raise it:"]
        out.extend(f"  {s.gain:+5d}  {s.text}" for s in self.items)
        if not self.items:
            out.append("  nothing among the usual suggestions gains points")
        out.extend(f"warning: {w}" for w in self.score.warnings)
        return "\n".join(out)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td style='text-align:right'>+{s.gain}</td><td>{s.total}</td>"
            f"<td>{html.escape(s.text)}</td></tr>"
            for s in self.items
        )
        return (
            f"<div><h4>What would raise a CRS score of {self.score.total}</h4>"
            f"<p>on {self.on}</p><table><thead><tr><th>gain</th><th>new total</th>"
            f"<th>suggestion</th></tr></thead><tbody>{rows}</tbody></table>"
            + "".join(f"<p>&#9888; {html.escape(w)}</p>" for w in self.score.warnings)
            + "</div>"
        )

    def __str__(self) -> str:
        return self.to_text()
