"""Core factors: first and second official language (crs-rules §§2.3-2.4), row by row."""

from __future__ import annotations

from typing import Any

import pytest

import crs
from strategies import ON, both_columns, clb, make, nclc

ABILITIES = ("listening", "reading", "writing", "speaking")

# (CLB level of an ability, with spouse, without spouse), typed from crs-rules §2.3.
# "< 4" is checked at 0 and 3, "4 or 5" at both, ">= 10" at 10, 11 and 12.
FIRST_ROWS = [
    (0, 0, 0),
    (3, 0, 0),
    (4, 6, 6),
    (5, 6, 6),
    (6, 8, 9),
    (7, 16, 17),
    (8, 22, 23),
    (9, 29, 31),
    (10, 32, 34),
    (11, 32, 34),
    (12, 32, 34),
]

# (NCLC level of an ability, with spouse, without spouse), typed from crs-rules §2.4.
SECOND_ROWS = [
    (0, 0, 0),
    (4, 0, 0),
    (5, 1, 1),
    (6, 1, 1),
    (7, 3, 3),
    (8, 3, 3),
    (9, 6, 6),
    (10, 6, 6),
    (12, 6, 6),
]


@pytest.mark.parametrize(
    ("level", "with_spouse", "single"),
    FIRST_ROWS,
    ids=[f"clb-{lv}-with-{w}-single-{s}" for lv, w, s in FIRST_ROWS],
)
def test_first_language_row(level: int, with_spouse: int, single: int) -> None:
    """Each CLB level earns the official points on every ability of the first language."""
    for ability in ABILITIES:
        key = f"core.first_language.{ability}"
        assert both_columns(key, first_language=clb(level)) == (with_spouse, single)
    total = both_columns("core.first_language", first_language=clb(level))
    assert total == (4 * with_spouse, 4 * single)


@pytest.mark.parametrize(
    ("level", "with_spouse", "single"),
    SECOND_ROWS,
    ids=[f"nclc-{lv}-with-{w}-single-{s}" for lv, w, s in SECOND_ROWS],
)
def test_second_language_row(level: int, with_spouse: int, single: int) -> None:
    """Each NCLC level earns the official points on every ability of the second language."""
    fields: dict[str, Any] = {"first_language": clb(4), "second_language": nclc(level)}
    for ability in ABILITIES:
        key = f"core.second_language.abilities.{ability}"
        assert both_columns(key, **fields) == (with_spouse, single)


def test_abilities_are_scored_separately() -> None:
    """A different level on each ability earns each ability its own row."""
    result = crs.score(make(first_language=clb(4, 7, 9, 10)), on=ON)
    got = [result.line(f"core.first_language.{a}").points for a in ABILITIES]
    assert got == [6, 17, 31, 34]
    assert result.line("core.first_language").points == 6 + 17 + 31 + 34


def test_second_language_cap_bites_only_with_a_spouse() -> None:
    """NCLC 9+ on all four is 4 x 6 = 24: capped at 22 with a spouse, 24 single (§2.4)."""
    fields: dict[str, Any] = {"first_language": clb(4), "second_language": nclc(9)}
    assert both_columns("core.second_language", **fields) == (22, 24)
    assert both_columns("core.second_language.abilities", **fields) == (24, 24)


def test_second_language_cap_shows_the_uncapped_sum() -> None:
    """The capped line says what it was capped from."""
    fields: dict[str, Any] = {"first_language": clb(4), "second_language": nclc(10)}
    result = crs.score(make(spouse={}, **fields), on=ON)
    line = result.line("core.second_language")
    assert (line.points, line.cap, line.uncapped) == (22, 22, 24)


def test_no_language_result_scores_nothing() -> None:
    """No first official language result: 0 language points and no ability lines."""
    result = crs.score(make(), on=ON)
    assert result.line("core.first_language").points == 0
    assert result.line("core.first_language").children == ()
    assert result.line("core.second_language").points == 0


def test_french_can_be_the_first_official_language() -> None:
    """A French first language is scored on the first-language table (NCLC 9 -> 31 single)."""
    result = crs.score(make(first_language=nclc(9), second_language=clb(9)), on=ON)
    assert result.line("core.first_language").points == 4 * 31
    assert result.line("core.second_language").points == 4 * 6
