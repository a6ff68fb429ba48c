"""The sections of a client report's page: header, caveats, breakdown, eligibility, ....

:class:`crs.reports.ClientReport` inherits these methods from :class:`_Sections`; the
shared HTML pieces (styles, rows, charts) are in :mod:`crs._report_html`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crs._csvdata import CRS_MAXIMUM
from crs._report_html import (
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
from crs.programs import PROGRAMS

if TYPE_CHECKING:
    import datetime as dt

    from crs.breakdown import Score
    from crs.eligibility import EligibilityReport
    from crs.placement import Placement, RoundResult
    from crs.pool import Standing
    from crs.profile import Profile
    from crs.scenarios import Suggestions
    from crs.timelines import Timeline


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


class _Sections:
    """The HTML sections of :class:`crs.reports.ClientReport`, in the order of the page."""

    if TYPE_CHECKING:  # what the sections read of the report (its attrs fields)
        profile: Profile
        on: dt.date
        score: Score
        eligibility: EligibilityReport
        suggestions: Suggestions
        timeline: Timeline
        placement: Placement
        standing: Standing

        @property
        def id(self) -> str | None: ...

        @property
        def rounds_taken_part(self) -> tuple[RoundResult, ...]: ...

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
            f'<span class="cap">points of {CRS_MAXIMUM:,}</span></div></header>'
            f'<div class="cards">{cards}</div><p class="pool">{pool}</p>'
        )

    def _caveats(self) -> str:
        # The score's, then those of the two years the page projects (a change not modelled
        # in force before their end), each once.
        warnings = tuple(dict.fromkeys((*self.score.warnings, *self.timeline.warnings)))
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
            f"rule changes already known.{self._unprojected()}</p>"
            f"{timeline_chart(t)}</div>{table}"
            + (f'<p class="note">Also:</p><ul class="notices">{notices}</ul>' if notices else "")
            + "</section>"
        )

    def _unprojected(self) -> str:
        """What the projection cannot move, as the profile gives it (said, not assumed)."""
        p = self.profile
        out = []
        if p.date_of_birth is None:
            out.append("the profile gives an age, not a date of birth, so birthdays are not shown")
        if not p.work_history and (p.canadian_work_years or p.foreign_work_years):
            out.append("years of work are given as counts, not as jobs, so they do not grow here")
        results = [p.first_language, p.second_language]
        if p.spouse is not None:
            results.append(p.spouse.first_language)
        if any(r is not None and r.test_date is None for r in results):
            out.append("a language result without a test date is not shown expiring")
        return "".join(f" Note: {text}." for text in out)

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
        if p.notice:  # the rounds data ends before the report's date: the count says so
            summary += f" {p.notice}"
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
