"""Eligibility as values: predicates over a profile and a date, and the verdicts they return.

A :class:`Predicate` is called with a :class:`~crs.Profile` and a date and returns
a :class:`Verdict`.  Predicates combine with ``&`` (all must hold), ``|`` (at
least one must hold) and ``~`` (must not hold); the combined verdict keeps every
failed condition as a :class:`Reason` with a readable message and the facts
behind it (the hours found and the window they were counted in, which ability is
below which level).  A verdict is eligible exactly when it has no reasons.

The leaf conditions here are the building blocks of the programs
(:mod:`crs.programs`) and the draw categories (:mod:`crs.categories`):

* :func:`min_language`: a minimum CLB/NCLC level on each of the four abilities,
  of the first official language, of either one, or of French only;
* :func:`work_hours`: hours of work in a set of NOC codes within a window of
  years before the date, in Canada or anywhere, continuous or not, in a single
  occupation or in all of them together;
* :func:`eligible_for`: eligibility for at least one of several predicates
  (the programs);
* :func:`condition`: any other test, written as a function.

Hours are counted by :func:`crs.experience.accrued_hours` (30 hours a week at
most, across jobs held at the same time); a continuous run is a span of days in
which the jobs of one occupation follow each other with no day off the payroll.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from crs.experience import Window, accrued_hours
from crs.language import expired, levels
from crs.occupations import describe
from crs.profile import ABILITIES, LanguageResult, OfficialLanguage

if TYPE_CHECKING:
    from crs.profile import Job, Profile

__all__ = [
    "Check",
    "LanguageChoice",
    "OccupationHours",
    "Predicate",
    "Reason",
    "Verdict",
    "best_occupation",
    "condition",
    "continuous_runs",
    "eligible_for",
    "jsonable",
    "min_language",
    "work_hours",
]

_ONE_DAY = dt.timedelta(days=1)


def jsonable(value: object) -> Any:
    """``value`` as plain JSON data (dates as ISO strings, enums by value)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Window):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [jsonable(v) for v in items]
    if isinstance(value, float):
        return round(value, 2)
    return value


def _frozen_facts(facts: Mapping[str, object] | None) -> Mapping[str, object]:
    return dict(facts or {})


@attrs.frozen
class Reason:
    """One failed condition: why it failed, in words, and the facts behind it.

    Attributes:
        key: A stable dotted name of the condition, e.g. ``cec.experience``.
        message: The reason in words a client understands.
        facts: What was found (plain data: numbers, strings, dates, lists).
    """

    key: str
    message: str
    facts: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen_facts, hash=False)

    def to_json(self) -> dict[str, Any]:
        """The reason as JSON data: ``{"key", "message", "facts"}``."""
        return {"key": self.key, "message": self.message, "facts": jsonable(self.facts)}

    def __str__(self) -> str:
        return self.message


@attrs.frozen
class Verdict:
    """What a predicate found: eligible exactly when there are no reasons.

    Attributes:
        key: The stable dotted name of the predicate that gave it.
        label: The condition in words ("CLB 7 or more on all four abilities").
        reasons: Every failed condition; empty when eligible.
        facts: What was found, failed or not (hours, levels, points).
        notes: Things to know that do not fail the condition, e.g. that proof
            of funds was not checked because no amount was given.
        children: The verdicts this one was combined from.
    """

    key: str
    label: str
    reasons: tuple[Reason, ...] = ()
    facts: Mapping[str, object] = attrs.field(factory=dict, converter=_frozen_facts, hash=False)
    notes: tuple[str, ...] = ()
    children: tuple[Verdict, ...] = ()

    @classmethod
    def passed(
        cls,
        key: str,
        label: str,
        facts: Mapping[str, object] | None = None,
        notes: Sequence[str] = (),
    ) -> Verdict:
        """A verdict that the condition holds."""
        return cls(key, label, (), facts or {}, tuple(notes))

    @classmethod
    def failed(
        cls,
        key: str,
        label: str,
        message: str,
        facts: Mapping[str, object] | None = None,
        notes: Sequence[str] = (),
    ) -> Verdict:
        """A verdict that the condition does not hold, for one reason."""
        facts = facts or {}
        return cls(key, label, (Reason(key, message, facts),), facts, tuple(notes))

    @property
    def eligible(self) -> bool:
        """Whether the condition holds: exactly when there are no reasons."""
        return not self.reasons

    def __bool__(self) -> bool:
        return self.eligible

    @property
    def messages(self) -> list[str]:
        """The reasons' messages."""
        return [r.message for r in self.reasons]

    def all_notes(self) -> list[str]:
        """The notes of this verdict and of every verdict it was combined from, once each."""
        seen: dict[str, None] = {}
        stack: list[Verdict] = [self]
        while stack:
            verdict = stack.pop(0)
            for note in verdict.notes:
                seen.setdefault(note, None)
            stack.extend(verdict.children)
        return list(seen)

    def to_json(self) -> dict[str, Any]:
        """The verdict as JSON data: ``{"eligible", "reasons", "notes", "facts"}``."""
        return {
            "eligible": self.eligible,
            "reasons": [r.to_json() for r in self.reasons],
            "notes": self.all_notes(),
            "facts": jsonable(self.facts),
        }

    def to_text(self) -> str:
        """The verdict in words: the outcome, then each reason and note on its own line."""
        lines = [f"{'eligible' if self.eligible else 'not eligible'}: {self.label}"]
        lines.extend(f"  - {r.message}" for r in self.reasons)
        lines.extend(f"  note: {n}" for n in self.all_notes())
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        outcome = "eligible" if self.eligible else "not eligible"
        colour = "#1a7f37" if self.eligible else "#b42318"
        items = "".join(f"<li>{html.escape(r.message)}</li>" for r in self.reasons)
        notes = "".join(f"<li><em>{html.escape(n)}</em></li>" for n in self.all_notes())
        return (
            f'<div><strong style="color:{colour}">{outcome}</strong>: '
            f"{html.escape(self.label)}"
            + (f"<ul>{items}</ul>" if items else "")
            + (f"<ul>{notes}</ul>" if notes else "")
            + "</div>"
        )


Check = Callable[["Profile", dt.date], Verdict]
"""A leaf test: a function of the profile and the date that returns a verdict."""


@attrs.frozen
class Predicate:
    """A condition on a profile at a date; call it to get a :class:`Verdict`.

    Combine predicates with ``&``, ``|`` and ``~``; build leaves with
    :func:`condition` or the leaf functions of this module.

    Attributes:
        key: A stable dotted name, e.g. ``programs.cec``.
        label: The condition in words.
    """

    key: str
    label: str

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict of this condition for ``profile`` on ``on``."""
        raise NotImplementedError

    def __and__(self, other: Predicate) -> Predicate:
        parts = (*_parts(self, All), *_parts(other, All))
        return All(" and ".join(p.key for p in parts), _join(parts, "and"), parts)

    def __or__(self, other: Predicate) -> Predicate:
        parts = (*_parts(self, AnyOf), *_parts(other, AnyOf))
        return AnyOf(" or ".join(p.key for p in parts), _join(parts, "or"), parts)

    def __invert__(self) -> Predicate:
        return Not(f"not {self.key}", f"not ({self.label})", self)

    def named(self, key: str, label: str) -> Predicate:
        """The same predicate under another key and label."""
        return attrs.evolve(self, key=key, label=label)


def _parts(p: Predicate, kind: type[Predicate]) -> tuple[Predicate, ...]:
    if type(p) is kind:
        assert isinstance(p, (All, AnyOf))
        return p.parts
    return (p,)


def _join(parts: Sequence[Predicate], word: str) -> str:
    return f" {word} ".join(
        f"({p.label})" if isinstance(p, (All, AnyOf)) else p.label for p in parts
    )


@attrs.frozen
class Leaf(Predicate):
    """A predicate that runs a :data:`Check` function."""

    check: Check = attrs.field(kw_only=True)

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        return self.check(profile, on)


@attrs.frozen
class All(Predicate):
    """Every part must hold; fails with the reasons of every part that does not."""

    parts: tuple[Predicate, ...]

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        verdicts = tuple(p(profile, on) for p in self.parts)
        reasons = tuple(r for v in verdicts for r in v.reasons)
        return Verdict(self.key, self.label, reasons, {}, (), verdicts)


@attrs.frozen
class AnyOf(Predicate):
    """At least one part must hold; when none does, fails with all their reasons."""

    parts: tuple[Predicate, ...]

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        verdicts = tuple(p(profile, on) for p in self.parts)
        if any(v.eligible for v in verdicts):
            return Verdict(self.key, self.label, (), {}, (), verdicts)
        reasons = tuple(r for v in verdicts for r in v.reasons)
        return Verdict(self.key, self.label, reasons, {}, (), verdicts)


@attrs.frozen
class Not(Predicate):
    """The part must not hold; fails, saying what held, when it does."""

    part: Predicate

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        inner = self.part(profile, on)
        if not inner.eligible:
            return Verdict(self.key, self.label, (), inner.facts, (), (inner,))
        reason = Reason(self.key, f"{inner.label}: holds, and must not", inner.facts)
        return Verdict(self.key, self.label, (reason,), inner.facts, (), (inner,))

    def __invert__(self) -> Predicate:
        return self.part


def condition(key: str, label: str, check: Check) -> Predicate:
    """A leaf predicate from a function of (profile, date) that returns a verdict.

    >>> adult = condition(
    ...     "age.adult", "18 or older",
    ...     lambda p, on: Verdict.passed("age.adult", "18 or older")
    ...     if p.age_on(on) >= 18
    ...     else Verdict.failed("age.adult", "18 or older", f"{p.age_on(on)} is under 18"),
    ... )
    """
    return Leaf(key, label, check=check)


def eligible_for(key: str, label: str, options: Mapping[str, Predicate]) -> Predicate:
    """A leaf: eligible for at least one of ``options`` (e.g. the three programs).

    When none holds, the one reason names them all, and its facts give each
    option's own reasons.
    """

    def check(profile: Profile, on: dt.date) -> Verdict:
        verdicts = {name: p(profile, on) for name, p in options.items()}
        passing = [name for name, v in verdicts.items() if v.eligible]
        facts: dict[str, object] = {"eligible_for": passing}
        if passing:
            return Verdict(key, label, (), facts)
        facts["reasons"] = {name: v.messages for name, v in verdicts.items()}
        names = ", ".join(p.label for p in options.values())
        reason = Reason(key, f"not eligible for any program ({names})", facts)
        return Verdict(key, label, (reason,), facts)

    return Leaf(key, label, check=check)


# --- language ---------------------------------------------------------------------------


class LanguageChoice(enum.Enum):
    """Which of the candidate's results a language condition looks at."""

    FIRST = "first"
    """The first official language only."""
    EITHER = "either"
    """The first or the second official language, whichever meets the minimum."""
    FRENCH = "french"
    """The French result, first or second."""


Minimums = tuple[int, int, int, int]
"""Minimum levels in the order listening, reading, writing, speaking."""


def _results(profile: Profile, choice: LanguageChoice) -> list[tuple[str, LanguageResult]]:
    named = [("first official language", profile.first_language)]
    if choice is not LanguageChoice.FIRST:
        named.append(("second official language", profile.second_language))
    found = [(name, r) for name, r in named if r is not None]
    if choice is LanguageChoice.FRENCH:
        found = [("French", r) for _, r in found if r.language is OfficialLanguage.FRENCH]
    return found


def _scale(result: LanguageResult) -> str:
    return "NCLC" if result.language is OfficialLanguage.FRENCH else "CLB"


def _minimums_text(minimums: Minimums) -> str:
    if len(set(minimums)) == 1:
        return f"{minimums[0]} or more on all four abilities"
    return ", ".join(f"{a.value} {m}" for a, m in zip(ABILITIES, minimums, strict=True))


def language_check(
    profile: Profile,
    on: dt.date,
    minimums: Minimums,
    choice: LanguageChoice,
    key: str,
    label: str,
) -> Verdict:
    """Check ``minimums`` against the chosen results of ``profile`` on ``on``.

    An expired result (more than two years old on ``on``) is not valid.
    """
    results = _results(profile, choice)
    what = {
        LanguageChoice.FIRST: "a first official language result",
        LanguageChoice.EITHER: "an English or French result",
        LanguageChoice.FRENCH: "a French result (TEF Canada, TCF Canada or NCLC)",
    }[choice]
    required = dict(zip((a.value for a in ABILITIES), minimums, strict=True))
    if not results:
        return Verdict.failed(
            key, label, f"no language result: needs {what}", {"required": required}
        )
    problems: list[str] = []
    tried: list[dict[str, object]] = []
    for name, result in results:
        found = dict(zip((a.value for a in ABILITIES), levels(result), strict=True))
        fact: dict[str, object] = {"result": name, "test": result.test.value, "levels": found}
        tried.append(fact)
        if expired(result, on):
            fact["expired"] = True
            problems.append(
                f"{name} ({result.test.label}, taken {result.test_date}) had expired "
                f"on {on}: results are valid for two years"
            )
            continue
        below = {a: (lv, required[a]) for a, lv in found.items() if lv < required[a]}
        if not below:
            return Verdict.passed(key, label, {"required": required, "results": tried})
        fact["below"] = {a: {"level": lv, "required": m} for a, (lv, m) in below.items()}
        scale = _scale(result)
        parts = ", ".join(f"{a} {scale} {lv} (needs {m})" for a, (lv, m) in below.items())
        problems.append(f"{name} ({result.test.label}): {parts}")
    message = "; ".join(problems)
    return Verdict.failed(key, label, message, {"required": required, "results": tried})


def min_language(
    minimums: int | Minimums,
    choice: LanguageChoice = LanguageChoice.FIRST,
    *,
    key: str = "language",
    label: str | None = None,
) -> Predicate:
    """A leaf: CLB/NCLC ``minimums`` on each ability (one number: all four).

    >>> clb7 = min_language(7)
    >>> clb7.label
    'CLB/NCLC 7 or more on all four abilities of the first official language'
    """
    mins: Minimums = (minimums,) * 4 if isinstance(minimums, int) else minimums
    where = {
        LanguageChoice.FIRST: "of the first official language",
        LanguageChoice.EITHER: "in English or French",
        LanguageChoice.FRENCH: "in French",
    }[choice]
    scale = "NCLC" if choice is LanguageChoice.FRENCH else "CLB/NCLC"
    text = label or f"{scale} {_minimums_text(mins)} {where}"
    return condition(key, text, lambda p, on: language_check(p, on, mins, choice, key, text))


# --- work hours -------------------------------------------------------------------------


@attrs.frozen
class OccupationHours:
    """Hours found in one occupation (or a set of them), and where they were counted.

    Attributes:
        noc: The occupation's code, or ``"*"`` for all the codes together.
        hours: Hours counted (30 a week at most).
        window: The span they were counted in: the whole window, or the
            continuous run that gave the most hours.
    """

    noc: str
    hours: float
    window: Window

    def to_json(self) -> dict[str, Any]:
        """The hours as JSON data."""
        return {
            "noc": self.noc,
            "occupation": describe(self.noc) if self.noc != "*" else "all listed",
            "hours": round(self.hours, 2),
            "from": self.window.start.isoformat(),
            "until": (self.window.end - _ONE_DAY).isoformat(),
        }


def _span(job: Job, window: Window) -> tuple[dt.date, dt.date] | None:
    """The days of ``job`` inside ``window``: (first, end exclusive), or None."""
    start = max(job.start, window.start)
    end = window.end if job.end is None else min(job.end + _ONE_DAY, window.end)
    return (start, end) if start < end else None


def continuous_runs(jobs: Iterable[Job], window: Window) -> list[Window]:
    """The spans inside ``window`` covered by ``jobs`` with no day between them.

    A job that starts the day after another one ends continues the run.

    >>> from crs.profile import Job
    >>> a = Job("21231", dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    >>> b = Job("21231", dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    >>> continuous_runs([a, b], Window(dt.date(2020, 1, 1), dt.date(2026, 1, 1)))
    [Window(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 7, 1))]
    """
    spans = sorted(s for s in (_span(j, window) for j in jobs) if s is not None)
    runs: list[Window] = []
    for start, end in spans:
        if runs and start <= runs[-1].end:
            if end > runs[-1].end:
                runs[-1] = Window(runs[-1].start, end)
        else:
            runs.append(Window(start, end))
    return runs


def best_occupation(
    jobs: Sequence[Job],
    window: Window,
    *,
    continuous: bool,
    single_occupation: bool = True,
    weekly_cap: float = 30,
) -> OccupationHours | None:
    """The occupation with the most hours in ``window`` (None: no job in it).

    With ``continuous``, an occupation's hours are those of its best continuous
    run; with ``single_occupation`` false, all ``jobs`` count together (``noc``
    is then ``"*"``).
    """
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        groups.setdefault(job.noc if single_occupation else "*", []).append(job)
    best: OccupationHours | None = None
    for noc, group in sorted(groups.items()):
        spans = continuous_runs(group, window) if continuous else [window]
        for span in spans:
            hours = accrued_hours(group, span, weekly_cap)
            if hours > 0 and (best is None or hours > best.hours):
                best = OccupationHours(noc, hours, span)
    return best


Codes = Collection[str] | Callable[[str], bool]
"""NOC codes as a collection, or as a test of a code."""


def _in_codes(codes: Codes | None) -> Callable[[str], bool]:
    if codes is None:
        return lambda code: True
    if callable(codes):
        return codes
    return codes.__contains__


def work_hours(
    hours: float,
    years: int,
    *,
    key: str,
    label: str,
    codes: Codes | None = None,
    keep: Callable[[Job], bool] | None = None,
    in_canada: bool | None = None,
    continuous: bool = False,
    single_occupation: bool = True,
    weekly_cap: float = 30,
) -> Predicate:
    """A leaf: at least ``hours`` of work in the ``years`` years before the date.

    Args:
        hours: Hours needed (1,560 is one year full time; 780 six months).
        years: The window: this many years before the date (the date excluded).
        key: The predicate's stable name.
        label: The condition in words.
        codes: The NOC codes that count (None: any).
        keep: A further test of each job (e.g. skilled, not self-employed).
        in_canada: True: only work in Canada; False: only outside; None: anywhere.
        continuous: Count only the best continuous run of an occupation.
        single_occupation: The hours must all be in one occupation.
        weekly_cap: Hours a week that count at most.
    """
    in_codes = _in_codes(codes)

    def counts(job: Job) -> bool:
        return (
            in_codes(job.noc)
            and (in_canada is None or job.in_canada is in_canada)
            and (keep is None or keep(job))
        )

    def check(profile: Profile, on: dt.date) -> Verdict:
        window = Window.years_before(on, years)
        facts: dict[str, object] = {
            "required_hours": hours,
            "window": window,
            "continuous": continuous,
        }
        if not profile.work_history:
            facts["canadian_work_years"] = profile.canadian_work_years
            facts["foreign_work_years"] = profile.foreign_work_years
            return Verdict.failed(
                key,
                label,
                "no dated work history: give work_history (dated jobs with their NOC codes) "
                "to check this",
                facts,
            )
        jobs = [j for j in profile.work_history if counts(j)]
        best = best_occupation(
            jobs,
            window,
            continuous=continuous,
            single_occupation=single_occupation,
            weekly_cap=weekly_cap,
        )
        facts["best"] = best.to_json() if best else None
        # A tolerance absorbs floating-point error in part-time sums.
        if best is not None and best.hours + 1e-6 >= hours:
            return Verdict.passed(key, label, facts)
        until = window.end - _ONE_DAY
        span = f"from {window.start} to {until}"
        if best is None:
            message = f"no qualifying work {span} (needs {hours:,.0f} hours)"
        else:
            where = "" if best.noc == "*" else f" in {describe(best.noc)}"
            run = ""
            if continuous:
                last = best.window.end - _ONE_DAY
                run = f" (longest continuous run: {best.window.start} to {last})"
            message = f"{best.hours:,.0f} hours{where}{run} {span}; needs {hours:,.0f} hours"
        return Verdict.failed(key, label, message, facts)

    return condition(key, label, check)
