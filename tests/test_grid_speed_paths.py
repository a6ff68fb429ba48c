"""The memos behind the faster crs.score and score_frame give what the explained path gives.

* ``score_frame`` in chunks, with each distinct value and rule combination read once a
  call across the chunks, gives what it gives in one piece, errors included;
* a language result's levels, remembered by its test and scores, are the chart's;
* ``Score.sections`` of the compiled scorer are the explained sections.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
import crs.frame
from crs.frame import RESULT_COLUMNS, score_frame, typed_frame
from crs.language import CHARTS, chart_for, level_of, levels
from crs.profile import LanguageResult, LanguageTest
from strategies import examples, frame_totals, near_valid_dicts, profile_dicts, scalar_total


@pytest.mark.filterwarnings("ignore::crs.frame.CaveatWarning")  # test_frame asserts it
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(profile_dicts(with_history=False) | near_valid_dicts(), min_size=2,
                     max_size=24),
    chunk=st.integers(1, 7),
    on=st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
    typed=st.booleans(),
)  # fmt: skip
def test_chunks_score_as_one_piece(
    records: list[Any], chunk: int, on: dt.date, typed: bool
) -> None:
    records = [r if isinstance(r, dict) else {"value": r} for r in records]
    frame = pd.json_normalize(records)
    if typed:
        frame = typed_frame(frame)
    columns = list(RESULT_COLUMNS)
    whole = score_frame(frame, on)[columns]
    with pytest.MonkeyPatch.context() as patch:  # a fresh patch for each example
        patch.setattr(crs.frame, "_CHUNK", chunk)
        chunked = score_frame(frame, on)[columns]
    pd.testing.assert_frame_equal(chunked, whole)


def test_chunks_read_a_value_refused_in_one_chunk_as_refused_in_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = {"age": 30, "education": "masters"}
    records: list[dict[str, Any]] = [
        good,
        {"age": 130, "education": "masters"},
        good,
        {"age": 130, "education": "masters"},
        {"age": 30, "education": "masters",
         "first_language": {"test": "ielts", "listening": 9.5, "reading": 7.0,
                            "writing": 7.0, "speaking": 7.0}},
        {"age": 30, "education": "masters",
         "first_language": {"test": "ielts", "listening": 9.5, "reading": 7.0,
                            "writing": 7.0, "speaking": 7.0}},
    ]  # fmt: skip
    monkeypatch.setattr(crs.frame, "_CHUNK", 1)
    got = score_frame(pd.json_normalize(records), "2026-02-19")
    errors = got["error"].tolist()
    assert errors[0] is None
    assert errors[2] is None
    assert errors[1] == errors[3]
    assert errors[1] is not None
    assert errors[1].startswith("age:")
    assert errors[4] == errors[5]
    assert errors[4] is not None
    assert errors[4].startswith("first_language.listening:")


_SCORES = {
    LanguageTest.IELTS: st.integers(0, 18).map(lambda half: half / 2),
    LanguageTest.CELPIP: st.integers(0, 12),
    LanguageTest.PTE_CORE: st.integers(10, 90),
    LanguageTest.TEF_CANADA: st.integers(0, 300),  # on every ancien scale
    LanguageTest.CLB: st.integers(0, 12),
    LanguageTest.NCLC: st.integers(0, 12),
}


@settings(max_examples=examples(200))
@given(data=st.data(), test=st.sampled_from(sorted(_SCORES, key=lambda t: t.value)))
def test_remembered_levels_are_the_charts(data: st.DataObject, test: LanguageTest) -> None:
    scores: list[float] = [data.draw(_SCORES[test]) for _ in range(4)]
    as_float = data.draw(st.booleans())
    if as_float:
        scores = [float(s) for s in scores]
    result = LanguageResult(test, scores[0], scores[1], scores[2], scores[3])
    chart = chart_for(test, None)
    expected = tuple(level_of(chart, a, s) for a, s in enumerate(scores))
    assert chart is None or chart in CHARTS
    assert levels(result) == expected
    assert levels(result) == expected  # the second read comes from the memo
    li, re, wr, sp = [int(x) if float(x).is_integer() else x for x in scores]
    twin = LanguageResult(test, li, re, wr, sp)
    assert levels(twin) == expected  # 8 and 8.0 share an entry: the same levels


def test_compiled_sections_are_the_subtotals_and_the_explained_sections() -> None:
    profile = crs.load_profile(
        {"age": 29, "education": "bachelors", "foreign_work_years": 3,
         "spouse": {"education": "masters"},
         "first_language": {"test": "clb", "listening": 9, "reading": 9,
                            "writing": 9, "speaking": 9}}
    )  # fmt: skip
    result = crs.score(profile, "2025-06-01")
    assert dict(result.sections) == {
        "core": result.core,
        "spouse": result.spouse,
        "transferability": result.skill_transferability,
        "additional": result.additional,
    }
    assert dict(result.sections) == {line.key: line.points for line in result.lines}
    assert result.spouse > 0


def test_a_score_built_by_hand_keeps_the_sections_it_was_given() -> None:
    rules = crs.RULE_SETS[-1]
    on = dt.date(2025, 6, 1)
    assert crs.Score(1, 1, 0, 0, 0, rules, on).sections == {}
    given_sections = {"core": 1, "own": 2}
    built = crs.Score(3, 1, 0, 0, 0, rules, on, sections=given_sections)
    assert built.sections == given_sections


def test_a_value_is_read_by_its_own_field_not_by_another_that_holds_it_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "masters" is an education but not a Canadian credential: read once a field,
    # never borrowed from the field that read it first.
    records = [
        {"age": 30, "education": "masters", "canadian_education": "masters"},
        {"age": 30, "education": "masters"},
    ]
    frame = pd.json_normalize(records)
    assert list(frame.columns).index("education") < list(frame.columns).index("canadian_education")
    monkeypatch.setattr(crs.frame, "_CHUNK", 1)  # chunks share what they read
    errors = score_frame(frame, "2026-02-19")["error"].tolist()
    assert errors[0] is not None
    assert errors[0].startswith("canadian_education:")
    assert errors[1] is None


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=examples(200))
@given(_JSON)
def test_whole_numbers_read_by_the_scanner_equal_the_checked_reading(value: Any) -> None:
    from crs import _json

    text = json.dumps(value)
    assert _json._LONG_DIGITS.search(text) is None
    fast, checked = _json._PLAIN.decode(text), _json._DECODER.decode(text)
    assert fast == checked
    assert json.dumps(fast) == json.dumps(checked)  # the same types too (1 and 1.0 apart)


def test_a_long_run_of_digits_takes_the_checked_reading() -> None:
    from crs import _json

    long = "9" * (_json.MAX_DIGITS + 1)
    with pytest.raises(crs.ProfileError, match=f"a number has {_json.MAX_DIGITS + 1} digits"):
        _json.parse(f'{{"settlement_funds": {long}}}')
    assert _json.parse(f'{{"id": "{long}"}}') == {"id": long}  # in a string: read as text
    assert _json.parse(f'{{"n": {"9" * _json.MAX_DIGITS}}}') == {"n": int("9" * _json.MAX_DIGITS)}


def test_each_rule_gives_its_own_verdict_on_values_another_rule_read_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "give age or date_of_birth" and "not both" read the same two values: the first
    # rule's verdict on (given, given) is never taken for the second's.
    records = [
        {"age": 30, "education": "masters", "date_of_birth": "1990-01-01"},
        {"age": 30, "education": "masters"},
    ]
    monkeypatch.setattr(crs.frame, "_CHUNK", 1)
    errors = score_frame(pd.json_normalize(records), "2026-02-19")["error"].tolist()
    assert errors[0] is not None
    assert errors[0].startswith("date_of_birth:")
    assert errors[1] is None


def test_a_score_too_large_to_cast_is_an_error_without_a_numpy_warning() -> None:
    import warnings

    result = {"test": "ielts", "listening": 1e300, "reading": 7.0, "writing": 7.0,
              "speaking": 7.0}  # fmt: skip
    frame = pd.json_normalize([{"age": 30, "education": "masters", "first_language": result}])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        errors = score_frame(frame, "2026-02-19")["error"].tolist()
    assert errors[0].startswith("first_language.listening:")


def test_rules_on_category_codes_are_checked_once_for_the_whole_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The whole-frame check takes the language-score rules; its refusals are the scalar path's."""
    import numpy as np

    from crs.columns import precheck

    good = {"age": 30, "education": "masters",
            "first_language": {"test": "celpip", "listening": 9, "reading": 9,
                               "writing": 9, "speaking": 9}}  # fmt: skip
    # 8.5 is an IELTS band; on CELPIP's scale it is refused (the rule, not the field).
    bad = {"age": 30, "education": "masters",
           "first_language": {"test": "celpip", "listening": 8.5, "reading": 9,
                              "writing": 9, "speaking": 9}}  # fmt: skip
    ielts = {"age": 30, "education": "masters",
             "first_language": {"test": "ielts", "listening": 8.5, "reading": 9,
                                "writing": 9, "speaking": 9}}  # fmt: skip
    records = [good, bad, ielts, good, bad]
    frame = typed_frame(pd.json_normalize(records))
    checked = precheck(frame, np, pd, {})
    assert len(checked.done) >= 4  # the four abilities of first_language at least
    assert checked.refused is not None
    assert checked.refused.tolist() == [False, True, False, False, True]
    monkeypatch.setattr(crs.frame, "_CHUNK", 2)
    got = score_frame(frame, "2026-02-19")
    expected = crs.score(crs.load_profile(good), "2026-02-19").total
    assert got["total"].iloc[[0, 3]].tolist() == [expected, expected]
    with pytest.raises(crs.ProfileError) as refused:
        crs.load_profile(bad)
    message = "; ".join(str(p) for p in refused.value.problems)
    assert got["error"].tolist() == [None, message, None, None, message]
    assert message.startswith("first_language.listening:")


def test_readings_remembered_by_value_serve_the_next_call_alike() -> None:
    """A second call (other categories, other order) reads as the first: the cache is by value."""
    from crs._distinct import BY_VALUE

    records = [
        {"age": 30, "education": "masters",
         "first_language": {"test": "tef_canada", "listening": 300, "reading": 250,
                            "writing": 400, "speaking": 380}},
        {"age": 40, "education": "bachelors",
         "first_language": {"test": "ielts", "listening": 7.5, "reading": 6,
                            "writing": 6.5, "speaking": 7}},
    ]  # fmt: skip
    first = score_frame(pd.json_normalize(records), "2026-02-19")
    assert BY_VALUE  # readings and verdicts were remembered
    second = score_frame(pd.json_normalize(records[::-1]), "2026-02-19")
    assert first["total"].tolist() == second["total"].tolist()[::-1]
    assert first["total"].tolist() == [
        crs.score(crs.load_profile(r), "2026-02-19").total for r in records
    ]


def test_the_cache_by_value_is_bounded_and_scores_stay_exact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a tiny bound the cache empties itself again and again; every total is still exact."""
    from crs import _distinct

    monkeypatch.setattr(_distinct, "_BY_VALUE_LIMIT", 40)
    monkeypatch.setattr(_distinct, "_WEIGHT", [0])
    monkeypatch.setattr(_distinct, "BY_VALUE", {})
    records = [
        {"age": 20 + i, "education": "masters",
         "first_language": {"test": "tef_canada", "listening": 200 + i, "reading": 200 + i,
                            "writing": 200 + i, "speaking": 200 + i}}
        for i in range(30)
    ] + [{"age": 30, "education": "masters"}]  # fmt: skip
    for _ in range(3):
        got = score_frame(pd.json_normalize(records), "2026-02-19")
        assert len(_distinct.BY_VALUE) <= 40
        assert _distinct._WEIGHT[0] <= 40
        assert got["total"].tolist() == [
            crs.score(crs.load_profile(r), "2026-02-19").total for r in records
        ]


@pytest.mark.parametrize("on", ["2016-06-01", "2019-12-01", "2026-02-19"])
def test_dated_columns_read_once_a_call_score_each_row_as_crs_score(
    monkeypatch: pytest.MonkeyPatch, on: str
) -> None:
    """Test dates (eras, expiry, classes read alike) and births, chunk after chunk, as crs.score."""
    from crs.flat import rows
    from crs.frame import synthetic_frame

    frame = synthetic_frame(300, seed=11)
    assert "first_language.test_date" in frame.columns
    assert "date_of_birth" in frame.columns
    monkeypatch.setattr(crs.frame, "_CHUNK", 16)
    got = score_frame(frame, on)
    assert frame_totals(got) == [scalar_total(data, on) for data in rows(frame, range(len(frame)))]


def test_score_rules_folded_into_the_level_tables_refuse_as_the_scalar_path() -> None:
    """Off-scale scores of a coded group without test dates: refused by the levels, same message."""
    import numpy as np

    from crs._coding import _typed
    from crs._precheck import _SCORE_RULES, precheck
    from crs.frame import _Whole

    def person(test: str, listening: float) -> dict[str, Any]:
        return {"age": 30, "education": "masters",
                "first_language": {"test": test, "listening": listening, "reading": 9,
                                   "writing": 9, "speaking": 9}}  # fmt: skip

    # 8.5 is an IELTS band, off CELPIP's scale; 13 is off both; 9 is on both.
    records = [person("celpip", 9), person("celpip", 8.5), person("ielts", 8.5),
               person("ielts", 13), person("celpip", 9)]  # fmt: skip
    frame = pd.json_normalize(records)
    whole = _Whole(_typed(frame, pd, numbers=False), pd)
    checked = precheck(whole.rows(0, len(frame)), np, pd, {})
    folded = {("first_language", id(rule)) for rule in _SCORE_RULES.values()}
    assert folded <= checked.done  # left to the level tables
    assert checked.refused is None  # so the whole-frame check refused nothing itself
    got = score_frame(frame, "2026-02-19")
    assert frame_totals(got) == [scalar_total(data, "2026-02-19") for data in records]
    assert got["error"].notna().tolist() == [False, True, False, True, False]


@st.composite
def _steps(draw: st.DrawFn) -> Any:
    from crs.tables import Source, Steps

    thresholds = sorted(draw(st.sets(st.integers(0, 300), min_size=1, max_size=6)))
    points = draw(st.lists(st.integers(-5, 200), min_size=len(thresholds),
                           max_size=len(thresholds)))  # fmt: skip
    return Steps(tuple(zip(thresholds, points, strict=True)), Source("trial"))


@settings(max_examples=examples(60), deadline=None)
@given(
    single=_steps(),
    spoused=_steps(),
    cells=st.lists(st.tuples(st.integers(-3, 400), st.booleans()), min_size=1, max_size=40),
)
def test_a_stacked_pair_of_steps_reads_as_each_table_does(
    single: Any, spoused: Any, cells: list[tuple[int, bool]]
) -> None:
    """Spoused.column (one array, one gather) gives each row its own table's points."""
    import numpy as np

    from crs.tables import Spoused

    values = np.array([v for v, _ in cells], dtype=np.int64)
    with_spouse = np.array([w for _, w in cells], dtype=bool)
    got = Spoused(spoused, single).column(with_spouse, values).tolist()
    # Each table's own column reading (clipped: below 0 reads the first entry).
    expected = [int((spoused if w else single).column(np.array([v]))[0]) for v, w in cells]
    assert got == expected
    assert all(
        g == (spoused if w else single)(max(v, 0)) for g, (v, w) in zip(got, cells, strict=True)
    )


@settings(max_examples=examples(40), deadline=None)
@given(
    points=st.lists(st.integers(-50, 150), min_size=16, max_size=16),
    drop=st.sets(st.integers(0, 7), max_size=2),
    cells=st.lists(st.tuples(st.integers(-1, 7), st.booleans()), min_size=1, max_size=40),
)
def test_a_stacked_pair_of_lookups_reads_as_each_table_does(
    points: list[int], drop: set[int], cells: list[tuple[int, bool]]
) -> None:
    """Lookups by education (one with members unlisted: not stacked, still refused alike)."""
    import numpy as np

    from crs import Education
    from crs.tables import Lookup, Source, Spoused, member_index

    members = list(Education)
    single: Lookup[Education] = Lookup(
        {m: points[i] for i, m in enumerate(members)}, Source("trial")
    )
    spoused: Lookup[Education] = Lookup(
        {m: points[8 + i] for i, m in enumerate(members) if i not in drop}, Source("trial")
    )
    cells = [(v, w) for v, w in cells if v < len(members)]
    if not cells:
        return
    values = np.array([v for v, _ in cells], dtype=np.int64)
    with_spouse = np.array([w for _, w in cells], dtype=bool)
    # As pick_column reads them (both tables, every row): an unlisted member is refused.
    asks_unlisted = any(v in drop for v, _ in cells)
    if asks_unlisted:
        with pytest.raises(KeyError):
            Spoused(spoused, single).column(with_spouse, values)
        return
    got = Spoused(spoused, single).column(with_spouse, values).tolist()
    for g, (v, w) in zip(got, cells, strict=True):
        table = spoused if w else single
        assert g == (0 if v < 0 else table(members[v]))
        assert v < 0 or member_index(members[v]) == v
