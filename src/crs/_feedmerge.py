"""Merging IRCC's rounds feed into rounds and pool data: what was added, what changed.

:func:`merge_feed` reads a feed (:func:`crs._feed.load_feed`), turns its records
into rows (:func:`crs._feed.round_row`, :func:`crs._feed.pool_row`), merges them
with the data in use and checks every merged row with the readers of the bundled
data, so a feed is accepted whole or not at all.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from crs._csvdata import FeedError, read_csv, round_sort_key
from crs._feed import (
    POOL_COLUMNS,
    ROUND_COLUMNS,
    load_feed,
    pool_inconsistencies,
    pool_row,
    round_row,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = ["Change", "MergeResult", "UpdateReport", "merge_feed", "merge_rows", "write_csv"]


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
        # A tie-break is a moment profiles were submitted by: before the round was held.
        tie, last = row["tie_breaking_utc"], held or f"{date.fromordinal(drawn.toordinal() + 1)}"
        if tie and tie > last:
            out.append(
                f"round {row['number']}: tie-breaking time {record.get('drawCutOff', '')!r} "
                f"is after the round ({held or row['date']}) (kept as published)"
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
    rounds = merge_rows(read_csv(rounds_text, "rounds.csv"), round_rows, columns=ROUND_COLUMNS)
    pools = merge_rows(
        read_csv(pools_text, "pool_distribution.csv"), pool_rows, columns=POOL_COLUMNS
    )
    report = UpdateReport(rounds, pools, tuple(warnings))
    return report, write_csv(rounds.rows, ROUND_COLUMNS), write_csv(pools.rows, POOL_COLUMNS)
