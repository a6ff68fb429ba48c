"""Place a profile against the published rounds of invitations: would it have been invited?

For each round in a period, :func:`place` scores the profile on the round's date
(its age and experience on that day), decides whether it could take part in the
round, and compares the score with the round's cut-off:

* **In the pool** means eligible on that date for at least one of the Federal
  Skilled Worker Program, the Canadian Experience Class and the Federal Skilled
  Trades Program (a provincial nominee needs one of them too), and, when the
  profile gives ``submitted_at``, submitted no later than the round.
* A **general** round ("No Program Specified", "General") ranks everyone in the pool.
* A **program** round ranks the candidates eligible for its program (``cec``,
  ``fsw``, ``fst``); a **PNP** round the candidates in the pool with a provincial
  nomination.
* A **category** round ranks the candidates in the pool who meet the category
  version in force on that date (found by the round's official name, else by
  slug and date).

A profile eligible for the round is invited when its score is above the cut-off,
and not when it is below.  At the cut-off it was invited only if it was submitted
before the round's tie-breaking time; when either time is unknown, ``invited`` is
None.

>>> import datetime as dt
>>> from crs.profile import Education, Job, LanguageResult, LanguageTest, Profile
>>> doctor = Profile(
...     Education.MASTERS, date_of_birth=dt.date(1988, 3, 1),
...     first_language=LanguageResult(LanguageTest.CLB, 9, 9, 9, 9),
...     work_history=[Job("31102", dt.date(2024, 9, 19), hours_per_week=40)],
... )
>>> result = place(doctor, category="physicians").results[0]
>>> result.round.number, result.eligible, result.invited, result.margin > 0
('397', True, True, True)
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from crs._dates import as_date
from crs._roundtext import header, rounds_text, row
from crs.categories import by_name
from crs.categories import category as category_on
from crs.caveats import caveats, provenance
from crs.datastore import stale_notice
from crs.draws import Round, rounds
from crs.errors import DateOutOfRangeError, ProfileError, UnknownCategoryError
from crs.programs import PROGRAMS
from crs.rules import rules_in_force
from crs.scoring import score as crs_score

if TYPE_CHECKING:
    from crs.categories import CategoryVersion
    from crs.predicates import Verdict
    from crs.profile import Profile

__all__ = ["Placement", "RoundResult", "place", "rounds_text"]

_UTC = dt.timezone.utc
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
    """

    round: Round
    score: int | None
    eligible: bool
    invited: bool | None
    reasons: tuple[str, ...] = ()

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
            :func:`crs.caveats.provenance`) and ``warnings`` (known changes in
            force on the round's date that are not modelled).
        """
        return {
            **self.round.to_json(),
            "score": self.score,
            "margin": self.margin,
            "eligible": self.eligible,
            "invited": self.invited,
            "reasons": list(self.reasons),
            **provenance(_rules_name(self.round.date)),
            "warnings": list(caveats(self.round.date)),
        }


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

        return rounds_frame(self.results)

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


# --- placing a profile ------------------------------------------------------------------


class _Assessor:
    """One profile's score and verdicts, each computed once per date.

    A :class:`ProfileError` (a date of birth after the date) is not cached: it
    propagates to :func:`place`, which makes the round's result not eligible.
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._scores: dict[dt.date, int] = {}
        self._programs: dict[dt.date, dict[str, Verdict]] = {}
        self._categories: dict[tuple[str, dt.date], Verdict] = {}

    def score(self, on: dt.date) -> int:
        if on not in self._scores:
            self._scores[on] = crs_score(self.profile, on).total
        return self._scores[on]

    def programs(self, on: dt.date) -> dict[str, Verdict]:
        if on not in self._programs:
            self._programs[on] = {slug: p(self.profile, on) for slug, p in PROGRAMS.items()}
        return self._programs[on]

    def condition(self, version: CategoryVersion, on: dt.date) -> Verdict:
        key = (version.name, on)
        if key not in self._categories:
            self._categories[key] = version.condition(self.profile, on)
        return self._categories[key]


def _messages(label: str, verdict: Verdict) -> list[str]:
    return [f"{label}: {m}" for m in verdict.messages] or [f"{label}: not eligible"]


def _round_version(r: Round) -> CategoryVersion | None:
    try:
        return by_name(r.name)
    except UnknownCategoryError:
        pass
    if r.category is None:
        return None
    try:
        return category_on(r.category, r.date)
    except UnknownCategoryError:
        return None


def _rules_name(on: dt.date) -> str | None:
    try:
        return rules_in_force(on).name
    except DateOutOfRangeError:
        return None


def _submitted_after(profile: Profile, r: Round) -> str | None:
    at = profile.submitted_at
    if at is None:
        return None
    at = at.astimezone(_UTC)
    held = r.round_time
    after = at.date() > r.date or (
        held is not None and held.date() == r.date == at.date() and at >= held
    )
    if not after:
        return None
    return f"the profile was submitted on {at:%Y-%m-%d %H:%M:%S} UTC, after this round"


def _reasons(assessor: _Assessor, r: Round) -> list[str]:
    """Why the profile could not take part in round ``r`` (empty: it could)."""
    on = r.date
    programs = assessor.programs(on)
    reasons: list[str] = []
    late = _submitted_after(assessor.profile, r)
    if late:
        reasons.append(late)
    in_pool = any(v.eligible for v in programs.values())
    pool_reasons = [] if in_pool else ["not eligible for FSW, CEC or FST"]
    for slug, verdict in programs.items():
        if not in_pool:
            pool_reasons.extend(_messages(slug.upper(), verdict))
    if r.kind == "program" and r.program in programs:
        verdict = programs[r.program]
        if not verdict.eligible:
            reasons.extend(_messages(r.program.upper(), verdict))
        return reasons
    if r.kind == "program" and r.program == "pnp" and not assessor.profile.provincial_nomination:
        reasons.append("PNP: no provincial nomination")
    elif r.kind == "category":
        version = _round_version(r)
        if version is None:
            reasons.append(f"{r.category}: no category version in force on {on} to check")
        else:
            condition = assessor.condition(version, on)
            if not condition.eligible:
                reasons.extend(_messages(version.slug, condition))
    return reasons + pool_reasons


def _invited(score: int, r: Round, submitted_at: dt.datetime | None) -> bool | None:
    if score != r.crs_cutoff:
        return score > r.crs_cutoff
    if submitted_at is None or r.tie_breaking is None:
        return None
    return submitted_at < r.tie_breaking


def place(
    profile: Profile,
    *,
    since: dt.date | str | None = None,
    until: dt.date | str | None = None,
    category: str | None = None,
) -> Placement:
    """Place ``profile`` against every round from ``since`` to ``until``.

    Args:
        profile: A checked profile; its ``date_of_birth`` and ``work_history`` make
            its age and experience follow each round's date, and its optional
            ``submitted_at`` breaks ties at a cut-off.
        since: Keep rounds on or after this date (a date or ``YYYY-MM-DD``;
            None: from the first round).
        until: Keep rounds on or before this date (None: up to the last round).
        category: Keep only the rounds of this category slug or program code
            (see :func:`crs.draws.rounds`).

    Returns:
        The placement, one result per round, oldest first.

    Raises:
        UnknownCategoryError: If ``category`` is neither a category slug nor a
            program code.
        DateError: If ``since`` or ``until`` is not a date.
        ProfileError: Never for a checked profile: one that cannot be
            assessed on one round's date (a date of birth after it) is not an
            error: that round's result is not eligible, with the reason.
    """
    start = None if since is None else as_date(since, "since")
    end = None if until is None else as_date(until, "until")
    selected = rounds(since=start, until=end, category=category)
    assessor = _Assessor(profile)
    results = []
    for r in selected:
        try:
            scored = assessor.score(r.date)
            reasons = tuple(_reasons(assessor, r))
        except (ProfileError, DateOutOfRangeError) as exc:
            problems = exc.problems if isinstance(exc, ProfileError) else (exc,)
            results.append(RoundResult(r, None, False, False, tuple(map(str, problems))))
            continue
        eligible = not reasons
        invited = _invited(scored, r, profile.submitted_at) if eligible else False
        results.append(RoundResult(r, scored, eligible, invited, reasons))
    return Placement(tuple(results), start, end, category, notice=stale_notice(end), id=profile.id)
