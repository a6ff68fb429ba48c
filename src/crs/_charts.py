"""The IRCC language test equivalency charts: each test's minimum score for each level.

:class:`Chart` and :data:`CHARTS` are data; :mod:`crs.language` (their public
home, which re-exports them) chooses a chart by test and date and reads levels.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

import attrs

from crs.profile import LanguageTest
from crs.tables import Source

_EQUIVALENCY = Source(
    "IRCC, Language test equivalency charts (Express Entry)",
    "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
    "express-entry/documents/language-requirements/test-equivalency-charts.html",
)

TEF_EXPRESS_ENTRY = Source(
    "IRCC, Francophone Community Immigration Pilot: get your language assessed, TEF Canada "
    'note: "For applications received through the Express Entry (EE) system, language level '
    "will be based on the 'Équivalence ancien score' (previous score equivalency) ... "
    'regardless of the date the test was taken"',
    "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
    "rural-franco-pilots/franco-immigration/eligibility/language-test.html",
)
"""Why TEF Canada scores are read on one chart, the "Équivalence ancien score", on every date."""


@attrs.frozen
class Chart:
    """One test's equivalency chart, in force for tests taken from ``valid_from``.

    Attributes:
        test: The test the chart converts.
        valid_from: First test date the chart applies to (None: from the start).
        lowest_level: The level that the first minimum of each ability reaches.
        minimums: For listening, reading, writing and speaking, the lowest score
            for ``lowest_level``, ``lowest_level + 1``, ... up to CLB 10.
        source: Where the chart comes from.
    """

    test: LanguageTest
    valid_from: dt.date | None
    lowest_level: int
    minimums: tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], tuple[float, ...]]
    source: Source

    def level(self, ability: int, score: float) -> int:
        """The level that ``score`` reaches for ability number ``ability`` (0=L .. 3=S)."""
        reached = bisect_right(self.minimums[ability], score)
        return self.lowest_level + reached - 1 if reached else 0

    def rows(self) -> list[tuple[int, tuple[float, ...]]]:
        """The chart as (level, minimums of L, R, W, S), highest level first."""
        n = len(self.minimums[0])
        return [
            (self.lowest_level + i, tuple(m[i] for m in self.minimums)) for i in reversed(range(n))
        ]


def _chart(
    test: LanguageTest,
    lowest: int,
    minimums: tuple[tuple[float, ...], ...],
    source: Source,
    valid_from: dt.date | None = None,
) -> Chart:
    assert len(minimums) == 4
    return Chart(test, valid_from, lowest, minimums, source)


CHARTS: tuple[Chart, ...] = (
    # IELTS General Training: minimum band for CLB 4..10 (crs-rules §6.1).
    _chart(
        LanguageTest.IELTS,
        4,
        (
            (4.5, 5.0, 5.5, 6.0, 7.5, 8.0, 8.5),
            (3.5, 4.0, 5.0, 6.0, 6.5, 7.0, 8.0),
            (4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5),
            (4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5),
        ),
        _EQUIVALENCY,
    ),
    # CELPIP-General: level = CLB, 1:1 (levels 11 and 12 are CLB 10) (crs-rules §6.2).
    _chart(LanguageTest.CELPIP, 1, (tuple(range(1, 11)),) * 4, _EQUIVALENCY),
    # PTE Core: minimum score for CLB 3..10 (crs-rules §6.3).
    _chart(
        LanguageTest.PTE_CORE,
        3,
        (
            (18, 28, 39, 50, 60, 71, 82, 89),
            (24, 33, 42, 51, 60, 69, 78, 88),
            (32, 41, 51, 60, 69, 79, 88, 90),
            (34, 42, 51, 59, 68, 76, 84, 89),
        ),
        _EQUIVALENCY,
    ),
    # TEF Canada: the "Equivalence ancien score" chart, for every test date.  IRCC reads TEF
    # Canada for Express Entry by the "Équivalence ancien score" column of the results (the
    # chart of tests taken before 2019-10-01), "regardless of the date the test was
    # taken"; "all other TEF Canada score equivalency charts are not compatible with our
    # system", and "Score / 699" results "may produce an incorrect NCLC equivalency"
    # (TEF_EXPRESS_ENTRY).  crs-rules §6.4a/b give the /699 charts of tests from
    # 2019-10-01 and 2023-12-11 as Express Entry's: the official text is followed instead.
    _chart(
        LanguageTest.TEF_CANADA,
        4,
        (
            (145, 181, 217, 249, 280, 298, 316),
            (121, 151, 181, 207, 233, 248, 263),
            (181, 226, 271, 310, 349, 371, 393),
            (181, 226, 271, 310, 349, 371, 393),
        ),
        attrs.evolve(
            _EQUIVALENCY,
            confidence="medium",
            note="the chart of TEF Canada tests before 2019-10-01 (crs-rules §6.4c), which "
            "Express Entry reads for every test date (see TEF_EXPRESS_ENTRY)",
        ),
    ),
    # TCF Canada: NCLC 4..10 (§6.5).
    _chart(
        LanguageTest.TCF_CANADA,
        4,
        (
            (331, 369, 398, 458, 503, 523, 549),
            (342, 375, 406, 453, 499, 524, 549),
            (4, 6, 7, 10, 12, 14, 16),
            (4, 6, 7, 10, 12, 14, 16),
        ),
        _EQUIVALENCY,
    ),
)
"""Every chart, oldest first within a test."""
