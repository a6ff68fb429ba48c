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
import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from crs._dates import as_date
from crs._shapes import DATE, INT, STR, arr, obj, ref
from crs._version import __version__
from crs.breakdown import Line, Score
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
            f"<title>{_e(title)} ({self.on})</title>"
            f"<style>{_CSS}</style></head><body>{self._body()}</body></html>\n"
        )

    def save(self, path: str | Path) -> Path:
        """Write :meth:`to_html` to ``path`` (UTF-8) and return the path."""
        target = Path(path)
        target.write_text(self.to_html(), encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        return f"<style>{_CSS}</style>{self._body()}"

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
        who = "" if self.id is None else f'<p class="client">Client: <b>{_e(self.id)}</b></p>'
        cards = "".join(
            f'<div class="card"><span class="num">{s.sections.get(key, 0)}</span>'
            f'<span class="cap">{_e(name)}</span></div>'
            for key, name in _SECTION_NAMES.items()
        )
        pool = _e(self.standing.to_text())
        return (
            '<header><div class="title"><h1>Express Entry: your CRS score</h1>'
            f"{who}<p>Computed for <b>{_date(self.on)}</b> with the rules in force from "
            f"{_date_text(s.rules.name)}.</p></div>"
            f'<div class="total" aria-label="CRS score"><span class="num">{s.total}</span>'
            '<span class="cap">points of 1,200</span></div></header>'
            f'<div class="cards">{cards}</div><p class="pool">{pool}</p>'
        )

    def _caveats(self) -> str:
        warnings = self.score.warnings
        if not warnings:
            return ""
        items = "".join(f"<li>{_e(_plain(w))}</li>" for w in warnings)
        return f'<section class="caveats"><h2>Please check</h2><ul>{items}</ul></section>'

    def _breakdown(self) -> str:
        rows = []
        for top in self.score.lines:
            for line in top.walk():
                rows.append(_line_row(line))
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
            rows.append(
                _verdict_row(PROGRAMS[slug].name, verdict.eligible, verdict.messages, notes)
            )
        programs = "".join(rows)
        categories = (
            "".join(
                _verdict_row(c.version.name, c.eligible, c.verdict.messages, c.verdict.all_notes())
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
                f"<td>{_e(_GAIN_SAID.sub('.', s.text))}</td></tr>"
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
            f'<tr><td class="day">{_date(c.on)}</td><td class="pts">{c.total}</td>'
            f'<td class="pts {"gain" if c.delta > 0 else "loss"}">{c.delta:+d}</td>'
            f"<td>{_e('; '.join(c.reasons))}</td></tr>"
            for c in t
        )
        notices = "".join(f"<li>{_date(n.on)}: {_e(n.text)}</li>" for n in t.notices)
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
            f"{_timeline_chart(t)}</div>{table}"
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
                f"<p>No round of invitations was held from {_date(since)} to {_date(self.on)}.</p>"
                "</section>"
            )
        if taken:
            summary = (
                f"From {_date(since)} to {_date(self.on)}, IRCC held {len(p.results)} rounds. "
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
                f"From {_date(since)} to {_date(self.on)}, IRCC held {len(p.results)} rounds; "
                f"you could not have taken part in any of them: {why}."
            )
        shown = taken[::-1][:ROUNDS_SHOWN]
        rows = "".join(_round_row(r) for r in shown)
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
            f"<p>{summary}</p>{_rounds_chart(p, self.score.total)}</div>{table}</section>"
        )

    def _footer(self) -> str:
        return (
            "<footer><p>Computed with crs "
            f"{_e(__version__)} on the published rules and rounds. The score is an estimate "
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


def _e(text: object) -> str:
    return html.escape(str(text))


_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def _date(day: dt.date) -> str:
    """A date as a client reads it: ``19 Feb 2026`` (no locale, no ambiguity)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _date_text(text: str) -> str:
    try:
        return _date(dt.date.fromisoformat(text))
    except ValueError:
        return _e(text)


def _plain(warning: str) -> str:
    """A warning without its field path prefix's underscores (``first_language: ...``)."""
    path, sep, rest = warning.partition(": ")
    if sep and " " not in path:
        return f"{path.replace('_', ' ').replace('.', ', ')}: {rest}"
    return warning


_GAIN_SAID = re.compile(r": [+-]?\d+ points? \(total \d+\)\.?")
"""The gain a suggestion's sentence ends with: the table shows it in its own columns."""


def _why(line: Line) -> str:
    parts = [line.reason] if line.reason else []
    if line.uncapped is not None:
        parts.append(f"limited to {line.cap} (the lines add up to {line.uncapped})")
    elif line.cap is not None and line.children:
        parts.append(f"at most {line.cap}")
    return "; ".join(parts)


def _line_row(line: Line) -> str:
    depth = line.key.count(".")
    kind = "sec" if depth == 0 else ("grp" if line.children else "leaf")
    return (
        f'<tr class="{kind} d{min(depth, 3)}"><td class="lab">{_e(line.label)}</td>'
        f'<td class="pts">{line.points}</td><td class="why">{_e(_why(line))}</td></tr>'
    )


def _verdict_row(name: str, ok: bool, reasons: Sequence[str], notes: Iterable[str]) -> str:
    why = [f"<li>{_e(r)}</li>" for r in reasons]
    why += [f'<li class="nt">{_e(n)}</li>' for n in notes]
    badge = '<span class="yes">Yes</span>' if ok else '<span class="no">No</span>'
    return (
        f"<tr><td>{_e(name)}</td><td>{badge}</td>"
        f"<td>{'<ul>' + ''.join(why) + '</ul>' if why else ''}</td></tr>"
    )


_OUTCOMES = {
    "invited": ("Would have been invited", "yes"),
    "not invited": ("Below the cut-off", "no"),
    "tie": ("At the cut-off: the tie-break decides", "tie"),
}


def _round_row(r: RoundResult) -> str:
    words, kind = _OUTCOMES.get(r.outcome, (r.outcome, "no"))
    margin = "" if r.margin is None else f"{r.margin:+d}"
    return (
        f'<tr><td class="day">{_date(r.round.date)}</td>'
        f"<td>#{_e(r.round.number)} {_e(r.round.name)}</td>"
        f'<td class="pts">{r.round.crs_cutoff}</td><td class="pts">'
        f"{'' if r.score is None else r.score}</td>"
        f'<td class="pts">{margin}</td><td><span class="{kind}">{_e(words)}</span></td></tr>'
    )


# ---------------------------------------------------------------------- charts (SVG)

_W, _H = 720, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 16, 16, 34


def _scale(low: float, high: float, out_low: float, out_high: float) -> Any:
    span = (high - low) or 1

    def at(value: float) -> float:
        return out_low + (value - low) / span * (out_high - out_low)

    return at


def _ticks(low: int, high: int, count: int = 5) -> list[int]:
    span = max(high - low, 1)
    raw = span / count
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500) if s >= raw)
    first = (low + step - 1) // step * step
    return list(range(first, high + 1, step))


def _frame(
    low: int, high: int, start: dt.date, end: dt.date, label: str
) -> tuple[list[str], Any, Any]:
    x = _scale(start.toordinal(), end.toordinal(), _LEFT, _W - _RIGHT)
    y = _scale(low, high, _H - _BOTTOM, _TOP)
    parts = [
        f'<rect x="{_LEFT}" y="{_TOP}" width="{_W - _LEFT - _RIGHT}" '
        f'height="{_H - _TOP - _BOTTOM}" class="plot"/>'
    ]
    for tick in _ticks(low, high):
        ty = y(tick)
        parts.append(
            f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" class="grid"/>'
            f'<text x="{_LEFT - 6}" y="{ty + 4:.1f}" class="ytick">{tick}</text>'
        )
    months = _month_ticks(start, end)
    for day in months:
        tx = x(day.toordinal())
        text = _MONTHS[day.month - 1] + (
            f" {day.year}" if day.month == 1 or day == months[0] else ""
        )
        parts.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{_H - _BOTTOM}" y2="{_H - _BOTTOM + 4}" '
            f'class="axis"/><text x="{tx:.1f}" y="{_H - _BOTTOM + 17}" class="xtick">{text}</text>'
        )
    parts.append(
        f'<text x="12" y="{(_TOP + _H - _BOTTOM) / 2:.0f}" class="ylabel" '
        f'transform="rotate(-90 12 {(_TOP + _H - _BOTTOM) / 2:.0f})">{_e(label)}</text>'
    )
    return parts, x, y


def _month_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if months <= 8 else 3 if months <= 26 else 6
    out = []
    year, month = start.year, start.month
    day = dt.date(year, month, 1)
    while day <= end:
        if day >= start and (day.month - 1) % step == 0:
            out.append(day)
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = dt.date(year, month, 1)
    return out


def _svg(parts: list[str], title: str, legend: str = "") -> str:
    return (
        f'<figure class="chart"><svg viewBox="0 0 {_W} {_H}" role="img" '
        f'aria-label="{_e(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{_e(title)}</title>{''.join(parts)}</svg>"
        + (f"<figcaption>{legend}</figcaption>" if legend else "")
        + "</figure>"
    )


def _steps(x: Any, y: Any, points: Sequence[tuple[dt.date, int]], end: dt.date) -> str:
    """An SVG path of a step function through ``points``, held to ``end``."""
    (day, total), *rest = points
    path = [f"M{x(day.toordinal()):.1f},{y(total):.1f}"]
    for day, total in rest:
        path.append(f"H{x(day.toordinal()):.1f}V{y(total):.1f}")
    path.append(f"H{x(end.toordinal()):.1f}")
    return "".join(path)


def _timeline_chart(t: Timeline) -> str:
    steps = t.steps()
    totals = [total for _, total in steps]
    low, high = min(totals) - 10, max(totals) + 10
    parts, x, y = _frame(max(low, 0), high, t.start, t.end, "CRS score")
    parts.append(f'<path d="{_steps(x, y, steps, t.end)}" class="line"/>')
    for change in t:
        px, py = x(change.on.toordinal()), y(change.total)
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" class="dot"/>'
            f'<text x="{px:.1f}" y="{py - 8:.1f}" class="val">{change.total}</text>'
        )
    parts.append(
        f'<text x="{x(t.start.toordinal()) + 4:.1f}" y="{y(t.initial.total) - 8:.1f}" '
        f'class="val start">{t.initial.total} today</text>'
    )
    return _svg(parts, "Your CRS score over the next two years")


def _rounds_chart(p: Placement, today: int) -> str:
    results = p.results
    start = p.since or results[0].round.date
    end = p.until or results[-1].round.date
    values = [r.round.crs_cutoff for r in results]
    values += [r.score for r in results if r.score is not None]
    low, high = min(values) - 20, max(values) + 20
    parts, x, y = _frame(max(low, 0), min(high, 1200), start, end, "CRS score")
    scored = [(r.round.date, r.score) for r in results if r.score is not None]
    if scored:
        parts.append(f'<path d="{_steps(x, y, scored, end)}" class="line"/>')
    for r in results:
        px, py = x(r.round.date.toordinal()), y(r.round.crs_cutoff)
        kind = {"invited": "in", "not invited": "out", "tie": "tie"}.get(r.outcome, "na")
        tip = f"{r.round.date}: #{r.round.number} {r.round.name}, cut-off {r.round.crs_cutoff}"
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{4.5 if kind != "na" else 3.5}" '
            f'class="cut {kind}"><title>{_e(tip)}</title></circle>'
        )
    legend = "".join(
        f'<span class="item"><span class="key {kind}"></span>{words}</span>'
        for kind, words in (
            ("line", "your score on each round's date"),
            ("in", "cut-off of a round you could take part in, and would have been invited"),
            ("out", "cut-off of a round you could take part in, but were below"),
            ("na", "cut-off of a round you could not take part in"),
        )
    )
    return _svg(
        parts, f"Cut-offs of the rounds from {start} to {end}, and your score {today}", legend
    )


_CSS = """
.crs-report{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--accent:#0b5cad;
--yes:#1a7f37;--no:#b42318;--tie:#9a6700;font:15px/1.45 system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);max-width:900px;margin:0 auto;
padding:24px 28px 40px}
.crs-report *{box-sizing:border-box}
.crs-report header{display:flex;justify-content:space-between;align-items:flex-start;gap:24px;
border-bottom:3px solid var(--accent);padding-bottom:12px}
.crs-report h1{font-size:26px;margin:0 0 6px}
.crs-report h2{font-size:19px;margin:0 0 8px;color:var(--accent)}
.crs-report header p{margin:2px 0;color:var(--muted)}
.crs-report .client{font-size:17px;color:var(--ink)!important}
.crs-report .total{text-align:center;min-width:150px;border:2px solid var(--accent);
border-radius:10px;padding:6px 14px}
.crs-report .total .num{display:block;font-size:46px;font-weight:700;color:var(--accent);
line-height:1.1}
.crs-report .cap{display:block;font-size:12px;color:var(--muted)}
.crs-report .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin:14px 0 6px}
.crs-report .card{background:var(--soft);border:1px solid var(--line);border-radius:8px;
padding:8px 10px}
.crs-report .card .num{font-size:22px;font-weight:700}
.crs-report .pool{color:var(--muted);margin:4px 0 0}
.crs-report section{margin-top:26px}
.crs-report .note{color:var(--muted);margin:0 0 8px;font-size:13.5px}
.crs-report table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:14px}
.crs-report th,.crs-report td{text-align:left;vertical-align:top;padding:5px 8px;
border-bottom:1px solid var(--line)}
.crs-report thead th{background:var(--soft);font-size:12.5px;text-transform:uppercase;
letter-spacing:.03em;color:var(--muted)}
.crs-report .pts{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums;width:5.5em}
.crs-report tr.sec td{font-weight:700;background:#eef4fb;border-top:2px solid var(--line)}
.crs-report tr.grp td{font-weight:600}
.crs-report tr.d1 .lab{padding-left:22px}.crs-report tr.d2 .lab{padding-left:40px}
.crs-report tr.d3 .lab{padding-left:58px}
.crs-report tr.leaf td{color:#30363d}
.crs-report .why{color:var(--muted);font-size:13px}
.crs-report tfoot th{font-size:16px;border-top:2px solid var(--ink)}
.crs-report .lines td.lab{width:38%}
.crs-report .verdicts td:first-child{width:36%}
.crs-report .verdicts td:nth-child(2){width:5.5em}
.crs-report ul{margin:0;padding-left:18px}
.crs-report li.nt{color:var(--muted);font-size:13px}
.crs-report .yes,.crs-report .no,.crs-report .tie{font-weight:700;white-space:nowrap}
.crs-report .yes{color:var(--yes)}.crs-report .no{color:var(--no)}
.crs-report .tie{color:var(--tie)}
.crs-report .gain{color:var(--yes);font-weight:700}
.crs-report .loss{color:var(--no);font-weight:700}
.crs-report .caveats{background:#fff8c5;border:1px solid #d4a72c;border-radius:8px;
padding:10px 14px}
.crs-report .caveats h2{color:#7d4e00}
.crs-report figure.chart{margin:8px 0 12px}
.crs-report svg{width:100%;height:auto;display:block}
.crs-report svg .plot{fill:#fff;stroke:var(--line)}
.crs-report svg .grid{stroke:#eaeef2}.crs-report svg .axis{stroke:var(--muted)}
.crs-report svg text{font:12px system-ui,sans-serif;fill:var(--muted)}
.crs-report svg .ytick{text-anchor:end}.crs-report svg .xtick{text-anchor:middle}
.crs-report svg .ylabel{text-anchor:middle}
.crs-report svg .line{fill:none;stroke:var(--accent);stroke-width:2.5}
.crs-report svg .dot{fill:var(--accent)}
.crs-report svg .val{text-anchor:middle;fill:var(--ink);font-weight:600}
.crs-report svg .val.start{text-anchor:start}
.crs-report svg .cut.in{fill:var(--yes)}.crs-report svg .cut.out{fill:var(--no)}
.crs-report svg .cut.tie{fill:var(--tie)}
.crs-report svg .cut.na{fill:#fff;stroke:#8c959f;stroke-width:1.2}
.crs-report figcaption{font-size:12.5px;color:var(--muted)}
.crs-report .key{display:inline-block;width:11px;height:11px;border-radius:50%;
margin:0 5px 0 0;vertical-align:-1px}
.crs-report figcaption .item{display:inline-block;white-space:nowrap;margin-right:14px}
.crs-report td.day{white-space:nowrap}
.crs-report .key.line{width:18px;height:3px;border-radius:0;background:var(--accent);
vertical-align:3px}
.crs-report .key.in{background:var(--yes)}.crs-report .key.out{background:var(--no)}
.crs-report .key.na{border:1.2px solid #8c959f}
.crs-report footer{margin-top:30px;border-top:1px solid var(--line);padding-top:8px;
color:var(--muted);font-size:12.5px}
@media (max-width:640px){.crs-report .cards{grid-template-columns:repeat(2,1fr)}
.crs-report header{flex-direction:column}}
@page{margin:14mm 12mm}
@media print{
.crs-report{max-width:none;padding:0;font-size:10.5pt}
.crs-report *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.crs-report h2{break-after:avoid}
.crs-report header,.crs-report .cards,.crs-report figure,.crs-report tr,.crs-report .caveats,
.crs-report .keep{break-inside:avoid}
.crs-report .pts{width:4.5em}
.crs-report thead th.pts,.crs-report .yes,.crs-report .no,.crs-report .tie{white-space:normal}
.crs-report thead{display:table-header-group}
.crs-report tfoot{display:table-row-group}
.crs-report section{margin-top:16px}
.crs-report footer{margin-top:10px;padding-top:4px;font-size:8.5pt}
.crs-report table{font-size:9.5pt}
.crs-report .why,.crs-report li.nt{font-size:9pt}
}
"""
"""The page's stylesheet, every rule under ``.crs-report`` so that it styles nothing else."""
