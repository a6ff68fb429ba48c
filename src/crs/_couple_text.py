"""The text and notebook views of a principal-applicant comparison (:mod:`crs.couples`)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crs.couples import PrincipalComparison

__all__ = ["SECTION_LABELS", "notebook_html", "table", "text"]

SECTION_LABELS = {
    "core": "core / human capital",
    "spouse": "spouse factors",
    "transferability": "skill transferability",
    "additional": "additional points",
}
"""The sections' names in the side-by-side table."""


def table(self: PrincipalComparison) -> list[tuple[str, str, str]]:
    """(what, A principal, B principal) rows of the side-by-side summary."""
    a, b = self.a, self.b
    rows = [("CRS score", str(a.score.total), str(b.score.total))]
    for key, label in SECTION_LABELS.items():
        rows.append(
            (f"  {label}", str(a.score.sections.get(key, 0)), str(b.score.sections.get(key, 0)))
        )

    def listed(items: tuple[str, ...], upper: bool = False) -> str:
        return ", ".join(i.upper() if upper else i for i in items) or "none"

    programs = (listed(a.programs, True), listed(b.programs, True))
    rows.append(("Programs (FSW, CEC, FST)", *programs))
    rows.append(("Draw categories", listed(a.categories), listed(b.categories)))
    total = len(a.placement.results)
    rows.append(
        (
            "Recent rounds it could take part in",
            f"{a.rounds_taken_part} of {total}",
            f"{b.rounds_taken_part} of {total}",
        )
    )
    rows.append(
        (
            "  invited in",
            str(len(a.placement.invitations)),
            str(len(b.placement.invitations)),
        )
    )
    margins = (_margin(a.best_margin), _margin(b.best_margin))
    rows.append(("  best margin over a cut-off", *margins))
    return rows


def text(self: PrincipalComparison) -> str:
    """A readable comparison: the two arrangements side by side, the verdict, the lines."""
    a, b = self.a, self.b
    couple = "" if self.id is None else f" (couple {self.id})"
    head_a, head_b = _short(f"{a.name} applies"), _short(f"{b.name} applies")
    period = (
        f"rounds from {self.since} to {self.until}"
        if self.since is not None
        else f"rounds up to {self.until}"
    )
    out = [
        f"Which partner should be the principal applicant?{couple}",
        f"On {self.on}, rules in force from {a.score.rules.name}; {period}.",
        "",
        f"{'':<38} {head_a:>18} {head_b:>18}",
    ]
    out.extend(f"{what:<38} {x:>18} {y:>18}" for what, x, y in table(self))
    out += ["", self.verdict]
    why = self._not_in_pool()
    if why:
        out += ["", *why]
    differences = self.differences
    if differences:
        out += ["", f"Where the points differ ({a.name} applying minus {b.name} applying):"]
        for line in differences:
            depth = line.key.count(".")
            label = _short("  " * (depth + 1) + line.label, 56)
            out.append(
                f"{label:<56} {_points(line.a):>5} {_points(line.b):>5} {line.difference:>+5}"
            )
    for arr in (a, b):
        out.extend(f"warning ({arr.name} applying): {w}" for w in arr.score.warnings)
    return "\n".join(out) + "\n"


def notebook_html(self: PrincipalComparison) -> str:
    """The comparison as an HTML fragment, for notebooks."""
    a, b = self.a, self.b
    rows = "".join(
        f"<tr><td>{html.escape(what)}</td><td>{html.escape(x)}</td><td>{html.escape(y)}</td></tr>"
        for what, x, y in table(self)
    )
    lines = "".join(
        f"<tr><td><code>{html.escape(d.key)}</code></td><td>{html.escape(d.label)}</td>"
        f"<td>{_points(d.a)}</td><td>{_points(d.b)}</td><td>{d.difference:+d}</td></tr>"
        for d in self.differences
    )
    return (
        f"<div><p><strong>{html.escape(self.verdict)}</strong></p><table><tr><th></th>"
        f"<th>{html.escape(a.name)} applies</th><th>{html.escape(b.name)} applies</th></tr>"
        f"{rows}</table><table><tr><th>key</th><th>line</th><th>{html.escape(a.name)}</th>"
        f"<th>{html.escape(b.name)}</th><th>difference</th></tr>{lines}</table></div>"
    )


def _margin(value: int | None) -> str:
    return "-" if value is None else f"{value:+d}"


def _points(value: int | None) -> str:
    return "-" if value is None else str(value)


def _short(text: str, width: int = 18) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
