"""The Express Entry pool: the CRS scores of the candidates waiting in it, and where a score stands.

IRCC publishes, with each round since #214 (2022-01-19), how many profiles in
the pool had a CRS score in each band.  The distributions ship with the package
(``crs/data/pool_distribution.csv``) and are read once, on first use.

>>> import datetime as dt
>>> latest_pool(dt.date(2026, 10, 1)).round_number
'447'
>>> standing(500, "2026-10-01").count_above
21798.0
"""

from __future__ import annotations

import datetime as dt
import functools
import html
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from crs._csvdata import BAND_COLUMNS, read_csv, round_sort_key
from crs._dates import as_date
from crs._shapes import DATE, INT, STR, nullable, obj
from crs.breakdown import Score
from crs.datastore import data_text, stale_notice
from crs.draws import Round, get_round

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd

__all__ = ["PoolDistribution", "Standing", "latest_pool", "pool_distribution", "standing"]


@attrs.frozen
class PoolDistribution:
    """The CRS scores of the candidates in the Express Entry pool on one day.

    IRCC publishes the distribution with each round, counting profiles in the pool
    on ``as_of`` by score band.  Several rounds held days apart often carry the
    same distribution.

    Attributes:
        round_number: The round it was published with.
        round_date: The date of that round (when the distribution was published).
        as_of: The day the pool was counted.
        bands: ``(low, high, count)`` for non-overlapping score bands, highest
            first, covering 0 to 1200: the fine bands 601-1200, 501-600, 491-500,
            481-490 ... 401-410, 351-400, 301-350, 0-300 where IRCC published them,
            and the coarse 451-500 and 401-450 where it published only those
            (rounds #435-#444), or where its fine bands do not add up to the
            coarse one (round #247).
        total: The number of profiles in the pool, as published.
    """

    round_number: str
    round_date: date
    as_of: date
    bands: tuple[tuple[int, int, int], ...]
    total: int

    @property
    def counted(self) -> int:
        """The candidates the bands count: the pool as the shares read it.

        The published :attr:`total` when the bands add up to it (every round so
        far); a feed whose total disagrees with its bands (a typo) is kept as
        published and warned about, and the shares then read the bands, so that
        no share is over 100%.
        """
        return sum(count for _, _, count in self.bands)

    @property
    def fine(self) -> bool:
        """Whether the 10-point bands from 401 to 500 are known."""
        return len(self.bands) == 15

    def count_above(self, score: int) -> float:
        """Estimate how many candidates in the pool have a CRS score above ``score``.

        The count is exact when ``score`` is the top of a band (300, 350, 400,
        410 ... 500, 600) or outside 0-1200.  Inside a band it assumes the band's
        candidates are spread evenly over its integer scores: of a band
        ``low..high`` holding ``n`` candidates, ``n * (high - score) / (high - low + 1)``
        are counted above ``score``.

        Args:
            score: A CRS score.

        Returns:
            The (estimated) number of candidates with a score strictly above ``score``.
        """
        above = 0.0
        for low, high, count in self.bands:
            if score < low:
                above += count
            elif score < high:
                above += count * (high - score) / (high - low + 1)
        return above

    def share_above(self, score: int) -> float:
        """Estimate the share of the pool with a CRS score above ``score``.

        The share is :meth:`count_above` divided by the candidates the bands
        count (:attr:`counted`, the published total), so it is exact at band tops
        and assumes candidates are spread evenly over a band's integer scores
        inside a band.

        Args:
            score: A CRS score.

        Returns:
            A number between 0 and 1 (0 for an empty pool).
        """
        counted = self.counted
        if counted <= 0:
            return 0.0
        return min(1.0, self.count_above(score) / counted)

    def to_frame(self) -> pd.DataFrame:
        """The bands as a pandas DataFrame, highest first.

        Returns:
            Columns ``low``, ``high``, ``count``, ``share`` (of the total) and
            ``as_of`` (the date the pool was counted).  Needs the ``batch`` extra.
        """
        from crs._frames import records_frame

        return records_frame(
            (
                {"low": lo, "high": hi, "count": n, "share": n / self.total if self.total else 0.0,
                 "as_of": self.as_of}
                for lo, hi, n in self.bands
            ),
            ("low", "high", "count", "share", "as_of"),
            dates=("as_of",),
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        """Return the distribution as a JSON-ready dict.

        Returns:
            A dict with ``round_number``, ``round_date``, ``as_of``, ``total``, and
            ``bands`` as a list of ``{"low", "high", "count"}`` objects.
        """
        return {
            "round_number": self.round_number,
            "round_date": self.round_date.isoformat(),
            "as_of": self.as_of.isoformat(),
            "total": self.total,
            "bands": [{"low": lo, "high": hi, "count": n} for lo, hi, n in self.bands],
        }


def _band(column: str) -> tuple[int, int]:
    low, high = column.split("-")
    return int(low), int(high)


_FINE_PARENTS = {"451-500": BAND_COLUMNS[3:8], "401-450": BAND_COLUMNS[9:14]}
_TOP_LEVEL = ("601-1200", "501-600", "451-500", "401-450", "351-400", "301-350", "0-300")


def _pool_from_row(row: Mapping[str, str]) -> PoolDistribution:
    bands: list[tuple[int, int, int]] = []
    for column in _TOP_LEVEL:
        parts = _FINE_PARENTS.get(column, ())
        fine = [row[p] for p in parts]
        if parts and all(fine) and sum(map(int, fine)) == int(row[column]):
            bands.extend((*_band(p), int(n)) for p, n in zip(parts, fine, strict=True))
        else:
            bands.append((*_band(column), int(row[column])))
    return PoolDistribution(
        round_number=row["number"],
        round_date=date.fromisoformat(row["round_date"]),
        as_of=date.fromisoformat(row["pool_as_of"]),
        bands=tuple(bands),
        total=int(row["total"]),
    )


def _pools() -> tuple[PoolDistribution, ...]:
    """Every distribution of the data in use (:func:`crs.datastore.data_text`), read once."""
    return _pools_in(data_text("pool_distribution.csv"))


@functools.lru_cache(maxsize=4)
def _pools_in(text: str) -> tuple[PoolDistribution, ...]:
    loaded = [_pool_from_row(row) for row in read_csv(text, "pool_distribution.csv")]
    return tuple(sorted(loaded, key=lambda p: (p.round_date, round_sort_key(p.round_number))))


def _pools_by_number() -> dict[str, PoolDistribution]:
    return _pool_index(_pools())


@functools.lru_cache(maxsize=4)
def _pool_index(found: tuple[PoolDistribution, ...]) -> dict[str, PoolDistribution]:
    return {p.round_number: p for p in found}


def pool_distribution(round_or_number: Round | str | int) -> PoolDistribution | None:
    """Return the pool distribution published with a round.

    Args:
        round_or_number: A :class:`Round` or a round number (see :func:`get_round`).

    Returns:
        The distribution, or None for a round that carried none (IRCC's feed has
        distributions from round #214, 2022-01-19).

    Raises:
        UnknownNameError: If there is no such round (it is also a ``KeyError``).
    """
    number = (
        round_or_number.number
        if isinstance(round_or_number, Round)
        else get_round(round_or_number).number
    )
    return _pools_by_number().get(number)


def latest_pool(on: date | str | None = None) -> PoolDistribution | None:
    """Return the newest pool distribution that had been published on a date.

    A distribution is published with its round, so this is the one of the last
    round held on or before ``on`` that carried one (its ``as_of`` is a few days
    earlier).

    Args:
        on: The date (a date or ``YYYY-MM-DD``; default: today).

    Returns:
        The distribution, or None before the first one (2022-01-19).

    Raises:
        DateError: If ``on`` is not a date.
    """
    day = as_date(on)
    found: PoolDistribution | None = None
    for pool in _pools():
        if pool.round_date > day:
            break
        found = pool
    return found


@attrs.frozen
class Standing:
    """Where a CRS score stands in the newest pool distribution published on a date.

    Attributes:
        score: The CRS score.
        on: The date asked about.
        pool: The newest distribution published on or before ``on``, or None
            before the first one (2022-01-19).
    """

    score: int
    on: dt.date
    pool: PoolDistribution | None

    @property
    def count_above(self) -> float | None:
        """The (estimated) number of candidates above the score, or None without a pool."""
        return None if self.pool is None else self.pool.count_above(self.score)

    @property
    def share_above(self) -> float | None:
        """The (estimated) share of the pool above the score, 0 to 1, or None without a pool."""
        return None if self.pool is None else self.pool.share_above(self.score)

    def to_json(self) -> dict[str, Any]:
        """``{"score", "on", "share_above", "count_above", "total", "pool_as_of", "round"}``.

        The last four are null when no distribution had been published on ``on``.
        """
        pool = self.pool
        count = self.count_above
        return {
            "score": self.score,
            "on": self.on.isoformat(),
            "share_above": self.share_above,
            "count_above": None if count is None else round(count),
            "total": None if pool is None else pool.total,
            "pool_as_of": None if pool is None else pool.as_of.isoformat(),
            "round": None if pool is None else pool.round_number,
        }

    @property
    def notice(self) -> str | None:
        """A staleness notice when the newest known round is over 21 days before ``on``, else None.

        See :func:`crs.datastore.stale_notice`; it names the command that refreshes the data.
        """
        return stale_notice(self.on)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json`."""
        return obj(
            {
                "score": INT,
                "on": DATE,
                "share_above": nullable({"type": "number", "minimum": 0, "maximum": 1}),
                "count_above": nullable(INT),
                "total": nullable(INT),
                "pool_as_of": nullable(DATE),
                "round": nullable(STR),
            },
            description="where a score stands in the newest pool distribution",
        )

    def to_text(self) -> str:
        """One sentence: the share and number of candidates above the score, and the pool's date.

        A second sentence follows when the rounds data is stale (see :attr:`notice`).
        """
        pool = self.pool
        share, count = self.share_above, self.count_above
        notice = self.notice
        tail = "" if notice is None else f" {notice}"
        if pool is None or share is None or count is None:
            return f"No pool distribution had been published by {self.on}.{tail}"
        differs = (
            ""
            if pool.counted == pool.total
            else f"; the published total, {pool.total:,}, does not match its bands"
        )
        return (
            f"{_percent(share)} of the pool scored above {self.score} "
            f"(about {round(count):,} of {pool.counted:,} candidates on {pool.as_of}, "
            f"published with round {pool.round_number}{differs}).{tail}"
        )

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.to_text())}</p>"


def _percent(share: float) -> str:
    """A share to one decimal, never rounded to 0% or 100% when it is neither.

    >>> _percent(0.0001), _percent(0.016), _percent(0.99996), _percent(1.0)
    ('under 0.1%', '1.6%', 'over 99.9%', '100.0%')
    """
    if 0 < share < 0.0005:
        return "under 0.1%"
    if 0.9995 <= share < 1:
        return "over 99.9%"
    return f"{share:.1%}"


def standing(score: int | Score, on: dt.date | str | None = None) -> Standing:
    """Where ``score`` stands in the pool: the share of candidates above it.

    Args:
        score: A CRS score, or a :class:`~crs.breakdown.Score`.
        on: The date (a date or ``YYYY-MM-DD``; default: today): the newest
            distribution published on or before it is used (see :func:`latest_pool`).

    Returns:
        The standing; its ``share_above`` is None when no distribution had been
        published by ``on``.

    Raises:
        DateError: If ``on`` is not a date.

    >>> import datetime as dt
    >>> standing(500, dt.date(2026, 10, 1)).count_above
    21798.0
    """
    total = score.total if isinstance(score, Score) else score
    day = as_date(on)
    return Standing(total, day, latest_pool(day))
