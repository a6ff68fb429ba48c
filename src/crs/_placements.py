"""What :func:`crs.place` returns: :class:`RoundResult`, :class:`Placement`, their renderings.

Re-exported by :mod:`crs.placement`, their public home, which places a profile.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from crs._roundtext import header, row
from crs._shapes import BOOL, INT, STR, arr, nullable, obj, ref
from crs.caveats import caveats, provenance, provenance_schema
from crs.draws import Round
from crs.rules import rules_name_on

if TYPE_CHECKING:
    pass


_TIE_NOTE = (
    "tie: at the cut-off; invited only if the profile was submitted before the round's "
    "tie-breaking time (give submitted_at to decide)"
)


@attrs.frozen
class RoundResult:
    """One round, and how a profile fared in it.

    Attributes:
        round: The round.
        score: The profile's CRS score on the round's date, or None when the
            profile cannot be scored on that date (a date of birth after it).
        eligible: Whether the profile could take part in the round (see the module
            documentation for what each kind of round asks).
        invited: True if it was invited (eligible, and above the cut-off, or at it
            and submitted before the tie-breaking time); False if not; None at the
            cut-off when the profile's submission time or the round's
            tie-breaking time is unknown.
        reasons: Why the profile was not eligible; empty when it was.
        warnings: The caveats of the score on the round's date, as :func:`crs.score`
            gives them that day (a test expired or not taken yet, a change in force
            that is not modelled); None when the profile was not scored, whose JSON
            then gives the changes in force that are not modelled.
    """

    round: Round
    score: int | None
    eligible: bool
    invited: bool | None
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] | None = None

    @property
    def margin(self) -> int | None:
        """The score minus the round's cut-off (negative: below it), or None without a score."""
        return None if self.score is None else self.score - self.round.crs_cutoff

    @property
    def outcome(self) -> str:
        """``"invited"``, ``"not invited"``, ``"not eligible"`` or ``"tie"`` (undecided)."""
        if not self.eligible:
            return "not eligible"
        if self.invited is None:
            return "tie"
        return "invited" if self.invited else "not invited"

    def to_json(self) -> dict[str, Any]:
        """The round's JSON (see :meth:`Round.to_json`) with the profile's result.

        Returns:
            The round's keys, and ``score``, ``margin``, ``eligible``, ``invited``
            (true, false or null), ``reasons`` (a list of strings), what the
            score was computed with (``crs_version``, ``rules``, ``rounds_data``,
            :func:`crs.caveats.provenance`) and ``warnings`` (:attr:`warnings`:
            the score's caveats on the round's date, which hold the known changes
            in force that are not modelled).
        """
        return {
            **self.round.to_json(),
            "score": self.score,
            "margin": self.margin,
            "eligible": self.eligible,
            "invited": self.invited,
            "reasons": list(self.reasons),
            **provenance(rules_name_on(self.round.date)),
            "warnings": list(caveats(self.round.date) if self.warnings is None else self.warnings),
        }

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json` (``id`` first when a placement gives one)."""
        from crs.draws import _ROUND_KEYS

        return obj(
            {
                **_ROUND_KEYS,
                "score": nullable(INT),
                "margin": nullable(INT),
                "eligible": BOOL,
                "invited": nullable(BOOL),
                "reasons": arr(STR),
                **provenance_schema(),
                "warnings": arr(STR),
            },
            {"id": STR},
            description="a round, and how the profile fared in it",
        )


@attrs.frozen
class Placement:
    """A profile placed against the rounds of a period.

    Attributes:
        results: One result per round, oldest first (the order of :func:`crs.draws.rounds`).
        since: The start of the period asked for, or None.
        until: The end of the period asked for, or None.
        category: The category slug or program code asked for, or None.
        id: The client id of the profile placed (None: none given).
        notice: A staleness notice when the newest known round is more than 21 days
            before the date asked about (``until``, else today), naming the command
            that refreshes the data (see :func:`crs.datastore.stale_notice`); else None.
    """

    results: tuple[RoundResult, ...]
    since: dt.date | None = None
    until: dt.date | None = None
    category: str | None = None
    notice: str | None = attrs.field(default=None, kw_only=True)
    id: str | None = attrs.field(default=None, kw_only=True)

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[RoundResult]:
        return iter(self.results)

    @property
    def invitations(self) -> tuple[RoundResult, ...]:
        """The rounds the profile was invited in, oldest first."""
        return tuple(r for r in self.results if r.invited is True)

    @property
    def first_invitation(self) -> RoundResult | None:
        """The oldest round the profile was invited in, or None."""
        found = self.invitations
        return found[0] if found else None

    def result(self, number: str | int) -> RoundResult:
        """The result of the round ``number`` (as published: ``397``, ``"91a"``).

        Raises:
            KeyError: If that round is not in the placement.
        """
        key = str(number).strip().lstrip("#").lower()
        for found in self.results:
            if found.round.number == key:
                return found
        raise KeyError(f"round {number!r} is not in this placement")

    def to_json(self) -> list[dict[str, Any]]:
        """Every result as JSON data (see :meth:`RoundResult.to_json`), oldest first.

        When the profile gave an ``id``, every result object carries it first (one
        object a round, as one row a round in a spreadsheet).
        """
        if self.id is None:
            return [r.to_json() for r in self.results]
        return [{"id": self.id, **r.to_json()} for r in self.results]

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json` (``crs rounds PROFILE --format json``)."""
        return arr(ref("RoundResult")) | {"description": "every round of the period, oldest first"}

    def dumps(self, indent: int | None = 2) -> str:
        """The JSON document as a string."""
        return json.dumps(self.to_json(), indent=indent, ensure_ascii=False)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Known unmodelled changes in force on the newest round's date."""
        if not self.results:
            return ()
        return caveats(self.results[-1].round.date)

    def to_frame(self) -> Any:
        """Every result as a pandas DataFrame, oldest first (see :func:`crs.draws.rounds_frame`)."""
        from crs.draws import rounds_frame

        return rounds_frame(self.results, results=True)

    def _summary(self) -> str:
        eligible = sum(r.eligible for r in self.results)
        ties = sum(r.eligible and r.invited is None for r in self.results)
        text = (
            f"invited in {len(self.invitations)} of {len(self.results)} rounds "
            f"(eligible for {eligible})"
        )
        return text + (f", {ties} undecided at the cut-off" if ties else "")

    def to_text(self) -> str:
        """A table, newest first: each round, the profile's score, margin and outcome."""
        tail = "" if self.notice is None else f"\n{self.notice}\n"
        if not self.results:
            return "No rounds of invitations in the period.\n" + tail
        first, last = self.results[0].round.date, self.results[-1].round.date
        of = "" if self.id is None else f" for {self.id}"
        lines = [
            f"Rounds of invitations from {first} to {last}, newest first{of}: {self._summary()}",
            "",
            header(with_profile=True),
        ]
        lines.extend(row(r.round, r) for r in reversed(self.results))
        if any(r.eligible and r.invited is None for r in self.results):
            lines += ["", _TIE_NOTE]
        if self.warnings:
            lines += ["", *(f"warning: {w}" for w in self.warnings)]
        return "\n".join(lines) + "\n" + tail

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        body = []
        for r in reversed(self.results):
            colour = {"invited": "#1a7f37", "not invited": "#b42318"}.get(r.outcome, "#57606a")
            margin = "" if r.margin is None else f"{r.margin:+d}"
            why = "".join(f"<li>{html.escape(reason)}</li>" for reason in r.reasons)
            body.append(
                f"<tr><td>{html.escape(r.round.number)}</td><td>{r.round.date}</td>"
                f"<td>{html.escape(r.round.name)}</td><td>{r.round.invitations:,}</td>"
                f"<td>{r.round.crs_cutoff}</td><td>{'' if r.score is None else r.score}</td>"
                f'<td>{margin}</td><td style="color:{colour}"><strong>{r.outcome}</strong></td>'
                f"<td>{f'<ul>{why}</ul>' if why else ''}</td></tr>"
            )
        return (
            f"<table><caption>Rounds of invitations: {html.escape(self._summary())}</caption>"
            "<tr><th>round</th><th>date</th><th>name</th><th>invitations</th><th>cut-off</th>"
            "<th>score</th><th>margin</th><th>outcome</th><th>why</th></tr>"
            + "".join(body)
            + "</table>"
            + "".join(f"<p>&#9888; {html.escape(w)}</p>" for w in self.warnings)
        )
