"""Leaf conditions of eligibility: language levels and hours of work, as predicates.

These are the building blocks of the programs (:mod:`crs.programs`) and the draw
categories (:mod:`crs.categories`); the algebra that combines them (``&``,
``|``, ``~``) is :mod:`crs.predicates`.

* :func:`min_language`: a minimum CLB/NCLC level on each of the four abilities,
  of the first official language, of either one, or of French only;
* :func:`work_hours`: hours of work in a set of NOC codes within a window of
  years before the date, in Canada or anywhere, continuous or not, in a single
  occupation or in all of them together.

Hours are counted by :func:`crs.experience.accrued_hours` (30 hours a week at
most, across jobs held at the same time); a continuous run is a span of days in
which the jobs of one occupation follow each other with no day off the payroll.
A language result is valid for the years the CRS rule set in force on the date
says (:attr:`crs.ruleset.RuleSet.language_validity_years`).

Each leaf is a small frozen attrs class (:class:`MinLanguage`,
:class:`WorkHours`), so that it pickles.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Container, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from crs._dates import day_after, day_before
from crs.experience import Window, accrued_hours
from crs.language import expired, expires_on, levels, taken_after
from crs.occupations import describe
from crs.policies import as_covered
from crs.predicates import Predicate, Verdict
from crs.profile import ABILITIES, LanguageResult, OfficialLanguage
from crs.rules import RULE_SETS, rules_in_force

if TYPE_CHECKING:
    from crs.profile import Job, Profile

__all__ = [
    "Codes",
    "LanguageChoice",
    "MinLanguage",
    "Minimums",
    "OccupationHours",
    "WorkHours",
    "best_occupation",
    "continuous_runs",
    "language_check",
    "language_validity_years",
    "min_language",
    "work_hours",
]

_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


# --- language ------------------------------------------------------------------------


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


def language_validity_years(on: dt.date) -> int:
    """Years a language result stays valid on ``on``, as the CRS rule set in force says.

    Before Express Entry opened (2015-01-01), the first rule set's value.

    >>> language_validity_years(dt.date(2026, 2, 19))
    2
    """
    rules = rules_in_force(on) if on >= RULE_SETS[0].effective else RULE_SETS[0]
    return rules.language_validity_years


def language_check(
    profile: Profile,
    on: dt.date,
    minimums: Minimums,
    choice: LanguageChoice,
    key: str,
    label: str,
) -> Verdict:
    """Check ``minimums`` against the chosen results of ``profile`` on ``on``.

    A result taken after ``on`` did not exist yet, and an expired one (two or
    more years old on ``on``, :func:`language_validity_years`) is not valid.
    """
    results = _results(profile, choice)
    if all(result.test_date is None for _, result in results):
        # Undated results are valid on every date, and the verdict names no date:
        # the same on every date, so it is reused (placement asks on hundreds of dates).
        memo_key = (id(profile), minimums, choice, key, label)
        found = _UNDATED.get(memo_key)
        if found is not None and found[0] is profile:
            return found[1]
        verdict = _language_check(profile, on, results, minimums, choice, key, label)
        if len(_UNDATED) >= 4096:
            _UNDATED.clear()
        _UNDATED[memo_key] = (profile, verdict)
        return verdict
    return _language_check(profile, on, results, minimums, choice, key, label)


_UNDATED: dict[tuple[Any, ...], tuple[Profile, Verdict]] = {}
"""Verdicts of undated results, by profile and condition (the profile kept, so its id stays)."""


def _language_check(
    profile: Profile,
    on: dt.date,
    results: list[tuple[str, LanguageResult]],
    minimums: Minimums,
    choice: LanguageChoice,
    key: str,
    label: str,
) -> Verdict:
    validity = language_validity_years(on)
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
        if taken_after(result, on):
            fact["taken_after"] = True
            problems.append(
                f"{name} ({result.test.label}) was taken on {result.test_date}, after {on}: "
                "it did not exist yet"
            )
            continue
        if expired(result, on, validity):
            fact["expired"] = True
            years = _NUMBERS.get(validity, str(validity))
            problems.append(
                f"{name} ({result.test.label}, taken {result.test_date}) expired on "
                f"{expires_on(result, validity)}: results are valid for {years} years"
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


@attrs.frozen
class MinLanguage(Predicate):
    """A leaf: CLB/NCLC minimums on each ability of the chosen language results.

    Attributes:
        minimums: Levels needed, listening, reading, writing, speaking.
        choice: Which results count.
    """

    minimums: Minimums = attrs.field(kw_only=True)
    choice: LanguageChoice = attrs.field(kw_only=True)

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """The verdict of :func:`language_check` with these minimums."""
        return language_check(profile, on, self.minimums, self.choice, self.key, self.label)


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
    return MinLanguage(key, text, minimums=mins, choice=choice)


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
            "until": day_before(self.window.end).isoformat(),
        }


def _span(job: Job, window: Window) -> tuple[dt.date, dt.date] | None:
    """The days of ``job`` inside ``window``: (first, end exclusive), or None."""
    start = max(job.start, window.start)
    end = window.end if job.end is None else min(day_after(job.end), window.end)
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


Codes = Container[str] | Callable[[str], bool]
"""NOC codes as a collection (anything with ``in``), or as a test of a code."""


@attrs.frozen
class WorkHours(Predicate):
    """A leaf: at least ``hours`` of work in the ``years`` years before the date.

    Built by :func:`work_hours`, whose arguments are its attributes.
    """

    hours: float = attrs.field(kw_only=True)
    years: int = attrs.field(kw_only=True)
    codes: Codes | None = attrs.field(default=None, kw_only=True)
    keep: Callable[[Job], bool] | None = attrs.field(default=None, kw_only=True)
    in_canada: bool | None = attrs.field(default=None, kw_only=True)
    continuous: bool = attrs.field(default=False, kw_only=True)
    single_occupation: bool = attrs.field(default=True, kw_only=True)
    weekly_cap: float = attrs.field(default=30, kw_only=True)
    program: str | None = attrs.field(default=None, kw_only=True)

    def counts(self, job: Job) -> bool:
        """Whether ``job`` is work of the kind this condition counts."""
        codes = self.codes
        if codes is not None and not (codes(job.noc) if callable(codes) else job.noc in codes):
            return False
        if self.in_canada is not None and job.in_canada is not self.in_canada:
            return False
        return self.keep is None or self.keep(job)

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        """Eligible when the best occupation (or all of them) has the hours."""
        key, label, hours = self.key, self.label, self.hours
        window = Window.years_before(on, self.years)
        facts: dict[str, object] = {
            "required_hours": hours,
            "window": window,
            "continuous": self.continuous,
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
        history = profile.work_history
        if self.program is not None:  # public policies that count more work (crs.policies)
            history = tuple(as_covered(j, on, self.program) for j in history)
        jobs = [j for j in history if self.counts(j)]
        best = best_occupation(
            jobs,
            window,
            continuous=self.continuous,
            single_occupation=self.single_occupation,
            weekly_cap=self.weekly_cap,
        )
        facts["best"] = best.to_json() if best else None
        # A tolerance absorbs floating-point error in part-time sums.
        if best is not None and best.hours + 1e-6 >= hours:
            return Verdict.passed(key, label, facts)
        until = day_before(window.end)
        span = f"from {window.start} to {until}"
        if best is None:
            message = f"no qualifying work {span} (needs {hours:,.0f} hours)"
        else:
            where = "" if best.noc == "*" else f" in {describe(best.noc)}"
            run = ""
            if self.continuous:
                last = day_before(best.window.end)
                run = f" (longest continuous run: {best.window.start} to {last})"
            message = f"{best.hours:,.0f} hours{where}{run} {span}; needs {hours:,.0f} hours"
        return Verdict.failed(key, label, message, facts)


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
    program: str | None = None,
) -> Predicate:
    """A leaf: at least ``hours`` of work in the ``years`` years before the date.

    Args:
        hours: Hours needed (1,560 is one year full time; 780 six months).
        years: The window: this many years before the date (the date excluded).
        key: The predicate's stable name.
        label: The condition in words.
        codes: The NOC codes that count (None: any).
        keep: A further test of each job (e.g. skilled, not self-employed); a
            module-level function, so that the predicate pickles.
        in_canada: True: only work in Canada; False: only outside; None: anywhere.
        continuous: Count only the best continuous run of an occupation.
        single_occupation: The hours must all be in one occupation.
        weekly_cap: Hours a week that count at most.
        program: The program whose public policies apply (``"cec"``; see
            :mod:`crs.policies`), or None.
    """
    return WorkHours(
        key,
        label,
        hours=hours,
        years=years,
        codes=codes,
        keep=keep,
        in_canada=in_canada,
        continuous=continuous,
        single_occupation=single_occupation,
        weekly_cap=weekly_cap,
        program=program,
    )
