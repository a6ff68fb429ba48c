"""A report to hand a client: one self-contained HTML page, readable on screen and on paper.

:func:`report` gathers, for one profile on one date, everything a consultant
explains to a client:

* the CRS score with every line explained, and the caveats (warnings);
* eligibility for every program and draw category in force, with reasons;
* the changes that would raise the score most (:func:`crs.what_if`);
* how the score moves over the next two years (:func:`crs.timeline`);
* the client's place against the cut-offs of the past year's rounds, and in
  the pool (:func:`crs.place`, :func:`crs.standing`), with a chart.

:meth:`ClientReport.to_html` renders one HTML page with its CSS and its charts
(SVG) inline: it fetches nothing, needs no JavaScript, and prints cleanly to PDF
on A4 or Letter from any browser (a print stylesheet keeps sections and table
rows whole and repeats table headings on each page).

>>> import crs
>>> profile = crs.load_profile({"id": "C-1001", "age": 29, "education": "bachelors",
...     "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9,
...                        "speaking": 9}, "foreign_work_years": 3})
>>> page = report(profile, on="2026-02-19").to_html()
>>> page.startswith("<!DOCTYPE html>"), "C-1001" in page, "http" in page.split("</style>")[0]
(True, True, False)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from crs._dates import as_date, day_before, period_start
from crs._files import write_text
from crs._report_html import (
    CSS,
    escape,
)
from crs._report_sections import ROUNDS_SHOWN as ROUNDS_SHOWN
from crs._report_sections import SUGGESTIONS_SHOWN as SUGGESTIONS_SHOWN
from crs._report_sections import _Sections
from crs._shapes import DATE, INT, STR, arr, obj, ref
from crs.breakdown import Score
from crs.checks import FIELDS
from crs.eligibility import EligibilityReport, eligibility
from crs.language import add_years
from crs.placement import Placement, RoundResult, place
from crs.pool import Standing, standing
from crs.profile import Profile, a_profile
from crs.scenarios import Suggestions, what_if
from crs.scoring import score
from crs.specs import Whole
from crs.timelines import Timeline, timeline

__all__ = ["ROUNDS_SHOWN", "SUGGESTIONS_SHOWN", "ClientReport", "report"]


@attrs.frozen
class ClientReport(_Sections):
    """Everything the client report shows, computed once; render it with :meth:`to_html`.

    Attributes:
        profile: The client's profile.
        on: The date of the report.
        score: The score on ``on``, every line explained.
        eligibility: Every program and draw category in force on ``on``.
        suggestions: What would raise the score (largest gain first).
        timeline: The score from ``on`` to two years later.
        placement: The rounds from ``since`` to ``on``, and how the client fared.
        standing: Where the score stands in the newest pool distribution.
    """

    profile: Profile = attrs.field(repr=False)
    on: dt.date
    score: Score = attrs.field(repr=False, eq=False)
    eligibility: EligibilityReport = attrs.field(repr=False, eq=False)
    suggestions: Suggestions = attrs.field(repr=False, eq=False)
    timeline: Timeline = attrs.field(repr=False, eq=False)
    placement: Placement = attrs.field(repr=False, eq=False)
    standing: Standing = attrs.field(repr=False, eq=False)

    @property
    def id(self) -> str | None:
        """The client's id (None: none given)."""
        return self.profile.id

    @property
    def rounds_taken_part(self) -> tuple[RoundResult, ...]:
        """The rounds of the period the client could take part in, oldest first."""
        return tuple(r for r in self.placement.results if r.eligible)

    def to_json(self) -> dict[str, Any]:
        """The report's content as JSON data (what :meth:`to_html` shows).

        Returns:
            ``{"id"?, "on", "score", "eligibility", "suggestions", "timeline",
            "rounds", "standing"}``: ``score`` and ``eligibility`` as their own
            JSON; ``suggestions`` each ``{"key", "text", "gain", "total"}``;
            ``timeline`` each change ``{"on", "total", "previous", "reasons"}``;
            ``rounds`` the placement's results.
        """
        return {
            **({} if self.id is None else {"id": self.id}),
            "on": self.on.isoformat(),
            "score": self.score.to_json(),
            "eligibility": self.eligibility.to_json(),
            "suggestions": [
                {"key": s.key, "text": s.text, "gain": s.gain, "total": s.total}
                for s in self.suggestions
            ],
            "timeline": {
                "start": self.timeline.start.isoformat(),
                "end": self.timeline.end.isoformat(),
                "initial": self.timeline.initial.total,
                "warnings": list(self.timeline.warnings),
                "changes": [
                    {
                        "on": c.on.isoformat(),
                        "total": c.total,
                        "previous": c.previous,
                        "reasons": list(c.reasons),
                    }
                    for c in self.timeline
                ],
            },
            "rounds": self.placement.to_json(),
            "standing": self.standing.to_json(),
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json` (``crs report --format json``)."""
        return obj(
            {
                "on": DATE,
                "score": ref("Score"),
                "eligibility": ref("EligibilityReport"),
                "suggestions": arr(obj({"key": STR, "text": STR, "gain": INT, "total": INT})),
                "timeline": obj(
                    {
                        "start": DATE,
                        "end": DATE,
                        "initial": INT,
                        "warnings": arr(STR),
                        "changes": arr(
                            obj(
                                {
                                    "on": DATE,
                                    "total": INT,
                                    "previous": INT,
                                    "reasons": arr(STR),
                                }
                            )
                        ),
                    }
                ),
                "rounds": ref("Placement"),
                "standing": ref("Standing"),
            },
            {"id": STR},
            description="the content of a client report",
        )

    def to_html(self) -> str:
        """The report as one self-contained HTML page (inline CSS and SVG, no script)."""
        title = "CRS report" + ("" if self.id is None else f" for {self.id}")
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)} ({self.on})</title>"
            f"<style>{CSS}</style></head><body>{self._body()}</body></html>\n"
        )

    def save(self, path: str | Path) -> Path:
        """Write :meth:`to_html` to ``path`` (UTF-8) and return the path."""
        return write_text(path, self.to_html())

    def _repr_html_(self) -> str:
        return f"<style>{CSS}</style>{self._body()}"

    def __str__(self) -> str:
        return self.score.to_text()


def report(
    profile: Profile,
    on: dt.date | str | None = None,
    *,
    since: dt.date | str | None = None,
) -> ClientReport:
    """The client report of ``profile`` on ``on``: score, eligibility, what-ifs, timeline, rounds.

    Args:
        profile: The client's profile (its ``id`` heads the page).
        on: The date of the report (a date or ``YYYY-MM-DD``; None: today).
        since: The first day of the rounds to place on (None: a year before ``on``).

    Raises:
        ProfileError: If the profile cannot be scored on ``on`` (a date of birth after it).
        DateOutOfRangeError: If ``on`` is before 2015-01-01.
        DateError: If ``on`` or ``since`` is not a date, or ``since`` is after ``on``.
    """
    profile = a_profile(profile, "report")
    on = as_date(on)
    start = period_start(since, on)
    result = score(profile, on)
    return ClientReport(
        profile,
        on,
        result,
        eligibility(profile, on),
        what_if(profile, on),
        timeline(profile, on, _projected_to(profile, on)),
        place(profile, since=start, until=on),
        standing(result, on),
    )


def _projected_to(profile: Profile, on: dt.date) -> dt.date:
    """The last day of the two-year projection: two years on, or sooner.

    Sooner when the profile can no longer be scored before then: the day before
    the age the ``age`` field refuses (121), for a date of birth in 1907.
    """
    end = add_years(on, 2)
    born = profile.date_of_birth
    if born is not None:
        oldest = FIELDS[Profile]["age"]
        assert isinstance(oldest, Whole)
        last = day_before(add_years(born, oldest.high + 1))
        if on <= last < end:
            return last
    return end


# ---------------------------------------------------------------------- pieces
