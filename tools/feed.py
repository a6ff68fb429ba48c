"""Merge a downloaded copy of IRCC's rounds feed into a checkout's bundled data files.

The feed is read by the package's own :mod:`crs._feed` (the reader ``crs data
update`` uses too), so the bundled data and a user's downloaded data are read
alike; this module only adds the maintainer's step of writing the merged files
into ``src/crs/data`` (run by ``scripts/update_rounds.py``).  Every name of
:mod:`crs._feed` is importable from here, as before.
"""

from __future__ import annotations

from pathlib import Path

from crs._csvdata import classify_name, current_name, parse_programs, read_csv, round_sort_key
from crs._feed import (
    FEED_URL,
    POOL_COLUMNS,
    ROUND_COLUMNS,
    FeedError,
    load_feed,
    pool_inconsistencies,
    pool_row,
    round_row,
)
from crs._feedmerge import Change, MergeResult, UpdateReport, merge_feed, merge_rows, write_csv
from crs._feedtext import format_utc, parse_count, parse_long_date, parse_timestamp

__all__ = [
    "FEED_URL",
    "POOL_COLUMNS",
    "ROUND_COLUMNS",
    "Change",
    "FeedError",
    "MergeResult",
    "UpdateReport",
    "classify_name",
    "current_name",
    "format_utc",
    "load_feed",
    "merge_feed",
    "merge_rows",
    "parse_count",
    "parse_long_date",
    "parse_programs",
    "parse_timestamp",
    "pool_inconsistencies",
    "pool_row",
    "read_csv",
    "round_row",
    "round_sort_key",
    "update_data_files",
    "write_csv",
]


def update_data_files(
    feed: str | Path | bytes,
    data_dir: str | Path,
    *,
    source: str,
    write: bool = True,
) -> UpdateReport:
    """Merge a downloaded feed into ``rounds.csv`` and ``pool_distribution.csv``.

    Args:
        feed: The path to a local copy of ``ee_rounds_123_en.json``, or its bytes.
        data_dir: The folder holding the two CSV files (``src/crs/data``).
        source: Where the feed copy comes from, written to the ``source`` column of
            new rows and noted on revised ones.
        write: Write the merged files; with False only report what would change.

    Returns:
        What was added and changed, and warnings about the feed.

    Raises:
        FeedError: If the feed cannot be read; nothing is written then.
    """
    folder = Path(data_dir)
    rounds_path = folder / "rounds.csv"
    pools_path = folder / "pool_distribution.csv"
    report, rounds_text, pools_text = merge_feed(
        feed,
        rounds_path.read_text(encoding="utf-8"),
        pools_path.read_text(encoding="utf-8"),
        source=source,
    )
    if write:
        rounds_path.write_bytes(rounds_text.encode("utf-8"))
        pools_path.write_bytes(pools_text.encode("utf-8"))
    return report
