"""Rounds of invitations as plain-text tables, for ``crs rounds`` and :meth:`Placement.to_text`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crs.draws import Round
    from crs.placement import RoundResult

__all__ = ["header", "rounds_text", "row"]


def header(*, with_profile: bool) -> str:
    """The header line of a table of rounds, with the profile's columns or without."""
    head = f"{'round':>5}  {'date':<10}  {'ITAs':>6}  {'cut-off':>7}"
    if with_profile:
        head += f"  {'score':>5}  {'margin':>6}  {'result':<12}"
    return head + "  name"


def row(r: Round, result: RoundResult | None = None) -> str:
    """One round as a line of the table, with ``result``'s columns when given."""
    line = f"{r.number:>5}  {r.date}  {r.invitations:>6,}  {r.crs_cutoff:>7}"
    if result is not None:
        score = "-" if result.score is None else str(result.score)
        margin = "-" if result.margin is None else f"{result.margin:+d}"
        line += f"  {score:>5}  {margin:>6}  {result.outcome:<12}"
    return f"{line}  {r.name}"


def rounds_text(selected: Sequence[Round]) -> str:
    """A table of rounds without a profile, newest first: number, date, name, size, cut-off."""
    if not selected:
        return "No rounds of invitations in the period.\n"
    ordered = sorted(selected, key=lambda r: r.date)
    lines = [
        f"{len(selected)} rounds of invitations from {ordered[0].date} to {ordered[-1].date}, "
        "newest first",
        "",
        header(with_profile=False),
    ]
    lines.extend(row(r) for r in reversed(ordered))
    return "\n".join(lines) + "\n"
