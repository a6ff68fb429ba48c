"""Which partner should be the principal applicant: arrangements, the comparison, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crs
from crs.cli import main
from crs.couples import arrangement
from strategies import clb, examples, profile_dicts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "couple.json"
ON = dt.date(2026, 11, 1)

NURSE: dict[str, Any] = {
    "id": "Priya",
    "age": 31,
    "education": "bachelors",
    "first_language": clb(10, 9, 9, 9),
    "work_history": [{"noc": "31301", "start": "2024-03-04", "hours_per_week": 37.5}],
    "sibling_in_canada": True,
}
ENGINEER: dict[str, Any] = {
    "id": "Marc",
    "age": 36,
    "education": "masters",
    "first_language": clb(7),
    "work_history": [
        {"noc": "21231", "start": "2015-01-05", "end": "2025-06-30", "in_canada": False},
        {"noc": "21231", "start": "2025-09-15"},
    ],
    "studied_in_canada": True,
}


def test_the_spouse_is_derived_from_the_partners_profile() -> None:
    """Education, first language, Canadian years on the date and study come from the partner."""
    nurse, engineer = crs.load_profile(NURSE), crs.load_profile(ENGINEER)
    made = arrangement(engineer, nurse, ON)
    assert made.spouse is not None
    assert made.spouse.education is nurse.education
    assert made.spouse.first_language == nurse.first_language
    assert made.spouse.canadian_work_years == 2  # 2024-03-04 to 2026-11-01
    assert made.spouse.canadian_work_years == crs.score(nurse, ON).facts.canadian_years  # type: ignore[union-attr]
    assert made.spouse.counts
    assert made.sibling_in_canada  # the accompanying spouse's sibling counts
    assert made.id == "Marc"
    back = arrangement(nurse, engineer, ON)
    assert back.spouse is not None
    assert back.spouse.studied_in_canada
    assert back.spouse.canadian_work_years == 1
    assert back.sibling_in_canada
    assert not back.relative_in_canada


def test_the_comparison_names_the_better_partner_and_explains_the_difference() -> None:
    """The better arrangement, the difference in points, and lines that account for it."""
    found = crs.compare_principal(crs.load_profile(NURSE), crs.load_profile(ENGINEER), on=ON)
    a, b = found.a, found.b
    assert found.difference == a.score.total - b.score.total
    made = arrangement(crs.load_profile(NURSE), crs.load_profile(ENGINEER), ON)
    assert a.score.total == crs.score(made, ON).total
    by_key = {line.key: line for line in found.lines}
    for key, points in a.score.points().items():
        assert by_key[key].a == points
    for key, points in b.score.points().items():
        assert by_key[key].b == points
    sections = [line for line in found.lines if "." not in line.key]
    assert sum(line.difference for line in sections) == found.difference
    assert found.better_name == found.a.name if found.difference > 0 else found.b.name
    text = found.to_text()
    assert found.verdict in text
    assert f"{abs(found.difference)} points more" in found.verdict


def test_a_group_with_equal_points_is_shown_above_its_differing_lines() -> None:
    """Every differing line is shown under its parent, whatever the parent's difference."""
    found = crs.compare_principal(crs.load_profile(NURSE), crs.load_profile(ENGINEER), on=ON)
    shown = [line.key for line in found.differences]
    for key in shown:
        parts = key.split(".")
        for n in range(1, len(parts)):
            parent = ".".join(parts[:n])
            assert parent in shown
            assert shown.index(parent) < shown.index(key)


def test_placement_counts_the_spouses_work_on_each_rounds_date() -> None:
    """Each round scores the couple as it stood that day, the partner's Canadian years too."""
    nurse, engineer = crs.load_profile(NURSE), crs.load_profile(ENGINEER)
    found = crs.compare_principal(engineer, nurse, on=ON, since="2025-01-01")
    years = set()
    for result in found.a.placement.results:
        day = result.round.date
        made = arrangement(engineer, nurse, day)
        assert made.spouse is not None
        years.add(made.spouse.canadian_work_years)
        assert result.score == crs.score(made, day).total
    assert len(years) > 1  # the period crosses a year of the partner's work


def test_the_example_couple_file(capsys: pytest.CaptureFixture[str]) -> None:
    """``crs couple examples/couple.json`` names the better applicant with the difference."""
    found = crs.compare_principal(crs.load_couple(json.loads(EXAMPLE.read_text())), on=ON)
    assert found.id == "F-2026-017"
    assert main(["couple", str(EXAMPLE), "--on", ON.isoformat()]) == 0
    out = capsys.readouterr().out
    assert f"{found.better_name} should be the principal applicant: " in out
    assert f"{abs(found.difference)} points more" in out
    assert main(["couple", str(EXAMPLE), "--on", ON.isoformat(), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "F-2026-017"
    assert data["better"] == found.better
    assert data["difference"] == found.difference
    assert data["arrangements"]["a"]["score"]["id"] == "Amara"
    assert data["arrangements"]["b"]["profile"]["spouse"]["education"] == "masters"
    assert all(r["id"] == "Amara" for r in data["arrangements"]["a"]["rounds"]["results"])


def test_a_couple_file_is_read_with_every_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every problem of either partner, prefixed ``a.`` or ``b.``; exit status 1."""
    bad: dict[str, Any] = {
        "id": "F-1",
        "a": {**NURSE, "age": 300, "spouse": {}, "settlement_funds": 6},
        "b": {**ENGINEER, "settlement_funds": 5, "name": "Marc"},
        "c": {},
    }
    with pytest.raises(crs.ProfileError) as caught:
        crs.load_couple(bad)
    assert caught.value.id == "F-1"
    assert [p.path for p in caught.value.problems] == [
        "a.age",
        "b.name",
        "c",
        "a.spouse",
        "b.settlement_funds",
    ]
    path = tmp_path / "c.json"
    path.write_text("\ufeff" + json.dumps(bad), encoding="utf-8")  # a byte-order mark is fine
    assert main(["couple", str(path)]) == 1
    err = capsys.readouterr().err
    assert "error: id F-1: a.age: 300 is not between 0 and 120" in err
    assert "error: id F-1: b.name: unknown key; a client's name or number goes in id" in err
    with pytest.raises(crs.ProfileError, match=r"^b: is required"):
        crs.load_couple({"a": NURSE})


def test_two_profiles_from_python_are_checked_as_a_couple() -> None:
    """A partner who gives a spouse is refused, with the path of the partner."""
    with_spouse = crs.load_profile({**NURSE, "spouse": {}})
    with pytest.raises(crs.ProfileError, match=r"^b\.spouse: "):
        crs.compare_principal(crs.load_profile(ENGINEER), with_spouse, on=ON)


partners = profile_dicts().map(lambda d: {k: v for k, v in d.items() if k != "spouse"})


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partners, partners, st.dates(dt.date(2016, 1, 1), dt.date(2026, 11, 1)))
def test_swapping_the_partners_swaps_the_answer(
    a: dict[str, Any], b: dict[str, Any], on: dt.date
) -> None:
    """Same difference the other way, the other winner, every line mirrored."""
    first, second = crs.load_profile(a), crs.load_profile(b)
    try:
        found = crs.compare_principal(first, second, on=on, since=on)
    except crs.ProfileError:  # a date of birth after the date: both orders refuse
        with pytest.raises(crs.ProfileError):
            crs.compare_principal(second, first, on=on, since=on)
        return
    swapped = crs.compare_principal(second, first, on=on, since=on)
    assert swapped.difference == -found.difference
    assert swapped.better == {"a": "b", "b": "a", None: None}[found.better]
    assert {line.key: line.difference for line in swapped.lines} == {
        line.key: -line.difference for line in found.lines
    }
    assert swapped.a.score.total == found.b.score.total


def test_a_couple_round_trips_through_json() -> None:
    """``load_couple(dump_couple(c)) == c``, ids included."""
    couple = crs.load_couple(json.loads(EXAMPLE.read_text()))
    assert crs.load_couple(crs.dump_couple(couple)) == couple
    assert crs.dump_couple(couple)["id"] == "F-2026-017"


def test_a_partner_who_cannot_be_scored_is_named_with_the_couples_id() -> None:
    """B born in 1900 cannot apply on 2026-06-01: the problem is at ``b.date_of_birth``."""
    data = json.loads((Path(__file__).parent.parent / "examples" / "couple.json").read_text())
    data["b"]["date_of_birth"] = "1900-01-01"
    couple = crs.load_couple(data)
    with pytest.raises(crs.ProfileError) as raised:
        crs.compare_principal(couple, on="2026-06-01")
    assert [p.path for p in raised.value.problems] == ["b.date_of_birth"]
    assert "makes the candidate 126" in str(raised.value)
    assert raised.value.id == data["id"]


def test_a_couple_files_text_is_read_as_crs_couple_reads_it(tmp_path: Path) -> None:
    """``crs.loads_couple``: a key given twice and NaN are reported, as by ``crs couple``."""
    text = (Path(__file__).parent.parent / "examples" / "couple.json").read_text()
    assert crs.loads_couple(text) == crs.load_couple(json.loads(text))
    assert crs.loads_couple(text.encode()) == crs.loads_couple(text)
    bad = (
        '{"a": {"age": 30, "age": 31, "education": "masters"}, '
        '"b": {"age": NaN, "education": "masters"}}'
    )
    with pytest.raises(crs.ProfileError) as raised:
        crs.loads_couple(bad)
    assert [str(p) for p in raised.value.problems] == [
        "a.age: is given more than once",
        "b.age: NaN is not a whole number",
    ]
    empty = tmp_path / "c.json"
    empty.write_text("")
    assert main(["couple", str(empty)]) == 1


def test_a_tie_outside_the_pool_does_not_say_either_may_apply(tmp_path: Path) -> None:
    """Two partners scoring alike, neither eligible: no "may apply" beside "neither is eligible"."""
    plain = {"age": 30, "education": "bachelors"}
    found = crs.compare_principal(crs.load_profile(plain), crs.load_profile(plain), "2026-11-25")
    assert found.better is None
    assert "may apply" not in found.verdict
    assert found.verdict.startswith(f"Both arrangements score {found.a.score.total}.")
    assert "Neither arrangement is eligible" in found.verdict


def test_since_after_on_is_refused_by_the_api_as_by_the_cli_and_http() -> None:
    """A backwards period ("rounds from 2027-01-01 to 2026-01-01") is an error on every path."""
    from crs.reports import report

    p = crs.load_profile({"age": 30, "education": "bachelors"})
    with pytest.raises(crs.errors.CRSError, match="since 2027-01-01 is after on 2026-01-01"):
        crs.compare_principal(p, p, "2026-01-01", since="2027-01-01")
    with pytest.raises(crs.errors.CRSError, match="since 2027-01-01 is after on 2026-01-01"):
        report(p, "2026-01-01", since="2027-01-01")
    assert report(p, "2026-01-01", since="2026-01-01").on == dt.date(2026, 1, 1)
