"""Read the bundled rounds data: its CSV text, round numbers, round names and program lists.

What :mod:`crs.draws` and :mod:`crs.pool` need to read ``rounds.csv`` and
``pool_distribution.csv``, and nothing else.  The updater that writes those
files from IRCC's feed (``tools/feed.py``, run by ``scripts/update_rounds.py``)
reads the feed's names with the same functions, so a name means the same thing
in the feed and in the bundled data.
"""

from __future__ import annotations

import csv
import io
import re
from importlib import resources
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "BAND_COLUMNS",
    "CATEGORY_PREFIXES",
    "CATEGORY_SLUGS",
    "CRS_MAXIMUM",
    "PROGRAM_CODES",
    "FeedError",
    "RoundName",
    "classify_name",
    "current_name",
    "data_text",
    "parse_programs",
    "read_csv",
    "round_sort_key",
]

CRS_MAXIMUM = 1200
"""The most a CRS score can be: 600 for the core human capital and spouse factors (A and
B), 100 for skill transferability (C) and 600 additional points (D).  Source: IRCC,
"Comprehensive Ranking System (CRS) criteria" (canada.ca, .../express-entry/
check-score/crs-criteria.html).  A round's cut-off above it is a typo in the data."""

BAND_COLUMNS: tuple[str, ...] = (
    "601-1200",
    "501-600",
    "451-500",
    "491-500",
    "481-490",
    "471-480",
    "461-470",
    "451-460",
    "401-450",
    "441-450",
    "431-440",
    "421-430",
    "411-420",
    "401-410",
    "351-400",
    "301-350",
    "0-300",
)
"""The score bands of the feed's ``dd1``..``dd17``, in that order (``dd18`` is the total)."""

PROGRAM_CODES: Mapping[str, str] = {
    "Canadian Experience Class": "cec",
    "Provincial Nominee Program": "pnp",
    "Federal Skilled Worker": "fsw",
    "Federal Skilled Trades": "fst",
}
"""Program names as the feed writes them (without a trailing "Program"), and their codes."""

CATEGORY_PREFIXES: tuple[tuple[str, str], ...] = (
    ("french", "french"),
    ("healthcare", "healthcare"),
    ("stem", "stem"),
    ("trade", "trades"),
    ("transport", "transport"),
    ("agriculture", "agriculture"),
    ("education", "education"),
    ("physicians", "physicians"),
    ("senior managers", "senior_managers"),
    ("researchers", "researchers"),
    ("skilled military", "military"),
)
"""How a category round's name begins (lower case), and the category slug it names."""

CATEGORY_SLUGS: tuple[str, ...] = tuple(slug for _, slug in CATEGORY_PREFIXES)
"""Every category slug a round can carry, in the order IRCC introduced them."""

_GENERAL_NAMES = frozenset({"no program specified", "general"})
_OLD_VERSION = re.compile(r"\((?P<year>\d{4})-(?P<n>\d+)\)$")
_VERSION = re.compile(r"(?:\((?P<paren>Version \d+)\)|(?P<dated>\d{4}-Version \d+))$")
_NUMBER = re.compile(r"^(?P<n>\d+)(?P<suffix>[a-z]?)$")


class FeedError(ValueError):
    """The feed, or a data file made from it, holds what cannot be read without guessing."""


def round_sort_key(number: str) -> tuple[int, str]:
    """Order round numbers as IRCC does: by number, then by the letter of a split round.

    Args:
        number: A round number as published, e.g. ``"12"`` or ``"91b"``.

    Returns:
        ``(91, "b")`` for ``"91b"``; ``(12, "")`` for ``"12"``.

    Raises:
        FeedError: If the number is not digits with an optional lower-case letter.
    """
    match = _NUMBER.match(number)
    if match is None:
        raise FeedError(f"round number {number!r} is not digits with an optional letter")
    return int(match["n"]), match["suffix"]


def parse_programs(text: str) -> tuple[str, ...]:
    """Read the programs a round covered from the feed's ``drawText2``.

    Args:
        text: E.g. ``"Federal Skilled Worker, Canadian Experience Class, Federal
            Skilled Trades and Provincial Nominee Program"`` or ``"Federal Skilled
            Worker Program, Canadian Experience Class and Federal Skilled Trades
            Program"``.

    Returns:
        The program codes in the order written, e.g. ``("fsw", "cec", "fst", "pnp")``.

    Raises:
        FeedError: If a part is not a known program.
    """
    codes: list[str] = []
    for part in re.split(r",\s*|\s+and\s+", " ".join(text.split())):
        name = part.strip()
        if not name:
            continue
        code = PROGRAM_CODES.get(name) or PROGRAM_CODES.get(name.removesuffix(" Program"))
        if code is None:
            raise FeedError(f"programs {text!r}: {name!r} is not a known program")
        if code not in codes:
            codes.append(code)
    return tuple(codes)


@attrs.frozen
class RoundName:
    """What a round's name says about it.

    Attributes:
        kind: ``"general"``, ``"program"`` or ``"category"``.
        program: The program code of a program round, else None.
        category: The category slug of a category round, else None.
        version: The category version, e.g. ``"Version 2"`` or ``"2026-Version 3"``.
    """

    kind: str
    program: str | None = None
    category: str | None = None
    version: str | None = None


def current_name(name: str) -> tuple[str, str | None]:
    """Apply IRCC's renaming of the early category rounds.

    The first category rounds were named after their instruments,
    ``"Healthcare occupations (2023-1)"`` and ``"French language proficiency
    (2024-1)"``; IRCC has since renamed all of them ``"... (Version 1)"``.

    Args:
        name: A ``drawName`` from any copy of the feed.

    Returns:
        The current name and the original one (None when the name is current).
    """
    cleaned = " ".join(name.split())
    match = _OLD_VERSION.search(cleaned)
    if match is None:
        return cleaned, None
    renamed = f"{cleaned[: match.start()]}(Version {match['n']})"
    return renamed, cleaned


def classify_name(name: str) -> RoundName:
    """Say what kind of round a (current) ``drawName`` is.

    Args:
        name: E.g. ``"No Program Specified"``, ``"Canadian Experience Class"``,
            ``"Trades Occupations, 2026-Version 3"``.

    Returns:
        The kind, program or category, and category version.

    Raises:
        FeedError: If the name is neither a general, a program nor a known category round.
    """
    cleaned, _ = current_name(name)
    lowered = cleaned.lower()
    if lowered in _GENERAL_NAMES:
        return RoundName("general")
    program = PROGRAM_CODES.get(cleaned)
    if program is not None:
        return RoundName("program", program=program)
    for prefix, slug in CATEGORY_PREFIXES:
        if lowered.startswith(prefix):
            match = _VERSION.search(cleaned)
            version = None if match is None else (match["paren"] or match["dated"])
            return RoundName("category", category=slug, version=version)
    raise FeedError(f"round name {name!r} is not a general, program or known category round")


def read_csv(text: str, name: str = "the file") -> list[dict[str, str]]:
    """Read a data file's text (``name``, for messages) into rows of strings.

    Raises:
        FeedError: If a row has fewer or more cells than the header names (a file
            cut short or edited by hand): no row is read with a cell made up.
    """
    reader = csv.DictReader(io.StringIO(text), restkey="\0")
    rows = []
    for row in reader:
        if "\0" in row or None in row.values():
            width = len(reader.fieldnames or ())
            cells = width - list(row.values()).count(None) + len(row.get("\0", ()))
            raise FeedError(f"{name}, line {reader.line_num}: {cells} cells, {width} expected")
        rows.append(dict(row))
    return rows


def data_text(name: str) -> str:
    """The text of the bundled data file ``crs/data/<name>``."""
    return (resources.files("crs") / "data" / name).read_text(encoding="utf-8")
