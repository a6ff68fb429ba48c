"""Language test results to CLB/NCLC levels, per ability, as IRCC's charts say.

Each chart gives, for every ability, the lowest score that reaches each level;
a score reaches the highest level whose minimum it meets.  A score under the
lowest charted minimum is level 0 ("below the chart": no CRS points).  Charts
above CLB/NCLC 10 are not drawn by IRCC: every score at or over the CLB 10
minimum is CLB 10.  Levels given directly (``clb``, ``nclc``) are kept as given.

A test whose chart changed would have its chart chosen by the result's
``test_date`` (no date: the current chart).  None does: TEF Canada changed its
scale twice, but Express Entry reads every TEF Canada result by its
"Équivalence ancien score" column, on the chart of the old scale
(:data:`crs._charts.TEF_EXPRESS_ENTRY`), whatever the test date.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs

from crs._charts import CHARTS, Chart
from crs.profile import ABILITIES, Ability, LanguageResult, LanguageTest
from crs.specs import show
from crs.tables import Source

__all__ = [
    "CHARTS",
    "SCALES",
    "Chart",
    "Levels",
    "Scale",
    "anniversary",
    "chart_for",
    "check_score",
    "expired",
    "expires_on",
    "level_of",
    "levels",
    "not_counted",
    "not_counted_on",
    "score_range",
    "score_schema",
    "taken_after",
]

Levels = tuple[int, int, int, int]
"""CLB/NCLC levels in the order listening, reading, writing, speaking."""

_BY_TEST: dict[LanguageTest, tuple[Chart, ...]] = {}
for _c in CHARTS:
    _BY_TEST[_c.test] = (*_BY_TEST.get(_c.test, ()), _c)


def chart_for(test: LanguageTest, test_date: dt.date | None = None) -> Chart | None:
    """The chart for ``test`` taken on ``test_date`` (None: the current chart).

    Levels given directly (``clb``, ``nclc``) have no chart: None.
    """
    charts = _BY_TEST.get(test)
    if not charts:
        return None
    if test_date is None:
        return charts[-1]
    chosen = charts[0]
    for chart in charts[1:]:
        if chart.valid_from is not None and chart.valid_from <= test_date:
            chosen = chart
    return chosen


def levels(result: LanguageResult) -> Levels:
    """The CLB/NCLC level of each ability of ``result`` (listening, reading, writing, speaking).

    Each score is read from its chart through a memo of :meth:`Chart.level`
    per ability (a score's level never changes), so a batch bisects each
    distinct score once and a result costs four lookups, seen before or not
    (a memo of the four scores together would miss on most fresh profiles).

    >>> from crs.profile import ABILITIES, Ability, LanguageResult, LanguageTest
    >>> levels(LanguageResult(LanguageTest.IELTS, 8.0, 7.0, 7.0, 7.0))
    (9, 9, 9, 9)
    """
    taken = result.test_date
    if taken is None:
        memo = _CURRENT_MEMOS[result.test]
    else:
        chart = chart_for(result.test, taken)
        memo = _DIRECT_MEMOS[result.test] if chart is None else _MEMOS[chart.valid_from, chart.test]
    if memo is None:
        return (
            int(result.listening),
            int(result.reading),
            int(result.writing),
            int(result.speaking),
        )
    listening, reading, writing, speaking, chart = memo
    try:
        return (
            listening[result.listening],
            reading[result.reading],
            writing[result.writing],
            speaking[result.speaking],
        )
    except KeyError:  # a score not read before: its level from the chart, remembered
        return _read(memo, result.scores())


_ChartMemo = tuple[
    dict[float, int], dict[float, int], dict[float, int], dict[float, int], Chart | None
]
"""One chart's levels by score for each ability (plain dicts: the fastest read), and the
chart (None: levels given directly, read by :func:`level_of` like any other)."""


def _read(memo: _ChartMemo, scores: tuple[float, float, float, float]) -> Levels:
    """The levels of ``scores`` by :func:`level_of`, each remembered in ``memo``."""
    *by_ability, chart = memo
    out = []
    for ability, score in enumerate(scores):
        by_score = by_ability[ability]
        level = by_score.get(score)
        if level is None:
            level = level_of(chart, ability, score)
            if len(by_score) < 10_000:
                by_score[score] = level
        out.append(level)
    return out[0], out[1], out[2], out[3]


_MEMOS: dict[tuple[dt.date | None, LanguageTest], _ChartMemo] = {
    (chart.valid_from, chart.test): ({}, {}, {}, {}, chart) for chart in CHARTS
}
_DIRECT_MEMOS: dict[LanguageTest, _ChartMemo | None] = {
    test: None if test in _BY_TEST else ({}, {}, {}, {}, None) for test in LanguageTest
}
"""Every test without a chart on the day (``clb``, ``nclc``): its levels, as given, memoised."""
_CURRENT_MEMOS = {
    **_DIRECT_MEMOS,
    **{test: _MEMOS[charts[-1].valid_from, test] for test, charts in _BY_TEST.items()},
}


def level_of(chart: Chart | None, ability: int, score: float) -> int:
    """The level ``score`` reaches on ``chart`` for ability number ``ability`` (0=L .. 3=S).

    No chart (levels given directly, ``clb`` and ``nclc``): the score is the level.
    """
    return int(score) if chart is None else chart.level(ability, score)


def expired(result: LanguageResult, on: dt.date, validity_years: int = 2) -> bool:
    """Whether ``result`` is ``validity_years`` or more old on ``on`` (unknown date: no).

    The Ministerial Instructions (in force 2016-11-19) speak of results "two or
    more years old": a result expires on its second anniversary, not the day after.

    >>> r = LanguageResult(LanguageTest.CLB, 9, 9, 9, 9, test_date=dt.date(2024, 3, 1))
    >>> expired(r, dt.date(2026, 2, 28)), expired(r, dt.date(2026, 3, 1))
    (False, True)
    """
    day = expires_on(result, validity_years)
    return day is not None and on >= day


def expires_on(result: LanguageResult, validity_years: int = 2) -> dt.date | None:
    """The day ``result`` expires: its ``validity_years``-th anniversary.

    None when it has no date, or when the anniversary is after 9999-12-31 (it
    never expires within the calendar).
    """
    taken = result.test_date
    return None if taken is None else anniversary(taken, validity_years)


def taken_after(result: LanguageResult, on: dt.date) -> bool:
    """Whether ``result`` was taken after ``on``: on that day it did not exist yet."""
    taken = result.test_date
    return taken is not None and taken > on


def not_counted(
    result: LanguageResult, on: dt.date, validity_years: int, expired_scores: bool = False
) -> str | None:
    """Why ``result`` gives no levels on ``on``, or None when it counts.

    A result taken after ``on`` never counts (it did not exist yet); an expired
    one counts only when ``expired_scores`` (the rule set's
    :attr:`~crs.ruleset.RuleSet.expired_language_scores`).

    >>> r = LanguageResult(LanguageTest.CLB, 9, 9, 9, 9, test_date=dt.date(2026, 5, 1))
    >>> not_counted(r, dt.date(2026, 1, 7), 2)
    'taken on 2026-05-01, after 2026-01-07: it did not exist yet'
    """
    return not_counted_on(result.test_date, on, validity_years, expired_scores)


def not_counted_on(
    taken: dt.date | None, on: dt.date, validity_years: int, expired_scores: bool = False
) -> str | None:
    """:func:`not_counted` for a result taken on ``taken`` (None: unknown, so it counts)."""
    if taken is None:
        return None
    if taken > on:
        return f"taken on {taken}, after {on}: it did not exist yet"
    expiry = anniversary(taken, validity_years)
    if not expired_scores and expiry is not None and on >= expiry:
        return (
            f"taken on {taken}, expired on {expiry} "
            f"(results {validity_years} or more years old earn no points)"
        )
    return None


def anniversary(day: dt.date, years: int) -> dt.date | None:
    """:func:`add_years`, or None when that day is outside the calendar (years 1 to 9999).

    >>> anniversary(dt.date(9998, 6, 1), 2) is None
    True
    """
    if not dt.MINYEAR <= day.year + years <= dt.MAXYEAR:
        return None
    return add_years(day, years)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (29 February becomes 28 February).

    Beyond the calendar (before year 1, after year 9999) it is the first or the
    last day of the calendar: comparisons with it stay right.
    """
    year = day.year + years
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# Score ranges each test reports, per ability (L, R, W, S); IRCC charts start
# from these.  A value outside its range, or not on the test's scale, is bad input.
_SCORE_RANGE: dict[LanguageTest, tuple[tuple[int, int], ...]] = {
    LanguageTest.IELTS: ((0, 9),) * 4,
    LanguageTest.CELPIP: ((0, 12),) * 4,
    LanguageTest.PTE_CORE: ((10, 90),) * 4,
    # The "Équivalence ancien score" column, which Express Entry reads (TEF_EXPRESS_ENTRY):
    # listening 0-360, reading 0-300, writing and speaking 0-450.
    LanguageTest.TEF_CANADA: ((0, 360), (0, 300), (0, 450), (0, 450)),
    # TCF Canada reports listening and reading on 100-699 (crs-rules §6.5).
    LanguageTest.TCF_CANADA: ((100, 699), (100, 699), (0, 20), (0, 20)),
    LanguageTest.CLB: ((0, 12),) * 4,
    LanguageTest.NCLC: ((0, 12),) * 4,
}


@attrs.frozen
class Scale:
    """A test's score range per ability for tests taken before a date.

    Attributes:
        test: The test.
        until: The first test date the range no longer applies to.
        ranges: The lowest and highest score of listening, reading, writing, speaking.
        source: Where the range comes from.
    """

    test: LanguageTest
    until: dt.date
    ranges: tuple[tuple[int, int], ...]
    source: Source


SCALES: tuple[Scale, ...] = ()
"""Older score ranges by test date (a test without a date is read on the current scale).

None today: the TEF Canada scores Express Entry reads are on one scale for every test
date (:data:`_SCORE_RANGE`)."""


def scale_day(test_date: object) -> object:
    """The first day of the scale era of ``test_date``: a date every scale reads alike.

    :func:`score_range` compares a test date only with the days scales end on
    (:data:`SCALES`), so every date between two of those days reads the same
    range; this gives the earliest of them (``date.min`` before the first).
    Anything that is not a date is returned as it is.

    >>> scale_day(dt.date(2018, 5, 4)), scale_day(dt.date(2020, 1, 1))  # no older scale today
    (datetime.date(1, 1, 1), datetime.date(1, 1, 1))
    """
    if not isinstance(test_date, dt.date):
        return test_date
    ends = [scale.until for scale in SCALES if scale.until <= test_date]
    return max(ends) if ends else dt.date.min


def score_range(test: LanguageTest, ability: Ability, test_date: dt.date | None) -> tuple[int, int]:
    """The lowest and highest ``test`` score of ``ability`` for a test taken on ``test_date``.

    >>> score_range(LanguageTest.TEF_CANADA, Ability.READING, dt.date(2019, 9, 30))
    (0, 300)
    >>> score_range(LanguageTest.TCF_CANADA, Ability.WRITING, None)
    (0, 20)
    """
    index = ABILITIES.index(ability)
    if test_date is not None:
        for scale in SCALES:
            if scale.test is test and test_date < scale.until:
                return scale.ranges[index]
    return _SCORE_RANGE[test][index]


def score_schema(ability: Ability) -> dict[str, Any]:
    """The rule of :func:`check_score` in JSON Schema: ``ability`` on each test's scale.

    One ``if``/``then`` per test, from the current scale's range (:data:`SCALES`'
    older ranges depend on the test date, which JSON Schema cannot compare); IELTS
    bands in steps of 0.5, every other test in whole numbers.
    """
    index = ABILITIES.index(ability)
    cases = []
    for test, ranges in _SCORE_RANGE.items():
        low, high = ranges[index]
        step = 0.5 if test is LanguageTest.IELTS else 1
        cases.append(
            {
                "if": {"required": ["test"], "properties": {"test": {"const": test.value}}},
                "then": {
                    "properties": {
                        ability.value: {"minimum": low, "maximum": high, "multipleOf": step}
                    }
                },
            }
        )
    return {"allOf": cases}


def check_score(
    test: object, ability: Ability, value: object, test_date: object = None
) -> str | None:
    """Why ``value`` is not a ``test`` score for ``ability``, or None when it is one.

    The range is the one of the test's scale on ``test_date`` (:data:`SCALES`).

    >>> check_score(LanguageTest.IELTS, Ability.READING, 9.5)
    '9.5 is not an IELTS band (0 to 9 in steps of 0.5)'
    """
    kind = type(value)
    if (
        kind is not int
        and kind is not float
        and (not isinstance(value, (int, float)) or isinstance(value, bool))
    ):
        return f"{show(value)} is not a number"
    assert isinstance(value, (int, float))
    if not isinstance(test, LanguageTest):
        return None  # the test field reports itself
    if kind is float and not math.isfinite(value):
        return f"{show(value)} is not a score"
    day = test_date if isinstance(test_date, dt.date) else None
    low, high = score_range(test, ability, day)
    if test is LanguageTest.IELTS:
        if not (low <= value <= high) or value * 2 != int(value * 2):
            return f"{show(value)} is not an IELTS band (0 to 9 in steps of 0.5)"
        return None
    if value != int(value):
        return f"{show(value)} is not a whole number, as {test.label} scores are"
    if not (low <= value <= high):
        era = ""
        for scale in SCALES:
            if scale.test is test and day is not None and day < scale.until:
                era = f" for tests before {scale.until}"
        hint = _SCORE_HINTS.get(test, "")
        return (
            f"{show(value)} is not a {test.label} {ability.value} score ({low} to {high}{era}"
            f"{hint})"
        )
    return None


_SCORE_HINTS = {
    LanguageTest.TEF_CANADA: (
        ": the results' “Équivalence ancien score” column, which Express Entry reads, "
        "not the “Score / 699” one"
    ),
}
"""What a score out of range may be instead, by test (said after the range)."""
