"""Turn IRCC's rounds-of-invitations feed into the package's data files.

IRCC publishes every Express Entry round in one JSON document,
``ee_rounds_123_en.json`` (see :data:`FEED_URL`): ``{"classes": "wb-tables",
"rounds": [...]}``, newest first, every value a string.  The feed is made for a
web page, not for programs, and carries many inconsistencies.  This module reads
a local copy of it and produces rows for ``src/crs/data/rounds.csv`` and
``src/crs/data/pool_distribution.csv``, handling each quirk:

* counts are written with thousands separators (``"1,085"``);
* the tie-breaking time (``drawCutOff``) is free text in many shapes
  (``"July 3rd 2026 at 21:35:13 UTC"``, ``"August 30. 2023 at ..."``,
  ``"May 19,2022 06:48:41 UTC"``, ``"... 20:19:59 PM UTC"``), sometimes without a
  year (``"October 7 at 16:38:21 UTC"``, round #208) or without ``"UTC"``
  (round #383), and empty for the early rounds;
* ``drawDateTime`` sometimes embeds an ISO date (``"at 2024-08-15 15:11:54 UTC"``)
  and its date can differ from ``drawDate`` (midnight UTC next day in 2015, a
  typo for #357); ``drawDate`` is the date of record;
* the pool counts ``dd1``..``dd18`` are ``"0"`` before round #214, when IRCC did
  not publish a distribution;
* round #91 is published as two rounds, ``91a`` and ``91b``, on the same day;
* the early category rounds were named with instrument numbers,
  ``"(2023-1)"`` and ``"(2024-1)"``, which IRCC later renamed ``"(Version 1)"``.

It is part of the installed package because two commands read the feed: the
user's ``crs data update`` (:mod:`crs.datastore`, which stores the merged files
in the user data directory) and the maintainer's ``scripts/update_rounds.py``
(``tools/feed.py``, which writes the bundled files of a checkout).  Both merge
with :func:`merge_feed`, and the names of rounds, their numbers and program
lists are read by :mod:`crs._csvdata`, so the feed and the bundled data are
read alike.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crs._csvdata import (
    BAND_COLUMNS,
    FeedError,
    classify_name,
    current_name,
    parse_programs,
    round_sort_key,
)
from crs._feedtext import format_utc, parse_count, parse_long_date, parse_timestamp
from crs._json import parse
from crs.errors import ProfileError

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "FEED_URL",
    "POOL_COLUMNS",
    "ROUND_COLUMNS",
    "FeedError",
    "format_utc",
    "load_feed",
    "parse_count",
    "parse_long_date",
    "parse_timestamp",
    "pool_inconsistencies",
    "pool_row",
    "round_row",
]

FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"
"""Where IRCC publishes the English rounds feed."""

ROUND_COLUMNS: tuple[str, ...] = (
    "number",
    "date",
    "round_type",
    "round_kind",
    "category",
    "category_version",
    "invitations",
    "crs_cutoff",
    "tie_breaking",
    "tie_breaking_utc",
    "round_datetime_utc",
    "programs",
    "pool_as_of",
    "original_name",
    "source",
)
"""The columns of ``rounds.csv``, in file order."""

POOL_COLUMNS: tuple[str, ...] = (
    "number",
    "round_date",
    "pool_as_of",
    *BAND_COLUMNS,
    "total",
    "source",
)
"""The columns of ``pool_distribution.csv``, in file order."""


def load_feed(source: str | Path | bytes) -> list[dict[str, str]]:
    """Read the rounds of a feed document.

    Args:
        source: A path to ``ee_rounds_123_en.json``, or its bytes.

    Returns:
        The round objects as published (newest first), every value a string.

    Raises:
        FeedError: If the document is not the feed's shape.
    """
    raw = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        document: Any = parse(raw.decode("utf-8-sig"))  # safe: deep nesting, long numbers
    except UnicodeDecodeError as exc:
        raise FeedError(f"not a JSON document: {exc}") from exc
    except ProfileError as exc:
        raise FeedError(
            f"not a JSON document: {str(exc).removeprefix('not valid JSON: ')}"
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("rounds"), list):
        raise FeedError('expected a JSON object with a "rounds" list')
    records: list[dict[str, str]] = []
    for index, record in enumerate(document["rounds"]):
        if not isinstance(record, dict):
            raise FeedError(f"rounds[{index}] is not an object")
        records.append({str(k): "" if v is None else str(v) for k, v in record.items()})
    return records


def _field(record: Mapping[str, str], key: str, *, required: bool = True) -> str:
    value = record.get(key, "").strip()
    if required and not value:
        number = record.get("drawNumber", "?")
        raise FeedError(f"round {number}: {key} is missing")
    return value


def round_row(record: Mapping[str, str], *, source: str) -> dict[str, str]:
    """Turn one feed round into a ``rounds.csv`` row.

    Args:
        record: One object of the feed's ``rounds`` list.
        source: Where the round comes from, for the ``source`` column.

    Returns:
        The row, keyed by :data:`ROUND_COLUMNS`, every value a string ("" for none).

    Raises:
        FeedError: If a field cannot be read.
    """
    number = _field(record, "drawNumber")
    round_sort_key(number)
    try:
        try:
            drawn = date.fromisoformat(_field(record, "drawDate"))
        except ValueError:
            full = parse_long_date(_field(record, "drawDateFull"))
            if full is None:  # pragma: no cover - _field refuses an empty text
                raise
            drawn = full
        else:  # both given: they name one day, or the round's date is unknown
            full_text = _field(record, "drawDateFull", required=False)
            full = parse_long_date(full_text, reference=drawn) if full_text else None
            if full is not None and full != drawn:
                raise FeedError(f"drawDate {drawn} and drawDateFull {full_text!r} disagree")
        name, original = current_name(_field(record, "drawName"))
        kind = classify_name(name)
        tie_text = _field(record, "drawCutOff", required=False)
        tie = parse_timestamp(tie_text, reference=drawn, past=True)
        held = parse_timestamp(_field(record, "drawDateTime", required=False), reference=drawn)
        as_of = parse_long_date(
            _field(record, "drawDistributionAsOn", required=False), reference=drawn
        )
        programs = " ".join(_field(record, "drawText2").split())
        parse_programs(programs)
        return {
            "number": number,
            "date": drawn.isoformat(),
            "round_type": name,
            "round_kind": kind.kind,
            "category": kind.program or kind.category or "",
            "category_version": kind.version or "",
            "invitations": str(parse_count(_field(record, "drawSize"), field="drawSize")),
            "crs_cutoff": str(parse_count(_field(record, "drawCRS"), field="drawCRS")),
            "tie_breaking": tie_text,
            "tie_breaking_utc": format_utc(tie),
            "round_datetime_utc": format_utc(held),
            "programs": programs,
            "pool_as_of": "" if as_of is None else as_of.isoformat(),
            "original_name": original or "",
            "source": source,
        }
    except ValueError as exc:
        if isinstance(exc, FeedError) and str(exc).startswith(f"round {number}:"):
            raise
        raise FeedError(f"round {number}: {exc}") from exc


def pool_row(record: Mapping[str, str], *, source: str) -> dict[str, str] | None:
    """Turn the pool counts of one feed round into a ``pool_distribution.csv`` row.

    Args:
        record: One object of the feed's ``rounds`` list.
        source: Where the counts come from, for the ``source`` column.

    Returns:
        The row keyed by :data:`POOL_COLUMNS`, or None when the round carries no
        distribution (``dd1``..``dd18`` are all 0 before round #214).

    Raises:
        FeedError: If a count cannot be read.
    """
    row = round_row(record, source=source)
    counts = [
        parse_count(record.get(f"dd{i}", "") or "0", field=f"round {row['number']}: dd{i}")
        for i in range(1, 19)
    ]
    if not any(counts):
        return None
    pool: dict[str, str] = {
        "number": row["number"],
        "round_date": row["date"],
        "pool_as_of": row["pool_as_of"],
    }
    pool.update({band: str(count) for band, count in zip(BAND_COLUMNS, counts[:17], strict=True)})
    pool["total"] = str(counts[17])
    pool["source"] = source
    return pool


def pool_inconsistencies(row: Mapping[str, str]) -> list[str]:
    """Check the sums IRCC's bands should satisfy, and say which do not hold.

    ``451-500`` is the sum of the five 10-point bands from 451 to 500, ``401-450``
    of those from 401 to 450, and the total of the seven coarse bands.

    Args:
        row: A ``pool_distribution.csv`` row; empty fine bands are not checked.

    Returns:
        One message per failed sum (empty when all hold).
    """

    def value(band: str) -> int | None:
        text = row.get(band, "")
        return int(text) if text else None

    problems: list[str] = []
    checks = (
        ("451-500", BAND_COLUMNS[3:8]),
        ("401-450", BAND_COLUMNS[9:14]),
        ("total", ("601-1200", "501-600", "451-500", "401-450", "351-400", "301-350", "0-300")),
    )
    for parent, parts in checks:
        whole = value(parent)
        values = [value(p) for p in parts]
        if whole is None or any(v is None for v in values):
            continue
        total = sum(v for v in values if v is not None)
        if total != whole:
            problems.append(
                f"round {row.get('number', '?')}: {parent} is {whole} "
                f"but {parts[0]}..{parts[-1]} add up to {total}"
            )
    return problems
