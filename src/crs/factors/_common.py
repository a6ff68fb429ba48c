"""Helpers shared by the factor modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crs.breakdown import Line
from crs.profile import ABILITIES, LanguageResult, OfficialLanguage

if TYPE_CHECKING:
    from crs.language import Levels
    from crs.tables import Steps

ABILITY_NAMES = tuple(a.value for a in ABILITIES)


def level_name(result: LanguageResult | None) -> str:
    """``CLB`` for an English result, ``NCLC`` for a French one."""
    if result is not None and result.language is OfficialLanguage.FRENCH:
        return "NCLC"
    return "CLB"


def score_text(value: float) -> str:
    """A test score as the test reports it (7.0 stays 7.0 for IELTS, 9 stays 9)."""
    return str(value)


def per_ability(
    key: str,
    levels: Levels | None,
    result: LanguageResult | None,
    table: Steps,
) -> tuple[tuple[Line, ...], int]:
    """One line per ability, scored from ``table`` by level, and their sum."""
    if levels is None or result is None:
        return (), 0
    unit = level_name(result)
    test = result.test.label
    children = []
    total = 0
    for name, level, raw in zip(ABILITY_NAMES, levels, result.scores(), strict=True):
        points = table(level)
        total += points
        reason = (
            f"{unit} {level}"
            if test in ("CLB", "NCLC")
            else (f"{unit} {level} ({test} {score_text(raw)})")
        )
        children.append(
            Line(f"{key}.{name}", name.capitalize(), points, reason, source=table.source)
        )
    return tuple(children), total


def levels_text(levels: Levels | None, result: LanguageResult | None) -> str:
    """Levels as ``CLB 9/8/7/8`` (listening/reading/writing/speaking)."""
    if levels is None:
        return "no result"
    return f"{level_name(result)} " + "/".join(str(level) for level in levels)


def years_text(years: int) -> str:
    """``1 year``, ``3 years``."""
    return f"{years} year" if years == 1 else f"{years} years"
