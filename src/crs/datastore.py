"""Fresh rounds data for an installed copy: download IRCC's feed, keep it, use the newer data.

The rounds and pool distributions ship with the package (``crs/data``), and IRCC
holds several rounds a month, so an installed copy is soon behind.
:func:`update` (the command ``crs data update``) downloads IRCC's public rounds
feed, ``ee_rounds_123_en.json`` (:data:`FEED_URL`), with the standard library,
merges it into the data in use with the reader the maintainer's updater uses
(:func:`crs._feedmerge.merge_feed`), checks every merged row with the very readers
that load the bundled data (:mod:`crs.draws`, :mod:`crs.pool`), and only then
stores the two files in the user's data directory (:func:`data_dir`).  A feed
that cannot be read whole is refused whole: nothing is written, and the data
in use stays as it was.

From then on every call (:func:`crs.rounds`, :func:`crs.place`,
:func:`crs.standing` ...) reads the newer of the bundled and the downloaded
data: the one whose newest round is later (the downloaded data on a tie, as it
carries IRCC's corrections).  :func:`status` says which is in use and how old
it is.  Nothing here touches the network unless :func:`update` is called.

>>> status().origin in ("bundled", "downloaded")
True
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import attrs

from crs._csvdata import FeedError, read_csv, round_sort_key
from crs._csvdata import data_text as bundled_text
from crs._datadir import _FILES, _STATE, ENVIRONMENT_VARIABLE, _newest, _read_state, data_dir
from crs._feed import FEED_URL
from crs._feedmerge import UpdateReport, merge_feed
from crs._version import __version__
from crs.errors import CRSError

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "FEED_URL",
    "REFRESH_COMMAND",
    "STALE_AFTER_DAYS",
    "DataStatus",
    "DataUpdateError",
    "Update",
    "data_dir",
    "data_text",
    "reload",
    "stale_notice",
    "status",
    "update",
]

REFRESH_COMMAND = "crs data update"
"""The command that refreshes the rounds data, as notices name it."""

STALE_AFTER_DAYS = 21
"""A notice is given when the newest known round is more than this many days before the date
asked about: IRCC has held rounds every two to three weeks at most since 2015."""

_TIMEOUT = 30.0


class DataUpdateError(CRSError):
    """The rounds data could not be refreshed: the feed could not be fetched or read.

    Nothing was written: the data in use is the data that was in use before.
    """


@attrs.frozen
class DataStatus:
    """Which rounds data is in use, and how old it is.

    Attributes:
        origin: ``"bundled"`` (shipped with the package) or ``"downloaded"``.
        newest_round: The number of the newest round in the data in use.
        newest_date: Its date.
        rounds: How many rounds the data in use holds.
        bundled_round: The newest round of the bundled data, and its date.
        downloaded_round: The newest round of the downloaded data and its date,
            or None when nothing was downloaded (or it cannot be read).
        folder: The data directory (:func:`data_dir`).
        updated_at: When the downloaded data was fetched (UTC), or None.
        source: Where it was fetched from, or None.
        added: The rounds the last update added, oldest first.
        problem: Why downloaded data in the folder is not used, or None.
    """

    origin: str
    newest_round: str
    newest_date: dt.date
    rounds: int
    bundled_round: tuple[str, dt.date]
    downloaded_round: tuple[str, dt.date] | None
    folder: Path
    updated_at: dt.datetime | None = None
    source: str | None = None
    added: tuple[str, ...] = ()
    problem: str | None = None

    def age(self, on: dt.date | str | None = None) -> int:
        """Days from the newest round to ``on`` (default: today)."""
        from crs._dates import as_date

        return (as_date(on) - self.newest_date).days

    def note(self) -> str:
        """One line: which data is in use and its newest round, as outputs end."""
        where = (
            f"bundled with crs {__version__}"
            if self.origin == "bundled"
            else f"downloaded {self.updated_at:%Y-%m-%d}"
            if self.updated_at is not None
            else "downloaded"
        )
        return f"Rounds data: {where}, newest round #{self.newest_round} on {self.newest_date}."

    def to_json(self) -> dict[str, Any]:
        """The status as JSON-ready data."""

        def pair(value: tuple[str, dt.date] | None) -> dict[str, str] | None:
            return None if value is None else {"number": value[0], "date": value[1].isoformat()}

        return {
            "origin": self.origin,
            "newest_round": self.newest_round,
            "newest_date": self.newest_date.isoformat(),
            "rounds": self.rounds,
            "bundled": pair(self.bundled_round),
            "downloaded": pair(self.downloaded_round),
            "folder": str(self.folder),
            "updated_at": None
            if self.updated_at is None
            else self.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": self.source,
            "added": list(self.added),
            "problem": self.problem,
        }

    def to_text(self, on: dt.date | str | None = None) -> str:
        """A few lines for ``crs data status``: what is in use, how old, where it is kept."""
        from crs._dates import as_date

        age = self.age(on)
        if age >= 0:
            lines = [self.note(), f"{self.rounds} rounds; {age} days since the newest."]
        else:  # a day before the newest round: that round had not been held yet
            lines = [
                self.note(),
                f"{self.rounds} rounds; the newest was held {-age} days after {as_date(on)}.",
            ]
        number, day = self.bundled_round
        lines.append(f"Bundled data: newest round #{number} on {day}.")
        problem = self.problem
        if self.downloaded_round is None and problem:  # files there, but unreadable
            lines.append(f"Downloaded data in {self.folder} not used: {problem}")
            problem = None
        elif self.downloaded_round is None:
            lines.append(f"Downloaded data: none in {self.folder}.")
        else:
            number, day = self.downloaded_round
            lines.append(f"Downloaded data: newest round #{number} on {day}, in {self.folder}")
            if self.source:
                lines.append(f"  fetched from {self.source}")
        if problem:
            lines.append(f"Downloaded data not used: {problem}")
        notice = stale_notice(on)
        if notice:
            lines.append(notice)
        return "\n".join(lines) + "\n"


@attrs.frozen
class _Chosen:
    status: DataStatus
    texts: dict[str, str]


@functools.cache
def _chosen() -> _Chosen:
    folder = data_dir()
    bundled = {name: bundled_text(name) for name in _FILES}
    b_number, b_date, b_count = _newest(bundled["rounds.csv"])
    downloaded: dict[str, str] | None = None
    newest: tuple[str, dt.date, int] | None = None
    problem = None
    if all((folder / name).is_file() for name in _FILES):
        try:
            downloaded = {name: (folder / name).read_text(encoding="utf-8") for name in _FILES}
            newest = _newest(downloaded["rounds.csv"])
            _check(downloaded)  # every row, as the commands will read it (a file cut short)
        except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
            downloaded, problem = None, f"cannot be read ({exc})"
    state = _read_state(folder)
    use = (
        downloaded is not None
        and newest is not None
        and (newest[1], round_sort_key(newest[0])) >= (b_date, round_sort_key(b_number))
    )
    if downloaded is not None and newest is not None and not use:
        problem = "the bundled data is newer"
    updated = state.get("updated_at")
    common: dict[str, Any] = {
        "bundled_round": (b_number, b_date),
        "downloaded_round": None if newest is None else newest[:2],
        "folder": folder,
        "updated_at": dt.datetime.fromisoformat(updated.replace("Z", "+00:00"))
        if isinstance(updated, str)
        else None,
        "source": state.get("source"),
        "added": tuple(state.get("added", ())),
        "problem": problem,
    }
    if use and downloaded is not None and newest is not None:
        return _Chosen(DataStatus("downloaded", *newest, **common), downloaded)
    return _Chosen(DataStatus("bundled", b_number, b_date, b_count, **common), bundled)


def data_text(name: str) -> str:
    """The text of ``rounds.csv`` or ``pool_distribution.csv`` in use (the newer copy)."""
    return _chosen().texts[name]


def status() -> DataStatus:
    """Which rounds data is in use (bundled or downloaded), its newest round, where it is kept."""
    return _chosen().status


def reload() -> None:
    """Forget the data read so far: the next call reads the data directory again.

    :func:`update` calls it; call it after changing ``CRS_DATA_DIR`` in a running program.
    """
    _chosen.cache_clear()


def stale_notice(on: dt.date | str | None = None) -> str | None:
    """A sentence when the newest known round is more than 21 days before ``on``, else None.

    Args:
        on: The date asked about (a date or ``YYYY-MM-DD``; default: today).

    Returns:
        E.g. ``"Rounds data may be out of date: the newest known round is #447 on
        2026-10-01, 59 days before 2026-11-29. Refresh it with: crs data update"``.
    """
    from crs._dates import as_date

    day = as_date(on)
    current = status()
    days = (day - current.newest_date).days
    if days <= STALE_AFTER_DAYS:
        return None
    return (
        f"Rounds data may be out of date: the newest known round is #{current.newest_round} "
        f"on {current.newest_date}, {days} days before {day}. "
        f"Refresh it with: {REFRESH_COMMAND}"
    )


@attrs.frozen
class Update:
    """What :func:`update` did.

    Attributes:
        report: The rounds and pool distributions added and changed, and warnings.
        status: The data in use after the update.
        source: Where the feed was read from.
    """

    report: UpdateReport
    status: DataStatus
    source: str

    @property
    def added(self) -> tuple[str, ...]:
        """The numbers of the rounds added, oldest first."""
        return self.report.rounds.added

    def to_text(self) -> str:
        """What changed, in lines, and the data now in use."""
        lines = [f"Read {self.source}", *self.report.lines(), self.status.note()]
        return "\n".join(lines) + "\n"


def _fetch(source: str, timeout: float) -> bytes:
    if "://" not in source:
        try:
            return Path(source).expanduser().read_bytes()
        except OSError as exc:
            raise DataUpdateError(f"cannot read {source}: {exc.strerror or exc}") from exc
    request = urllib.request.Request(
        source, headers={"User-Agent": f"crs-calculator/{__version__}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as exc:
        raise DataUpdateError(f"cannot fetch {source}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise DataUpdateError(f"cannot fetch {source}: {exc.reason}") from exc
    except (OSError, ValueError) as exc:  # timeouts, resets, a malformed URL
        raise DataUpdateError(f"cannot fetch {source}: {exc}") from exc


def _check(texts: dict[str, str], today: dt.date | None = None) -> None:
    """Read the merged files with the readers of the bundled data: any failure refuses them.

    A round dated after ``today`` (the day of the update, in UTC; a day later
    allowed for the time zones) cannot have been held: a date typo such as
    IRCC's #357 would otherwise make the data look fresh for months.
    """
    from crs.draws import _round_from_row
    from crs.pool import _pool_from_row

    numbers = set()
    latest = dt.date.max if today is None else today + dt.timedelta(days=1)
    for row in read_csv(texts["rounds.csv"], "rounds.csv"):
        found = _round_from_row(row)
        if found.date > latest:
            raise FeedError(f"round {found.number} is dated {found.date}, after today ({today})")
        numbers.add(found.number)
    for row in read_csv(texts["pool_distribution.csv"], "pool_distribution.csv"):
        pool = _pool_from_row(row)
        if pool.round_number not in numbers:
            raise FeedError(f"a pool distribution names round {pool.round_number}, not in the feed")


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, text in files.items():
            handle, where = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
            with os.fdopen(handle, "wb") as out:
                out.write(text.encode("utf-8"))
            staged.append((name, Path(where)))
        for name, temporary in staged:
            os.replace(temporary, folder / name)
    finally:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)


def update(source: str | os.PathLike[str] | None = None, *, timeout: float = _TIMEOUT) -> Update:
    """Download IRCC's rounds feed, check it, and keep the merged data in :func:`data_dir`.

    The feed is merged into the data in use (so a round the feed no longer lists is
    kept), every merged row is read by the readers of the bundled data, and the
    files are replaced only when all of them read.

    Args:
        source: A URL (``https://``, ``http://``, ``file://``) or a local file of the
            feed (default: :data:`FEED_URL`).
        timeout: Seconds to wait for the server.

    Returns:
        What was added and changed, and the data now in use.

    Raises:
        DataUpdateError: If the feed cannot be fetched or read; nothing is written then.
    """
    where = FEED_URL if source is None else os.fspath(source)
    body = _fetch(where, timeout)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    label = f"{where} (read {now:%Y-%m-%d})"
    try:
        report, rounds_text, pools_text = merge_feed(
            body, data_text("rounds.csv"), data_text("pool_distribution.csv"), source=label
        )
        files = {"rounds.csv": rounds_text, "pool_distribution.csv": pools_text}
        _check(files, now.date())
    except (FeedError, ValueError, KeyError) as exc:
        raise DataUpdateError(f"the feed from {where} was refused, nothing changed: {exc}") from exc
    state = {
        "source": where,
        "updated_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "added": list(report.rounds.added),
        "changed": [str(change) for change in report.rounds.changed],
    }
    folder = data_dir()
    try:
        _write(folder, {**files, _STATE: json.dumps(state, indent=2) + "\n"})
    except OSError as exc:
        raise DataUpdateError(f"cannot write to {folder}: {exc.strerror or exc}") from exc
    reload()
    return Update(report, status(), where)
