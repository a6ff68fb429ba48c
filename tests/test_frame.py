"""score_frame: the vectorised path agrees with crs.score row by row, and reports row errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crs
from crs.breakdown import Line
from crs.flat import to_frame
from crs.frame import COLUMNS, RESULT_COLUMNS, RowByRowWarning, row_profile, score_frame
from crs.rules.v2015_01_01 import SECTIONS
from crs.ruleset import Factor, Facts, Group, RuleSet
from strategies import examples

ON = dt.date(2026, 2, 19)

# Scores on each test's own scale, valid for every ability, plus a few that are not.
_SCALES: dict[str, st.SearchStrategy[float]] = {
    "ielts": st.integers(0, 18).map(lambda half: half / 2),
    "celpip": st.integers(0, 12).map(float),
    "pte_core": st.integers(10, 90).map(float),
    "tef_canada": st.integers(0, 450).map(float),  # the ancien scales; over 300: refused
    "clb": st.integers(0, 12).map(float),
    "nclc": st.integers(0, 12).map(float),
}
_ENGLISH = ("ielts", "celpip", "pte_core", "clb")
_FRENCH = ("tef_canada", "tcf_canada", "nclc")
_TEST_DATES = st.none() | st.dates(dt.date(2016, 1, 1), dt.date(2026, 12, 31))


@st.composite
def results(draw: st.DrawFn, tests: tuple[str, ...]) -> dict[str, Any]:
    """A language result JSON object of one of ``tests``, with raw scores."""
    test = draw(st.sampled_from(tests))
    if test == "tcf_canada":
        big, small = st.integers(0, 699).map(float), st.integers(0, 20).map(float)
        scores = [draw(big), draw(big), draw(small), draw(small)]
    else:
        scores = [draw(_SCALES[test]) for _ in range(4)]
    result: dict[str, Any] = dict(
        zip(("test", "listening", "reading", "writing", "speaking"), (test, *scores), strict=True)
    )
    taken = draw(_TEST_DATES)
    if taken is not None:
        result["test_date"] = taken.isoformat()
    return result


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A profile JSON object: spouses, missing languages, raw scores of every test."""
    data: dict[str, Any] = {"education": draw(st.sampled_from([e.value for e in crs.Education]))}
    if draw(st.booleans()):
        data["age"] = draw(st.integers(15, 50))
    else:
        data["date_of_birth"] = draw(
            st.dates(dt.date(1975, 1, 1), dt.date(2008, 12, 31))
        ).isoformat()
    first_kind = draw(st.sampled_from(("none", "english", "french")))
    if first_kind != "none":
        first_tests = _ENGLISH if first_kind == "english" else _FRENCH
        data["first_language"] = draw(results(first_tests))
        if draw(st.booleans()):
            data["second_language"] = draw(
                results(_FRENCH if first_kind == "english" else _ENGLISH)
            )
    for name in ("canadian_work_years", "foreign_work_years"):
        if draw(st.booleans()):
            data[name] = draw(st.integers(0, 7))
    for name in ("certificate_of_qualification", "sibling_in_canada", "provincial_nomination"):
        if draw(st.booleans()):
            data[name] = draw(st.booleans())
    if draw(st.booleans()):
        data["canadian_education"] = draw(st.sampled_from([c.value for c in crs.CanadianEducation]))
    if draw(st.booleans()):
        data["arranged_employment"] = draw(
            st.sampled_from([a.value for a in crs.ArrangedEmployment])
        )
    if draw(st.booleans()):
        spouse: dict[str, Any] = {"accompanying": draw(st.booleans())}
        if draw(st.booleans()):
            spouse["canadian_citizen_or_pr"] = draw(st.booleans())
        if draw(st.booleans()):
            spouse["education"] = draw(st.sampled_from([e.value for e in crs.Education]))
        if draw(st.booleans()):
            spouse["first_language"] = draw(results(_ENGLISH + _FRENCH))
        if draw(st.booleans()):
            spouse["canadian_work_years"] = draw(st.integers(0, 6))
        data["spouse"] = spouse
    return data


_BROKEN: list[tuple[str, object]] = [
    ("age", 29.5),
    ("age", -1),
    ("education", "phd"),
    ("first_language.reading", 9.25),
    ("canadian_work_years", 1.5),
    ("sibling_in_canada", "yes"),
    ("date_of_birth", "1990-02-30"),
    ("spouse.education", 3),
    ("first_language.test", "toefl"),
]


@st.composite
def maybe_broken(draw: st.DrawFn) -> dict[str, Any]:
    """A profile, sometimes with one value made invalid."""
    data = draw(profiles())
    if draw(st.integers(0, 4)) == 0:
        path, value = draw(st.sampled_from(_BROKEN))
        node = data
        *parents, leaf = path.split(".")
        for parent in parents:
            node = node.setdefault(parent, {"accompanying": True} if parent == "spouse" else {})
        node[leaf] = value
    return data


def _expected(data: dict[str, Any], on: dt.date) -> tuple[list[int] | None, str | None]:
    try:
        result = crs.score(crs.load_profile(data), on)
    except crs.ProfileError as exc:
        return None, "; ".join(str(p) for p in exc.problems)
    return [
        result.total,
        result.core,
        result.spouse,
        result.skill_transferability,
        result.additional,
    ], None


def _paths(error: str) -> list[str]:
    return [problem.split(":")[0] for problem in error.split("; ")]


def _check(records: list[dict[str, Any]], on: dt.date) -> pd.DataFrame:
    frame = pd.json_normalize(records)
    got: pd.DataFrame = score_frame(frame, on)
    assert list(got.columns) == list(RESULT_COLUMNS)
    assert got.index.equals(frame.index)
    for i, data in enumerate(records):
        numbers, error = _expected(data, on)
        row = got.iloc[i]
        if error is None:
            assert row["error"] is None, (data, row["error"])
            assert [int(row[c]) for c in RESULT_COLUMNS[:5]] == numbers, data
        else:
            # The same problems at the same paths (pandas may show 3 as 3.0).
            assert _paths(row["error"]) == _paths(error), (data, row["error"])
            assert all(row[c] is pd.NA for c in RESULT_COLUMNS[:5])
    return got


@settings(max_examples=examples(60))
@pytest.mark.filterwarnings("ignore::crs.frame.CaveatWarning")  # asserted on its own below
@given(
    st.lists(maybe_broken(), min_size=1, max_size=25),
    st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
)
def test_score_frame_agrees_with_score(records: list[dict[str, Any]], on: dt.date) -> None:
    _check(records, on)


def test_every_rule_set_and_every_test_kind_agree() -> None:
    """A fixed batch over every test type, TEF era and rule set agrees with crs.score."""
    records = [
        {"age": 29, "education": "bachelors", "foreign_work_years": 3,
         "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
                            "writing": 7.0, "speaking": 7.0}},
        {"age": 30, "education": "bachelors", "foreign_work_years": 2,
         "first_language": {"test": "tef_canada", "listening": 503, "reading": 503,
                            "writing": 512, "speaking": 518, "test_date": "2024-01-10"},
         "second_language": {"test": "clb", "listening": 5, "reading": 5,
                             "writing": 5, "speaking": 5}},
        {"age": 31, "education": "masters",
         "first_language": {"test": "tef_canada", "listening": 500, "reading": 500,
                            "writing": 500, "speaking": 500, "test_date": "2020-01-10"}},
        {"age": 31, "education": "masters",
         "first_language": {"test": "tef_canada", "listening": 300, "reading": 250,
                            "writing": 380, "speaking": 380, "test_date": "2018-01-10"}},
        {"age": 45, "education": "less_than_secondary",
         "first_language": {"test": "clb", "listening": 4, "reading": 4,
                            "writing": 4, "speaking": 4},
         "second_language": {"test": "tcf_canada", "listening": 523, "reading": 524,
                             "writing": 14, "speaking": 14},
         "spouse": {"accompanying": True}},
        {"age": 18, "education": "secondary",
         "first_language": {"test": "pte_core", "listening": 82, "reading": 78,
                            "writing": 88, "speaking": 84},
         "spouse": {"education": "doctoral", "canadian_work_years": 5,
                    "first_language": {"test": "celpip", "listening": 10, "reading": 11,
                                       "writing": 12, "speaking": 10}}},
        {"age": 25, "education": "doctoral", "canadian_work_years": 5, "foreign_work_years": 3,
         "sibling_in_canada": True, "provincial_nomination": True,
         "canadian_education": "three_year_or_longer", "arranged_employment": "major_group_00",
         "certificate_of_qualification": True,
         "first_language": {"test": "clb", "listening": 10, "reading": 10,
                            "writing": 10, "speaking": 10},
         "second_language": {"test": "nclc", "listening": 9, "reading": 9,
                             "writing": 9, "speaking": 9}},
    ]  # fmt: skip
    for rules in crs.RULE_SETS:
        _check(records, rules.effective)
    assert score_frame(pd.json_normalize(records), dt.date(2026, 2, 19))["total"][0] == 429


def test_errors_are_per_row_with_the_field_path() -> None:
    frame = pd.json_normalize(
        [
            {"age": 30, "education": "masters"},
            {"age": 30, "education": "masters", "first_language": {"test": "ielts",
             "listening": 9.5, "reading": 7, "writing": 7, "speaking": 7}},
            {"age": 30, "education": "masters", "canadian_work_year": 2},
            {"education": "masters"},
        ]
    )  # fmt: skip
    got = score_frame(frame, ON)
    assert got["total"][0] == 105 + 135  # age 30, single; master's
    assert got["error"][0] is None
    assert got["error"][1].startswith("first_language.listening: 9.5 is not an IELTS band")
    assert got["error"][2] == "canadian_work_year: unknown key; did you mean canadian_work_years?"
    assert got["error"][3] == "age: give either age or date_of_birth"
    assert got["total"][1:].isna().all()


def test_index_is_kept_and_dtypes_are_nullable_integers() -> None:
    frame = pd.json_normalize(
        [{"age": 29, "education": "bachelors"}, {"age": "x", "education": "bachelors"}]
    )
    frame.index = pd.Index(["ana", "ben"])
    got = score_frame(frame, ON)
    assert list(got.index) == ["ana", "ben"]
    assert str(got["total"].dtype) == "Int64"
    assert got.loc["ana", "total"] == 110 + 120
    assert got.loc["ben", "error"] == 'age: "x" is not a whole number'


def test_work_history_rows_take_the_scalar_path() -> None:
    job = {"noc": "21231", "start": "2020-01-01", "end": "2022-12-31", "in_canada": True}
    records = [
        {"age": 30, "education": "bachelors", "work_history": [job]},
        {"age": 30, "education": "bachelors", "work_history": []},
        {"age": 30, "education": "bachelors", "canadian_work_years": 1},
    ]
    got = _check(records, ON)
    assert got["total"][0] - got["total"][1] == 64 + 25  # 3 years in Canada, and with education


def test_dates_as_datetimes_and_spouse_flags() -> None:
    frame = pd.DataFrame(
        {
            "date_of_birth": pd.to_datetime(pd.Series(["1996-02-20", "1996-02-19", None])),
            "age": [None, None, 40],
            "education": ["masters"] * 3,
            "spouse.accompanying": [True, False, np.nan],
            "spouse.education": ["doctoral", "doctoral", None],
        }
    )
    got = score_frame(frame, ON)
    # Born 1996-02-20: 29 on 2026-02-19 (with a spouse); 1996-02-19: 30, spouse not counted.
    assert got["total"].tolist() == [100 + 126 + 10, 105 + 135, 50 + 135]
    assert got["error"].isna().all()


def test_custom_sections_fall_back_to_the_scalar_path() -> None:
    bonus = Group("bonus", "Bonus", ())

    @attrs.frozen
    class Five(Factor):
        key: str = "bonus.five"
        label: str = "Five"

        def points(self, facts: Facts, rules: RuleSet) -> int:
            return 5

        def line(self, facts: Facts, rules: RuleSet) -> Line:
            return Line(self.key, self.label, 5)

    rules = attrs.evolve(
        crs.rules_in_force(ON), sections=(*SECTIONS, attrs.evolve(bonus, parts=(Five(),)))
    )
    frame = pd.json_normalize([{"age": 29, "education": "bachelors"}])
    with pytest.warns(RowByRowWarning, match="row by row"):
        got = score_frame(frame, ON, rules=rules)
    assert got["total"][0] == 110 + 120 + 5
    assert got["core"][0] == 230


def test_columns_cover_the_profile_json() -> None:
    dumped = crs.dump_profile(
        crs.load_profile(
            {"age": 30, "education": "masters", "spouse": {"education": "secondary",
             "first_language": {"test": "clb", "listening": 5, "reading": 5, "writing": 5,
                                "speaking": 5, "test_date": "2025-01-01"}}}
        )
    )  # fmt: skip
    flat = pd.json_normalize([dumped]).columns
    assert set(flat) <= set(COLUMNS)


def test_row_profile_nests_and_converts() -> None:
    row = [("age", np.float64(31.0)), ("spouse.accompanying", np.True_), ("x", np.nan)]
    assert row_profile(row) == {"age": 31, "spouse": {"accompanying": True}}


def test_empty_frame() -> None:
    got = score_frame(pd.DataFrame({"age": [], "education": []}), ON)
    assert len(got) == 0
    assert list(got.columns) == list(RESULT_COLUMNS)


def test_before_express_entry_is_an_error_for_the_frame() -> None:
    with pytest.raises(crs.DateOutOfRangeError):
        score_frame(pd.json_normalize([{"age": 30, "education": "masters"}]), dt.date(2014, 1, 1))


def test_categorical_and_nullable_columns_agree_with_object_columns() -> None:
    """Categoricals, nullable numbers and booleans, and odd values score as plain columns."""
    records = [
        {"age": 29, "education": "bachelors", "settlement_funds": 25_000,
         "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
                            "writing": 7.0, "speaking": 7.0, "test_date": "2025-03-01"},
         "spouse": {"accompanying": True, "education": "masters"}},
        {"date_of_birth": "1990-05-17", "education": "masters", "canadian_work_years": 2,
         "first_language": {"test": "tef_canada", "listening": 503, "reading": 503,
                            "writing": 512, "speaking": 518, "test_date": "2019-09-30"},
         "spouse": {"accompanying": False}},
        {"age": 40, "education": "secondary",
         "first_language": {"test": "clb", "listening": 7, "reading": 7,
                            "writing": 7, "speaking": 7, "test_date": "2024-02-30"}},
        {"age": 35, "education": "doctoral", "settlement_funds": 10**13},
    ]  # fmt: skip
    plain = _check(records, ON)
    frame = pd.json_normalize(records)
    for name in (
        "education",
        "first_language.test",
        "first_language.test_date",
        "spouse.education",
    ):
        frame[name] = frame[name].astype("category")
    for name in ("age", "canadian_work_years", "settlement_funds"):
        frame[name] = frame[name].astype("Int64")
    frame["spouse.accompanying"] = frame["spouse.accompanying"].astype("boolean")
    got = score_frame(frame, ON)
    pd.testing.assert_frame_equal(got.drop(columns="error"), plain.drop(columns="error"))
    assert [_paths(e) if e else None for e in got["error"]] == [
        _paths(e) if e else None for e in plain["error"]
    ]
    assert got["error"][2].startswith("first_language.test_date")
    assert got["error"][3].startswith("settlement_funds")


def test_odd_cells_take_the_scalar_path() -> None:
    """pd.NA among booleans, labels that are not text, and numbers as text."""
    frame = pd.DataFrame(
        {
            "age": [30, 30, 30],
            "education": ["masters", "masters", "masters"],
            "spouse.accompanying": pd.Series([True, pd.NA, 1], dtype=object),
            7: [np.nan, np.nan, 1.0],
        }
    )
    got = score_frame(frame, ON)
    spouse = {"education": "masters", "spouse": {"accompanying": True}}
    numbers, error = _expected({"age": 30, **spouse}, ON)
    assert error is None
    assert numbers is not None
    assert got["total"][0] == numbers[0]
    numbers, error = _expected({"age": 30, "education": "masters"}, ON)
    assert numbers is not None
    assert got["total"][1] == numbers[0]  # pd.NA is missing: no spouse field, so no spouse
    assert _paths(got["error"][2]) == ["spouse.accompanying", "7"]


@pytest.mark.parametrize(
    "on",
    [
        dt.date(2016, 11, 18),
        dt.date(2016, 11, 19),
        dt.date(2026, 2, 18),
        dt.date(2026, 2, 19),
        dt.date(2026, 2, 20),
    ],
    ids=str,
)
def test_expired_and_later_results_agree_with_score(on: dt.date) -> None:
    """On each side of an anniversary, a test date and the 2016-11-19 rules, the frame agrees."""
    clb9 = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}
    records = [
        {"age": 30, "education": "masters", "first_language": {**clb9, "test_date": day}}
        for day in (
            "2014-11-19",
            "2014-11-18",
            "2024-02-19",
            "2024-02-20",
            "2026-02-19",
            "2026-02-20",
        )
    ]
    records.append(
        {
            "age": 30,
            "education": "masters",
            "first_language": clb9,
            "spouse": {"first_language": {**clb9, "test_date": "2024-02-19"}},
            "second_language": {
                "test": "nclc",
                "listening": 9,
                "reading": 9,
                "writing": 9,
                "speaking": 9,
                "test_date": "2026-02-20",
            },
        }
    )
    _check(records, on)


# --- any frame library: one adapter (crs._frames) -----------------------------------------


def _clients() -> pd.DataFrame:
    frame = to_frame(
        [
            {"age": 29, "education": "bachelors", "foreign_work_years": 3,
             "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
                                "writing": 7.0, "speaking": 7.0}},
            {"age": 40, "education": "masters", "spouse": {"accompanying": False}},
            {"age": 29.5, "education": "bachelors"},
        ]
    )  # fmt: skip
    frame.insert(0, "id", ["a", "b", "c"])
    frame["region"] = ["ON", "BC", "QC"]
    return frame


def test_extra_columns_pass_through_when_kept() -> None:
    frame = _clients()
    got = score_frame(frame, ON, keep=["id", "region"])
    assert list(got.columns) == ["id", "region", *RESULT_COLUMNS]
    assert got["region"].tolist() == ["ON", "BC", "QC"]
    assert (
        got["total"].tolist()[:2]
        == score_frame(frame.drop(columns=["id", "region"]), ON)["total"].tolist()[:2]
    )
    # id is kept by default; a column neither kept nor a field is reported, as a typo is.
    default = score_frame(frame, ON)
    assert default.columns[0] == "id"
    assert default["error"].str.contains("region: unknown key").all()
    with pytest.raises(KeyError, match="'nope'"):
        score_frame(frame, ON, keep=["nope"])


def test_keep_names_each_column_once_and_none_the_result_writes() -> None:
    """``keep=["id", "id"]`` keeps it once; a kept ``total`` would make two: it is refused."""
    frame = pd.DataFrame([{"id": "a", "age": 30, "education": "masters", "total": 1}])
    with pytest.raises(ValueError, match="keep: 'total' is also a column of the result"):
        score_frame(frame, ON, keep=["id", "total"])
    got = score_frame(frame.drop(columns="total"), ON, keep=["id", "id"])
    assert list(got.columns) == ["id", *RESULT_COLUMNS]


def test_polars_in_polars_out() -> None:
    pl = pytest.importorskip("polars")
    frame = _clients()
    want = score_frame(frame, ON, keep=["id", "region"])
    native = pl.from_pandas(frame)
    got = score_frame(native, ON, keep=["id", "region"])
    assert isinstance(got, pl.DataFrame)
    assert got.columns == ["id", "region", *RESULT_COLUMNS]
    assert got["total"].to_list() == [429, want["total"][1], None]
    assert got["error"].to_list()[2] == "age: 29.5 is not a whole number"
    assert got.schema["total"] == pl.Int64
    assert got["id"].equals(native["id"])  # untouched: the caller's own column


def test_polars_dates_and_booleans_with_nulls() -> None:
    pl = pytest.importorskip("polars")
    native = pl.DataFrame(
        {
            "date_of_birth": [dt.date(1996, 2, 20), dt.date(1996, 2, 19), None],
            "age": [None, None, 40],
            "education": ["masters"] * 3,
            "spouse.accompanying": [True, False, None],
            "spouse.education": ["doctoral", "doctoral", None],
        }
    )
    got = score_frame(native, ON)
    assert got["total"].to_list() == [100 + 126 + 10, 105 + 135, 50 + 135]


def test_pyarrow_in_pyarrow_out() -> None:
    pa = pytest.importorskip("pyarrow")
    frame = _clients()
    table = pa.Table.from_pandas(frame, preserve_index=False)
    got = score_frame(table, ON, keep=["id", "region"])
    assert isinstance(got, pa.Table)
    assert got.column_names == ["id", "region", *RESULT_COLUMNS]
    assert got.column("total").to_pylist()[0] == 429
    assert got.schema.field("error").type == pa.string()
    assert got.column("id").equals(table.column("id"))
    batch = table.to_batches()[0]
    assert score_frame(batch, ON, keep=["id", "region"]).equals(got)
    clean = score_frame(table.select(["age", "education"]).slice(0, 2), ON)
    assert clean.schema.field("error").type == pa.string()


HISTORIES: list[dict[str, Any]] = [
    {
        "age": 29,
        "education": "bachelors",
        "first_language": {
            "test": "clb",
            "listening": 9,
            "reading": 9,
            "writing": 9,
            "speaking": 9,
        },
        "work_history": [
            {"noc": "21231", "start": "2020-01-01", "end": "2023-06-30", "hours_per_week": 40},
            {"noc": "21231", "start": "2023-07-01", "in_canada": True, "hours_per_week": 30},
        ],
        "spouse": {"education": "doctoral"},
    },
    {
        "age": 35,
        "education": "masters",
        "first_language": {
            "test": "clb",
            "listening": 7,
            "reading": 8,
            "writing": 7,
            "speaking": 7,
        },
        "work_history": [{"noc": "31102", "start": "2024-09-19", "in_canada": True}],
        "spouse": {"education": "secondary"},
    },
]
"""Two profiles giving the same keys (pyarrow's from_pylist reads the keys of the first)."""


def _arrow_routes() -> dict[str, Any]:
    """The frames a work history reaches score_frame in through Arrow: lists become arrays."""
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    flat = pd.json_normalize(HISTORIES)
    return {
        "polars": pl.DataFrame(HISTORIES, strict=False),
        "polars from json_normalize": pl.from_pandas(flat),
        "pyarrow": pa.Table.from_pylist(HISTORIES),
        "pandas through arrow": pa.Table.from_pandas(flat).to_pandas(),
    }


def test_a_work_history_that_came_through_arrow_scores_as_given() -> None:
    """Lists of jobs held as NumPy arrays of dicts (Arrow's lists of structs) score as lists do."""
    want = [crs.score(crs.load_profile(data), ON).total for data in HISTORIES]
    for route, frame in _arrow_routes().items():
        got = score_frame(frame, ON)
        totals = got["total"].to_list() if hasattr(got["total"], "to_list") else None
        if totals is None:  # a pyarrow table
            totals = got.column("total").to_pylist()
        assert totals == want, route


def test_dates_inside_nested_cells_are_read_as_dates() -> None:
    """A job's start as a ``datetime.date`` (a date32 struct field, a Python frame) is its date."""
    given = {"age": 29, "education": "bachelors", "first_language": HISTORIES[0]["first_language"]}
    as_text = {**given, "work_history": [{"noc": "21231", "start": "2020-01-01"}]}
    as_date = {**given, "work_history": [{"noc": "21231", "start": dt.date(2020, 1, 1)}]}
    want = crs.score(crs.load_profile(as_text), ON).total
    assert score_frame(pd.DataFrame([as_date]), ON)["total"][0] == want


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([{"age": 30}], "not builtins.list"),
        (pd.Series([1]), "not pandas.Series"),
    ],
)
def test_other_objects_are_refused_with_what_is_accepted(value: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        score_frame(value, ON)


def test_lazy_polars_is_refused_with_a_hint() -> None:
    pl = pytest.importorskip("polars")
    with pytest.raises(TypeError, match=r"collect\(\) the Polars LazyFrame first"):
        score_frame(pl.LazyFrame({"age": [30]}), ON)


def test_decimal_columns_are_read_as_their_numbers() -> None:
    """Parquet and databases give decimals: each is read as its number.

    8.0 is a band; 8.3 is reported as 8.3, not as ``Decimal('8.3')``.
    """
    from decimal import Decimal

    row: dict[str, Any] = {
        "age": Decimal("30"),
        "education": "masters",
        "first_language": {
            "test": "ielts",
            "listening": Decimal("8.0"),
            "reading": 7.0,
            "writing": 7.0,
            "speaking": 7.0,
        },
    }
    plain = {**row, "age": 30, "first_language": {**row["first_language"], "listening": 8.0}}
    frame = pd.json_normalize(
        [row, {**row, "first_language": {**row["first_language"], "listening": Decimal("8.3")}}]
    )
    got = score_frame(frame, ON)
    assert got["total"][0] == crs.score(crs.load_profile(plain), ON).total
    assert (
        got["error"][1]
        == "first_language.listening: 8.3 is not an IELTS band (0 to 9 in steps of 0.5)"
    )


def test_a_caveat_on_the_date_is_a_warning_of_the_call() -> None:
    """The frame has no warnings column: a change not modelled on its date is said once."""
    import warnings

    from crs.frame import CaveatWarning

    frame = pd.json_normalize([{"age": 30, "education": "masters"}] * 3)
    day = dt.date(2026, 11, 25)
    with pytest.warns(CaveatWarning) as caught:
        score_frame(frame, day)
    said = [str(w.message) for w in caught if w.category is CaveatWarning]
    assert said == list(
        crs.score(crs.load_profile({"age": 30, "education": "masters"}), day).warnings
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        score_frame(frame, dt.date(2026, 11, 2))  # the day before: nothing to say
