"""Place a profile against the published rounds of invitations: would it have been invited?

For each round in a period, :func:`place` scores the profile on the round's date
(its age and experience on that day), decides whether it could take part in the
round, and compares the score with the round's cut-off:

* **In the pool** means eligible on that date for at least one of the Federal
  Skilled Worker Program, the Canadian Experience Class and the Federal Skilled
  Trades Program (a provincial nominee needs one of them too), and, when the
  profile gives ``submitted_at``, submitted no later than the round
  (:func:`crs.dated.submitted_after`).
* A **general** round ("No Program Specified", "General") ranks everyone in the pool.
* A **program** round ranks the candidates eligible for its program (``cec``,
  ``fsw``, ``fst``); a **PNP** round the candidates in the pool with a provincial
  nomination on the round's date (``nominated_on`` on or before it:
  :func:`crs.dated.nominated`).
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
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from crs._dates import as_date
from crs._placements import Placement, RoundResult
from crs._reuse import reusing
from crs._roundtext import rounds_text
from crs.categories import by_name
from crs.categories import category as category_on
from crs.caveats import caveats
from crs.datastore import stale_notice
from crs.dated import nominated, nomination_not_counted, submission_not_counted
from crs.draws import Round, rounds
from crs.errors import DateOutOfRangeError, ProfileError, UnknownCategoryError
from crs.profile import a_profile
from crs.programs import PROGRAMS
from crs.scoring import score as crs_score
from crs.timelines import change_days

if TYPE_CHECKING:
    from crs.breakdown import Score
    from crs.categories import CategoryVersion
    from crs.predicates import Predicate, Verdict
    from crs.profile import Profile

__all__ = ["Placement", "RoundResult", "place", "rounds_text"]


# --- placing a profile ------------------------------------------------------------------


class _Assessor:
    """One profile's score and verdicts, each computed once per date, a verdict once per span.

    A program's or a category's verdict holds from the date it was computed on
    until its predicate's :meth:`~crs.predicates.Predicate.until` (the next date
    an input it reads changes, :mod:`crs._spans`): the rounds of that span read
    it, their windows rendered on their own dates (:meth:`Verdict.messages_on`).
    Rounds come oldest first, so a span is only ever read forward.

    A score is computed once per stretch of days on which it cannot change: a
    round is scored on the last day up to its date on which the score may change
    (:func:`crs.timelines.change_days`, the days :func:`crs.timeline` scores: a
    birthday, a rule set, a year of work, a test, a nomination; and the day of
    birth), or on the first round's date.  A :class:`ProfileError` (a date of
    birth after the date) is not cached: it propagates to :func:`place`, which
    makes the round's result not eligible.
    """

    def __init__(self, profile: Profile, first: dt.date, last: dt.date) -> None:
        self.profile = profile
        self.first = first
        days = change_days(profile, first, last)
        born = profile.date_of_birth
        if born is not None and first < born <= last:
            days.add(born)
        self._days = sorted(days)
        self._scores: dict[dt.date, Score] = {}
        self._spans: dict[object, tuple[dt.date, dt.date, Verdict]] = {}

    def _score(self, on: dt.date) -> Score:
        day = self._score_day(on)
        found = self._scores.get(day)
        if found is None:
            found = self._scores[day] = crs_score(self.profile, day)
        return found

    def score(self, on: dt.date) -> int:
        """The total on ``on``: that of the last day up to it on which it may change."""
        return self._score(on).total

    def warnings(self, on: dt.date) -> tuple[str, ...]:
        """The caveats of the score on ``on``, as :func:`crs.score` gives them that day.

        Those of the day the score last may have changed, when they are only the
        changes in force that are not modelled (the same on ``on``); any other (an
        expired test, one taken after the date) names its day: scored on ``on``.
        """
        scored = self._score(on)  # on the day it last may have changed (its ``on``)
        said = scored.warnings
        if not said or set(said) <= set(caveats(scored.on)):
            return caveats(on)
        return crs_score(self.profile, on).warnings

    def _score_day(self, on: dt.date) -> dt.date:
        """The last day up to ``on`` on which the score may change (or the first day)."""
        at = bisect_right(self._days, on)
        return self._days[at - 1] if at else self.first

    def _spanned(self, key: object, predicate: Predicate, on: dt.date) -> Verdict:
        found = self._spans.get(key)
        if found is not None and found[0] <= on < found[1]:
            return found[2]
        verdict = predicate(self.profile, on)
        self._spans[key] = (on, predicate.until(self.profile, on), verdict)
        return verdict

    def program(self, slug: str, on: dt.date) -> Verdict:
        return self._spanned(slug, PROGRAMS[slug].predicate, on)

    def programs(self, on: dt.date) -> dict[str, Verdict]:
        return {slug: self.program(slug, on) for slug in PROGRAMS}

    def condition(self, version: CategoryVersion, on: dt.date) -> Verdict:
        return self._spanned(("category", id(version)), version.condition, on)


def _messages(label: str, verdict: Verdict, on: dt.date) -> list[str]:
    # A verdict reused from an earlier round of its span names this round's window.
    return [f"{label}: {m}" for m in verdict.messages_on(on)] or [f"{label}: not eligible"]


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


def _reasons(assessor: _Assessor, r: Round) -> list[str]:
    """Why the profile could not take part in round ``r`` (empty: it could)."""
    on = r.date
    reasons: list[str] = []
    profile = assessor.profile
    late = submission_not_counted(profile.submitted_at, on, r.round_time, "this round")
    if late:
        reasons.append(late)
    program = r.program
    if r.kind == "program" and program is not None and program in PROGRAMS:
        # A program's own round asks for that program only.
        verdict = assessor.program(program, on)
        if not verdict.eligible:
            reasons.extend(_messages(program.upper(), verdict, on))
        return reasons
    # In the pool as soon as one program says so; the others are asked only when none does.
    in_pool = any(assessor.program(slug, on).eligible for slug in PROGRAMS)
    pool_reasons = [] if in_pool else ["not eligible for FSW, CEC or FST"]
    if not in_pool:
        for slug, verdict in assessor.programs(on).items():
            pool_reasons.extend(_messages(slug.upper(), verdict, on))
    if r.kind == "program" and r.program == "pnp" and not nominated(profile, on):
        void = nomination_not_counted(profile.provincial_nomination, profile.nominated_on, on)
        reasons.append(f"PNP: {void or 'no provincial nomination'}")
    elif r.kind == "category":
        version = _round_version(r)
        if version is None:
            reasons.append(f"{r.category}: no category version in force on {on} to check")
        else:
            condition = assessor.condition(version, on)
            if not condition.eligible:
                reasons.extend(_messages(version.slug, condition, on))
    return reasons + pool_reasons


def _period(selected: Sequence[Round]) -> tuple[dt.date, dt.date]:
    """The first and last dates of the rounds (any one day when there are none)."""
    if not selected:
        return dt.date(2015, 1, 1), dt.date(2015, 1, 1)
    days = [r.date for r in selected]  # oldest first as rounds() gives them; min/max anyway
    return min(days), max(days)


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
    profile = a_profile(profile, "place")
    start = None if since is None else as_date(since, "since")
    end = None if until is None else as_date(until, "until")
    selected = rounds(since=start, until=end, category=category)
    assessor = _Assessor(profile, *_period(selected))
    results = []
    # Inside the block a leaf whose verdict reads the date only through a few
    # inputs runs once per value of them, not once per round (crs._reuse):
    # placement reads eligibility and messages only, never facts.
    with reusing():
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
            said = assessor.warnings(r.date)
            results.append(RoundResult(r, scored, eligible, invited, reasons, said))
    return Placement(tuple(results), start, end, category, notice=stale_notice(end), id=profile.id)
