"""The history of Express Entry draws: every round of invitations IRCC has held.

The data ships with the package (``crs/data/rounds.csv``) and is read once, on
first use; the pool distribution published with each round is in :mod:`crs.pool`.  It comes
from IRCC's rounds feed, ``ee_rounds_123_en.json``: the bundled copy holds rounds #1
(2015-01-31) to #447 (2026-10-01), with round #91 published as two rounds, ``91a`` and
``91b``.  ``crs data update`` (:func:`crs.datastore.update`) downloads newer rounds into
the user's data directory; from then on the newer of the two copies is read.

Tie-breaking: in a round, every candidate eligible for it with a CRS score above
``crs_cutoff`` was invited; of those *at* the cutoff, only the ones whose profile
was submitted before ``tie_breaking`` were.  A program or category round ranks
only the candidates eligible for that program or category.

Example:
    >>> from datetime import date
    >>> from crs.draws import get_round, rounds
    >>> get_round(397).crs_cutoff
    169
    >>> len(rounds(since=date(2017, 1, 1), until=date(2017, 12, 31)))
    30
"""

from __future__ import annotations

import datetime as dt
import functools
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import attrs

from crs._csvdata import (
    CATEGORY_SLUGS,
    CRS_MAXIMUM,
    PROGRAM_CODES,
    classify_name,
    parse_programs,
    read_csv,
    round_sort_key,
)
from crs._dates import as_date
from crs._shapes import DATE, INT, STR, arr, nullable, obj
from crs.datastore import data_text
from crs.errors import UnknownCategoryError, UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    import pandas as pd

__all__ = ["CATEGORIES", "DRAW_TYPES", "PROGRAMS", "Round", "get_round", "rounds", "rounds_frame"]

CATEGORIES: tuple[str, ...] = CATEGORY_SLUGS
"""The category slugs a round can carry (``french``, ``healthcare`` ... ``military``)."""

PROGRAMS: tuple[str, ...] = ("cec", "pnp", "fsw", "fst")
"""The program codes of program rounds and of :attr:`Round.programs`."""

DRAW_TYPES: tuple[str, ...] = ("general", *PROGRAMS, *CATEGORIES)
"""Every :attr:`Round.draw_type`: ``general``, each program code, each category slug."""

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


_ROUND_KEYS: dict[str, Any] = {
    "number": STR,
    "date": DATE,
    "name": STR,
    "kind": STR,
    "program": nullable(STR),
    "category": nullable(STR),
    "category_version": nullable(STR),
    "programs": arr(STR),
    "invitations": INT,
    "crs_cutoff": INT,
    "tie_breaking": nullable({"type": "string", "format": "date-time"}),
    "round_time": nullable({"type": "string", "format": "date-time"}),
    "pool_as_of": nullable(DATE),
    "original_name": nullable(STR),
}
"""The keys of :meth:`Round.to_json`, with their JSON Schemas."""


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

    @property
    def draw_type(self) -> str:
        """Who the round ranked: ``"general"``, a program code or a category slug.

        Rounds of one type are comparable (a PNP cut-off says nothing of a CEC one);
        see :data:`DRAW_TYPES`.
        """
        return self.program or self.category or "general"

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

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of :meth:`to_json` (one item of ``crs rounds --format json``)."""
        return obj(_ROUND_KEYS, description="a round of invitations")


def _round_from_row(row: Mapping[str, str]) -> Round:
    name = classify_name(row["round_type"])
    if (name.kind, name.program or name.category or "") != (row["round_kind"], row["category"]):
        raise ValueError(f"rounds.csv: round {row['number']} has a kind that its name contradicts")
    cutoff = int(row["crs_cutoff"])
    if not 0 <= cutoff <= CRS_MAXIMUM:
        raise ValueError(
            f"rounds.csv: round {row['number']} has a CRS cut-off of {cutoff}, "
            f"outside 0 to {CRS_MAXIMUM:,}"
        )
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
        crs_cutoff=cutoff,
        tie_breaking=_utc(row["tie_breaking_utc"]),
        round_time=_utc(row["round_datetime_utc"]),
        pool_as_of=_day(row["pool_as_of"]),
        original_name=row["original_name"] or None,
        tie_breaking_text=row["tie_breaking"] or None,
    )


def _all_rounds() -> tuple[Round, ...]:
    """Every round of the data in use (:func:`crs.datastore.data_text`), read once per text."""
    return _rounds_in(data_text("rounds.csv"))


@functools.lru_cache(maxsize=4)
def _rounds_in(text: str) -> tuple[Round, ...]:
    loaded = [_round_from_row(row) for row in read_csv(text, "rounds.csv")]
    return tuple(sorted(loaded, key=lambda r: (r.date, round_sort_key(r.number))))


def _by_number() -> dict[str, Round]:
    return _index(_all_rounds())


@functools.lru_cache(maxsize=4)
def _index(found: tuple[Round, ...]) -> dict[str, Round]:
    return {r.number: r for r in found}


def rounds(
    *,
    since: date | str | None = None,
    until: date | str | None = None,
    category: str | None = None,
) -> tuple[Round, ...]:
    """Return the rounds of invitations, oldest first.

    Args:
        since: Keep rounds on or after this date (a date or ``YYYY-MM-DD``;
            None: from the first round).
        until: Keep rounds on or before this date (None: up to the last round).
        category: Keep only the rounds of this category slug (``"healthcare"``)
            or, for a program code (``"cec"``, ``"pnp"``, ``"fsw"``, ``"fst"``),
            the program rounds of that program.

    Returns:
        The matching rounds, ordered by date and then round number.

    Raises:
        UnknownCategoryError: If ``category`` is neither a category slug nor a program code.
        DateError: If ``since`` or ``until`` is not a date.

    Example:
        >>> from datetime import date
        >>> [r.number for r in rounds(category="physicians", until=date(2026, 6, 30))]
        ['397', '421']
    """
    start = None if since is None else as_date(since, "since")
    end = None if until is None else as_date(until, "until")
    selected = _all_rounds()
    if category is not None:
        if category in CATEGORIES:
            selected = tuple(r for r in selected if r.category == category)
        elif category in PROGRAMS:
            selected = tuple(r for r in selected if r.program == category)
        else:
            raise UnknownCategoryError.of(
                "round category",
                category,
                (*CATEGORIES, *PROGRAMS),
                note=f"valid categories: {', '.join(CATEGORIES)}; "
                f"valid programs: {', '.join(PROGRAMS)}",
            )
    if start is not None:
        selected = tuple(r for r in selected if r.date >= start)
    if end is not None:
        selected = tuple(r for r in selected if r.date <= end)
    return selected


def get_round(number: str | int) -> Round:
    """Return one round by its number.

    Args:
        number: The round number as published (``"397"``, ``"91a"``), an int,
            or with a leading ``"#"``.

    Returns:
        The round.

    Raises:
        UnknownNameError: If there is no such round (it is also a ``KeyError``);
            for ``91``, the message names ``91a`` and ``91b``.
    """
    key = str(number).strip().lstrip("#").lower()
    found = _by_number().get(key)
    if found is not None:
        return found
    parts = [n for n in _by_number() if n.rstrip("abcdefghijklmnopqrstuvwxyz") == key and n != key]
    if parts:
        raise UnknownNameError.of(
            "round", number, sorted(parts), note=f"published in parts: {', '.join(sorted(parts))}"
        )
    last = _all_rounds()[-1]
    raise UnknownNameError.of(
        "round",
        number,
        (r.number for r in _all_rounds()),
        note=f"the rounds data in use has rounds 1 to {last.number} (refresh: crs data update)",
    )


def rounds_frame(items: Iterable[Any] | None = None, *, results: bool = False) -> pd.DataFrame:
    """Rounds, or a placement's results, as a pandas DataFrame, one a row.

    Args:
        items: :class:`Round` objects, or :class:`~crs.placement.RoundResult`
            objects (anything with the round's ``to_json``); default: every
            round of the data in use.
        results: The items are results: with none, the frame still has the
            results' columns (as :meth:`crs.placement.Placement.to_frame` asks).

    Returns:
        The keys of :meth:`Round.to_json` as columns (``date`` and ``pool_as_of``
        as dates, the times as UTC datetimes, ``programs`` joined by ``", "``), and
        ``draw_type``; for results, also ``score`` and ``margin`` (Int64),
        ``eligible``, ``invited`` (nullable booleans) and ``reasons`` (joined by
        ``"; "``).  Needs the ``batch`` extra.

    >>> frame = rounds_frame(rounds(category="physicians", until="2026-06-30"))
    >>> frame[["number", "draw_type", "crs_cutoff"]].values.tolist()
    [['397', 'physicians', 169], ['421', 'physicians', 223]]
    """
    from crs._frames import records_frame

    chosen = list(_all_rounds() if items is None else items)
    records = []
    for item in chosen:
        record = item.to_json()
        found: Round = item if isinstance(item, Round) else item.round
        record["draw_type"] = found.draw_type
        record["programs"] = ", ".join(record["programs"])
        if "reasons" in record:
            record["reasons"] = "; ".join(record["reasons"])
        records.append(record)
    if records:
        columns = list(records[0])
    else:  # an empty frame still has the columns
        blank = Round("0", dt.date.min, "", "general", *(None,) * 3, (), 0, 0, *(None,) * 4)
        columns = [*blank.to_json(), "draw_type"]
        if results:
            from crs.placement import RoundResult

            columns = [*RoundResult(blank, None, False, False).to_json(), "draw_type"]
    frame = records_frame(
        records,
        columns,
        dates=("date", "pool_as_of"),
        moments=("tie_breaking", "round_time"),
        integers=tuple(c for c in ("score", "margin") if c in columns),
        numbers={"invitations": "int64", "crs_cutoff": "int64"},
    )
    for name in ("eligible", "invited"):
        if name in frame.columns:
            frame[name] = frame[name].astype("boolean")
    return frame
