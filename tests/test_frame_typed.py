"""The typed input of score_frame (categories and booleans) scores as the plain frame does."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crs.frame import RESULT_COLUMNS, score_frame, typed_frame
from strategies import examples, frame_totals, near_valid_dicts, profile_dicts, scalar_total

# The caveat of a date after 2026-11-03, said once a score_frame call: test_frame asserts it.
pytestmark = pytest.mark.filterwarnings("ignore::crs.frame.CaveatWarning")


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(profile_dicts(with_history=False) | near_valid_dicts(), min_size=1,
                     max_size=20),
    on=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
)  # fmt: skip
def test_typed_input_scores_as_the_plain_frame(records: list[Any], on: dt.date) -> None:
    records = [r if isinstance(r, dict) else {"value": r} for r in records]
    plain = pd.json_normalize(records)
    typed = typed_frame(plain)
    columns = list(RESULT_COLUMNS)  # kept columns (an id) are copied as they are, typed
    pd.testing.assert_frame_equal(score_frame(typed, on)[columns], score_frame(plain, on)[columns])


def test_typed_frame_types_text_flags_and_floats() -> None:
    """Text and float columns become categories, flags booleans; whole numbers stay."""
    plain = pd.json_normalize(
        [
            {"age": 30, "education": "masters", "provincial_nomination": True,
             "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
                                "writing": 7.0, "speaking": 7.0}},
            {"age": 41, "education": "secondary"},
        ]
    )  # fmt: skip
    typed = typed_frame(plain)
    assert str(typed["education"].dtype) == "category"
    assert str(typed["first_language.test"].dtype) == "category"
    assert str(typed["provincial_nomination"].dtype) == "boolean"
    assert str(typed["first_language.listening"].dtype) == "category"
    assert typed["first_language.listening"].tolist()[0] == 8.0
    assert str(typed["age"].dtype) == "int64"
    assert score_frame(typed, "2026-02-19")["total"].tolist() == [
        *score_frame(plain, "2026-02-19")["total"].tolist()
    ]


def test_category_columns_that_are_not_fields_are_reported_as_the_scalar_path_does() -> None:
    """A misspelt field given as a category is an error naming it; a good row still scores."""
    frame = pd.DataFrame(
        {
            "age": [30, 30],
            "education": pd.Categorical(["masters", "masters"]),
            "eduaction": pd.Categorical([None, "masters"]),
        }
    )
    got = score_frame(frame, "2026-02-19")
    expected = score_frame(pd.DataFrame({"age": [30], "education": ["masters"]}), "2026-02-19")
    assert got["total"].iat[0] == expected["total"].iat[0]
    assert got["error"].iat[0] is None
    assert got["error"].iat[1] is not None
    assert "eduaction" in got["error"].iat[1]


def test_many_categories_codes_wider_than_a_byte_score_as_crs_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """More than 127 scores (int16 codes), one refused past code 127: each row as crs.score."""
    import crs
    import crs.frame

    records: list[dict[str, Any]] = [
        {"age": 20 + i % 25, "education": "masters",
         "first_language": {"test": "tef_canada", "listening": 100 + i, "reading": 100 + i,
                            "writing": 100 + i, "speaking": 100 + i}}
        for i in range(200)
    ]  # fmt: skip
    records[150]["first_language"]["listening"] = 999  # off TEF Canada's scale
    records[199] = {"age": 30, "education": "masters"}  # no result: the scores are floats
    typed = typed_frame(pd.json_normalize(records))
    assert typed["first_language.listening"].cat.codes.dtype == "int16"
    monkeypatch.setattr(crs.frame, "_CHUNK", 64)
    got = score_frame(typed, "2026-02-19")
    for row, data in enumerate(records):
        if row == 150:
            with pytest.raises(crs.ProfileError) as refused:
                crs.load_profile(data)
            assert got["error"].iat[row] == "; ".join(str(p) for p in refused.value.problems)
            continue
        assert got["error"].iat[row] is None
        assert int(got["total"].iat[row]) == crs.score(crs.load_profile(data), "2026-02-19").total


def test_flag_and_whole_number_columns_read_as_codes_score_as_crs_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """bool, boolean with missing cells, int64 in range and past it: each row as crs.score."""
    import crs
    import crs.frame

    frame = pd.DataFrame(
        {
            "age": [30, 45, 17, 130, 29, 64],  # 130: in the codes' range, refused by its check
            "education": pd.Categorical(["masters"] * 6),
            "canadian_work_years": [0, 1, 2, 3, 4, 5000],  # 5000: past the range, read as is
            "foreign_work_years": [0, 1, 2, 3, 2, 1],
            "sibling_in_canada": pd.array([True, None, False, True, None, False], dtype="boolean"),
            "certificate_of_qualification": [True, False, True, False, True, False],
            "spouse.education": pd.Categorical(["masters"] * 6),
            # Missing: the default (accompanying), which False is not.
            "spouse.accompanying": pd.array([None, False, True, None, False, None], "boolean"),
        }
    )
    monkeypatch.setattr(crs.frame, "_CHUNK", 4)
    got = score_frame(frame, "2026-02-19")
    expected: list[tuple[int | None, str | None]] = []
    for row in range(len(frame)):
        data: dict[str, Any] = {"spouse": {}}
        for name, value in frame.iloc[row].items():
            if value is pd.NA:
                continue
            if isinstance(value, (bool, np.bool_)):
                value = bool(value)
            elif isinstance(value, str):
                value = str(value)
            else:
                value = int(value)
            if name.startswith("spouse."):
                data["spouse"][name.removeprefix("spouse.")] = value
            else:
                data[name] = value
        expected.append(scalar_total(data, "2026-02-19"))
    assert frame_totals(got) == expected
    assert expected[3][1] is not None  # the age of 130 is refused


_ON_GRID = st.one_of(
    st.integers(0, 24).map(lambda k: k / 2),  # halves and wholes: on the grid
    st.integers(0, 700).map(float),  # TEF-like whole scores
    st.just(float("nan")),
)
_GRID_CELLS = _ON_GRID | st.sampled_from(
    [-0.0, -1.0, -0.5, 0.25, 7.3, float("inf"), 1e300, 2048.0, 4095.5]
)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(_ON_GRID, min_size=1, max_size=30) | st.lists(_GRID_CELLS, min_size=1))
def test_a_float_column_on_the_grid_reads_its_own_values(cells: list[float]) -> None:
    """Each code of the grid names the cell's very number (sign included); NaN is -1; else None."""
    from crs._coding import _on_grid

    values = np.array(cells, dtype=np.float64)
    coded = _on_grid(values, pd)
    if coded is None:
        return
    dtype, codes = coded
    categories = list(dtype.categories)
    for cell, code in zip(cells, codes.tolist(), strict=True):
        if cell != cell:
            assert code == -1
            continue
        assert code >= 0
        got = categories[code]
        assert type(got) is float
        assert got == cell
        assert np.signbit(got) == np.signbit(cell)
    off = [c for c in cells if c == c and (c < 0 or np.signbit(c) or c != c // 0.5 * 0.5
                                            or c > 4095)]  # fmt: skip
    assert not off  # a grid was found only where no cell is off it


def _plain_on_grid(values: Any) -> tuple[int, int, Any] | None:
    """The grid the plain reading finds: (step, largest code, codes), or None (off it).

    The straightforward NumPy reading that ``crs._coding._on_grid`` replaced with
    fewer passes: every cell tried as whole numbers, then as halves.  (The
    largest number is taken from the cells that are not NaN: ``np.fmax.reduce``,
    which the replaced reading used, can answer NaN for a signalling NaN.)
    """
    if not len(values) or np.signbit(values).any():
        return None
    absent = np.isnan(values)
    if absent.all():
        return 1, -1, np.full(len(values), -1, np.int16)
    high = values[~absent].max()
    if not high < 4096:
        return None
    for step in (1, 2):
        if not high * step < 4096:
            return None
        with np.errstate(invalid="ignore"):
            steps = values * step
            codes = steps.astype(np.int16)
        if ((codes == steps) | absent).all():
            codes[absent] = -1
            top = int(codes.max())
            return step, top, codes.astype(np.int8) if top < 127 else codes
    return None


_TRICKY = st.sampled_from(
    [-0.0, -1.0, -0.5, 0.25, 7.3, 1e-300, 4095.0, 4095.5, 4096.0, 2047.5, 2048.0, 126.0, 127.0,
     63.5, 32767.0, 32768.0, 65536.0, 1e300, float("inf"), -float("inf"),
     float(np.frombuffer(np.uint64(0xFFF8000000000000).tobytes(), np.float64)[0]),  # -NaN
     float(np.frombuffer(np.uint64(0x7FF0000000000001).tobytes(), np.float64)[0])]  # a NaN
)  # fmt: skip


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.sampled_from([0, 1, 255, 256, 300]),
    fill=st.sampled_from([0.0, 3.0, 1.5, float("nan")]),
    cells=st.lists(_ON_GRID | _TRICKY, max_size=40),
    where=st.integers(0, 10_000),
)
def test_a_float_column_is_coded_as_the_plain_reading_codes_it(
    head: int, fill: float, cells: list[float], where: int
) -> None:
    """Same grid, same codes, same code dtype as every cell tried as whole numbers, then halves.

    ``head`` cells of one number come first, so that a half (or none) lies inside
    or past the first cells the fast reading looks at; columns are also read as a
    strided view (one column of a two-dimensional block).
    """
    from crs._coding import _on_grid

    values = np.array([fill] * head + cells, dtype=np.float64)
    block = np.empty((len(values), 2))
    block[:, 1] = np.nan
    block[:, 0] = values
    for column in (values, block[:, 0]):
        expected = _plain_on_grid(column)
        got = _on_grid(column, pd)
        if expected is None:
            assert got is None
            continue
        assert got is not None
        step, top, codes = expected
        dtype, got_codes = got
        grid = np.arange(max(top, 0) + 1, dtype=np.float64) / step
        assert list(dtype.categories) == grid.tolist()
        assert dtype.categories.dtype == np.float64
        assert got_codes.dtype == codes.dtype
        assert np.array_equal(got_codes, codes)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(st.sampled_from([True, False, None]), max_size=40),
    start=st.integers(0, 5),
    stride=st.sampled_from([1, 2]),
)
def test_boolean_flags_are_coded_as_pandas_reads_them(
    cells: list[bool | None], start: int, stride: int
) -> None:
    """A ``boolean`` column (slices too) codes False 0, True 1, missing -1, as to_numpy does."""
    from crs._coding import _as_codes

    column = pd.Series(pd.array(cells, dtype="boolean")).iloc[start::stride]
    got = _as_codes(column, pd)
    assert got is not None
    dtype, codes = got
    assert list(dtype.categories) == [False, True]
    expected = column.array.to_numpy(dtype=np.int8, na_value=-1)
    assert codes.dtype == np.int8
    assert codes.tolist() == expected.tolist()


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(
        st.integers(0, 60) | st.sampled_from([-1, 4095, 4096, -(2**63), 2**63 - 1]), max_size=30
    )
)
def test_whole_number_columns_are_coded_within_their_range_only(cells: list[int]) -> None:
    """int64 from 0 to 4,095: categories 0 to the largest, codes the numbers; else read as is."""
    from crs._coding import _as_codes

    column = pd.Series(cells, dtype=np.int64)
    got = _as_codes(column, pd)
    if not cells or min(cells) < 0 or max(cells) >= 4096:
        assert got is None
        return
    assert got is not None
    dtype, codes = got
    assert list(dtype.categories) == list(range(max(cells) + 1))
    assert codes.dtype == np.int16
    assert codes.tolist() == cells


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tests=st.lists(st.sampled_from(["ielts", "celpip", "tef_canada", "clb", None]), min_size=1,
                   max_size=12),
    scores=st.lists(_ON_GRID, min_size=48, max_size=48)
    | st.lists(_GRID_CELLS, min_size=48, max_size=48),
    years=st.lists(_ON_GRID, min_size=12, max_size=12)
    | st.lists(_GRID_CELLS, min_size=12, max_size=12),
)  # fmt: skip
def test_float_columns_coded_on_the_grid_score_as_crs_score(
    tests: list[str | None], scores: list[float], years: list[float]
) -> None:
    """Scores and years as json_normalize's float columns: each row as crs.load_profile + score."""
    records: list[dict[str, Any]] = []
    for row, test in enumerate(tests):
        data: dict[str, Any] = {"age": 30, "education": "masters"}
        if test is not None:
            result: dict[str, Any] = {"test": test}
            for a, ability in enumerate(("listening", "reading", "writing", "speaking")):
                score = scores[row * 4 + a]
                if score == score:
                    result[ability] = score
            data["first_language"] = result
        if years[row] == years[row]:
            data["spouse"] = {"canadian_work_years": years[row]}
        records.append(data)
    frame = pd.json_normalize(records)
    got = score_frame(frame, "2026-02-19")
    assert frame_totals(got) == [scalar_total(data, "2026-02-19") for data in records]


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(st.sampled_from([True, False, None, float("nan"), 1, 0, 1.0, "true"]),
                   min_size=1, max_size=12)
    | st.lists(st.sampled_from([True, False, None, float("nan")]), min_size=1, max_size=12),
)  # fmt: skip
def test_object_flag_columns_score_as_crs_score(cells: list[Any]) -> None:
    """A flag column of objects (True, False, missing, or not a flag): each row as crs.score."""
    frame = pd.DataFrame(
        {
            "age": [30] * len(cells),
            "education": ["masters"] * len(cells),
            "sibling_in_canada": pd.Series(cells, dtype=object),
            "certificate_of_qualification": pd.Series(cells[::-1], dtype=object),
        }
    )
    outcomes = frame_totals(score_frame(frame, "2026-02-19"))
    for row in range(len(cells)):
        data: dict[str, Any] = {"age": 30, "education": "masters"}
        for name, cell in (("sibling_in_canada", cells[row]),
                           ("certificate_of_qualification", cells[::-1][row])):  # fmt: skip
            if cell is not None and cell == cell:
                data[name] = cell
        assert outcomes[row] == scalar_total(data, "2026-02-19")


_NAN = float("nan")  # one NaN object, as json_normalize fills a missing flag with one
_FLAG_CELLS = st.sampled_from(
    [
        True,
        False,
        None,
        _NAN,
        np.nan,
        pd.NA,
        pd.NaT,
        np.float64("nan"),
        np.datetime64("NaT"),
        1,
        0,
        1.0,
        0.0,
        -0.0,
        np.True_,
        np.False_,
        "True",
        "",
        (),
        2**70,
    ]
) | st.floats(allow_nan=True).map(lambda x: x)  # fresh float objects, NaNs among them


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(_FLAG_CELLS, max_size=40)
    | st.lists(st.sampled_from([True, False, None, _NAN]), min_size=1, max_size=40)
)
def test_object_flags_read_by_identity_are_those_read_by_value(cells: list[Any]) -> None:
    """_known_flags gives what _booleans gives, or None (then _booleans decides)."""
    from crs._coding import _booleans, _known_flags

    column = pd.Series(cells, dtype=object, index=range(3, 3 + len(cells)), name="flag")
    fast = _known_flags(column, pd)
    slow = _booleans(column, pd)
    if fast is None:
        only = all(c is True or c is False or c is None or c is _NAN for c in cells)
        assert not (only and cells)  # the json_normalize shapes always take the fast way
        return
    assert slow is not None
    pd.testing.assert_series_equal(fast, slow)
    assert fast.tolist() == slow.tolist()


def test_object_flags_of_many_distinct_missing_objects_are_read_by_value() -> None:
    """More distinct missing objects than the identity route takes: _booleans decides, alike."""
    from crs._coding import _booleans, _known_flags, _typed

    cells = [True, *[float("nan") for _ in range(20)], False, None]
    column = pd.Series(cells, dtype=object, name="sibling_in_canada")
    assert _known_flags(column, pd) is None
    typed = _typed(pd.DataFrame({"sibling_in_canada": column}), pd, numbers=False)
    pd.testing.assert_series_equal(typed["sibling_in_canada"], _booleans(column, pd))


_TEXTS = (
    st.none() | st.sampled_from(["", "a", "masters", "ielts", "é", "😀", "a\x00b", "b"]) | st.text()
)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(_TEXTS, max_size=40),
    dtype=st.sampled_from(["str", "string[pyarrow]"]),  # missing as NaN, as pd.NA
    cut=st.integers(0, 3),
    chunks=st.booleans(),
    large=st.booleans(),
)  # fmt: skip
def test_arrow_text_read_by_its_dictionary_is_factorized_text(
    cells: list[str | None], dtype: str, cut: int, chunks: bool, large: bool
) -> None:
    """_arrow_categories gives what _categories (pandas.factorize, sorted) gives, cell for cell."""
    import pyarrow as pa

    from crs._coding import _arrow_categories, _categories

    kind = pa.large_string() if large else pa.string()
    half = len(cells) // 2 if chunks else len(cells)
    arrow = pa.chunked_array([pa.array(cells[:half], kind), pa.array(cells[half:], kind)], kind)
    na_value = float("nan") if dtype == "str" else pd.NA
    string = pd.StringDtype("pyarrow", na_value=na_value)
    array = pd.arrays.ArrowStringArray(arrow, dtype=string)  # type: ignore[call-arg]
    column = pd.Series(array, name="education").iloc[cut:]  # a slice: Arrow's offset not 0
    fast = _arrow_categories(column, pd)
    assert fast is not None  # every Arrow text column takes this way
    slow = _categories(column, pd)
    pd.testing.assert_series_equal(fast, slow)
    assert fast.dtype == slow.dtype
    assert fast.array.codes.dtype == slow.array.codes.dtype
    assert fast.array.codes.tolist() == slow.array.codes.tolist()


def test_text_columns_not_in_arrow_are_factorized_as_before() -> None:
    """Object text (pandas 2's json_normalize, or no pyarrow) is not Arrow's: None."""
    from crs._coding import _arrow_categories

    assert _arrow_categories(pd.Series(["masters", None], dtype=object), pd) is None
    assert _arrow_categories(pd.Series(["masters", None], dtype="string[python]"), pd) is None


_EDUCATION_NAMES = ["secondary", "bachelors", "masters", "doctoral", "less_than_secondary"]


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(st.sampled_from([*_EDUCATION_NAMES, None]), min_size=0, max_size=40)
    | st.lists(st.sampled_from([*_EDUCATION_NAMES, None, "Masters", "", "masters ", "é"]),
               min_size=1, max_size=40),
    start=st.integers(0, 3),
)  # fmt: skip
def test_a_choice_column_of_known_names_reads_as_its_cells(cells: list[Any], start: int) -> None:
    """A choice column of known names has every name as a category, each cell its own name.

    Missing cells read -1; a column with any other text falls back to the values found.
    """
    from crs._coding import _arrow_categories, _categories, _vocabulary
    from crs.checks import field_names

    spec = dict(field_names())["education"]
    known = _vocabulary(spec)
    assert known is not None
    assert list(known) == sorted(known)
    column = pd.Series([None] * start + cells, dtype="string[pyarrow]").iloc[start:]
    got = _arrow_categories(column, pd, known)
    assert got is not None
    assert got.astype(object).where(got.notna(), None).tolist() == cells
    if all(cell is None or cell in known for cell in cells):
        assert list(got.cat.categories) == list(known)
        assert got.cat.codes.tolist() == [-1 if c is None else known.index(c) for c in cells]
    else:
        assert list(got.cat.categories) == list(_categories(column, pd).cat.categories)


def test_frames_typed_apart_share_a_choice_column_dtype() -> None:
    """Two batches holding different names of a choice concatenate as categories."""
    first = typed_frame(pd.json_normalize([{"age": 30, "education": "masters"}]))
    second = typed_frame(pd.json_normalize([{"age": 31, "education": "doctoral"}]))
    assert first["education"].dtype == second["education"].dtype
    both = pd.concat([first, second], ignore_index=True)
    assert isinstance(both["education"].dtype, pd.CategoricalDtype)
    assert both["education"].tolist() == ["masters", "doctoral"]
