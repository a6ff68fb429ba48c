"""Language results to CLB/NCLC (crs-rules §6): every chart row, eras, vectors, expiry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest

import crs
from crs.language import expired
from crs.language import levels as to_levels
from strategies import ON, levels, make

Row = tuple[int, dict[str, float]]


def _row(level: int, reading: float, writing: float, listening: float, speaking: float) -> Row:
    """A chart row typed in the spec's column order: reading, writing, listening, speaking."""
    return level, {
        "listening": listening,
        "reading": reading,
        "writing": writing,
        "speaking": speaking,
    }


# crs-rules §6.1, IELTS General Training: minimum band (spec columns are L, R, W, S).
IELTS = [
    _row(10, reading=8.0, writing=7.5, listening=8.5, speaking=7.5),
    _row(9, reading=7.0, writing=7.0, listening=8.0, speaking=7.0),
    _row(8, reading=6.5, writing=6.5, listening=7.5, speaking=6.5),
    _row(7, reading=6.0, writing=6.0, listening=6.0, speaking=6.0),
    _row(6, reading=5.0, writing=5.5, listening=5.5, speaking=5.5),
    _row(5, reading=4.0, writing=5.0, listening=5.0, speaking=5.0),
    _row(4, reading=3.5, writing=4.0, listening=4.5, speaking=4.0),
]
# crs-rules §6.2, CELPIP-General: level = CLB for 4-10.
CELPIP = [_row(n, n, n, n, n) for n in range(10, 3, -1)]
# crs-rules §6.3, PTE Core: lower end of each range (columns R, W, L, S).
PTE = [
    _row(10, 88, 90, 89, 89),
    _row(9, 78, 88, 82, 84),
    _row(8, 69, 79, 71, 76),
    _row(7, 60, 69, 60, 68),
    _row(6, 51, 60, 50, 59),
    _row(5, 42, 51, 39, 51),
    _row(4, 33, 41, 28, 42),
    _row(3, 24, 32, 18, 34),
]
# Upper end of each PTE Core range below CLB 10 (§6.3), same columns.
PTE_TOPS = [
    _row(9, 87, 89, 88, 88),
    _row(8, 77, 87, 81, 83),
    _row(7, 68, 78, 70, 75),
    _row(6, 59, 68, 59, 67),
    _row(5, 50, 59, 49, 58),
    _row(4, 41, 50, 38, 50),
    _row(3, 32, 40, 27, 41),
]
# crs-rules §6.4c, TEF Canada's old scales: the "Équivalence ancien score" chart, which
# Express Entry reads for a test of any date (IRCC's TEF Canada note, TEF_EXPRESS_ENTRY;
# crs-rules §6.4a and §6.4b give the /699 charts instead, which IRCC says its system does not
# read).
TEF_OLD = [
    _row(10, 263, 393, 316, 393),
    _row(9, 248, 371, 298, 371),
    _row(8, 233, 349, 280, 349),
    _row(7, 207, 310, 249, 310),
    _row(6, 181, 271, 217, 271),
    _row(5, 151, 226, 181, 226),
    _row(4, 121, 181, 145, 181),
]
# crs-rules §6.5, TCF Canada (columns reading, writing, listening, speaking).
TCF = [
    _row(10, 549, 16, 549, 16),
    _row(9, 524, 14, 523, 14),
    _row(8, 499, 12, 503, 12),
    _row(7, 453, 10, 458, 10),
    _row(6, 406, 7, 398, 7),
    _row(5, 375, 6, 369, 6),
    _row(4, 342, 4, 331, 4),
]

TEF_NEW_DAY = dt.date(2024, 3, 1)
TEF_2019_DAY = dt.date(2021, 3, 1)
TEF_OLD_DAY = dt.date(2018, 3, 1)

# (test, test date, rows, step between scores, lowest row of the chart)
CHARTS = [
    ("ielts", None, IELTS, 0.5),
    ("celpip", None, CELPIP, 1),
    ("pte_core", None, PTE, 1),
    # One chart whatever the test date: before, between and after TEF's scale changes.
    ("tef_canada", TEF_NEW_DAY, TEF_OLD, 1),
    ("tef_canada", TEF_2019_DAY, TEF_OLD, 1),
    ("tef_canada", TEF_OLD_DAY, TEF_OLD, 1),
    ("tef_canada", None, TEF_OLD, 1),
    ("tcf_canada", None, TCF, 1),
]

CASES = [
    (test, day, level, minimums, step, level == rows[-1][0])
    for test, day, rows, step in CHARTS
    for level, minimums in rows
]


def _case_id(test: str, day: dt.date | None, level: int) -> str:
    era = f"-{day.year if day is not None else 'undated'}" if test == "tef_canada" else ""
    return f"{test}{era}-level-{level}"


def _result(
    test: str, scores: Mapping[str, float], day: dt.date | None = None
) -> crs.LanguageResult:
    return crs.LanguageResult(
        crs.LanguageTest(test),
        scores["listening"],
        scores["reading"],
        scores["writing"],
        scores["speaking"],
        day,
    )


@pytest.mark.parametrize(
    ("test", "day", "level", "minimums", "step", "lowest"),
    CASES,
    ids=[_case_id(c[0], c[1], c[2]) for c in CASES],
)
def test_chart_row_at_its_minimum_and_one_below(
    test: str,
    day: dt.date | None,
    level: int,
    minimums: dict[str, float],
    step: float,
    lowest: bool,
) -> None:
    """Each chart row's minimum reaches that level; one step under it does not."""
    assert to_levels(_result(test, minimums, day)) == (level,) * 4
    under = {ability: score - step for ability, score in minimums.items()}
    got = to_levels(_result(test, under, day))
    if lowest:
        assert all(lv < level for lv in got)
    else:
        assert got == (level - 1,) * 4


@pytest.mark.parametrize(
    ("level", "tops"), PTE_TOPS, ids=[f"pte_core-level-{lv}-top" for lv, _ in PTE_TOPS]
)
def test_pte_core_range_upper_end(level: int, tops: dict[str, float]) -> None:
    """The top of each PTE Core range is still that range's level (§6.3)."""
    assert to_levels(_result("pte_core", tops)) == (level,) * 4


@pytest.mark.parametrize(
    ("test", "day", "below_four"),
    [
        ("ielts", None, {"listening": 4.0, "reading": 3.0, "writing": 3.5, "speaking": 3.5}),
        ("celpip", None, {"listening": 3, "reading": 3, "writing": 3, "speaking": 3}),
        ("pte_core", None, {"listening": 27, "reading": 32, "writing": 40, "speaking": 41}),
        ("tef_canada", None, {"listening": 144, "reading": 120, "writing": 180, "speaking": 180}),
        ("tcf_canada", None, {"listening": 330, "reading": 341, "writing": 3, "speaking": 3}),
    ],
    ids=["ielts", "celpip", "pte_core", "tef_canada", "tcf_canada"],
)
def test_scores_below_clb_4_earn_no_first_language_points(
    test: str, day: dt.date | None, below_four: dict[str, float]
) -> None:
    """Scores under the CLB/NCLC 4 minimum are "below CLB 4": 0 first-language points."""
    result = crs.score(make(first_language=levels(test, **below_four)), on=ON)
    assert result.line("core.first_language").points == 0


@pytest.mark.parametrize("level", [11, 12])
def test_celpip_11_and_12_are_clb_10(level: int) -> None:
    """CELPIP levels 11 and 12 are CLB 10 (§6.2)."""
    scores = dict.fromkeys(("listening", "reading", "writing", "speaking"), float(level))
    assert to_levels(_result("celpip", scores)) == (10, 10, 10, 10)


def test_scores_above_the_clb_10_minimum_are_clb_10() -> None:
    """The top of every scale is CLB/NCLC 10, not more."""
    assert to_levels(_result("ielts", dict.fromkeys(_ABILITIES, 9.0))) == (10,) * 4
    assert to_levels(_result("pte_core", dict.fromkeys(_ABILITIES, 90))) == (10,) * 4
    tops = {"listening": 360, "reading": 300, "writing": 450, "speaking": 450}
    assert to_levels(_result("tef_canada", tops)) == (10,) * 4


_ABILITIES = ("listening", "reading", "writing", "speaking")


@pytest.mark.parametrize("test", ["clb", "nclc"])
def test_levels_given_directly_are_kept(test: str) -> None:
    """CLB and NCLC levels given directly are the levels."""
    result = _result(test, {"listening": 4, "reading": 7, "writing": 9, "speaking": 12})
    assert to_levels(result) == (4, 7, 9, 12)


# crs-rules §11.3, language-conversion vectors: (id, test, date, L, R, W, S, levels).
VECTORS = [
    ("ielts-7.5-6.5-6.5-6.5", "ielts", None, (7.5, 6.5, 6.5, 6.5), (8, 8, 8, 8)),
    ("ielts-7.0-7.5-6.5-7.0", "ielts", None, (7.0, 7.5, 6.5, 7.0), (7, 9, 8, 9)),
    ("celpip-9-10-11-12", "celpip", None, (9, 10, 11, 12), (9, 10, 10, 10)),
    ("pte-82-78-88-84", "pte_core", None, (82, 78, 88, 84), (9, 9, 9, 9)),
    # §11.3's TEF vector is on the /699 chart, which Express Entry does not read: the same
    # NCLC 9 on the "Équivalence ancien score" a candidate enters, for a test of 2024.
    (
        "tef-ancien-co298-ce248-ee371-eo371",
        "tef_canada",
        TEF_NEW_DAY,
        (298, 248, 371, 371),
        (9,) * 4,
    ),
    ("tcf-co458-ce453-ee10-eo10", "tcf_canada", None, (458, 453, 10, 10), (7, 7, 7, 7)),
]


@pytest.mark.parametrize(
    ("test", "day", "scores", "expected"),
    [v[1:] for v in VECTORS],
    ids=[v[0] for v in VECTORS],
)
def test_conversion_vector(
    test: str,
    day: dt.date | None,
    scores: tuple[float, float, float, float],
    expected: tuple[int, int, int, int],
) -> None:
    """The language-conversion vectors of crs-rules §11.3."""
    assert to_levels(_result(test, dict(zip(_ABILITIES, scores, strict=True)), day)) == expected


@pytest.mark.parametrize(
    ("test", "day", "ability", "score", "level"),
    [
        ("pte_core", None, "writing", 87, 8),
        ("tef_canada", TEF_NEW_DAY, "speaking", 309, 6),
        ("tcf_canada", None, "listening", 457, 6),
        ("ielts", None, "reading", 3.0, 0),
    ],
    ids=["pte-w87-clb8", "tef-ancien-eo309-nclc6", "tcf-co457-nclc6", "ielts-r3.0-below-4"],
)
def test_single_ability_vector(
    test: str, day: dt.date | None, ability: str, score: float, level: int
) -> None:
    """The one-ability vectors of crs-rules §11.3 (other abilities at the top of the scale)."""
    tops = {"ielts": 9.0, "pte_core": 90, "tef_canada": 300, "tcf_canada": 699}
    scores = dict.fromkeys(_ABILITIES, tops[test])
    if test == "tcf_canada":
        scores["writing"] = scores["speaking"] = 20
    scores[ability] = score
    got = to_levels(_result(test, scores, day))
    assert got[_ABILITIES.index(ability)] == level


def test_ielts_reading_3_earns_no_first_language_points() -> None:
    """IELTS R3.0 is below CLB 4: 0 first-language points for reading (§11.3)."""
    first = levels("ielts", 8.0, 3.0, 7.0, 7.0)
    result = crs.score(make(first_language=first), on=ON)
    assert result.line("core.first_language.reading").points == 0


@pytest.mark.parametrize(
    "day",
    [
        None,
        dt.date(2023, 12, 11),
        dt.date(2023, 12, 10),
        dt.date(2019, 10, 1),
        dt.date(2019, 9, 30),
    ],
    ids=str,
)
def test_tef_is_read_on_the_ancien_score_chart_whatever_the_test_date(
    day: dt.date | None,
) -> None:
    """Express Entry reads TEF Canada's "Équivalence ancien score", for a test of any date.

    IRCC: "language level will be based on the 'Équivalence ancien score' ... regardless of
    the date the test was taken" (crs._charts.TEF_EXPRESS_ENTRY).  So the scores IRCC asks a
    candidate to enter read the same on the day before and of each TEF scale change.
    """
    scores = {"listening": 298, "reading": 233, "writing": 310, "speaking": 271}
    assert to_levels(_result("tef_canada", scores, day)) == (9, 8, 7, 6)


@pytest.mark.parametrize(
    ("ability", "top"),
    [("listening", 360), ("reading", 300), ("writing", 450), ("speaking", 450)],
)
@pytest.mark.parametrize("day", [dt.date(2019, 9, 30), dt.date(2019, 10, 1), None], ids=str)
def test_a_tef_score_past_the_ancien_scale_is_refused_and_says_which_column(
    ability: str, top: int, day: dt.date | None
) -> None:
    """The "Score / 699" of a result (503, say) is not what Express Entry reads: an error."""
    scores = {"listening": 316, "reading": 263, "writing": 393, "speaking": 393, ability: top}
    data: dict[str, object] = {"test": "tef_canada", **scores}
    if day is not None:
        data["test_date"] = day.isoformat()
    crs.load_profile({"age": 30, "education": "masters", "first_language": data})
    over = {**data, ability: top + 1}
    with pytest.raises(crs.ProfileError) as raised:
        crs.load_profile({"age": 30, "education": "masters", "first_language": over})
    assert str(raised.value) == (
        f"first_language.{ability}: {top + 1} is not a TEF Canada {ability} score (0 to {top}: "
        "the results' “Équivalence ancien score” column, which Express Entry reads, not the "
        "“Score / 699” one)"
    )


@pytest.mark.parametrize(("score", "ok"), [(99, False), (100, True)])
@pytest.mark.parametrize("ability", ["listening", "reading"])
def test_tcf_listening_and_reading_start_at_100(ability: str, score: int, ok: bool) -> None:
    """TCF Canada reports listening and reading on 100-699: 99 is not a TCF score."""
    data = {"test": "tcf_canada", "listening": 400, "reading": 400, "writing": 10,
            "speaking": 10, ability: score}  # fmt: skip
    profile = {"age": 30, "education": "masters", "first_language": data}
    if ok:
        crs.load_profile(profile)
    else:
        with pytest.raises(crs.ProfileError, match=f"{ability}: 99 is not a TCF Canada"):
            crs.load_profile(profile)


@pytest.mark.parametrize(("taken", "warned"), [("2018-11-09", True), ("2018-11-10", False)])
def test_tcf_canada_before_its_designation_is_reported(taken: str, warned: bool) -> None:
    """IRCC accepted TCF Canada from November 2018 (2018-11-10 here): earlier tests are flagged."""
    first = {"test": "tcf_canada", "listening": 458, "reading": 453, "writing": 10,
             "speaking": 10, "test_date": taken}  # fmt: skip
    warnings = crs.score(make(first_language=first), on=dt.date(2019, 6, 1)).warnings
    assert any("TCF Canada" in w and "2018-11-10" in w for w in warnings) is warned


def _warnings(test_date: str, on: dt.date) -> tuple[str, ...]:
    first = {**levels("ielts", 8.0, 7.0, 7.0, 7.0), "test_date": test_date}
    return crs.score(make(first_language=first), on=on).warnings


def test_result_the_day_before_its_second_anniversary_is_valid() -> None:
    """MI s. 12(3) (2016-11-19): "two or more years old" -- the day before, it is valid."""
    assert _warnings("2023-05-01", dt.date(2025, 4, 30)) == ()


def test_result_on_its_second_anniversary_is_expired() -> None:
    """On the second anniversary the result is two years old: expired, and reported."""
    warnings = _warnings("2023-05-01", dt.date(2025, 5, 1))
    assert len(warnings) == 1
    assert warnings[0].startswith("first_language:")
    assert "expired on 2025-05-01" in warnings[0]


def test_result_taken_on_29_february_expires_on_28_february() -> None:
    """A test of 2024-02-29 is valid through 2026-02-27 and two years old on 2026-02-28."""
    assert _warnings("2024-02-29", dt.date(2026, 2, 27)) == ()
    assert any("expired" in w for w in _warnings("2024-02-29", dt.date(2026, 2, 28)))


_IELTS_9 = levels("ielts", 8.0, 7.0, 7.0, 7.0)  # CLB 9 on all four: 31 points each, single


@pytest.mark.parametrize(
    ("on", "points"),
    [(dt.date(2027, 4, 30), 4 * 31), (dt.date(2027, 5, 1), 0)],
    ids=["day-before-anniversary", "anniversary"],
)
def test_expired_result_earns_nothing_from_its_second_anniversary(on: dt.date, points: int) -> None:
    """MI s. 12(3) (2016-11-19): results two or more years old: "points cease to be assigned"."""
    first = {**_IELTS_9, "test_date": "2025-05-01"}
    line = crs.score(make(first_language=first), on=on).line("core.first_language")
    assert line.points == points
    if not points:
        assert "expired on 2027-05-01" in line.reason


@pytest.mark.parametrize(
    ("on", "points"),
    [(dt.date(2016, 11, 18), 4 * 31), (dt.date(2016, 11, 19), 0)],
    ids=["launch-rules-2016-11-18", "mi-2016-11-19"],
)
def test_expired_result_earns_nothing_from_the_2016_11_19_rules(on: dt.date, points: int) -> None:
    """Before 2016-11-19 an expired result kept its points; from that day it earns 0."""
    first = {**_IELTS_9, "test_date": "2014-06-01"}
    result = crs.score(make(first_language=first), on=on)
    assert result.line("core.first_language").points == points
    assert any("expired on 2016-06-01" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("taken", "points"),
    [("2025-06-01", 4 * 31), ("2025-06-02", 0)],
    ids=["taken-that-day", "taken-the-day-after"],
)
def test_result_taken_after_the_date_does_not_exist_yet(taken: str, points: int) -> None:
    """Only what existed on the date counts: a test taken after it earns nothing, and says so."""
    first = {**_IELTS_9, "test_date": taken}
    result = crs.score(make(first_language=first), on=dt.date(2025, 6, 1))
    line = result.line("core.first_language")
    assert line.points == points
    if not points:
        assert "after 2025-06-01" in line.reason
        assert result.line("transferability.education.language").points == 0


def test_expired_uses_the_validity_years_given() -> None:
    """crs.language.expired honours its validity period, and a missing date never expires."""
    result = _result("clb", dict.fromkeys(_ABILITIES, 9), dt.date(2020, 1, 1))
    assert expired(result, dt.date(2023, 1, 1), validity_years=3)
    assert not expired(result, dt.date(2022, 12, 31), validity_years=3)
    undated = _result("clb", dict.fromkeys(_ABILITIES, 9))
    assert not expired(undated, dt.date(2100, 1, 1))


def test_spouse_result_expiry_is_reported_with_its_path() -> None:
    """An expired spouse result is reported under spouse.first_language."""
    spouse = {"first_language": {**levels("clb", 7, 7, 7, 7), "test_date": "2020-01-01"}}
    warnings = crs.score(make(spouse=spouse), on=ON).warnings
    assert any(w.startswith("spouse.first_language:") and "expired" in w for w in warnings)


def test_result_dated_after_the_scoring_date_is_reported() -> None:
    """A test taken after the scoring date gets a warning, not an expiry."""
    warnings = _warnings("2026-01-01", ON)
    assert len(warnings) == 1
    assert "after the scoring date" in warnings[0]
