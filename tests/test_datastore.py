"""``crs data update`` / ``crs data status`` / ``crs rounds --new`` against a real local server.

Each test points ``CRS_DATA_DIR`` at a folder of its own, serves a feed from
``tests/feedserver.py`` on 127.0.0.1 and fetches it as from IRCC's site.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import crs
from crs import datastore
from crs.cli import main
from crs.draws import get_round, rounds
from crs.placement import place
from crs.pool import pool_distribution, standing
from feedserver import closed_port, encode, sample, serve, with_new_round

ROOT = Path(__file__).resolve().parent.parent
PHYSICIAN: dict[str, Any] = {
    "date_of_birth": "1988-03-01",
    "education": "masters",
    "first_language": {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9},
    "work_history": [{"noc": "31102", "start": "2024-09-19", "hours_per_week": 40}],
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty data directory of this test's own, read afresh before and after."""
    monkeypatch.setenv("CRS_DATA_DIR", str(tmp_path / "data"))
    datastore.reload()
    yield tmp_path / "data"
    monkeypatch.undo()
    datastore.reload()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_nothing_downloaded_means_the_bundled_data(folder: Path) -> None:
    current = datastore.status()
    assert (current.origin, current.newest_round) == ("bundled", "447")
    assert current.downloaded_round is None
    assert current.folder == folder
    assert not folder.exists(), "status never creates the folder"


def test_data_dir_follows_the_platform_without_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CRS_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert datastore.data_dir() == tmp_path / "xdg" / "crs"
    assert Path(crs.__file__).parent not in datastore.data_dir().parents


def test_a_new_round_is_fetched_kept_and_used(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve({"/ee_rounds_123_en.json": encode(with_new_round())}) as base:
        code, out, err = run(
            ["data", "update", "--source", f"{base}/ee_rounds_123_en.json"], capsys
        )
    assert (code, err) == (0, "")
    assert "rounds: 1 added, 0 changed" in out
    assert "  added #448" in out
    assert "newest round #448 on 2026-11-20" in out
    assert sorted(p.name for p in folder.iterdir()) == [
        "pool_distribution.csv",
        "rounds.csv",
        "state.json",
    ]
    new = get_round(448)
    assert (new.date, new.crs_cutoff, new.category) == (dt.date(2026, 11, 20), 171, "physicians")
    assert len(rounds()) == 449
    assert pool_distribution(448) is not None
    assert datastore.status().origin == "downloaded"
    # A round not in the bundle, placed: the physician is invited in it.
    result = place(crs.load_profile(PHYSICIAN), category="physicians").result("448")
    assert (result.eligible, result.invited) == (True, True)
    # crs rounds --new lists exactly what the update added; every output names the data.
    code, out, _ = run(["rounds", "--new", "--on", "2026-11-25"], capsys)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[3:4]] == ["448"]
    assert "1 rounds of invitations" in out or "1 round of invitations" in out
    assert "Rounds data: downloaded" in out
    assert "newest round #448 on 2026-11-20" in out
    code, out, _ = run(["data", "status", "--on", "2026-11-25", "--format", "json"], capsys)
    status = json.loads(out)
    assert (status["origin"], status["newest_round"], status["age_days"]) == (
        "downloaded",
        "448",
        5,
    )
    assert status["added"] == ["448"]


def test_a_corrected_round_replaces_the_bundled_value(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = sample()
    corrected = next(r for r in document["rounds"] if r["drawNumber"] == "432")
    before = get_round(432).crs_cutoff
    corrected["drawCRS"] = str(before + 3)
    with serve({"/feed.json": encode(document)}) as base:
        code, out, _ = run(["data", "update", "--source", f"{base}/feed.json"], capsys)
    assert code == 0
    assert f"changed #432 crs_cutoff: '{before}' -> '{before + 3}'" in out
    assert get_round(432).crs_cutoff == before + 3
    assert datastore.status().origin == "downloaded", "a tie in newest round: the corrections win"
    assert datastore.status().added == ()


def test_a_malformed_feed_is_refused_whole_and_the_old_data_kept(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve({"/good.json": encode(with_new_round())}) as base:
        assert run(["data", "update", "--source", f"{base}/good.json"], capsys)[0] == 0
    kept = {p.name: p.read_bytes() for p in folder.iterdir()}
    bad = with_new_round("449", "2026-11-27")
    bad["rounds"][0]["drawCRS"] = "about 500"  # one bad round among good ones
    cases = (
        (encode(bad), "round 449: drawCRS: 'about 500' is not a whole number"),
        (b"<html>maintenance</html>", "not a JSON document"),
        (encode({"rounds": "none"}), 'expected a JSON object with a "rounds" list'),
    )
    for body, why in cases:
        with serve({"/bad.json": body}) as base:
            code, out, err = run(["data", "update", "--source", f"{base}/bad.json"], capsys)
        assert (code, out) == (1, "")
        assert err.startswith("crs data update: error: the feed from ")
        assert "was refused, nothing changed" in err
        assert why in err
        assert "Traceback" not in err
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == kept
        assert datastore.status().newest_round == "448"


@pytest.mark.parametrize(
    ("cutoff", "why"),
    [
        ("about 500", r"round 449: drawCRS: 'about 500' is not a whole number"),
        # A typo past the grid's maximum would place every client below the round.
        ("5,010", r"round 449 has a CRS cut-off of 5010, outside 0 to 1,200"),
        ("1201", r"round 449 has a CRS cut-off of 1201, outside 0 to 1,200"),
    ],
)
def test_one_bad_round_names_itself(folder: Path, cutoff: str, why: str) -> None:
    bad = with_new_round("449", "2026-11-27")
    bad["rounds"][0]["drawCRS"] = cutoff
    with (
        serve({"/bad.json": encode(bad)}) as base,
        pytest.raises(datastore.DataUpdateError, match=why),
    ):
        datastore.update(f"{base}/bad.json")
    assert not folder.exists()


@pytest.mark.parametrize("failure", ["refused", "404", "missing file"])
def test_a_network_failure_is_one_clear_line_and_exit_1(
    folder: Path, capsys: pytest.CaptureFixture[str], failure: str, tmp_path: Path
) -> None:
    if failure == "refused":
        code, out, err = run(
            ["data", "update", "--source", f"http://127.0.0.1:{closed_port()}/feed.json"], capsys
        )
        assert "cannot fetch http://127.0.0.1:" in err
        assert "refused" in err.lower()
    elif failure == "404":
        with serve({}) as base:
            code, out, err = run(["data", "update", "--source", f"{base}/feed.json"], capsys)
        assert "HTTP 404" in err
    else:
        code, out, err = run(["data", "update", "--source", str(tmp_path / "nope.json")], capsys)
        assert "cannot read" in err
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1
    assert not folder.exists()
    assert datastore.status().origin == "bundled"


def test_a_local_file_works_as_a_source(folder: Path, tmp_path: Path) -> None:
    feed = tmp_path / "ee_rounds_123_en.json"
    feed.write_bytes(encode(with_new_round()))
    done = datastore.update(feed)
    assert done.added == ("448",)
    assert "Read " in done.to_text()


def test_bundled_data_newer_than_the_download_wins(folder: Path) -> None:
    document = sample()
    document["rounds"] = [r for r in document["rounds"] if r["drawNumber"] != "447"]
    folder.mkdir(parents=True)
    # An old download: the bundled rows up to #446 only.
    from crs._csvdata import data_text, read_csv
    from crs._feed import ROUND_COLUMNS
    from crs._feedmerge import write_csv

    rows = [r for r in read_csv(data_text("rounds.csv")) if r["number"] != "447"]
    (folder / "rounds.csv").write_text(write_csv(rows, ROUND_COLUMNS), "utf-8")
    pools = data_text("pool_distribution.csv").splitlines(keepends=True)
    number = pools[0].split(",").index("number")
    kept = [pools[0], *(line for line in pools[1:] if line.split(",")[number] != "447")]
    (folder / "pool_distribution.csv").write_text("".join(kept), "utf-8")
    datastore.reload()
    current = datastore.status()
    assert (current.origin, current.newest_round) == ("bundled", "447")
    assert current.downloaded_round == ("446", dt.date(2026, 9, 29))
    assert current.problem == "the bundled data is newer"
    assert "not used: the bundled data is newer" in current.to_text("2026-10-02")


def test_unreadable_download_falls_back_to_the_bundle(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "rounds.csv").write_text("number,date\n", "utf-8")
    (folder / "pool_distribution.csv").write_text("", "utf-8")
    datastore.reload()
    current = datastore.status()
    assert current.origin == "bundled"
    assert current.problem is not None
    assert current.problem.startswith("cannot be read")


@pytest.mark.parametrize(
    ("name", "row", "why"),
    [
        ("rounds.csv", "450,2026-10-25\n", "rounds.csv, line 451: 2 cells, 15 expected)"),
        ("pool_distribution.csv", "1,2,3\n", "pool_distribution.csv, line 233: 3 cells, 22 "),
    ],
)
def test_a_short_row_in_the_download_is_not_a_crash_and_an_update_repairs_it(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str, row: str, why: str
) -> None:
    """A file cut short or edited by hand: the bundle is used, and the data can be updated."""
    with serve({"/good.json": encode(with_new_round())}) as base:
        assert run(["data", "update", "--source", f"{base}/good.json"], capsys)[0] == 0
        with (folder / name).open("a", encoding="utf-8") as file:
            file.write(row)
        datastore.reload()
        code, out, err = run(["data", "status"], capsys)
        assert (code, err) == (0, "")
        assert f"not used: cannot be read ({why}" in out
        assert get_round("397").crs_cutoff == 169
        code, out, err = run(["rounds", "--since", "2026-09-01"], capsys)
        assert code == 0
        assert "internal error" not in err
        code, out, err = run(["data", "update", "--source", f"{base}/good.json"], capsys)
        assert (code, err) == (0, "")
    datastore.reload()
    assert datastore.status().origin == "downloaded"
    assert datastore.status().problem is None


def test_data_status_on_a_day_before_the_newest_round_says_so(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = run(["data", "status", "--on", "2026-09-20"], capsys)
    assert code == 0
    assert "448 rounds; the newest was held 11 days after 2026-09-20." in out


def test_staleness_notice_after_21_days(folder: Path) -> None:
    assert datastore.stale_notice("2026-10-22") is None  # 21 days after #447
    notice = datastore.stale_notice("2026-10-23")
    assert notice == (
        "Rounds data may be out of date: the newest known round is #447 on 2026-10-01, "
        "22 days before 2026-10-23. Refresh it with: crs data update"
    )
    assert place(crs.load_profile(PHYSICIAN), until="2026-10-23").notice == notice
    assert place(crs.load_profile(PHYSICIAN), until="2026-10-22").notice is None
    assert standing(450, "2026-10-23").notice == notice
    assert notice in standing(450, "2026-10-23").to_text()
    assert notice in place(crs.load_profile(PHYSICIAN), until="2026-10-23").to_text()
    assert "crs data update" not in standing(450, "2026-10-01").to_text()


def test_the_command_line_says_it_once(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = ROOT / "examples" / "profile.json"
    code, out, _ = run(
        ["rounds", str(profile), "--since", "2026-09-01", "--on", "2026-11-25"], capsys
    )
    assert code == 0
    assert out.count("Refresh it with: crs data update") == 1
    assert out.rstrip().endswith(
        f"Rounds data: bundled with crs {crs.__version__}, newest round #447 on 2026-10-01."
    )


def test_an_installed_copy_updates_without_the_repository(folder: Path, tmp_path: Path) -> None:
    """Only the package (no tools/, no scripts/) on the path: the update works, no clone needed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CRS_DATA_DIR": str(tmp_path / "own")}
    with serve({"/f.json": encode(with_new_round())}) as base:
        done = subprocess.run(
            [sys.executable, "-m", "crs", "data", "update", "--source", f"{base}/f.json"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
    assert done.returncode == 0, done.stderr
    assert "added #448" in done.stdout
    assert (tmp_path / "own" / "rounds.csv").is_file()


def test_a_round_dated_after_today_is_refused(folder: Path, tmp_path: Path) -> None:
    """A drawDate typo in the future would make the data look fresh for months: refused whole."""
    ahead = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=200)
    day = ahead.replace(day=min(ahead.day, 20)).isoformat()
    feed = tmp_path / "future.json"
    feed.write_bytes(encode(with_new_round("449", day)))
    with pytest.raises(datastore.DataUpdateError, match=rf"round 449 is dated {day}, after today"):
        datastore.update(feed)
    assert not folder.exists()
    assert datastore.status().origin == "bundled"


def test_a_downloaded_file_spoilt_afterwards_falls_back_to_the_bundle(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row that no longer reads (a cut-off of ``abc``): status says so, commands still answer."""
    feed = tmp_path / "feed.json"
    feed.write_bytes(encode(with_new_round()))
    datastore.update(feed)
    rows = (folder / "rounds.csv").read_text("utf-8").splitlines()
    header = rows[0].split(",")
    spoilt = rows[1].split(",")
    spoilt[header.index("crs_cutoff")] = "abc"
    (folder / "rounds.csv").write_text("\n".join([rows[0], ",".join(spoilt), *rows[2:]]) + "\n")
    datastore.reload()
    current = datastore.status()
    assert current.origin == "bundled"
    assert current.problem is not None
    assert current.problem.startswith("cannot be read")
    code, out, err = run(["rounds", "--since", "2026-09-01", "--on", "2026-11-25"], capsys)
    assert (code, err) == (0, "")
    assert "internal error" not in out
