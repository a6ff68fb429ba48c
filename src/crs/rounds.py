"""The history of Express Entry rounds of invitations, and the CRS pool at each round.

The data ships with the package (``crs/data/rounds.csv`` and
``crs/data/pool_distribution.csv``) and is read once, on first use.  It comes
from IRCC's rounds feed, ``ee_rounds_123_en.json``: rounds #1 (2015-01-31) to
#447 (2026-10-01), with round #91 published as two rounds, ``91a`` and ``91b``.

Tie-breaking: in a round, every candidate eligible for it with a CRS score above
``crs_cutoff`` was invited; of those *at* the cutoff, only the ones whose profile
was submitted before ``tie_breaking`` were.  A program or category round ranks
only the candidates eligible for that program or category.

Example:
    >>> from datetime import date
    >>> from crs.rounds import get_round, rounds
    >>> get_round(397).crs_cutoff
    169
    >>> len(rounds(since=date(2017, 1, 1), until=date(2017, 12, 31)))
    30
"""

from __future__ import annotations

import datetime as dt
import functools
from datetime import date, datetime
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from crs._feed import (
    BAND_COLUMNS,
    CATEGORY_SLUGS,
    PROGRAM_CODES,
    classify_name,
    parse_programs,
    read_csv,
    round_sort_key,
)
from crs.errors import UnknownCategoryError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CATEGORIES",
    "PROGRAMS",
    "PoolDistribution",
    "Round",
    "get_round",
    "latest_pool",
    "pool_distribution",
    "rounds",
]

CATEGORIES: tuple[str, ...] = CATEGORY_SLUGS
"""The category slugs a round can carry (``french``, ``healthcare`` ... ``military``)."""

PROGRAMS: tuple[str, ...] = ("cec", "pnp", "fsw", "fst")
"""The program codes of program rounds and of :attr:`Round.programs`."""

if set(PROGRAMS) != set(PROGRAM_CODES.values()):  # pragma: no cover - a guard on the tables
    raise AssertionError("PROGRAMS and the feed's program names disagree")


def _utc(text: str) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _iso_z(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@attrs.frozen
class Round:
    """One round of invitations, as IRCC published it.

    Attributes:
        number: The round number as published: ``"1"`` ... ``"447"``, and ``"91a"`` /
            ``"91b"`` for the two parts of round 91.
        date: The date of the round (IRCC's ``drawDate``).
        name: The official name of the round type, in IRCC's current naming, e.g.
            ``"No Program Specified"``, ``"Canadian Experience Class"``,
            ``"Healthcare occupations (Version 1)"``.
        kind: ``"general"`` (all programs), ``"program"`` (one program) or
            ``"category"`` (category-based selection).
        program: For a program round, its program: ``"cec"``, ``"pnp"``, ``"fsw"``
            or ``"fst"``; otherwise None.
        category: For a category round, its slug (see :data:`CATEGORIES`); otherwise None.
        category_version: For a category round, the version in its name, e.g.
            ``"Version 2"`` or ``"2026-Version 3"``; otherwise None.
        programs: The programs the round covered, in the order IRCC lists them,
            e.g. ``("fsw", "cec", "fst", "pnp")``.
        invitations: The number of invitations to apply issued.
        crs_cutoff: The CRS score of the lowest-ranked candidate invited.
        tie_breaking: The tie-breaking rule (aware, UTC): candidates at the cutoff
            score were invited only if they submitted their profile before this
            moment.  None where IRCC published none (the early rounds).
        round_time: When the round was held (aware, UTC), as IRCC published it, or
            None where the source gave none.  Its date can differ from
            :attr:`date` (midnight UTC the next day for some 2015 rounds, and a
            typo for #357); :attr:`date` is the date of record.
        pool_as_of: The date of the pool distribution published with the round.
        original_name: The name the round first had when IRCC later renamed it
            (``"Healthcare occupations (2023-1)"``), else None.
        tie_breaking_text: IRCC's tie-breaking text, verbatim, or None.
    """

    number: str
    date: dt.date
    name: str
    kind: str
    program: str | None
    category: str | None
    category_version: str | None
    programs: tuple[str, ...]
    invitations: int
    crs_cutoff: int
    tie_breaking: dt.datetime | None
    round_time: dt.datetime | None
    pool_as_of: dt.date | None
    original_name: str | None
    tie_breaking_text: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the round as a JSON-ready dict.

        Dates are ISO strings, times ISO strings in UTC ending in ``Z``, absent
        values null, and ``programs`` a list.

        Returns:
            A dict with the keys ``number``, ``date``, ``name``, ``kind``,
            ``program``, ``category``, ``category_version``, ``programs``,
            ``invitations``, ``crs_cutoff``, ``tie_breaking``, ``round_time``,
            ``pool_as_of`` and ``original_name``.
        """
        return {
            "number": self.number,
            "date": self.date.isoformat(),
            "name": self.name,
            "kind": self.kind,
            "program": self.program,
            "category": self.category,
            "category_version": self.category_version,
            "programs": list(self.programs),
            "invitations": self.invitations,
            "crs_cutoff": self.crs_cutoff,
            "tie_breaking": _iso_z(self.tie_breaking),
            "round_time": _iso_z(self.round_time),
            "pool_as_of": None if self.pool_as_of is None else self.pool_as_of.isoformat(),
            "original_name": self.original_name,
        }


def _round_from_row(row: Mapping[str, str]) -> Round:
    name = classify_name(row["round_type"])
    if (name.kind, name.program or name.category or "") != (row["round_kind"], row["category"]):
        raise ValueError(f"rounds.csv: round {row['number']} has a kind that its name contradicts")
    return Round(
        number=row["number"],
        date=date.fromisoformat(row["date"]),
        name=row["round_type"],
        kind=row["round_kind"],
        program=name.program,
        category=name.category,
        category_version=row["category_version"] or None,
        programs=parse_programs(row["programs"]),
        invitations=int(row["invitations"]),
        crs_cutoff=int(row["crs_cutoff"]),
        tie_breaking=_utc(row["tie_breaking_utc"]),
        round_time=_utc(row["round_datetime_utc"]),
        pool_as_of=_day(row["pool_as_of"]),
        original_name=row["original_name"] or None,
        tie_breaking_text=row["tie_breaking"] or None,
    )


def _data(name: str) -> str:
    return (resources.files("crs") / "data" / name).read_text(encoding="utf-8")


@functools.cache
def _all_rounds() -> tuple[Round, ...]:
    loaded = [_round_from_row(row) for row in read_csv(_data("rounds.csv"))]
    return tuple(sorted(loaded, key=lambda r: (r.date, round_sort_key(r.number))))


@functools.cache
def _by_number() -> dict[str, Round]:
    return {r.number: r for r in _all_rounds()}


def rounds(
    *,
    since: date | None = None,
    until: date | None = None,
    category: str | None = None,
) -> tuple[Round, ...]:
    """Return the rounds of invitations, oldest first.

    Args:
        since: Keep rounds on or after this date.
        until: Keep rounds on or before this date.
        category: Keep only the rounds of this category slug (``"healthcare"``)
            or, for a program code (``"cec"``, ``"pnp"``, ``"fsw"``, ``"fst"``),
            the program rounds of that program.

    Returns:
        The matching rounds, ordered by date and then round number.

    Raises:
        UnknownCategoryError: If ``category`` is neither a category slug nor a program code.

    Example:
        >>> from datetime import date
        >>> [r.number for r in rounds(category="physicians", until=date(2026, 6, 30))]
        ['397', '421']
    """
    selected = _all_rounds()
    if category is not None:
        if category in CATEGORIES:
            selected = tuple(r for r in selected if r.category == category)
        elif category in PROGRAMS:
            selected = tuple(r for r in selected if r.program == category)
        else:
            raise UnknownCategoryError(
                f"unknown round category {category!r}; valid categories: "
                f"{', '.join(CATEGORIES)}; valid programs: {', '.join(PROGRAMS)}"
            )
    if since is not None:
        selected = tuple(r for r in selected if r.date >= since)
    if until is not None:
        selected = tuple(r for r in selected if r.date <= until)
    return selected


def get_round(number: str | int) -> Round:
    """Return one round by its number.

    Args:
        number: The round number as published (``"397"``, ``"91a"``), an int,
            or with a leading ``"#"``.

    Returns:
        The round.

    Raises:
        KeyError: If there is no such round; for ``91``, the message names ``91a``
            and ``91b``.
    """
    key = str(number).strip().lstrip("#").lower()
    found = _by_number().get(key)
    if found is not None:
        return found
    parts = [n for n in _by_number() if n.rstrip("abcdefghijklmnopqrstuvwxyz") == key and n != key]
    if parts:
        raise KeyError(f"round {key} was published in parts: {', '.join(sorted(parts))}")
    last = _all_rounds()[-1]
    raise KeyError(f"no round {number!r} in the bundled data (rounds 1 to {last.number})")


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

        The share is :meth:`count_above` divided by the total, so it is exact at
        band tops and assumes candidates are spread evenly over a band's integer
        scores inside a band.

        Args:
            score: A CRS score.

        Returns:
            A number between 0 and 1 (0 for an empty pool).
        """
        if self.total <= 0:
            return 0.0
        return min(1.0, self.count_above(score) / self.total)

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


@functools.cache
def _pools() -> tuple[PoolDistribution, ...]:
    loaded = [_pool_from_row(row) for row in read_csv(_data("pool_distribution.csv"))]
    return tuple(sorted(loaded, key=lambda p: (p.round_date, round_sort_key(p.round_number))))


@functools.cache
def _pools_by_number() -> dict[str, PoolDistribution]:
    return {p.round_number: p for p in _pools()}


def pool_distribution(round_or_number: Round | str | int) -> PoolDistribution | None:
    """Return the pool distribution published with a round.

    Args:
        round_or_number: A :class:`Round` or a round number (see :func:`get_round`).

    Returns:
        The distribution, or None for a round that carried none (IRCC's feed has
        distributions from round #214, 2022-01-19).

    Raises:
        KeyError: If there is no such round.
    """
    number = (
        round_or_number.number
        if isinstance(round_or_number, Round)
        else get_round(round_or_number).number
    )
    return _pools_by_number().get(number)


def latest_pool(on: date) -> PoolDistribution | None:
    """Return the newest pool distribution that had been published on a date.

    A distribution is published with its round, so this is the one of the last
    round held on or before ``on`` that carried one (its ``as_of`` is a few days
    earlier).

    Args:
        on: The date.

    Returns:
        The distribution, or None before the first one (2022-01-19).
    """
    found: PoolDistribution | None = None
    for pool in _pools():
        if pool.round_date > on:
            break
        found = pool
    return found
