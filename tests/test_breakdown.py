"""The explained score (crs.Score): lines, lookups, views and warnings."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import crs
from strategies import clb, levels, make, nclc

ON = dt.date(2025, 6, 1)
CONTRACT_KEYS = {
    "total",
    "core",
    "spouse",
    "skill_transferability",
    "additional",
    "rules",
    "on",
    "lines",
    "warnings",
    "crs_version",  # issue 14: every JSON result says what computed it
    "rounds_data",
}

# V2 of crs-rules §11.3 (510), with the second language capped at 22 and an expired spouse test.
PROFILE: dict[str, Any] = {
    "age": 32,
    "education": "masters",
    "first_language": clb(10),
    "second_language": nclc(9),
    "canadian_work_years": 2,
    "foreign_work_years": 3,
    "spouse": {
        "education": "bachelors",
        "first_language": {**clb(7), "test_date": "2022-01-10"},
        "canadian_work_years": 1,
    },
}


@pytest.fixture(scope="module")
def result() -> crs.Score:
    """V2 plus NCLC 9 as a second language, and the spouse's CLB 7 expired (0, not 12): 570."""
    return crs.score(crs.load_profile(PROFILE), on=ON)


def test_totals(result: crs.Score) -> None:
    """The example scores V2's 510 plus a capped second language (22) and bilingual French (50)."""
    assert (result.core, result.spouse, result.skill_transferability, result.additional) == (
        385 + 22,
        25 - 12,
        100,
        50,
    )
    assert result.total == 570
    assert result.rules.name == "2025-03-25"
    assert result.on == ON


def test_line_lookup(result: crs.Score) -> None:
    """Score.line finds any line by its dotted key, at any depth."""
    assert result.line("core.age").points == 85
    assert result.line("core.first_language.reading").points == 32
    assert result.line("core.second_language.abilities.speaking").points == 6
    assert result.line("spouse.education").points == 8
    assert result.line("transferability.education.language").points == 50
    assert result.line("additional.french").points == 50


def test_line_lookup_of_an_unknown_key_raises_key_error(result: crs.Score) -> None:
    """An unknown key is a KeyError naming it."""
    with pytest.raises(KeyError, match=r"core\.height"):
        result.line("core.height")


def test_points_lists_every_line(result: crs.Score) -> None:
    """Score.points() maps every line's key (sections, groups and factors) to its points."""
    points = result.points()
    assert points["core"] == result.core
    assert points["core.second_language"] == 22
    assert points["core.second_language.abilities"] == 24
    assert points["transferability.foreign_work.canadian_work"] == 50
    assert set(points) == {line.key for top in result.lines for line in top.walk()}


def test_reasons_state_the_facts(result: crs.Score) -> None:
    """Each factor line says why: the age and column, the level and the test score."""
    assert "32" in result.line("core.age").reason
    assert "with a spouse" in result.line("core.age").reason
    assert "CLB 10" in result.line("core.first_language.listening").reason


def test_capped_line_keeps_cap_and_uncapped(result: crs.Score) -> None:
    """A line whose cap bit carries both the cap and the sum before it."""
    line = result.line("transferability.education")
    assert (line.points, line.cap, line.uncapped) == (50, 50, 100)
    section = result.line("transferability")
    assert (section.points, section.cap, section.uncapped) == (100, 100, None)


def test_json_view_matches_the_contract(result: crs.Score) -> None:
    """to_json has exactly the keys of interfaces.md §2 and is JSON-serializable."""
    data = json.loads(json.dumps(result.to_json()))
    assert set(data) == CONTRACT_KEYS
    assert data["total"] == 570
    assert (data["core"], data["spouse"], data["skill_transferability"]) == (407, 13, 100)
    assert data["additional"] == 50
    assert data["rules"] == "2025-03-25"
    assert data["on"] == "2025-06-01"
    assert [line["key"] for line in data["lines"]] == [
        "core",
        "spouse",
        "transferability",
        "additional",
    ]
    assert all({"key", "label", "points", "reason"} <= set(line) for line in data["lines"])


def _json_lines(line: dict[str, Any]) -> list[dict[str, Any]]:
    return [line, *(sub for child in line.get("children", []) for sub in _json_lines(child))]


def test_json_lines_carry_every_point(result: crs.Score) -> None:
    """Every line of the tree is in the JSON, with its points; capped lines show the cap."""
    found = {line["key"]: line for top in result.to_json()["lines"] for line in _json_lines(top)}
    assert {key: line["points"] for key, line in found.items()} == result.points()
    second = found["core.second_language"]
    assert (second["cap"], second["uncapped"]) == (22, 24)


def test_text_view(result: crs.Score) -> None:
    """The text view shows the total, the date, the rule set, every line and the warnings."""
    text = result.to_text()
    assert text.splitlines()[0].startswith("CRS score: 570 on 2025-06-01")
    assert "2025-03-25" in text.splitlines()[0]
    for line in (top for top in result.lines):
        assert line.label in text
    assert "Age" in text
    assert "capped at 22 (from 24)" in text
    assert any(row.startswith("warning: spouse.first_language") for row in text.splitlines())
    assert str(result) == text


def test_markdown_view(result: crs.Score) -> None:
    """The Markdown view is a table with a row per line key, and the warnings."""
    markdown = result.to_markdown()
    assert markdown.startswith("**CRS score: 570**")
    assert "| key | factor | points | why |" in markdown
    for key in result.points():
        assert f"| `{key}` |" in markdown
    assert "> warning: spouse.first_language" in markdown


def test_html_view(result: crs.Score) -> None:
    """The notebook view is HTML with the total, every label (escaped) and the warnings."""
    page = result._repr_html_()
    assert "<h4>CRS score: 570</h4>" in page
    assert "Spouse&#x27;s level of education" in page
    assert "Spouse's level" not in page
    assert page.count("<tr") == len(result.points()) + 1
    assert "expired" in page


def test_views_without_warnings() -> None:
    """A score with no warnings prints none."""
    result = crs.score(make(first_language=clb(9)), on=ON)
    assert result.warnings == ()
    assert "warning" not in result.to_text()
    assert "warning" not in result.to_markdown()


def test_expired_result_warning(result: crs.Score) -> None:
    """A spouse test more than two years old is reported, naming its field."""
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("spouse.first_language:")
    assert "expired" in result.warnings[0]


@pytest.mark.parametrize(
    ("test_date", "on", "warned"),
    [
        ("2023-06-01", dt.date(2024, 1, 1), True),
        (None, dt.date(2024, 1, 29), True),
        ("2024-01-29", dt.date(2024, 6, 1), True),
        ("2024-01-30", dt.date(2024, 6, 1), False),
        (None, dt.date(2024, 1, 30), False),
    ],
    ids=[
        "taken-2023",
        "undated-scored-2024-01-29",
        "taken-2024-01-29",
        "taken-2024-01-30",
        "undated-scored-2024-01-30",
    ],
)
def test_pte_core_before_2024_01_30_is_reported(
    test_date: str | None, on: dt.date, warned: bool
) -> None:
    """PTE Core results count for Express Entry only from 2024-01-30 (crs-rules §6.3)."""
    first = levels("pte_core", 82, 78, 88, 84)
    if test_date is not None:
        first["test_date"] = test_date
    warnings = crs.score(make(first_language=first), on=on).warnings
    assert any("PTE Core" in w and "2024-01-30" in w for w in warnings) is warned


def test_job_offer_under_2025_rules_is_reported() -> None:
    """A job offer scored on or after 2025-03-25 earns nothing and says so."""
    profile = make(arranged_employment="teer_0_1_2_3")
    warnings = crs.score(profile, on=ON).warnings
    assert len(warnings) == 1
    assert warnings[0].startswith("arranged_employment:")
    assert crs.score(profile, on=ON).line("additional.arranged_employment").points == 0
    assert crs.score(profile, on=dt.date(2025, 3, 24)).warnings == ()


def test_canadian_education_before_2016_11_19_is_reported() -> None:
    """Canadian study scored before the 2016-11-19 rules earns nothing and says so."""
    profile = make(canadian_education="one_or_two_year")
    warnings = crs.score(profile, on=dt.date(2016, 11, 18)).warnings
    assert any(w.startswith("canadian_education:") for w in warnings)
    assert crs.score(profile, on=dt.date(2016, 11, 19)).warnings == ()


def test_factors_not_in_force_say_so() -> None:
    """A factor the rule set does not score explains why it is 0."""
    profile = make(sibling_in_canada=True, first_language=nclc(9))
    result = crs.score(profile, on=dt.date(2015, 3, 1))
    assert "2015-01-01" in result.line("additional.sibling").reason
    assert "2015-01-01" in result.line("additional.french").reason
    assert result.line("additional.sibling").points == 0


def test_single_candidate_spouse_section_explains_itself() -> None:
    """Without a spouse who counts, section B is 0 and says the candidate is scored as single."""
    result = crs.score(make(), on=ON)
    assert result.line("spouse").points == 0
    assert "single" in result.line("spouse").reason


def test_line_json_of_a_leaf() -> None:
    """A leaf line's JSON has its key, label, points, reason and source title."""
    result = crs.score(make(age=29), on=ON)
    leaf = result.line("core.age").to_json()
    assert leaf["key"] == "core.age"
    assert leaf["points"] == 110
    assert leaf["reason"]
    assert leaf["source"]
    assert "children" not in leaf


def test_score_equality_ignores_the_lazy_breakdown() -> None:
    """Two scores of the same profile on the same day are equal, explained or not."""
    first = crs.score(make(age=29), on=ON)
    second = crs.score(make(age=29), on=ON)
    assert first.lines
    assert first == second


def test_json_text_equals_the_json_view(result: crs.Score) -> None:
    """to_json_text (the fast batch output) is the same JSON as to_json, twice over."""
    assert json.loads(result.to_json_text()) == json.loads(json.dumps(result.to_json()))
    assert result.to_json_text() == result.to_json_text()


def test_json_text_cache_forgets_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache of line texts is cleared past its limit, and the output stays the same."""
    import crs.breakdown

    monkeypatch.setattr(crs.breakdown, "_TEXTS_LIMIT", 1)
    first = crs.score(make(age=29, first_language=clb(9)), on=ON)
    second = crs.score(make(age=40, first_language=clb(7)), on=ON)
    for score in (first, second, first):
        assert json.loads(score.to_json_text()) == json.loads(json.dumps(score.to_json()))


def test_lines_need_facts() -> None:
    """A Score built by hand without facts or lines cannot explain itself."""
    bare = crs.Score(0, 0, 0, 0, 0, crs.RULE_SETS[-1], ON)
    with pytest.raises(ValueError, match="facts"):
        _ = bare.lines


@pytest.mark.parametrize(
    ("on", "caveat"),
    [(dt.date(2026, 11, 2), False), (dt.date(2026, 11, 3), True)],
    ids=["2026-11-02", "2026-11-03"],
)
def test_the_unmodelled_2026_11_03_change_is_said_in_every_view(on: dt.date, caveat: bool) -> None:
    """From 2026-11-03 (a reported change with no published values) text, JSON and HTML say so."""
    result = crs.score(make(), on=on)
    page = "modelled/#known-not-modelled-the-change-reported-for-2026-11-03"
    assert any("high-wage" in w and page in w for w in result.warnings) is caveat
    assert ("high-wage" in result.to_text()) is caveat
    assert ("high-wage" in result._repr_html_()) is caveat
    assert any("high-wage" in w for w in result.to_json()["warnings"]) is caveat


def test_json_carries_version_rules_and_rounds_data_date() -> None:
    """Every JSON score says the library version, the rule set and the newest bundled round."""
    data = crs.score(make(), on=ON).to_json()
    assert data["crs_version"] == crs.__version__
    assert data["rules"] == "2025-03-25"
    assert data["rounds_data"] == crs.rounds()[-1].date.isoformat()


def test_markdown_never_carries_html_from_the_input() -> None:
    """An id (or any text from the input) holding HTML is shown as text in the Markdown view."""
    result = crs.score(make(first_language=clb(9), id="<script>x()</script> & | co"), on=ON)
    markdown = result.to_markdown()
    assert "<script>" not in markdown
    assert markdown.startswith("**CRS score of &lt;script&gt;x()&lt;/script&gt; &amp; \\| co:")


@pytest.mark.parametrize(
    ("spouse", "column"),
    [
        ({"education": "masters"}, "with a spouse"),
        ({"education": "masters", "canadian_citizen_or_pr": True}, "scored as single"),
        ({"education": "masters", "accompanying": False}, "scored as single"),
        (None, "scored as single"),
    ],
)
def test_core_reasons_name_the_column_the_points_come_from(
    spouse: dict[str, Any] | None, column: str
) -> None:
    """A citizen or non-accompanying spouse is in the profile, yet the single column scores."""
    data: dict[str, Any] = {"age": 30, "education": "bachelors", "canadian_work_years": 1}
    if spouse is not None:
        data["spouse"] = spouse
    result = crs.score(crs.load_profile(data), dt.date(2026, 2, 19))
    for key in ("core.age", "core.education", "core.canadian_work"):
        assert result.line(key).reason.endswith(f", {column}")
    assert (result.spouse == 0) == (column == "scored as single")


@pytest.mark.parametrize(("other", "noted"), [("73300", False), ("55109", True)])
def test_the_one_occupation_note_reads_jobs_as_on_the_date(other: str, noted: bool) -> None:
    """On 2022-06-01 73300 was not skilled work (NOC 2016), 55109 was: one occupation or two."""
    jobs = [
        {"noc": "21231", "start": "2016-01-01", "in_canada": False},
        {"noc": other, "start": "2017-01-01", "end": "2019-01-01", "in_canada": False},
    ]
    data = {"age": 30, "education": "bachelors", "work_history": jobs}
    said = crs.score(crs.load_profile(data), dt.date(2022, 6, 1)).warnings
    assert any("in one occupation" in w for w in said) == noted
