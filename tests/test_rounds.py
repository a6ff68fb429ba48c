"""Tests of crs.draws and crs.pool against the bundled data and facts from the research notes."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crs.draws import CATEGORIES, PROGRAMS, Round, _round_from_row, get_round, rounds
from crs.errors import UnknownCategoryError
from crs.pool import PoolDistribution, latest_pool, pool_distribution

UTC = timezone.utc
ALL = rounds()
POOLS = [p for p in (pool_distribution(r) for r in ALL) if p is not None]


def numbers(selected: tuple[Round, ...]) -> list[str]:
    return [r.number for r in selected]


def year(y: int) -> tuple[Round, ...]:
    return rounds(since=date(y, 1, 1), until=date(y, 12, 31))


# --- the whole history ------------------------------------------------------


def test_history_has_448_rounds_1_to_447_with_91_split() -> None:
    assert len(ALL) == 448
    expected = {str(n) for n in range(1, 448) if n != 91} | {"91a", "91b"}
    assert set(numbers(ALL)) == expected
    assert (ALL[0].number, ALL[0].date) == ("1", date(2015, 1, 31))
    assert (ALL[-1].number, ALL[-1].date) == ("447", date(2026, 10, 1))


def test_history_is_in_date_then_number_order() -> None:
    keys = [(r.date, int(r.number.rstrip("ab")), r.number) for r in ALL]
    assert keys == sorted(keys)
    i = numbers(ALL).index("91a")
    assert numbers(ALL)[i - 1 : i + 3] == ["90", "91a", "91b", "92"]


def test_history_is_loaded_once() -> None:
    assert rounds() is rounds()
    assert get_round("12") is ALL[11]


@pytest.mark.parametrize(
    ("y", "count", "invitations"),
    [
        (2015, 23, 31_063),
        (2016, 27, 33_782),
        (2017, 30, 86_023),
        (2018, 28, 89_800),
        (2019, 26, 85_300),
        (2020, 37, 107_350),
        (2021, 42, 114_224),
        (2022, 24, 46_539),
        (2023, 42, 110_266),
        (2024, 52, 98_903),
        (2025, 58, 113_998),
        (2026, 59, 135_215),
    ],
)
def test_year_totals_match_the_published_totals(y: int, count: int, invitations: int) -> None:
    selected = year(y)
    assert len(selected) == count
    assert sum(r.invitations for r in selected) == invitations


def test_2026_to_august_matches_the_year_to_date_total() -> None:
    selected = rounds(since=date(2026, 1, 1), until=date(2026, 8, 31))
    assert (len(selected), sum(r.invitations for r in selected)) == (50, 120_427)


# --- known rounds -----------------------------------------------------------


def test_round_397_first_physicians_round() -> None:
    r = get_round("397")
    assert r.date == date(2026, 2, 19)
    assert r.name == "Physicians with Canadian Work Experience, 2026-Version 1"
    assert (r.kind, r.program, r.category, r.category_version) == (
        "category",
        None,
        "physicians",
        "2026-Version 1",
    )
    assert (r.invitations, r.crs_cutoff) == (391, 169)
    assert r.tie_breaking == datetime(2026, 1, 3, 3, 25, 14, tzinfo=UTC)
    assert r.round_time == datetime(2026, 2, 19, 14, 24, 23, tzinfo=UTC)
    assert r.pool_as_of == date(2026, 2, 15)
    assert r.programs == ("fsw", "cec", "fst")
    assert r.original_name is None


def test_round_1() -> None:
    r = get_round(1)
    assert (r.date, r.invitations, r.crs_cutoff) == (date(2015, 1, 31), 779, 886)
    assert (r.kind, r.name, r.programs) == (
        "general",
        "No Program Specified",
        ("fsw", "cec", "fst", "pnp"),
    )
    assert r.tie_breaking is None
    assert r.tie_breaking_text is None


def test_round_447_newest() -> None:
    r = get_round(447)
    assert (r.date, r.category, r.category_version) == (
        date(2026, 10, 1),
        "trades",
        "2026-Version 3",
    )
    assert (r.invitations, r.crs_cutoff) == (3500, 476)
    assert r.round_time is None


def test_round_176_lowest_cutoff_ever() -> None:
    r = get_round(176)
    assert (r.date, r.kind, r.program) == (date(2021, 2, 13), "program", "cec")
    assert (r.invitations, r.crs_cutoff) == (27_332, 75)
    assert min(ALL, key=lambda x: x.crs_cutoff) is r
    assert sorted(x.crs_cutoff for x in ALL)[:2] == [75, 169]


def test_round_91_is_published_in_two_parts() -> None:
    a, b = get_round("91a"), get_round("91B")
    assert a.date == b.date == date(2018, 5, 30)
    assert (a.program, a.invitations, a.crs_cutoff) == ("fst", 500, 288)
    assert (b.program, b.invitations, b.crs_cutoff) == ("pnp", 200, 902)
    with pytest.raises(KeyError, match="91a, 91b"):
        get_round(91)


@pytest.mark.parametrize("number", [0, 448, "91c", "abc", ""])
def test_get_round_of_an_unknown_number_raises_key_error(number: str | int) -> None:
    with pytest.raises(KeyError, match="rounds 1 to 447"):
        get_round(number)


def test_get_round_accepts_a_hash() -> None:
    assert get_round("#208").tie_breaking == datetime(2021, 10, 7, 16, 38, 21, tzinfo=UTC)


def test_renamed_category_rounds_keep_their_original_name() -> None:
    renamed = [r for r in ALL if r.original_name is not None]
    assert len(renamed) == 23
    assert numbers(tuple(renamed))[0] == "252"
    for r in renamed:
        assert r.original_name is not None
        assert r.original_name.endswith(("(2023-1)", "(2024-1)"))
        assert r.name.endswith("(Version 1)")
        assert r.category_version == "Version 1"
    assert get_round(289).original_name == "Transport occupations (2024-1)"


def test_round_357_keeps_drawdate_over_the_typo_in_its_time() -> None:
    r = get_round(357)
    assert r.date == date(2025, 7, 22)
    assert r.round_time == datetime(2025, 7, 12, 16, 27, 45, tzinfo=UTC)


def test_every_round_is_consistent() -> None:
    for r in ALL:
        assert r.invitations > 0, r.number
        assert 0 < r.crs_cutoff <= 1200, r.number
        if r.kind == "general":
            assert (r.program, r.category, r.category_version) == (None, None, None)
            assert set(r.programs) >= {"fsw", "cec", "fst"}
        elif r.kind == "program":
            assert r.program in PROGRAMS
            assert r.category is None
            assert r.programs == (r.program,), r.number
        else:
            assert r.kind == "category", r.number
            assert r.category in CATEGORIES
            assert r.program is None
            assert r.category_version is not None, r.number
            assert r.programs == ("fsw", "cec", "fst"), r.number
        for moment in (r.tie_breaking, r.round_time):
            assert moment is None or moment.utcoffset() == timedelta(0)
        if r.tie_breaking is not None:
            assert r.tie_breaking.date() <= r.date + timedelta(days=1), r.number
            assert r.round_time is None or r.tie_breaking <= r.round_time, r.number
        if r.round_time is not None and r.number != "357":
            assert 0 <= (r.round_time.date() - r.date).days <= 1, r.number


def test_tie_breaks_are_published_from_round_77_on() -> None:
    without = [r for r in ALL if r.tie_breaking is None]
    assert numbers(tuple(without)) == [str(n) for n in range(1, 77)]
    assert all(r.tie_breaking_text is None for r in without)


def test_a_data_row_whose_kind_contradicts_its_name_is_refused() -> None:
    row = {
        "number": "3",
        "date": "2015-02-20",
        "round_type": "Canadian Experience Class",
        "round_kind": "general",
        "category": "",
    }
    with pytest.raises(ValueError, match="round 3 has a kind that its name contradicts"):
        _round_from_row(row)


def test_round_is_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ALL[0].crs_cutoff = 1  # type: ignore[misc]


def test_to_json() -> None:
    data = get_round(397).to_json()
    assert data == {
        "number": "397",
        "date": "2026-02-19",
        "name": "Physicians with Canadian Work Experience, 2026-Version 1",
        "kind": "category",
        "program": None,
        "category": "physicians",
        "category_version": "2026-Version 1",
        "programs": ["fsw", "cec", "fst"],
        "invitations": 391,
        "crs_cutoff": 169,
        "tie_breaking": "2026-01-03T03:25:14Z",
        "round_time": "2026-02-19T14:24:23Z",
        "pool_as_of": "2026-02-15",
        "original_name": None,
    }
    first = json.loads(json.dumps(get_round(1).to_json()))
    assert first["tie_breaking"] is None
    assert first["program"] is None


# --- filters ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("physicians", [("397", 391, 169), ("421", 271, 223), ("440", 229, 198)]),
        ("senior_managers", [("402", 250, 429), ("426", 500, 392), ("444", 250, 389)]),
        ("military", [("430", 4, 368)]),
        (
            "transport",
            [("264", 1000, 435), ("277", 670, 435), ("289", 975, 430), ("434", 300, 470)],
        ),
        ("education", [("344", 1000, 479), ("367", 2500, 462)]),
        ("stem", [("254", 500, 486), ("274", 5900, 481), ("293", 4500, 491)]),
        ("agriculture", [("267", 600, 354), ("278", 400, 386), ("285", 150, 437)]),
        ("fsw", [("240", 3300, 489)]),
        ("researchers", []),
    ],
)
def test_category_filter(category: str, expected: list[tuple[str, int, int]]) -> None:
    assert [(r.number, r.invitations, r.crs_cutoff) for r in rounds(category=category)] == expected


@pytest.mark.parametrize(
    ("category", "count"),
    [("french", 36), ("healthcare", 16), ("trades", 7), ("cec", 70), ("pnp", 114), ("fst", 7)],
)
def test_category_filter_counts(category: str, count: int) -> None:
    selected = rounds(category=category)
    assert len(selected) == count
    assert all(category in (r.category, r.program) for r in selected)


def test_category_filter_by_version() -> None:
    versions = {r.category_version for r in rounds(category="healthcare")}
    assert versions == {"Version 1", "Version 2", "2026-Version 3"}
    assert numbers(rounds(category="french", since=date(2026, 1, 1)))[0] == "394"


def test_unknown_category_names_the_valid_ones() -> None:
    with pytest.raises(UnknownCategoryError, match="healthcare") as info:
        rounds(category="health")
    assert isinstance(info.value, ValueError)
    assert "senior_managers" in str(info.value)
    assert "cec" in str(info.value)


def test_since_and_until_are_inclusive() -> None:
    day = date(2026, 2, 19)
    assert numbers(rounds(since=day, until=day)) == ["397"]
    assert numbers(rounds(since=date(2026, 9, 29)))[:2] == ["446", "447"]
    assert numbers(rounds(until=date(2015, 2, 7))) == ["1", "2"]
    assert rounds(since=date(2026, 10, 2)) == ()
    assert rounds(since=date(2020, 1, 2), until=date(2020, 1, 1)) == ()


# --- pool distributions ---------------------------------------------------


def test_pool_distributions_from_round_214() -> None:
    assert len(POOLS) == 230
    assert POOLS[0].round_number == "214"
    assert pool_distribution(213) is None
    assert pool_distribution("91a") is None
    first = pool_distribution(214)
    assert first is not None
    assert (first.as_of, first.total) == (date(2022, 1, 17), 196_685)


def test_pool_distribution_accepts_a_round() -> None:
    assert pool_distribution(get_round(447)) == pool_distribution("447")


def test_pool_distribution_of_an_unknown_round_raises_key_error() -> None:
    with pytest.raises(KeyError):
        pool_distribution(999)


def test_every_pool_covers_0_to_1200_without_overlap_and_adds_up() -> None:
    for pool in POOLS:
        edges = [(low, high) for low, high, _ in pool.bands]
        assert edges[0][1] == 1200, pool.round_number
        assert edges[-1][0] == 0, pool.round_number
        for (low, _), (_, below_high) in itertools.pairwise(edges):
            assert below_high == low - 1, pool.round_number
        assert sum(count for _, _, count in pool.bands) == pool.total, pool.round_number
        assert all(count >= 0 for _, _, count in pool.bands)


def test_fine_bands_where_published() -> None:
    coarse = {str(n) for n in range(435, 445)}
    assert {p.round_number for p in POOLS if not p.fine} == coarse | {"247"}
    for pool in POOLS:
        expected = 7 if pool.round_number in coarse else 15
        if pool.round_number == "247":
            expected = 11  # its 491-500..451-460 add up to 55,687, not the published 55,867
        assert len(pool.bands) == expected, pool.round_number
    mixed = pool_distribution(247)
    assert mixed is not None
    assert mixed.bands[2] == (451, 500, 55_867)
    assert mixed.bands[3] == (441, 450, 12_691)


@pytest.mark.parametrize(
    ("number", "as_of", "bands", "total"),
    [
        (
            "389",
            date(2026, 1, 4),
            [
                559,
                21013,
                12873,
                12499,
                15435,
                14881,
                14835,
                14139,
                14285,
                12816,
                12442,
                11438,
                52469,
                18745,
                8125,
            ],
            236_554,
        ),
        (
            "434",
            date(2026, 8, 3),
            [
                500,
                19705,
                12939,
                12890,
                16368,
                16057,
                14845,
                13595,
                13267,
                11942,
                11326,
                10775,
                50107,
                17101,
                7683,
            ],
            229_100,
        ),
        (
            "447",
            date(2026, 9, 27),
            [
                728,
                21070,
                12745,
                12817,
                16465,
                16257,
                14847,
                13677,
                13419,
                12173,
                11888,
                11454,
                47298,
                17359,
                7707,
            ],
            229_904,
        ),
    ],
)
def test_pool_matches_the_published_table(
    number: str, as_of: date, bands: list[int], total: int
) -> None:
    pool = pool_distribution(number)
    assert pool is not None
    assert pool.as_of == as_of
    assert [count for _, _, count in pool.bands] == bands
    assert [(low, high) for low, high, _ in pool.bands][:3] == [(601, 1200), (501, 600), (491, 500)]
    assert pool.total == total


def test_coarse_pool_of_round_440() -> None:
    pool = pool_distribution(440)
    assert pool is not None
    assert pool.bands == (
        (601, 1200, 559),
        (501, 600, 19542),
        (451, 500, 74105),
        (401, 450, 60413),
        (351, 400, 46824),
        (301, 350, 17495),
        (0, 300, 7735),
    )


def test_count_above_is_exact_at_band_tops() -> None:
    pool = pool_distribution(447)
    assert pool is not None
    assert pool.count_above(1200) == 0
    assert pool.count_above(600) == 728
    assert pool.count_above(500) == 728 + 21070
    assert pool.count_above(450) == 728 + 21070 + 73131
    assert pool.count_above(400) == 728 + 21070 + 73131 + 62611
    assert pool.count_above(-1) == pool.total
    assert pool.share_above(-1) == 1.0
    assert pool.share_above(5000) == 0.0


def test_count_above_spreads_a_band_evenly_over_its_scores() -> None:
    pool = pool_distribution(447)
    assert pool is not None
    assert pool.count_above(495) == pytest.approx(728 + 21070 + 12745 * 5 / 10)
    assert pool.count_above(491) == pytest.approx(728 + 21070 + 12745 * 9 / 10)
    assert pool.count_above(490) == 728 + 21070 + 12745
    coarse = pool_distribution(440)
    assert coarse is not None
    assert coarse.count_above(475) == pytest.approx(559 + 19542 + 74105 * 25 / 50)


def test_share_above_of_an_empty_pool_is_zero() -> None:
    empty = PoolDistribution("1", date(2015, 1, 31), date(2015, 1, 31), ((0, 1200, 0),), 0)
    assert empty.share_above(100) == 0.0


def test_a_published_total_that_does_not_match_its_bands_is_said_not_used() -> None:
    """A feed's total typo (1 for 229,904) must not give 100% above: the shares read the bands."""
    import attrs

    from crs.pool import Standing

    real = pool_distribution(447)
    assert real is not None
    assert real.counted == real.total
    typo = attrs.evolve(real, total=1)
    assert typo.share_above(500) == real.share_above(500) < 1.0
    text = Standing(500, date(2026, 10, 2), typo).to_text()
    assert f"of {real.total:,} candidates" in text
    assert "the published total, 1, does not match its bands" in text


@given(st.sampled_from(POOLS), st.integers(-50, 1300), st.integers(0, 400))
def test_share_above_is_a_non_increasing_share(
    pool: PoolDistribution, score: int, step: int
) -> None:
    low, high = pool.share_above(score), pool.share_above(score + step)
    assert 0.0 <= high <= low <= 1.0


@given(st.sampled_from(POOLS), st.data())
def test_count_above_at_a_band_top_is_the_exact_sum(
    pool: PoolDistribution, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(pool.bands) - 1))
    top = pool.bands[index][1]
    assert pool.count_above(top) == sum(count for _, _, count in pool.bands[:index])


def test_pool_to_json() -> None:
    pool = pool_distribution(440)
    assert pool is not None
    data = json.loads(json.dumps(pool.to_json()))
    assert data["round_number"] == "440"
    assert (data["round_date"], data["as_of"], data["total"]) == (
        "2026-09-03",
        "2026-08-30",
        226_673,
    )
    assert data["bands"][2] == {"low": 451, "high": 500, "count": 74105}


@pytest.mark.parametrize(
    ("on", "number", "as_of"),
    [
        (date(2022, 1, 19), "214", date(2022, 1, 17)),
        (date(2022, 1, 20), "214", date(2022, 1, 17)),
        (date(2026, 9, 27), "444", date(2026, 9, 13)),
        (date(2026, 9, 28), "445", date(2026, 9, 27)),
        (date(2026, 11, 25), "447", date(2026, 9, 27)),
    ],
)
def test_latest_pool(on: date, number: str, as_of: date) -> None:
    pool = latest_pool(on)
    assert pool is not None
    assert (pool.round_number, pool.as_of) == (number, as_of)


def test_latest_pool_before_the_first_distribution_is_none() -> None:
    assert latest_pool(date(2022, 1, 18)) is None


@given(st.dates(min_value=date(2022, 1, 19), max_value=date(2027, 12, 31)))
def test_latest_pool_is_the_newest_published_by_then(on: date) -> None:
    pool = latest_pool(on)
    assert pool is not None
    assert pool.round_date <= on
    assert all(p.round_date <= pool.round_date for p in POOLS if p.round_date <= on)
