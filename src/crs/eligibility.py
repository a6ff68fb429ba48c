"""Eligibility on a date: the three programs and every draw category in force, with reasons.

>>> import datetime as dt
>>> from crs.profile import Education, Job, LanguageResult, LanguageTest, Profile
>>> doctor = Profile(
...     Education.MASTERS, age=38,
...     first_language=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9),
...     work_history=[Job("31102", dt.date(2025, 1, 6))],
... )
>>> report = eligibility(doctor, dt.date(2026, 2, 19))
>>> report.programs["cec"].eligible, report.categories["physicians"].eligible
(True, True)
"""

from __future__ import annotations

import datetime as dt
import html
import json
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from crs._dates import as_date
from crs._shapes import BOOL, DATE, STR, arr, nullable, obj, ref
from crs.categories import CategoryVersion, in_force
from crs.caveats import caveats, provenance, provenance_schema
from crs.policies import switch_notes
from crs.profile import a_profile
from crs.programs import PROGRAMS, Program, fsw_grid, shared, sharing
from crs.rules import rules_name_on

if TYPE_CHECKING:
    import pandas as pd

    from crs.predicates import Verdict
    from crs.profile import Profile
    from crs.programs import FswGrid

__all__ = ["CategoryVerdict", "EligibilityReport", "eligibility"]


@attrs.frozen
class CategoryVerdict:
    """A draw category's verdict, with the version that gave it.

    Attributes:
        version: The category version in force on the date.
        verdict: Its condition and eligibility for a program.
    """

    version: CategoryVersion
    verdict: Verdict

    @property
    def eligible(self) -> bool:
        """Whether the candidate is eligible for the category's rounds."""
        return self.verdict.eligible

    def to_json(self) -> dict[str, Any]:
        """The verdict as JSON data, with the official ``name`` and the version."""
        v = self.version
        return {
            "name": v.name,
            **self.verdict.to_json(),
            "version": v.version,
            "in_force": {
                "from": v.start.isoformat(),
                "until": (v.end - dt.timedelta(days=1)).isoformat() if v.end else None,
            },
            "name_verified": v.name_verified,
            "confidence": v.confidence,
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json`."""
        from crs.predicates import Verdict

        return Verdict.json_schema(
            name=STR,
            version=STR,
            in_force=obj({"from": DATE, "until": nullable(DATE)}),
            name_verified=BOOL,
            confidence=STR,
        )


@attrs.frozen
class EligibilityReport:
    """Eligibility for every program and every draw category in force on a date.

    Attributes:
        on: The date.
        programs: The verdict of ``fsw``, ``cec`` and ``fst``.
        categories: The verdict of each category in force on ``on``, by slug.
        grid: The FSW selection grid.
        id: The client id of the profile assessed (None: none given).
        notes: Caveats of the profile's own on the date (a job read by its NOC 2016 skill
            before IRCC adopted NOC 2021: :func:`crs.occupations.noc_2016_notes`).
    """

    on: dt.date
    programs: Mapping[str, Verdict]
    categories: Mapping[str, CategoryVerdict]
    grid: FswGrid
    id: str | None = attrs.field(default=None, kw_only=True)
    notes: tuple[str, ...] = attrs.field(default=(), kw_only=True)

    def to_json(self) -> dict[str, Any]:
        """``{"on", "programs": {"fsw", "cec", "fst"}, "categories": {SLUG: ...}, "warnings"}``.

        Also ``crs_version``, ``rules`` (the CRS rule set in force on the date)
        and ``rounds_data`` (:func:`crs.caveats.provenance`).  Each verdict is
        ``{"eligible", "reasons", "notes", "facts"}``; FSW also
        gives its ``grid``, and each category its official ``name``.  ``id``
        comes first when the profile gave one.
        """
        programs = {slug: v.to_json() for slug, v in self.programs.items()}
        if "fsw" in programs:  # assessed with programs of one's own, FSW may not be among them
            programs["fsw"]["grid"] = self.grid.to_json()
        return {
            **({} if self.id is None else {"id": self.id}),
            "on": self.on.isoformat(),
            **provenance(rules_name_on(self.on)),
            "programs": programs,
            "categories": {slug: c.to_json() for slug, c in self.categories.items()},
            "warnings": list(self.warnings),
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json` (``crs eligible --format json``)."""
        from crs.predicates import Verdict
        from crs.programs import FswGrid

        programs = {slug: ref("Verdict") for slug in PROGRAMS}
        programs["fsw"] = Verdict.json_schema(grid=FswGrid.json_schema())
        return obj(
            {
                "on": DATE,
                **provenance_schema(),
                "programs": obj(programs),
                "categories": {
                    "type": "object",
                    "additionalProperties": ref("CategoryVerdict"),
                    "description": "the verdict of each draw category in force, by slug",
                },
                "warnings": arr(STR),
            },
            {"id": STR},
            description="eligibility for every program and draw category in force",
        )

    @property
    def warnings(self) -> tuple[str, ...]:
        """The caveats of the verdicts: the profile's own, then the date's.

        The profile's own are its :attr:`notes` (a job read by its NOC 2016 skill
        before the switch); the date's, the known unmodelled changes in force
        (:func:`crs.caveats.caveats`).
        """
        return (*self.notes, *caveats(self.on))

    def dumps(self, indent: int | None = 2) -> str:
        """The JSON document as a string."""
        return json.dumps(self.to_json(), indent=indent, ensure_ascii=False)

    def to_frame(self) -> pd.DataFrame:
        """Every program and category as a pandas DataFrame, one a row.

        Returns:
            Columns ``on`` (the date), ``kind`` (``"program"`` or ``"category"``),
            ``slug``, ``name``, ``eligible`` (bool) and ``reasons`` (joined by
            ``"; "``; empty when eligible).  Needs the ``batch`` extra.
        """
        from crs._frames import records_frame

        n = len(self.programs)
        slugs = [*self.programs, *self.categories]
        records = [
            {"on": self.on, "kind": "program" if i < n else "category", "slug": slug,
             "name": name, "eligible": eligible, "reasons": "; ".join(reasons)}
            for i, (slug, (_, name, eligible, reasons, _notes)) in enumerate(
                zip(slugs, self._rows(), strict=True)
            )
        ]  # fmt: skip
        return records_frame(
            records, ("on", "kind", "slug", "name", "eligible", "reasons"), dates=("on",)
        )

    def _rows(self) -> list[tuple[str, str, bool, list[str], list[str]]]:
        """(slug, name, eligible, reasons, notes) for each program, then each category."""
        rows = []
        for slug, verdict in self.programs.items():
            notes = [f"note: {n}" for n in verdict.all_notes()]
            if slug == "fsw" and self.grid.passes:
                notes.append(
                    f"FSW grid: {self.grid.total} of 100 (pass mark {self.grid.pass_mark})"
                )
            rows.append(
                (slug.upper(), PROGRAMS[slug].name, verdict.eligible, verdict.messages, notes)
            )
        for slug, found in self.categories.items():
            verdict = found.verdict
            notes = [f"note: {n}" for n in verdict.all_notes()]
            rows.append((slug, found.version.name, verdict.eligible, verdict.messages, notes))
        return rows

    def to_text(self, width: int = 100) -> str:
        """A table to read to a client: each program and category, yes or no, and why."""
        of = "" if self.id is None else f" of {self.id}"
        lines = [f"Eligibility{of} on {self.on}", ""]
        indent = " " * 22
        rows = self._rows()
        n = len(self.programs)
        for section, part in (("Programs", rows[:n]), ("Draw categories in force", rows[n:])):
            lines.append(section)
            if not part:
                lines.append(f"{indent}(none)")
            for slug, name, ok, reasons, notes in part:
                lines.append(f"{slug:<16} {'yes' if ok else 'no':<4} {name}")
                for first in [f"- {r}" for r in reasons] + notes:
                    wrapped = textwrap.wrap(first, width - len(indent), subsequent_indent="  ")
                    lines.extend(indent + w for w in wrapped)
            lines.append("")
        lines.extend(f"warning: {w}" for w in self.warnings)
        return "\n".join(lines).rstrip() + "\n"

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        body = []
        for slug, name, ok, reasons, notes in self._rows():
            why = reasons + notes
            colour = "#1a7f37" if ok else "#b42318"
            items = "".join(f"<li>{html.escape(w)}</li>" for w in why)
            body.append(
                f"<tr><td><code>{html.escape(slug)}</code></td><td>{html.escape(name)}</td>"
                f'<td style="color:{colour}"><strong>{"yes" if ok else "no"}</strong></td>'
                f"<td>{f'<ul>{items}</ul>' if items else ''}</td></tr>"
            )
        return (
            f"<table><caption>Eligibility on {self.on}</caption>"
            "<tr><th></th><th>program or category</th><th>eligible</th><th>why</th></tr>"
            + "".join(body)
            + "</table>"
            + "".join(f"<p>&#9888; {html.escape(w)}</p>" for w in self.warnings)
        )


def eligibility(
    profile: Profile,
    on: dt.date | str | None = None,
    programs: Mapping[str, Program] = PROGRAMS,
) -> EligibilityReport:
    """The verdict of every program, and of every draw category in force on ``on``.

    ``on`` is a date or ``YYYY-MM-DD`` (None: today), as everywhere.

    Raises:
        DateError: If ``on`` is not a date.
        ProfileError: If the profile cannot be assessed on ``on`` (a date of
            birth after it).
    """
    profile = a_profile(profile, "eligible")
    on = as_date(on)
    # Each program (and the FSW grid) runs once, however many categories ask for it.
    with sharing():
        program_verdicts = {slug: p(profile, on) for slug, p in programs.items()}
        categories = {v.slug: CategoryVerdict(v, v(profile, on)) for v in in_force(on)}
        grid = shared(fsw_grid, profile, on)
    notes = switch_notes(profile.work_history, on)
    return EligibilityReport(on, program_verdicts, categories, grid, id=profile.id, notes=notes)
