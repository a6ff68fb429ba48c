"""The language results a suggestion proposes: the lowest test scores that reach a level.

Helpers of :mod:`crs.scenarios`: :func:`score_for` inverts a test's conversion
chart (the lowest score that gives a CLB or NCLC level), and the others build and
describe the changed results and profiles.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from crs.language import chart_for
from crs.profile import ABILITIES, LanguageResult, LanguageTest, OfficialLanguage

if TYPE_CHECKING:
    from crs.profile import Profile

__all__ = [
    "describe",
    "evolve",
    "level_unit",
    "result_at",
    "score_for",
    "score_text",
    "with_result",
]


def score_text(test: LanguageTest, value: float) -> str:
    """A test score as the test writes it: ``6.5`` on IELTS, ``7`` on the others."""
    if test is LanguageTest.IELTS:
        return f"{value:.1f}"
    return str(int(value))


def level_unit(result: LanguageResult) -> str:
    """``"NCLC"`` for a French result, ``"CLB"`` for an English one."""
    return "NCLC" if result.language is OfficialLanguage.FRENCH else "CLB"


T = TypeVar("T")


def evolve(obj: T, name: str, value: object) -> T:
    """``obj`` with the field ``name`` set to ``value``."""
    changes: dict[str, Any] = {name: value}
    return cast(T, attrs.evolve(cast(Any, obj), **changes))


def with_result(profile: Profile, path: str, result: LanguageResult) -> Profile:
    """``profile`` with the language result at ``path`` (``spouse.first_language`` too)."""
    if path == "spouse.first_language":
        assert profile.spouse is not None
        return attrs.evolve(profile, spouse=attrs.evolve(profile.spouse, first_language=result))
    return evolve(profile, path, result)


def score_for(
    test: LanguageTest, ability: int, level: int, test_date: dt.date | None
) -> float | None:
    """The lowest score on ``test`` that reaches ``level`` for ``ability`` (None: none does).

    As the chart writes it: a whole number on a test scored in whole numbers (written
    ``249``, not ``249.0``), a band of IELTS.
    """
    chart = chart_for(test, test_date)
    if chart is None:
        return level if level <= 12 else None
    index = level - chart.lowest_level
    minimums = chart.minimums[ability]
    if not 0 <= index < len(minimums):
        return None
    return minimums[index]


def result_at(test: LanguageTest, level: int) -> LanguageResult | None:
    """The lowest result on ``test`` at ``level`` in all four abilities (None: none is)."""
    scores = [score_for(test, a, level, None) for a in range(4)]
    if any(s is None for s in scores):
        return None
    listening, reading, writing, speaking = (s or 0 for s in scores)
    return LanguageResult(test, listening, reading, writing, speaking)


def describe(result: LanguageResult) -> str:
    """A result in words: the test, then each ability's score."""
    names = [a.value for a in ABILITIES]
    scores = ", ".join(
        f"{name} {score_text(result.test, value)}"
        for name, value in zip(names, result.scores(), strict=True)
    )
    return f"{result.test.label} {scores}"
