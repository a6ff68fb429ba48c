"""what_if: every gain is the difference of two real scores, and the sentences say what to do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crs
from crs.scenarios import Suggestions, what_if
from strategies import examples

ON = dt.date(2026, 2, 19)


def _v1(**extra: Any) -> crs.Profile:
    data: dict[str, Any] = {
        "age": 29,
        "education": "bachelors",
        "foreign_work_years": 3,
        "first_language": {"test": "ielts", "listening": 8.0, "reading": 7.0,
                           "writing": 7.0, "speaking": 7.0},
    }  # fmt: skip
    data.update(extra)
    return crs.load_profile(data)


def test_gains_are_real_score_differences_ordered_largest_first() -> None:
    suggestions = what_if(_v1(), ON)
    base = crs.score(_v1(), ON).total
    assert base == 429
    gains = [s.gain for s in suggestions]
    assert gains == sorted(gains, reverse=True)
    assert all(g > 0 for g in gains)
    for s in suggestions:
        assert crs.score(s.profile, ON).total - base == s.gain
        assert s.total == base + s.gain
        assert f"+{s.gain} points" in s.text


def test_the_expected_suggestions_and_their_sentences() -> None:
    by_key = {s.key: s for s in what_if(_v1(), ON)}
    assert by_key["provincial_nomination"].gain == 600
    # Reading IELTS 7.0 is CLB 9; 8.0 is CLB 10: 3 more points (single).
    reading = by_key["first_language.reading"]
    assert reading.gain == 3
    assert "from 7.0 (CLB 9) to 8.0 (CLB 10)" in reading.text
    assert reading.profile.first_language is not None
    assert reading.profile.first_language.reading == 8.0
    # French at NCLC 7 with English at CLB 9: second language 4 x 3 + bilingual 50.
    french = by_key["french"]
    assert french.gain == 12 + 50
    assert "NCLC 7" in french.text
    assert "50 points" in french.text
    # One year of Canadian work: 40 core, 13 with education; foreign work is at its cap of 50.
    assert by_key["canadian_work"].gain == 40 + 13
    # Next education level: two credentials (128 vs 120) and the top transferability tier.
    assert by_key["education"].gain == 8 + 25
    assert by_key["certificate_of_qualification"].gain == 25


def test_french_note_says_what_bilingual_needs() -> None:
    weak_english = {"test": "clb", "listening": 4, "reading": 6, "writing": 6, "speaking": 6}
    p = crs.load_profile({"age": 30, "education": "masters", "first_language": weak_english})
    french = {s.key: s for s in what_if(p, ON)}["french"]
    assert "25 French-language points" in french.text
    assert "CLB 5 or more in all four abilities they would be 50" in french.text


def test_an_existing_french_result_is_raised_to_nclc_7() -> None:
    tef = {"test": "tef_canada", "listening": 249, "reading": 190, "writing": 310,
           "speaking": 310, "test_date": "2025-06-01"}  # fmt: skip
    p = _v1(second_language=tef)
    french = {s.key: s for s in what_if(p, ON)}["french"]
    assert french.profile.second_language is not None
    assert french.profile.second_language.reading == 207  # NCLC 7's minimum, ancien score
    assert french.profile.second_language.test_date == dt.date(2025, 6, 1)


def test_spouse_without_a_test_and_raw_spouse_scores() -> None:
    p = _v1(spouse={"education": "bachelors"})
    keys = {s.key: s for s in what_if(p, ON)}
    assert keys["spouse.first_language.clb_9"].gain == 20
    assert keys["spouse.first_language.clb_5"].gain == 4
    p = _v1(spouse={"first_language": {"test": "celpip", "listening": 6, "reading": 7,
                                       "writing": 9, "speaking": 9}})  # fmt: skip
    keys = {s.key: s for s in what_if(p, ON)}
    assert keys["spouse.first_language.listening"].gain == 2  # CELPIP 7: CLB 7, 1 -> 3
    assert "from 6 (CLB 6) to 7 (CLB 7)" in keys["spouse.first_language.listening"].text


def test_a_work_history_gives_the_date_the_next_year_is_reached() -> None:
    p = crs.load_profile(
        {"age": 30, "education": "bachelors",
         "work_history": [{"noc": "21231", "start": "2025-06-02", "hours_per_week": 30}]}
    )  # fmt: skip
    work = {s.key: s for s in what_if(p, ON)}["canadian_work"]
    assert work.reached_on == dt.date(2025, 6, 2) + dt.timedelta(days=364)
    assert "2026-06-01" in work.text
    assert crs.score(p, work.reached_on).total - crs.score(p, ON).total == work.gain


def test_nothing_that_gains_nothing() -> None:
    p = _v1(provincial_nomination=True, canadian_work_years=5, foreign_work_years=3,
            education="doctoral")  # fmt: skip
    keys = {s.key for s in what_if(p, ON)}
    assert "provincial_nomination" not in keys
    assert "canadian_work" not in keys  # 5 years is the top, and D is capped at 600


def test_views() -> None:
    suggestions = what_if(_v1(), ON)
    assert isinstance(suggestions, Suggestions)
    assert (
        suggestions.to_text().splitlines()[0] == "CRS score 429 on 2026-02-19. What would raise it:"
    )
    html = suggestions._repr_html_()
    assert "<table>" in html
    assert "+600" in html
    assert str(suggestions) == suggestions.to_text()
    assert suggestions[0] is suggestions.items[0]
    assert len(suggestions) == len(suggestions.items)


def test_no_first_language_suggests_a_test() -> None:
    p = crs.load_profile({"age": 30, "education": "masters"})
    test = {s.key: s for s in what_if(p, ON)}["first_language"]
    assert "CLB 7" in test.text
    assert test.gain > 0


@settings(max_examples=examples(25))
@given(
    st.integers(18, 50),
    st.sampled_from([e.value for e in crs.Education]),
    st.integers(0, 12),
    st.integers(0, 6),
    st.booleans(),
)
def test_gains_hold_for_generated_profiles(
    age: int, education: str, level: int, years: int, married: bool
) -> None:
    data: dict[str, Any] = {
        "age": age,
        "education": education,
        "canadian_work_years": years,
        "first_language": {"test": "clb", "listening": level, "reading": level,
                           "writing": level, "speaking": level},
    }  # fmt: skip
    if married:
        data["spouse"] = {"education": "secondary"}
    p = crs.load_profile(data)
    base = crs.score(p, ON).total
    for s in what_if(p, ON):
        assert s.gain > 0
        assert crs.score(s.profile, ON).total == base + s.gain


@pytest.mark.parametrize(
    ("test", "scores"),
    [("ielts", (4.0, 3.5, 4.0, 4.0)), ("ielts", (3.0, 2.5, 3.0, 3.0)), ("pte_core", (10,) * 4)],
)
def test_an_ability_below_the_charts_first_level_is_raised_to_the_first_that_pays(
    test: str, scores: tuple[float, ...]
) -> None:
    """IELTS starts at CLB 4: a listening of 4.0 (CLB 3 or less) is raised to 4.5 (CLB 4)."""
    names = ("listening", "reading", "writing", "speaking")
    first = {"test": test, **dict(zip(names, scores, strict=True))}
    p = crs.load_profile({"age": 30, "education": "bachelors", "first_language": first})
    found = {s.key: s for s in what_if(p, ON)}
    for name in names:
        raised = found[f"first_language.{name}"]
        assert raised.gain > 0
        assert raised.total == crs.score(raised.profile, ON).total


def test_a_suggested_french_result_is_written_as_the_chart_writes_it() -> None:
    """TEF Canada scores are whole numbers: 249, not 249.0, in the suggested profile."""
    found = {s.key: s for s in what_if(_v1(), ON)}["french"]
    second = crs.dump_profile(found.profile)["second_language"]
    assert [second[a] for a in ("listening", "reading", "writing", "speaking")] == [
        249, 207, 310, 310,
    ]  # fmt: skip
    assert all(isinstance(second[a], int) for a in ("listening", "reading", "writing"))


def test_the_text_and_notebook_views_state_the_scores_caveats() -> None:
    """An expired test: the score's warning is said after the suggestions, as a score says it."""
    first = {"test": "clb", "listening": 9, "reading": 9, "writing": 9, "speaking": 9,
             "test_date": "2023-01-01"}  # fmt: skip
    p = crs.load_profile({"age": 30, "education": "bachelors", "first_language": first})
    found = what_if(p, dt.date(2026, 1, 1))
    warning = found.score.warnings[0]
    assert "expired" in warning
    assert found.to_text().endswith(f"\nwarning: {warning}")
    assert "&#9888;" in found._repr_html_()
    assert "expired on 2025-01-01" in found._repr_html_()
