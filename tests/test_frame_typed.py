"""The typed input of score_frame (categories and booleans) scores as the plain frame does."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crs.frame import RESULT_COLUMNS, score_frame, typed_frame
from strategies import examples, near_valid_dicts, profile_dicts


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
