"""Client ids: an optional ``id`` in the profile, carried into every result and error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import crs
from crs.checks import ID_LENGTH
from crs.cli import main
from crs.flat import COLUMNS, from_frame, to_frame
from crs.frame import score_frame
from strategies import ON, clb, client_ids, profile_dicts

V1: dict[str, Any] = {
    "id": "C-1001",
    "age": 29,
    "education": "bachelors",
    "first_language": clb(9),
    "foreign_work_years": 3,
}


def test_an_id_loads_dumps_and_never_scores() -> None:
    """The id round-trips through JSON and changes no point."""
    profile = crs.load_profile(V1)
    assert profile.id == "C-1001"
    assert crs.dump_profile(profile)["id"] == "C-1001"
    plain = crs.load_profile({k: v for k, v in V1.items() if k != "id"})
    assert crs.score(profile, ON).points() == crs.score(plain, ON).points()


@given(client_ids)
def test_any_valid_id_round_trips(found: str) -> None:
    """Every id of 1 to 100 characters without control characters is kept as given."""
    profile = crs.load_profile({**V1, "id": found})
    assert crs.load_profile(crs.dump_profile(profile)) == profile
    assert crs.score(profile, ON).to_json()["id"] == found


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1001.5, "1001.5 is not a string (put it in quotes)"),
        (True, "true is not a string (put it in quotes)"),
        ("", "is blank"),
        ("   ", "is blank"),
        ("a\nb", "holds a line break, tab or other control character"),
        ("x" * (ID_LENGTH + 1), f"is {ID_LENGTH + 1} characters long (at most {ID_LENGTH})"),
    ],
)
def test_a_bad_id_is_one_problem_at_id(value: object, message: str) -> None:
    """A bad id is reported at ``id``, with the other problems."""
    with pytest.raises(crs.ProfileError) as caught:
        crs.load_profile({**V1, "id": value, "age": 29.5})
    problems = {p.path: p.message for p in caught.value.problems}
    assert message in problems["id"]
    assert "age" in problems
    assert caught.value.id is None


@pytest.mark.parametrize("key", ["name", "client_id", "reference"])
def test_no_other_key_is_allowed_and_the_message_points_to_id(key: str) -> None:
    """``name`` and its kin stay unknown keys, and the message says where an id goes."""
    with pytest.raises(crs.ProfileError) as caught:
        crs.load_profile({**V1, key: "Jane"})
    assert str(caught.value) == f"{key}: unknown key; a client's name or number goes in id"


def test_errors_carry_the_id() -> None:
    """An invalid profile's error names its client, from JSON and from Python."""
    with pytest.raises(crs.ProfileError) as caught:
        crs.load_profile({**V1, "age": 300})
    assert caught.value.id == "C-1001"
    assert caught.value.prefixed("[3]").id == "C-1001"
    with pytest.raises(crs.ProfileError) as built:
        crs.Profile(crs.Education.MASTERS, age=300, id="C-7")
    assert built.value.id == "C-7"
    born = crs.load_profile({"id": "C-8", "date_of_birth": "2030-01-01", "education": "masters"})
    with pytest.raises(crs.ProfileError) as late:
        crs.score(born, ON)
    assert late.value.id == "C-8"


def test_every_result_carries_the_id() -> None:
    """Score, eligibility and placement: the object, its JSON first, and its text."""
    profile = crs.load_profile(V1)
    result = crs.score(profile, ON)
    assert result.id == "C-1001"
    assert next(iter(result.to_json())) == "id"
    assert json.loads(result.to_json_text()) == result.to_json()
    assert result.to_text().startswith("CRS score of C-1001: ")
    report = crs.eligible(profile, ON)
    assert report.id == "C-1001"
    assert next(iter(report.to_json())) == "id"
    assert report.to_text().startswith("Eligibility of C-1001 on ")
    placement = crs.place(profile, since="2025-01-01", until="2025-03-01")
    assert placement.id == "C-1001"
    assert placement.to_json()
    assert all(r["id"] == "C-1001" for r in placement.to_json())
    assert "newest first for C-1001:" in placement.to_text()


def test_results_without_an_id_are_as_before() -> None:
    """No id: no ``id`` key anywhere, and the headings of before."""
    profile = crs.load_profile({k: v for k, v in V1.items() if k != "id"})
    assert "id" not in crs.score(profile, ON).to_json()
    assert "id" not in crs.eligible(profile, ON).to_json()
    assert crs.score(profile, ON).to_text().startswith("CRS score: ")


def test_id_is_the_first_flat_column_and_a_number_cell_is_its_text() -> None:
    """A spreadsheet's id column of numbers is read as text by every frame path."""
    pd = pytest.importorskip("pandas")
    assert COLUMNS[0] == "id"
    frame = to_frame([V1, {**V1, "id": "C-1002"}])
    frame["id"] = [1001, 1002]
    assert [p.id for p in from_frame(frame)] == ["1001", "1002"]
    scored = score_frame(frame, ON)
    assert scored["error"].isna().all()
    assert scored["total"].tolist() == [crs.score(crs.load_profile(V1), ON).total] * 2
    bad = pd.DataFrame({"id": ["", "ok"], "age": [29, 29], "education": ["bachelors"] * 2})
    assert score_frame(bad, ON)["error"].tolist() == ["id: is blank", None]


@given(profile_dicts())
def test_a_profile_with_an_id_scores_as_without(data: dict[str, Any]) -> None:
    """The id never changes a point, whatever the profile."""
    without = {k: v for k, v in data.items() if k != "id"}
    try:
        plain = crs.score(crs.load_profile(without), ON)
    except crs.ProfileError:
        return
    assert crs.score(crs.load_profile({**without, "id": "x"}), ON).points() == plain.points()


def test_cli_json_and_error_objects_carry_the_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``crs score`` JSON gives the id; a bad line's error object names its client too."""
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps(V1) + "\n" + json.dumps({**V1, "id": "C-2", "age": -1}) + "\n")
    assert main(["score", str(batch), "--on", ON.isoformat(), "--format", "jsonl"]) == 1
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["id"] == "C-1001"
    assert second == {"id": "C-2", "error": "age: -1 is not between 0 and 120", "line": 2}


def test_the_clients_spreadsheet_has_known_columns_with_id_first() -> None:
    """``examples/clients.csv``: the flat columns, ``id`` first, one client a row."""
    import csv

    path = Path(__file__).resolve().parent.parent / "examples" / "clients.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    header = rows[0]
    assert header[0] == "id"
    assert set(header) <= set(COLUMNS)
    assert header == [c for c in COLUMNS if c in header]
    assert len({row[0] for row in rows[1:]}) == len(rows) - 1


@pytest.mark.parametrize("value", [1001, 1001.0])
def test_a_numeric_id_is_read_as_its_digits(value: object) -> None:
    """CRMs and spreadsheets write numeric ids as numbers: JSON and frames read them alike."""
    assert crs.load_profile({**V1, "id": value}).id == "1001"


@pytest.mark.parametrize("given", [1002, 1002.0, -7, 999_999_999_999_999])
def test_a_numeric_id_is_carried_by_the_error_too(given: float) -> None:
    """A CRM's numeric key is read as its digits, and an error made from the profile names it."""
    digits = str(int(given))
    assert crs.load_profile({**V1, "id": given}).id == digits
    with pytest.raises(crs.ProfileError) as caught:
        crs.load_profile({**V1, "id": given, "age": 300})
    assert caught.value.id == digits


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (10**15, "1000000000000000 is not a string (put it in quotes)"),
        (1e20, "1e+20 is not a string (put it in quotes)"),
        ("a\u2028b", "holds a line break"),
        ("a\u2029b", "holds a line break"),
    ],
)
def test_ids_no_reader_would_keep_whole_are_refused(value: object, message: str) -> None:
    """Past 15 digits a number may have lost digits; U+2028 breaks a line in JavaScript."""
    with pytest.raises(crs.ProfileError) as caught:
        crs.load_profile({**V1, "id": value})
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "value", [1002, 1002.0, -0.0, 999_999_999_999_999, 10**15, 1001.5, "a\u2028b", "C-1", True]
)
def test_the_schema_takes_exactly_the_ids_the_reader_takes(value: object) -> None:
    """``crs schema profile`` and ``crs.load_profile`` agree on every kind of id."""
    from jsonschema import Draft202012Validator

    from crs.schemas import schema

    checker = Draft202012Validator(schema("profile"))
    try:
        crs.load_profile({**V1, "id": value})
        read = True
    except crs.ProfileError:
        read = False
    assert checker.is_valid({**V1, "id": value}) is read
