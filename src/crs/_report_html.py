"""The pieces of a client report's HTML page: rows, inline SVG charts and the stylesheet.

:mod:`crs.reports` gathers what a report says; this module only writes it as HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from crs._csvdata import CRS_MAXIMUM
from crs.breakdown import Line
from crs.placement import Placement, RoundResult
from crs.timelines import Timeline

__all__ = [
    "CSS",
    "GAIN_SAID",
    "date",
    "date_text",
    "escape",
    "line_row",
    "plain",
    "round_row",
    "rounds_chart",
    "timeline_chart",
    "verdict_row",
]


def escape(text: object) -> str:
    return html.escape(str(text))


_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def date(day: dt.date) -> str:
    """A date as a client reads it: ``19 Feb 2026`` (no locale, no ambiguity)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def date_text(text: str) -> str:
    try:
        return date(dt.date.fromisoformat(text))
    except ValueError:
        return escape(text)


def plain(warning: str) -> str:
    """A warning without its field path prefix's underscores (``first_language: ...``)."""
    path, sep, rest = warning.partition(": ")
    if sep and " " not in path:
        return f"{path.replace('_', ' ').replace('.', ', ')}: {rest}"
    return warning


GAIN_SAID = re.compile(r": [+-]?\d+ points? \(total \d+\)\.?")
"""The gain a suggestion's sentence ends with: the table shows it in its own columns."""


def _why(line: Line) -> str:
    parts = [line.reason] if line.reason else []
    if line.uncapped is not None:
        parts.append(f"limited to {line.cap} (the lines add up to {line.uncapped})")
    elif line.cap is not None and line.children:
        parts.append(f"at most {line.cap}")
    return "; ".join(parts)


def line_row(line: Line) -> str:
    depth = line.key.count(".")
    kind = "sec" if depth == 0 else ("grp" if line.children else "leaf")
    return (
        f'<tr class="{kind} d{min(depth, 3)}"><td class="lab">{escape(line.label)}</td>'
        f'<td class="pts">{line.points}</td><td class="why">{escape(_why(line))}</td></tr>'
    )


def verdict_row(name: str, ok: bool, reasons: Sequence[str], notes: Iterable[str]) -> str:
    why = [f"<li>{escape(r)}</li>" for r in reasons]
    why += [f'<li class="nt">{escape(n)}</li>' for n in notes]
    badge = '<span class="yes">Yes</span>' if ok else '<span class="no">No</span>'
    return (
        f"<tr><td>{escape(name)}</td><td>{badge}</td>"
        f"<td>{'<ul>' + ''.join(why) + '</ul>' if why else ''}</td></tr>"
    )


_OUTCOMES = {
    "invited": ("Would have been invited", "yes"),
    "not invited": ("Below the cut-off", "no"),
    "tie": ("At the cut-off: the tie-break decides", "tie"),
}


def round_row(r: RoundResult) -> str:
    words, kind = _OUTCOMES.get(r.outcome, (r.outcome, "no"))
    margin = "" if r.margin is None else f"{r.margin:+d}"
    return (
        f'<tr><td class="day">{date(r.round.date)}</td>'
        f"<td>#{escape(r.round.number)} {escape(r.round.name)}</td>"
        f'<td class="pts">{r.round.crs_cutoff}</td><td class="pts">'
        f"{'' if r.score is None else r.score}</td>"
        f'<td class="pts">{margin}</td><td><span class="{kind}">{escape(words)}</span></td></tr>'
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
        f'transform="rotate(-90 12 {(_TOP + _H - _BOTTOM) / 2:.0f})">{escape(label)}</text>'
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
        if year > dt.MAXYEAR:  # the calendar's last month is done
            break
        day = dt.date(year, month, 1)
    return out


def _svg(parts: list[str], title: str, legend: str = "") -> str:
    return (
        f'<figure class="chart"><svg viewBox="0 0 {_W} {_H}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
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


def timeline_chart(t: Timeline) -> str:
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
        f'class="val start">{t.initial.total} on {t.start:%d %b %Y}</text>'
    )
    return _svg(parts, "Your CRS score over the next two years")


def rounds_chart(p: Placement, today: int) -> str:
    results = p.results
    start = p.since or results[0].round.date
    end = p.until or results[-1].round.date
    values = [r.round.crs_cutoff for r in results]
    values += [r.score for r in results if r.score is not None]
    low, high = min(values) - 20, max(values) + 20
    parts, x, y = _frame(max(low, 0), min(high, CRS_MAXIMUM), start, end, "CRS score")
    scored = [(r.round.date, r.score) for r in results if r.score is not None]
    if scored:
        parts.append(f'<path d="{_steps(x, y, scored, end)}" class="line"/>')
    for r in results:
        px, py = x(r.round.date.toordinal()), y(r.round.crs_cutoff)
        kind = {"invited": "in", "not invited": "out", "tie": "tie"}.get(r.outcome, "na")
        tip = f"{r.round.date}: #{r.round.number} {r.round.name}, cut-off {r.round.crs_cutoff}"
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{4.5 if kind != "na" else 3.5}" '
            f'class="cut {kind}"><title>{escape(tip)}</title></circle>'
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


CSS = """
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
