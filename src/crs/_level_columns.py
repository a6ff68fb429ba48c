"""Language levels as columns, for :func:`crs.score_frame`: each read once a chart and score.

The tables are built from :func:`crs.language.chart_for` and
:func:`crs.language.level_of`, the very functions that convert one result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from crs._choices import LanguageTest
from crs.language import CHARTS, chart_for, level_of

__all__ = ["CHART_BREAKS", "SCORE_SLOTS", "chart_table", "level_table"]


CHART_BREAKS: tuple[dt.date, ...] = tuple(
    sorted({chart.valid_from for chart in CHARTS if chart.valid_from is not None})
)
"""Every day on which a chart changes: the eras of :func:`chart_table`."""
SCORE_SLOTS = 2 * 699 + 1
"""Slots of :func:`level_table` per chart: twice every score from 0 to 699."""
_WITH_NONE = (None, *CHARTS)
_CHART_TABLES: list[Any] = []


def chart_table(np: Any) -> Any:
    """The chart of each (test + 1, era): chart_for on one day of each era, built once.

    Era 0 is before the first chart change, era e from the e-th change on, and
    the last era is "no test date" (the current chart).
    """
    if not _CHART_TABLES:
        samples: list[dt.date | None] = [dt.date.min, *CHART_BREAKS, None]
        position = {id(chart): i for i, chart in enumerate(_WITH_NONE)}
        rows = [[0] * len(samples)] + [
            [position[id(chart_for(test, day))] for day in samples] for test in tuple(LanguageTest)
        ]
        _CHART_TABLES.append(np.array(rows, dtype=np.int64).ravel())
    return _CHART_TABLES[0]


_LEVEL_TABLES: dict[int, Any] = {}


def level_table(np: Any, ability: int) -> Any:
    """Level by (chart, twice the score), from :func:`~crs.language.level_of`, built once."""
    table = _LEVEL_TABLES.get(ability)
    if table is None:
        width = SCORE_SLOTS
        table = np.array(
            [level_of(chart, ability, k / 2) for chart in _WITH_NONE for k in range(width)],
            dtype=np.int64,
        )
        _LEVEL_TABLES[ability] = table
    return table
