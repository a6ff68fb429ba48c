"""Tests of tools/feed.py (reading IRCC's rounds feed), crs._csvdata and the update script."""

from __future__ import annotations

import importlib.util
import json
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crs._csvdata import (
    FeedError,
    classify_name,
    current_name,
    parse_programs,
    read_csv,
    round_sort_key,
)
from tools.feed import (
    POOL_COLUMNS,
    ROUND_COLUMNS,
    Change,
    format_utc,
    load_feed,
    merge_rows,
    parse_count,
    parse_long_date,
    parse_timestamp,
    pool_inconsistencies,
    pool_row,
    round_row,
    update_data_files,
    write_csv,
)

if TYPE_CHECKING:
    from types import ModuleType

SAMPLE = Path(__file__).parent / "data" / "ee_rounds_sample.json"
SCRIPT = Path(__file__).parent.parent / "scripts" / "update_rounds.py"
SAMPLE_NUMBERS = [
    "447",
    "432",
    "397",
    "383",
    "357",
    "310",
    "291",
    "277",
    "244",
    "210",
    "208",
    "176",
    "91b",
    "91a",
    "7",
    "1",
]


def bundled_text(name: str) -> str:
    return (resources.files("crs") / "data" / name).read_text(encoding="utf-8")


def bundled(name: str) -> dict[str, dict[str, str]]:
    return {row["number"]: row for row in read_csv(bundled_text(name))}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled data files."""
    for name in ("rounds.csv", "pool_distribution.csv"):
        (tmp_path / name).write_bytes(bundled_text(name).encode("utf-8"))
    return tmp_path


def sample_records() -> list[dict[str, str]]:
    return load_feed(SAMPLE)


def without(rows: dict[str, str], *columns: str) -> dict[str, str]:
    return {k: v for k, v in rows.items() if k not in columns}


# --- small parsers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("779", 779), ("1,085", 1085), ("27,332", 27332), (" 229,904 ", 229904), ("0", 0)],
)
def test_parse_count_reads_thousands_separators(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "12a", "1.5", "-3"])
def test_parse_count_refuses_what_is_not_a_count(text: str) -> None:
    with pytest.raises(FeedError, match="drawSize"):
        parse_count(text, field="drawSize")


@given(st.integers(min_value=0, max_value=10**7))
def test_parse_count_round_trips_comma_formatting(n: int) -> None:
    assert parse_count(f"{n:,}") == n


@pytest.mark.parametrize(
    ("text", "round_date", "expected"),
    [
        ("January 03, 2026 at 03:25:14 UTC", "2026-02-19", "2026-01-03T03:25:14Z"),
        ("July 3rd 2026 at 21:35:13 UTC", "2026-08-05", "2026-07-03T21:35:13Z"),
        ("April 12th, 2026 at 04:32:26 UTC", "2026-08-31", "2026-04-12T04:32:26Z"),
        ("August 30. 2023 at 17:30:21 UTC", "2023-12-20", "2023-08-30T17:30:21Z"),
        ("May 19,2022 06:48:41 UTC", "2023-03-23", "2022-05-19T06:48:41Z"),
        ("February 18 2021 at 05:05:15 UTC", "2022-02-02", "2021-02-18T05:05:15Z"),
        ("December 09, 2022, at 10:49:57 UTC", "2023-02-01", "2022-12-09T10:49:57Z"),
        ("October 10, 2022 17:10:53 UTC", "2022-10-12", "2022-10-10T17:10:53Z"),
        ("June 22, 2021 at 20:19:59 PM UTC", "2021-11-24", "2021-06-22T20:19:59Z"),
        ("September 30, 2023 at 04:22:17 AM UTC", "2023-10-25", "2023-09-30T04:22:17Z"),
        ("March 05, 2025 at 05:10:48", "2025-12-08", "2025-03-05T05:10:48Z"),
        ("October 18, 2025 at  7:18:52 UTC", "2025-12-15", "2025-10-18T07:18:52Z"),
        ("April 13, 2026  at 23:10:05 UTC", "2026-04-27", "2026-04-13T23:10:05Z"),
        ("October 7 at 16:38:21 UTC", "2021-10-27", "2021-10-07T16:38:21Z"),
        ("December 30 at 10:00:00 UTC", "2022-01-05", "2021-12-30T10:00:00Z"),
        ("August 15, 2024 at 2024-08-15 15:11:54 UTC", "2024-08-15", "2024-08-15T15:11:54Z"),
        ("at 2024-08-15 15:11:54 UTC", "2024-08-15", "2024-08-15T15:11:54Z"),
        ("June 1, 2020 at 12:05:00 AM UTC", "2020-06-10", "2020-06-01T00:05:00Z"),
        ("June 1, 2020 at 1:05:00 PM UTC", "2020-06-10", "2020-06-01T13:05:00Z"),
    ],
)
def test_parse_timestamp_reads_every_tie_break_shape(
    text: str, round_date: str, expected: str
) -> None:
    parsed = parse_timestamp(text, reference=date.fromisoformat(round_date), past=True)
    assert parsed is not None
    assert parsed.tzinfo is not None
    assert parsed.utcoffset() == timezone.utc.utcoffset(None)
    assert format_utc(parsed) == expected


def test_parse_timestamp_without_year_and_not_past_takes_the_nearest_year() -> None:
    # A round held on 31 December whose time is stamped 1 January in UTC.
    parsed = parse_timestamp("January 1 at 00:00:01 UTC", reference=date(2015, 12, 31))
    assert parsed == datetime(2016, 1, 1, 0, 0, 1, tzinfo=timezone.utc)


def test_parse_timestamp_without_year_on_29_february_finds_the_leap_year() -> None:
    parsed = parse_timestamp("February 29 at 08:00:00 UTC", reference=date(2025, 3, 1), past=True)
    assert parsed == datetime(2024, 2, 29, 8, 0, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["", "   "])
def test_parse_timestamp_of_nothing_is_none(text: str) -> None:
    assert parse_timestamp(text, reference=date(2015, 1, 31)) is None


@pytest.mark.parametrize(
    "text",
    [
        "soon",
        "Smarch 3, 2020 at 10:00:00 UTC",
        "February 30, 2020 at 10:00:00 UTC",
        "February 30 at 10:00:00 UTC",
        "June 1, 2020 at 25:00:00 UTC",
        "June 1, 2020",
        "at 2024-13-15 15:11:54 UTC",
    ],
)
def test_parse_timestamp_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(FeedError):
        parse_timestamp(text, reference=date(2020, 6, 10))


@given(
    st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31)),
    st.sampled_from(
        [
            "{d:%B} {d.day}, {d.year} at {d:%H:%M:%S} UTC",
            "{d:%B} {d:%d}, {d.year}, at {d:%H:%M:%S} UTC",
            "{d:%B} {d:%d},{d.year} {d:%H:%M:%S} UTC",
            "{d:%B} {d.day}. {d.year} at {d.hour}:{d:%M:%S} UTC",
            "{d:%B} {d.day} {d.year} at {d:%H:%M:%S}",
        ]
    ),
)
def test_parse_timestamp_reads_back_what_the_feed_styles_write(d: datetime, style: str) -> None:
    moment = d.replace(microsecond=0, tzinfo=timezone.utc)
    parsed = parse_timestamp(style.format(d=moment), reference=moment.date())
    assert parsed == moment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("August 3, 2026", date(2026, 8, 3)),
        ("September 27, 2026", date(2026, 9, 27)),
        ("2026-02-15", date(2026, 2, 15)),
        ("May 9 2022", date(2022, 5, 9)),
        ("", None),
    ],
)
def test_parse_long_date(text: str, expected: date | None) -> None:
    assert parse_long_date(text) == expected


def test_parse_long_date_without_year_uses_the_reference() -> None:
    assert parse_long_date("December 30", reference=date(2022, 1, 2)) == date(2021, 12, 30)


@pytest.mark.parametrize("text", ["August 3", "3 August 2026", "August 32, 2026"])
def test_parse_long_date_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(FeedError):
        parse_long_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Federal Skilled Worker, Canadian Experience Class, Federal Skilled Trades and "
            "Provincial Nominee Program",
            ("fsw", "cec", "fst", "pnp"),
        ),
        (
            "Federal Skilled Worker Program, Canadian Experience Class and Federal Skilled "
            "Trades Program",
            ("fsw", "cec", "fst"),
        ),
        ("Canadian Experience Class", ("cec",)),
        ("Provincial Nominee Program", ("pnp",)),
        ("Federal Skilled Trades", ("fst",)),
    ],
)
def test_parse_programs(text: str, expected: tuple[str, ...]) -> None:
    assert parse_programs(text) == expected


def test_parse_programs_refuses_an_unknown_program() -> None:
    with pytest.raises(FeedError, match="Start-up Visa"):
        parse_programs("Canadian Experience Class and Start-up Visa")


def test_round_sort_key_orders_split_rounds_after_their_number() -> None:
    numbers = ["92", "91b", "9", "91a", "100"]
    assert sorted(numbers, key=round_sort_key) == ["9", "91a", "91b", "92", "100"]


@pytest.mark.parametrize("number", ["", "91A", "#91", "x"])
def test_round_sort_key_refuses_a_malformed_number(number: str) -> None:
    with pytest.raises(FeedError):
        round_sort_key(number)


# --- names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Healthcare occupations (2023-1)", "Healthcare occupations (Version 1)"),
        ("French language proficiency (2024-1)", "French language proficiency (Version 1)"),
        ("Transport occupations (2024-1)", "Transport occupations (Version 1)"),
    ],
)
def test_current_name_applies_the_version_1_renaming(old: str, new: str) -> None:
    assert current_name(old) == (new, old)


def test_current_name_leaves_current_names_alone() -> None:
    name = "Trades Occupations, 2026-Version 3"
    assert current_name(name) == (name, None)


def test_classify_name_agrees_with_every_bundled_row() -> None:
    for row in bundled("rounds.csv").values():
        name, original = current_name(row["original_name"] or row["round_type"])
        kind = classify_name(name)
        assert name == row["round_type"], row["number"]
        assert (original or "") == row["original_name"], row["number"]
        assert kind.kind == row["round_kind"], row["number"]
        assert (kind.program or kind.category or "") == row["category"], row["number"]
        assert (kind.version or "") == row["category_version"], row["number"]


@pytest.mark.parametrize(
    ("name", "category", "version"),
    [
        (
            "Researchers with Canadian Work Experience, 2026-Version 1",
            "researchers",
            "2026-Version 1",
        ),
        ("French-Language proficiency 2026-Version 2", "french", "2026-Version 2"),
        ("STEM occupations (2023-1)", "stem", "Version 1"),
        ("Education occupations", "education", None),
    ],
)
def test_classify_name_reads_category_and_version(
    name: str, category: str, version: str | None
) -> None:
    kind = classify_name(name)
    assert (kind.kind, kind.program, kind.category, kind.version) == (
        "category",
        None,
        category,
        version,
    )


def test_classify_name_refuses_an_unknown_round_type() -> None:
    with pytest.raises(FeedError, match="Start-up"):
        classify_name("Start-up Visa occupations (Version 1)")


# --- the feed document ----------------------------------------------------


def test_load_feed_reads_the_sample_newest_first() -> None:
    records = sample_records()
    assert [r["drawNumber"] for r in records] == SAMPLE_NUMBERS
    assert records[0]["drawSize"] == "3,500"


def test_load_feed_accepts_bytes_with_a_byte_order_mark_and_nulls() -> None:
    document = {"classes": "wb-tables", "rounds": [{"drawNumber": "1", "drawCutOff": None}]}
    records = load_feed(b"\xef\xbb\xbf" + json.dumps(document).encode("utf-8"))
    assert records == [{"drawNumber": "1", "drawCutOff": ""}]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"<html>", "not a JSON document"),
        (b"[]", "rounds"),
        (b'{"rounds": {}}', "rounds"),
        (b'{"rounds": ["1"]}', r"rounds\[0\]"),
    ],
)
def test_load_feed_refuses_other_documents(raw: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        load_feed(raw)


def test_converting_the_sample_gives_the_bundled_rows() -> None:
    """Round trip: the feed's values of these rounds are the bundled facts."""
    rounds = bundled("rounds.csv")
    pools = bundled("pool_distribution.csv")
    converted_pools = 0
    for record in sample_records():
        row = round_row(record, source="test")
        assert list(row) == list(ROUND_COLUMNS)
        assert without(row, "source") == without(rounds[row["number"]], "source")
        pool = pool_row(record, source="test")
        if row["number"] in pools:
            assert pool is not None
            assert list(pool) == list(POOL_COLUMNS)
            assert without(pool, "source") == without(pools[row["number"]], "source")
            converted_pools += 1
        else:
            assert pool is None
    assert converted_pools == 9


def test_round_row_handles_the_quirks() -> None:
    rows = {r["drawNumber"]: round_row(r, source="test") for r in sample_records()}
    assert rows["176"]["invitations"] == "27332"
    assert rows["208"]["tie_breaking_utc"] == "2021-10-07T16:38:21Z"  # no year in the feed
    assert rows["383"]["tie_breaking_utc"] == "2025-03-05T05:10:48Z"  # no "UTC" in the feed
    assert rows["310"]["round_datetime_utc"] == "2024-08-15T15:11:54Z"  # ISO inside the text
    assert rows["357"]["date"] == "2025-07-22"  # drawDate wins over the typo in drawDateTime
    assert rows["357"]["round_datetime_utc"] == "2025-07-12T16:27:45Z"
    assert rows["7"]["round_datetime_utc"] == "2015-04-11T00:00:01Z"
    assert rows["1"]["tie_breaking"] == rows["1"]["tie_breaking_utc"] == ""
    assert rows["447"]["round_datetime_utc"] == ""
    assert (rows["91a"]["category"], rows["91b"]["category"]) == ("fst", "pnp")
    assert rows["291"]["round_type"] == "French language proficiency (Version 1)"
    assert rows["291"]["original_name"] == "French language proficiency (2024-1)"


def test_round_row_falls_back_to_the_written_out_date() -> None:
    record = dict(sample_records()[2], drawDate="", drawDateFull="February 19, 2026")
    assert round_row(record, source="test")["date"] == "2026-02-19"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("drawSize", "", "round 397: drawSize is missing"),
        ("drawCRS", "n/a", "round 397: .*drawCRS"),
        ("drawCutOff", "whenever", "round 397: 'whenever' is not a timestamp"),
        ("drawName", "Mystery round", "round 397: round name"),
        ("drawNumber", "397-b", "397-b"),
        ("drawCRS", "\u0661\u0666\u0669", "round 397: drawCRS: '\u0661\u0666\u0669' is not"),
        ("drawSize", "\u00b3\u00b9", "round 397: drawSize"),
        ("drawDate", "9999-12-31", "round 397: drawDate 9999-12-31 and drawDateFull .* disagree"),
    ],
)
def test_round_row_names_the_round_and_field_that_fail(
    field: str, value: str, message: str
) -> None:
    record = dict(sample_records()[2], **{field: value})
    with pytest.raises(FeedError, match=message):
        round_row(record, source="test")


def test_pool_row_is_none_before_distributions_were_published() -> None:
    first = sample_records()[-1]
    assert first["dd18"] == "0"
    assert pool_row(first, source="test") is None


def test_pool_inconsistencies_flags_round_247_only() -> None:
    problems = {n: pool_inconsistencies(row) for n, row in bundled("pool_distribution.csv").items()}
    flagged = {n: p for n, p in problems.items() if p}
    assert list(flagged) == ["247"]
    assert "451-500 is 55867 but 491-500..451-460 add up to 55687" in flagged["247"][0]


def test_pool_inconsistencies_checks_the_total() -> None:
    row = dict(bundled("pool_distribution.csv")["447"], total="1")
    assert pool_inconsistencies(row) == [
        "round 447: total is 1 but 601-1200..0-300 add up to 229904"
    ]


# --- merging and writing --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "columns"), [("rounds.csv", ROUND_COLUMNS), ("pool_distribution.csv", POOL_COLUMNS)]
)
def test_write_csv_reproduces_the_bundled_files(name: str, columns: tuple[str, ...]) -> None:
    text = bundled_text(name)
    assert write_csv(read_csv(text), columns) == text


def test_merge_keeps_facts_the_feed_does_not_carry() -> None:
    existing = [bundled("rounds.csv")["291"]]
    record = dict(sample_records()[6], drawName="French language proficiency (Version 1)")
    record["drawDateTime"] = ""
    result = merge_rows(existing, [round_row(record, source="new")], columns=ROUND_COLUMNS)
    assert result.changed == ()
    assert result.added == ()
    (row,) = result.rows
    assert row == existing[0]
    assert row["original_name"] == "French language proficiency (2024-1)"
    assert row["round_datetime_utc"] == "2024-03-26T15:59:36Z"


def test_merge_revises_changed_facts_and_notes_the_source() -> None:
    old = dict(bundled("rounds.csv")["397"], crs_cutoff="170")
    new = round_row(sample_records()[2], source="feed copy B")
    result = merge_rows([old], [new], columns=ROUND_COLUMNS)
    assert result.changed == (Change("397", "crs_cutoff", "170", "169"),)
    assert str(result.changed[0]) == "#397 crs_cutoff: '170' -> '169'"
    assert result.rows[0]["crs_cutoff"] == "169"
    assert result.rows[0]["source"] == old["source"] + "; revised from feed copy B"
    again = merge_rows(result.rows, [dict(new, crs_cutoff="168")], columns=ROUND_COLUMNS)
    assert again.rows[0]["source"].count("; revised from feed copy B") == 1


def test_update_with_the_sample_changes_nothing(data_dir: Path) -> None:
    report = update_data_files(SAMPLE, data_dir, source="test")
    assert report.rounds.added == report.pools.added == ()
    assert report.rounds.changed == report.pools.changed == ()
    assert report.lines()[:2] == [
        "rounds: 0 added, 0 changed",
        "pool distributions: 0 added, 0 changed",
    ]
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("round 357: drawDateTime 'July 12, 2025 at 16:27:45 UTC'")
    for name in ("rounds.csv", "pool_distribution.csv"):
        assert (data_dir / name).read_text(encoding="utf-8") == bundled_text(name)


def test_update_adds_missing_rounds_in_order(data_dir: Path) -> None:
    for name, columns in (("rounds.csv", ROUND_COLUMNS), ("pool_distribution.csv", POOL_COLUMNS)):
        rows = read_csv((data_dir / name).read_text(encoding="utf-8"))
        kept = [r for r in rows if r["number"] not in {"447", "91b", "7"}]
        (data_dir / name).write_text(write_csv(kept, columns), encoding="utf-8")
    report = update_data_files(SAMPLE, data_dir, source="sample feed")
    assert report.rounds.added == ("7", "91b", "447")
    assert report.pools.added == ("447",)
    assert "  added #447" in report.lines()
    for name in ("rounds.csv", "pool_distribution.csv"):
        after = read_csv((data_dir / name).read_text(encoding="utf-8"))
        before = read_csv(bundled_text(name))
        assert [r["number"] for r in after] == [r["number"] for r in before]
        assert [without(r, "source") for r in after] == [without(r, "source") for r in before]
        assert {r["source"] for r in after if r["number"] in {"447", "91b", "7"}} == {"sample feed"}


def test_update_reports_changes_and_dry_run_writes_nothing(data_dir: Path) -> None:
    path = data_dir / "rounds.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",391,169,", ",391,170,"), encoding="utf-8"
    )
    before = path.read_bytes()
    report = update_data_files(SAMPLE, data_dir, source="s", write=False)
    assert report.rounds.changed == (Change("397", "crs_cutoff", "170", "169"),)
    assert path.read_bytes() == before
    update_data_files(SAMPLE, data_dir, source="s")
    assert ",391,169," in path.read_text(encoding="utf-8")


def test_update_refuses_a_feed_listing_a_round_twice(data_dir: Path, tmp_path: Path) -> None:
    document: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    document["rounds"].append(document["rounds"][0])
    feed = tmp_path / "twice.json"
    feed.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(FeedError, match="447"):
        update_data_files(feed, data_dir, source="s")


def test_update_warns_about_a_pool_counted_after_its_round(data_dir: Path, tmp_path: Path) -> None:
    document: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    document["rounds"] = [dict(document["rounds"][2], drawDistributionAsOn="February 20, 2026")]
    feed = tmp_path / "late.json"
    feed.write_text(json.dumps(document), encoding="utf-8")
    report = update_data_files(feed, data_dir, source="s", write=False)
    assert report.warnings == (
        "round 397: pool as of 2026-02-20 is after the round (2026-02-19) (kept as published)",
    )
    assert Change("397", "pool_as_of", "2026-02-15", "2026-02-20") in report.rounds.changed


@pytest.mark.parametrize(
    ("cut_off", "warned"),
    [("December 25, 2026 at 10:00:00 UTC", True), ("January 3, 2026 at 03:25:14 UTC", False)],
)
def test_update_warns_about_a_tie_break_after_its_round(
    data_dir: Path, tmp_path: Path, cut_off: str, warned: bool
) -> None:
    """Profiles submitted by a moment after the round: a typo, said (and kept as published)."""
    document: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    document["rounds"] = [dict(document["rounds"][2], drawCutOff=cut_off)]
    feed = tmp_path / "tie.json"
    feed.write_text(json.dumps(document), encoding="utf-8")
    report = update_data_files(feed, data_dir, source="s", write=False)
    expected = (
        f"round 397: tie-breaking time {cut_off!r} is after the round (2026-02-19T14:24:23Z) "
        "(kept as published)"
    )
    assert report.warnings == ((expected,) if warned else ())


# --- the script -----------------------------------------------------------


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_rounds", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_dry_run_prints_the_report(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (data_dir / "rounds.csv").read_bytes()
    status = load_script().main([str(SAMPLE), "--data-dir", str(data_dir), "--dry-run"])
    out = capsys.readouterr().out
    assert status == 0
    assert "rounds: 0 added, 0 changed" in out
    assert "warning: round 357" in out
    assert out.rstrip().endswith("dry run: nothing written")
    assert (data_dir / "rounds.csv").read_bytes() == before


def test_script_writes_and_names_the_source(data_dir: Path) -> None:
    rows = read_csv((data_dir / "rounds.csv").read_text(encoding="utf-8"))
    (data_dir / "rounds.csv").write_text(
        write_csv([r for r in rows if r["number"] != "447"], ROUND_COLUMNS), encoding="utf-8"
    )
    script = load_script()
    assert script.main([str(SAMPLE), "--data-dir", str(data_dir)]) == 0
    added = read_csv((data_dir / "rounds.csv").read_text(encoding="utf-8"))[-1]
    assert added["number"] == "447"
    assert added["source"].startswith(
        "IRCC ee_rounds_123_en.json (local copy ee_rounds_sample.json, read "
    )
    assert script.default_source(Path("x/feed.json"), date(2026, 11, 25)) == (
        "IRCC ee_rounds_123_en.json (local copy feed.json, read 2026-11-25)"
    )


def test_script_reports_an_unreadable_feed(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("<html>maintenance</html>", encoding="utf-8")
    status = load_script().main([str(bad), "--data-dir", str(data_dir)])
    assert status == 1
    assert capsys.readouterr().err.startswith("error: not a JSON document")


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "not a JSON document: nested too deeply"),
        (b'{"rounds": [' + b"1" * 4301 + b"]}", "a number has 4301 digits (at most 4300)"),
        (b"\xff{}", "not a JSON document"),
    ],
    ids=["deep", "digits", "not-utf8"],
)
def test_a_hostile_feed_is_refused_with_the_reason(raw: bytes, why: str) -> None:
    """A corrupted or hostile feed is a FeedError in words (no RecursionError, no Python advice)."""
    with pytest.raises(FeedError) as raised:
        load_feed(raw)
    assert why in str(raised.value)
    assert "sys.set_int_max_str_digits" not in str(raised.value)
