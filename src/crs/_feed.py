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

import csv
import io
import json
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from crs._csvdata import (
    BAND_COLUMNS,
    FeedError,
    classify_name,
    current_name,
    parse_programs,
    read_csv,
    round_sort_key,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "FEED_URL",
    "POOL_COLUMNS",
    "ROUND_COLUMNS",
    "Change",
    "FeedError",
    "MergeResult",
    "UpdateReport",
    "format_utc",
    "load_feed",
    "merge_feed",
    "merge_rows",
    "parse_count",
    "parse_long_date",
    "parse_timestamp",
    "pool_inconsistencies",
    "pool_row",
    "round_row",
    "write_csv",
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

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}

_ISO_STAMP = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[ T](?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})"
)
_TEXT_STAMP = re.compile(
    r"""
    ^(?P<month>[A-Za-z]+)\.?\s*
    (?P<day>\d{1,2})(?:st|nd|rd|th)?
    \s*[,.]?\s*
    (?P<year>\d{4})?
    \s*,?\s*(?:at\s+)?
    (?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})
    \s*(?P<ampm>[AP]\.?M\.?)?
    \s*(?:UTC|GMT|Z)?\.?$
    """,
    re.IGNORECASE | re.VERBOSE,
)
_TEXT_DATE = re.compile(
    r"^(?P<month>[A-Za-z]+)\.?\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*[,.]?\s*(?P<year>\d{4})?$",
    re.IGNORECASE,
)


def parse_count(text: str, *, field: str = "count") -> int:
    """Read a count written with thousands separators.

    Args:
        text: The feed's text, e.g. ``"1,085"`` or ``"27,332"``.
        field: The field name, for the error message.

    Returns:
        The count as an int.

    Raises:
        FeedError: If the text is not a whole number.
    """
    cleaned = re.sub(r"[,\s\u00a0\u202f]", "", text)
    if not cleaned.isdigit():
        raise FeedError(f"{field}: {text!r} is not a whole number")
    return int(cleaned)


def _month(name: str) -> int:
    month = _MONTHS.get(name[:3].lower())
    if month is None:
        raise FeedError(f"{name!r} is not a month name")
    return month


def _with_year(month: int, day: int, year: str | None, reference: date, *, past: bool) -> date:
    """Build the date, inferring a missing year from ``reference``.

    With ``past`` the date is the latest one not after ``reference`` (a tie-break
    time is always before its round); otherwise the one nearest to it.
    """
    if year is not None:
        return date(int(year), month, day)
    candidates: list[date] = []
    for offset in (-1, 0, 1):
        try:
            candidates.append(date(reference.year + offset, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    if not candidates:
        raise FeedError(f"{month}/{day} is not a date in any year near {reference}")
    if past:
        return max(c for c in candidates if c <= reference)
    return min(candidates, key=lambda c: abs((c - reference).days))


def parse_timestamp(text: str, *, reference: date, past: bool = False) -> datetime | None:
    """Read one of the feed's free-text UTC timestamps.

    Handles ``"February 02, 2023, at 15:12:01 UTC"``, ``"May 19,2022 06:48:41 UTC"``,
    ``"August 30. 2023 at 17:30:21 UTC"``, ``"July 3rd 2026 at 21:35:13 UTC"``,
    ``"June 22, 2021 at 20:19:59 PM UTC"`` (a 24-hour time with a stray PM),
    ``"September 30, 2023 at 04:22:17 AM UTC"``, a missing ``"UTC"`` (read as UTC,
    as in every other entry), runs of spaces, an embedded ISO date
    (``"at 2024-08-15 15:11:54 UTC"``, which wins over any text date), and a
    missing year (``"October 7 at 16:38:21 UTC"``), taken from ``reference``.

    Args:
        text: The feed's text.
        reference: The round's ``drawDate``, used only when the year is missing.
        past: The time cannot be after ``reference`` (tie-break times): a missing
            year is the latest that keeps it on or before ``reference``.

    Returns:
        An aware UTC datetime, or None for an empty text.

    Raises:
        FeedError: If the text is not empty and not a timestamp.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    try:
        iso = _ISO_STAMP.search(cleaned)
        if iso is not None:
            return datetime(
                int(iso["year"]),
                int(iso["month"]),
                int(iso["day"]),
                int(iso["h"]),
                int(iso["m"]),
                int(iso["s"]),
                tzinfo=timezone.utc,
            )
        match = _TEXT_STAMP.match(cleaned)
        if match is None:
            raise FeedError(f"{text!r} is not a timestamp")
        day = _with_year(
            _month(match["month"]), int(match["day"]), match["year"], reference, past=past
        )
        hour = int(match["h"])
        ampm = (match["ampm"] or "").replace(".", "").upper()
        if ampm == "PM" and hour < 12:
            hour += 12
        elif ampm == "AM" and hour == 12:
            hour = 0
        return datetime(
            day.year,
            day.month,
            day.day,
            hour,
            int(match["m"]),
            int(match["s"]),
            tzinfo=timezone.utc,
        )
    except ValueError as exc:
        if isinstance(exc, FeedError):
            raise
        raise FeedError(f"{text!r}: {exc}") from exc


def parse_long_date(text: str, *, reference: date | None = None) -> date | None:
    """Read a date written out, as in ``drawDistributionAsOn`` (``"August 3, 2026"``).

    Args:
        text: The feed's text; an ISO date (``2026-08-03``) is accepted too.
        reference: Supplies the year when the text has none (nearest to it).

    Returns:
        The date, or None for an empty text.

    Raises:
        FeedError: If the text is not empty and not a date.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
            return date.fromisoformat(cleaned)
        match = _TEXT_DATE.match(cleaned)
        if match is None or (match["year"] is None and reference is None):
            raise FeedError(f"{text!r} is not a date")
        return _with_year(
            _month(match["month"]),
            int(match["day"]),
            match["year"],
            reference or date.min,
            past=False,
        )
    except ValueError as exc:
        if isinstance(exc, FeedError):
            raise
        raise FeedError(f"{text!r}: {exc}") from exc


def format_utc(moment: datetime | None) -> str:
    """Write an aware datetime as ``YYYY-MM-DDTHH:MM:SSZ`` in UTC ("" for None)."""
    if moment is None:
        return ""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


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
        document: Any = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError(f"not a JSON document: {exc}") from exc
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


@attrs.frozen
class Change:
    """One field of an existing row that the feed gives differently.

    Attributes:
        number: The round number.
        column: The column name.
        old: The bundled value.
        new: The feed's value.
    """

    number: str
    column: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"#{self.number} {self.column}: {self.old!r} -> {self.new!r}"


@attrs.frozen
class MergeResult:
    """The rows after a merge, and what changed.

    Attributes:
        rows: Every row, sorted by date and then round number.
        added: Numbers of the rows that were not there before, in row order.
        changed: The fields the feed revised.
    """

    rows: tuple[dict[str, str], ...]
    added: tuple[str, ...]
    changed: tuple[Change, ...]


def _date_of(row: Mapping[str, str]) -> str:
    return row.get("date") or row.get("round_date") or ""


def merge_rows(
    existing: Iterable[Mapping[str, str]],
    incoming: Iterable[Mapping[str, str]],
    *,
    columns: Sequence[str],
) -> MergeResult:
    """Merge rows converted from the feed into the bundled rows.

    A round not yet bundled is added as it is.  For a bundled round, a column the
    feed gives (non-empty) replaces the bundled value; a column the feed leaves
    empty or does not carry keeps the bundled value: the ``source`` column, the
    pre-rename ``original_name`` of the early category rounds (a current feed
    already shows the new name), and any fact taken from elsewhere, such as a
    round time a feed copy did not give.  When a bundled row is revised, its
    ``source`` gains ``"; revised from <new source>"`` once.

    Args:
        existing: The bundled rows.
        incoming: Rows converted from the feed (:func:`round_row` or :func:`pool_row`).
        columns: The file's columns.

    Returns:
        The merged rows, sorted by date and round number, with what was added and changed.
    """
    merged: dict[str, dict[str, str]] = {row["number"]: dict(row) for row in existing}
    added: list[str] = []
    changed: list[Change] = []
    for new in incoming:
        number = new["number"]
        old = merged.get(number)
        if old is None:
            merged[number] = {column: new.get(column, "") for column in columns}
            added.append(number)
            continue
        revised = False
        for column in columns:
            value = new.get(column, "")
            if column == "source" or not value or value == old.get(column, ""):
                continue
            changed.append(Change(number, column, old.get(column, ""), value))
            old[column] = value
            revised = True
        note = f"; revised from {new.get('source', '')}"
        if revised and new.get("source") and not old.get("source", "").endswith(note):
            old["source"] = old.get("source", "") + note
    rows = sorted(merged.values(), key=lambda r: (_date_of(r), round_sort_key(r["number"])))
    order = {row["number"]: index for index, row in enumerate(rows)}
    return MergeResult(tuple(rows), tuple(sorted(added, key=order.__getitem__)), tuple(changed))


def write_csv(rows: Iterable[Mapping[str, str]], columns: Sequence[str]) -> str:
    """Write rows as the data files are written: a header, LF line ends, minimal quoting."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in columns})
    return buffer.getvalue()


@attrs.frozen
class UpdateReport:
    """What :func:`update_data_files` did, or would do.

    Attributes:
        rounds: The merge of ``rounds.csv``.
        pools: The merge of ``pool_distribution.csv``.
        warnings: Things in the feed worth a look that were kept as published
            (a round time on another day than the round, pool bands that do not
            add up).
    """

    rounds: MergeResult
    pools: MergeResult
    warnings: tuple[str, ...]

    def lines(self) -> list[str]:
        """Describe the update in readable lines."""
        out = [f"rounds: {len(self.rounds.added)} added, {len(self.rounds.changed)} changed"]
        out += [f"  added #{number}" for number in self.rounds.added]
        out += [f"  changed {change}" for change in self.rounds.changed]
        out.append(
            f"pool distributions: {len(self.pools.added)} added, {len(self.pools.changed)} changed"
        )
        out += [f"  added #{number}" for number in self.pools.added]
        out += [f"  changed {change}" for change in self.pools.changed]
        out += [f"warning: {warning}" for warning in self.warnings]
        return out


def _warnings(records: Sequence[Mapping[str, str]], rows: Sequence[Mapping[str, str]]) -> list[str]:
    out: list[str] = []
    for record, row in zip(records, rows, strict=True):
        held = row["round_datetime_utc"]
        drawn = date.fromisoformat(row["date"])
        # Rounds held late in the day (Ottawa time) are often stamped the next day in UTC.
        if held and abs((date.fromisoformat(held[:10]) - drawn).days) > 1:
            out.append(
                f"round {row['number']}: drawDateTime {record.get('drawDateTime', '')!r} "
                f"is more than a day from drawDate {row['date']} "
                "(kept as published; the round's date is drawDate)"
            )
        if row["pool_as_of"] and row["pool_as_of"] > row["date"]:
            out.append(
                f"round {row['number']}: pool as of {row['pool_as_of']} is after the round "
                f"({row['date']}) (kept as published)"
            )
    return out


def merge_feed(
    feed: str | Path | bytes,
    rounds_text: str,
    pools_text: str,
    *,
    source: str,
) -> tuple[UpdateReport, str, str]:
    """Merge a feed into the text of ``rounds.csv`` and ``pool_distribution.csv``.

    Args:
        feed: The path to a local copy of ``ee_rounds_123_en.json``, or its bytes.
        rounds_text: The current ``rounds.csv``.
        pools_text: The current ``pool_distribution.csv``.
        source: Where the feed copy comes from, written to the ``source`` column of
            new rows and noted on revised ones.

    Returns:
        What was added and changed (with warnings about the feed), and the new text
        of the two files.

    Raises:
        FeedError: If the feed cannot be read; then nothing is merged.
    """
    records = load_feed(feed)
    numbers = [record.get("drawNumber", "").strip() for record in records]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1}, key=round_sort_key)
    if duplicates:
        raise FeedError(f"the feed lists rounds {', '.join(duplicates)} more than once")
    round_rows = [round_row(record, source=source) for record in records]
    pool_rows = [
        row for row in (pool_row(record, source=source) for record in records) if row is not None
    ]
    warnings = _warnings(records, round_rows)
    for row in pool_rows:
        warnings.extend(pool_inconsistencies(row))
    rounds = merge_rows(read_csv(rounds_text), round_rows, columns=ROUND_COLUMNS)
    pools = merge_rows(read_csv(pools_text), pool_rows, columns=POOL_COLUMNS)
    report = UpdateReport(rounds, pools, tuple(warnings))
    return report, write_csv(rounds.rows, ROUND_COLUMNS), write_csv(pools.rows, POOL_COLUMNS)
