r"""Refresh the bundled rounds data from a downloaded copy of IRCC's rounds feed.

Usage::

    curl -o ee_rounds_123_en.json \\
        https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json
    python scripts/update_rounds.py ee_rounds_123_en.json --dry-run
    python scripts/update_rounds.py ee_rounds_123_en.json

The script reads the local file only (it never downloads), merges the feed into
``src/crs/data/rounds.csv`` and ``src/crs/data/pool_distribution.csv``, and prints
the rounds it added, the fields it changed, and warnings about the feed.  The
work is done by ``tools.feed.update_data_files`` (``tools/`` is at the root of the
repository, not in the installed package).  The script puts the checkout's root
and its ``src`` first on the path, so it reads round names with the code of the
checkout whose data it writes.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
"""The root of this checkout."""
for _folder in (ROOT / "src", ROOT):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

from tools.feed import FEED_URL, FeedError, update_data_files  # noqa: E402 - needs ROOT on the path

if TYPE_CHECKING:
    from collections.abc import Sequence

DEFAULT_DATA_DIR = ROOT / "src" / "crs" / "data"
"""The package data folder of this checkout."""


def default_source(feed: Path, today: date) -> str:
    """Describe a local feed copy for the ``source`` column of new rows.

    Args:
        feed: The local copy of the feed.
        today: The date the copy is read.

    Returns:
        E.g. ``"IRCC ee_rounds_123_en.json (local copy feed.json, read 2026-11-25)"``.
    """
    return f"IRCC ee_rounds_123_en.json (local copy {feed.name}, read {today.isoformat()})"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 1 if the feed could not be read.
    """
    parser = argparse.ArgumentParser(
        prog="update_rounds.py",
        description=(
            "Merge a local copy of IRCC's rounds feed into the bundled rounds.csv and "
            f"pool_distribution.csv. Download the feed first from {FEED_URL}"
        ),
    )
    parser.add_argument("feed", type=Path, help="the downloaded ee_rounds_123_en.json")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="folder holding rounds.csv and pool_distribution.csv (default: %(default)s)",
    )
    parser.add_argument(
        "--source",
        help="text for the source column of new rows (default: names the file and today's date)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )
    args = parser.parse_args(argv)
    feed: Path = args.feed
    source: str = args.source or default_source(feed, date.today())
    try:
        report = update_data_files(feed, args.data_dir, source=source, write=not args.dry_run)
    except (FeedError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    if args.dry_run:
        print("dry run: nothing written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
