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

from crs._dates import as_date
from crs._report_html import (
    CSS,
    GAIN_SAID,
    date,
    date_text,
    escape,
    line_row,
    plain,
    round_row,
    rounds_chart,
    timeline_chart,
    verdict_row,
)
from crs._version import __version__
from crs.breakdown import Score
from crs.eligibility import EligibilityReport, eligibility
from crs.placement import Placement, RoundResult, place
from crs.pool import Standing, standing
from crs.profile import Profile
from crs.programs import PROGRAMS
from crs.scenarios import Suggestions, what_if
from crs.scoring import score
from crs.timelines import Timeline, timeline

__all__ = ["ClientReport", "report"]

SUGGESTIONS_SHOWN = 8
"""How many of the what-if suggestions the page lists (the largest gains)."""
ROUNDS_SHOWN = 10
"""How many of the rounds the client could take part in the page lists (the newest)."""

_SECTION_NAMES = {
    "core": "A. Core / human capital",
    "spouse": "B. Spouse or partner",
    "transferability": "C. Skill transferability",
    "additional": "D. Additional points",
}


@attrs.frozen
class ClientReport:
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
        target = Path(path)
        target.write_text(self.to_html(), encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        return f"<style>{CSS}</style>{self._body()}"

    def __str__(self) -> str:
        return self.score.to_text()

    # ------------------------------------------------------------------ the page

    def _body(self) -> str:
        return (
            '<main class="crs-report">'
            + self._header()
            + self._caveats()
            + self._breakdown()
            + self._eligibility()
            + self._suggestions()
            + self._timeline()
            + self._rounds()
            + self._footer()
            + "</main>"
        )

    def _header(self) -> str:
        s = self.score
        who = "" if self.id is None else f'<p class="client">Client: <b>{escape(self.id)}</b></p>'
        cards = "".join(
            f'<div class="card"><span class="num">{s.sections.get(key, 0)}</span>'
            f'<span class="cap">{escape(name)}</span></div>'
            for key, name in _SECTION_NAMES.items()
        )
        pool = escape(self.standing.to_text())
        return (
            '<header><div class="title"><h1>Express Entry: your CRS score</h1>'
            f"{who}<p>Computed for <b>{date(self.on)}</b> with the rules in force from "
            f"{date_text(s.rules.name)}.</p></div>"
            f'<div class="total" aria-label="CRS score"><span class="num">{s.total}</span>'
            '<span class="cap">points of 1,200</span></div></header>'
            f'<div class="cards">{cards}</div><p class="pool">{pool}</p>'
        )

    def _caveats(self) -> str:
        warnings = self.score.warnings
        if not warnings:
            return ""
        items = "".join(f"<li>{escape(plain(w))}</li>" for w in warnings)
        return f'<section class="caveats"><h2>Please check</h2><ul>{items}</ul></section>'

    def _breakdown(self) -> str:
        rows = []
        for top in self.score.lines:
            for line in top.walk():
                rows.append(line_row(line))
        return (
            "<section><h2>Your score, line by line</h2>"
            '<p class="note">Each section\'s points are the sum of its lines, up to the '
            "section's maximum (shown where it applies).</p>"
            '<table class="lines"><thead><tr><th>Factor</th><th class="pts">Points</th>'
            f"<th>Why</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            f'<tfoot><tr><th>Total</th><th class="pts">{self.score.total}</th><th></th>'
            "</tr></tfoot></table></section>"
        )

    def _eligibility(self) -> str:
        report = self.eligibility
        rows = []
        for slug, verdict in report.programs.items():
            notes = verdict.all_notes()
            if slug == "fsw" and report.grid.passes:
                grid = report.grid
                notes = [
                    *notes,
                    f"FSW selection grid: {grid.total} of 100 (pass mark {grid.pass_mark})",
                ]
            rows.append(verdict_row(PROGRAMS[slug].name, verdict.eligible, verdict.messages, notes))
        programs = "".join(rows)
        categories = (
            "".join(
                verdict_row(c.version.name, c.eligible, c.verdict.messages, c.verdict.all_notes())
                for c in report.categories.values()
            )
            or '<tr><td colspan="3">No draw category is in force on this date.</td></tr>'
        )
        head = "<thead><tr><th>Program</th><th>Eligible?</th><th>Why</th></tr></thead>"
        cat_head = head.replace("Program", "Draw category")
        return (
            '<section><div class="keep"><h2>Which programs and draws you qualify for</h2>'
            '<p class="note">You enter the Express Entry pool through one of the three programs; '
            "the draw categories are the targeted rounds IRCC holds.</p>"
            f'<table class="verdicts">{head}<tbody>{programs}</tbody></table></div>'
            f'<table class="verdicts">{cat_head}<tbody>{categories}</tbody></table></section>'
        )

    def _suggestions(self) -> str:
        items = list(self.suggestions)[:SUGGESTIONS_SHOWN]
        if not items:
            body = "<p>None of the usual changes would raise the score.</p>"
        else:
            rows = "".join(
                f'<tr><td class="pts gain">+{s.gain}</td><td class="pts">{s.total}</td>'
                f"<td>{escape(GAIN_SAID.sub('.', s.text))}</td></tr>"
                for s in items
            )
            body = (
                '<table class="whatif"><thead><tr><th class="pts">Gain</th>'
                '<th class="pts">New score</th><th>Change</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>"
            )
        return (
            '<section class="keep"><h2>What would raise your score</h2>'
            '<p class="note">Each change is scored on its own, everything else as it is '
            "today; gains do not simply add up.</p>"
            f"{body}</section>"
        )

    def _timeline(self) -> str:
        t = self.timeline
        rows = "".join(
            f'<tr><td class="day">{date(c.on)}</td><td class="pts">{c.total}</td>'
            f'<td class="pts {"gain" if c.delta > 0 else "loss"}">{c.delta:+d}</td>'
            f"<td>{escape('; '.join(c.reasons))}</td></tr>"
            for c in t
        )
        notices = "".join(f"<li>{date(n.on)}: {escape(n.text)}</li>" for n in t.notices)
        table = (
            '<table class="changes"><thead><tr><th>From</th><th class="pts">Score</th>'
            f'<th class="pts">Change</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table>'
            if rows
            else "<p>The score stays the same over the two years, as the profile stands.</p>"
        )
        return (
            '<section><div class="keep"><h2>How your score moves over the next two years</h2>'
            '<p class="note">If nothing else changes: birthdays, years of work completed and '
            "rule changes already known.</p>"
            f"{timeline_chart(t)}</div>{table}"
            + (f'<p class="note">Also:</p><ul class="notices">{notices}</ul>' if notices else "")
            + "</section>"
        )

    def _rounds(self) -> str:
        p = self.placement
        taken = self.rounds_taken_part
        invited = [r for r in taken if r.invited is True]
        since = p.since or (p.results[0].round.date if p.results else self.on)
        if not p.results:
            return (
                "<section><h2>Your place against recent rounds</h2>"
                f"<p>No round of invitations was held from {date(since)} to {date(self.on)}.</p>"
                "</section>"
            )
        if taken:
            summary = (
                f"From {date(since)} to {date(self.on)}, IRCC held {len(p.results)} rounds. "
                f"You could have taken part in {len(taken)} of them, and your score would "
                f"have been high enough in {len(invited)}."
            )
        else:
            in_pool = any(v.eligible for v in self.eligibility.programs.values())
            why = (
                "they were for other programs or categories, or for provincial nominees"
                if in_pool
                else "as the profile stands it is not eligible for any of the three programs "
                "(see above), and every round needs one"
            )
            summary = (
                f"From {date(since)} to {date(self.on)}, IRCC held {len(p.results)} rounds; "
                f"you could not have taken part in any of them: {why}."
            )
        shown = taken[::-1][:ROUNDS_SHOWN]
        rows = "".join(round_row(r) for r in shown)
        more = (
            f'<p class="note">The {len(shown)} newest of the {len(taken)} rounds you could '
            "have taken part in:</p>"
            if len(shown) < len(taken)
            else ""
        )
        table = more + (
            '<table class="rounds"><thead><tr><th>Date</th><th>Round</th>'
            '<th class="pts">Cut-off</th><th class="pts">Your score</th>'
            '<th class="pts">Margin</th><th>Outcome</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
            if taken
            else ""
        )
        return (
            '<section><div class="keep"><h2>Your place against recent rounds</h2>'
            f"<p>{summary}</p>{rounds_chart(p, self.score.total)}</div>{table}</section>"
        )

    def _footer(self) -> str:
        return (
            "<footer><p>Computed with crs "
            f"{escape(__version__)} on the published rules and rounds. The score is an estimate "
            "from the information given: IRCC's own assessment of your profile decides. "
            "Past cut-offs do not predict future ones.</p></footer>"
        )


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
        DateError: If ``on`` or ``since`` is not a date.
    """
    on = as_date(on)
    start = as_date(since, "since") if since is not None else _years_later(on, -1)
    result = score(profile, on)
    return ClientReport(
        profile,
        on,
        result,
        eligibility(profile, on),
        what_if(profile, on),
        timeline(profile, on, _years_later(on, 2)),
        place(profile, since=start, until=on),
        standing(result, on),
    )


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# ---------------------------------------------------------------------- pieces
