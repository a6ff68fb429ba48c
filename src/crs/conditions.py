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
from typing import TYPE_CHECKING, Any

import attrs

from crs._reuse import active, reused
from crs._spans import language_until, next_day
from crs._work_conditions import (
    Codes,
    OccupationHours,
    best_occupation,
    continuous_runs,
)
from crs._work_hours import WorkHours, work_hours
from crs.language import expired, expires_on, levels, taken_after
from crs.predicates import Predicate, Verdict
from crs.profile import ABILITIES, LanguageResult, OfficialLanguage
from crs.rules import RULE_SETS, rules_in_force

if TYPE_CHECKING:
    from crs.profile import Profile

__all__ = [
    "RULE_DATES",
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
    "results_until",
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
        # it depends on the results' values only, so it is kept by them (a batch
        # repeats the same results; nothing is kept by a profile's identity).
        memo_key = (tuple(results), minimums, choice, key, label)
        found = _UNDATED.get(memo_key)
        if found is not None:
            return found
        verdict = _language_check(profile, on, results, minimums, choice, key, label)
        if len(_UNDATED) >= 4096:
            _UNDATED.clear()
        _UNDATED[memo_key] = verdict
        return verdict
    return _language_check(profile, on, results, minimums, choice, key, label)


_UNDATED: dict[tuple[Any, ...], Verdict] = {}
"""Verdicts of undated results, by the results' values and the condition."""


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
        first, second = profile.first_language, profile.second_language
        if not active() or (
            (first is None or first.test_date is None)
            and (second is None or second.test_date is None)
        ):
            # Undated results: language_check keeps the verdict by their values.
            return self.check(profile, on)
        return reused(self, profile, on, lambda: language_key(profile, on, self.choice), self.check)

    def until(self, profile: Profile, on: dt.date) -> dt.date:
        """The first date after ``on`` on which a result is taken, expires or changes validity."""
        return results_until(profile, on, self.choice)

    def check(self, profile: Profile, on: dt.date) -> Verdict:
        """:func:`language_check` with these minimums, on ``on`` itself."""
        return language_check(profile, on, self.minimums, self.choice, self.key, self.label)


def language_key(profile: Profile, on: dt.date, choice: LanguageChoice) -> tuple[Any, ...]:
    """What a language verdict reads of the date: the validity, and each result's state.

    Two dates with the same key give the same verdict (:mod:`crs._reuse`); a
    result taken after the date names the date, so the date is then in the key.
    """
    validity = language_validity_years(on)
    states = tuple(
        (taken_after(result, on), expired(result, on, validity))
        for _, result in _results(profile, choice)
    )
    if any(after for after, _ in states):
        return (validity, states, on)
    return (validity, states)


RULE_DATES: tuple[dt.date, ...] = tuple(rules.effective for rules in RULE_SETS)
"""The dates a CRS rule set starts: the validity of language results may change."""


def results_until(profile: Profile, on: dt.date, choice: LanguageChoice) -> dt.date:
    """The first date after ``on`` on which a language verdict of ``choice`` may differ.

    A result taken after ``on`` makes a message that names ``on``: the next day.
    """
    results = [result for _, result in _results(profile, choice)]
    if any(taken_after(result, on) for result in results):
        return next_day(on)
    return language_until(results, on, RULE_DATES)


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
