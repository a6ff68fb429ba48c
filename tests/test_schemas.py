"""The JSON Schemas: generated from the checks, met by every example and golden result."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from jsonschema import Draft202012Validator

import crs
from crs.cli import main
from crs.schemas import NAMES, schema
from strategies import near_valid_dicts, profile_dicts
from test_worked_cases import CASES

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SNAPSHOTS = Path(__file__).parent / "snapshots"
ON = "2026-06-01"


def validator(name: str, *, batch: bool = False) -> Draft202012Validator:
    return Draft202012Validator(
        schema(name, batch=batch), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


VALIDATORS = {name: validator(name) for name in NAMES}


def errors(name: str, data: object) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in VALIDATORS[name].iter_errors(data)
    ]


@pytest.mark.parametrize("name", NAMES)
def test_every_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    Draft202012Validator.check_schema(schema(name))
    Draft202012Validator.check_schema(schema(name, batch=True))
    assert schema(name)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_profile_schema_has_every_declared_field_and_no_other() -> None:
    from crs.checks import FIELDS

    found = schema("profile")
    assert list(found["properties"]) == list(FIELDS[crs.Profile])
    assert found["required"] == ["education"]
    assert found["additionalProperties"] == {"type": "null"}  # null is "not given", any key
    for cls in (crs.Job, crs.Spouse, crs.LanguageResult):
        assert list(found["$defs"][cls.__name__]["properties"]) == list(FIELDS[cls])


def test_every_example_validates() -> None:
    assert errors("profile", json.loads((EXAMPLES / "profile.json").read_text())) == []
    assert errors("couple", json.loads((EXAMPLES / "couple.json").read_text())) == []
    lines = (EXAMPLES / "clients.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines
    refused = []
    for number, line in enumerate(lines, start=1):
        data = json.loads(line)
        assert bool(errors("profile", data)) == (_loader_problems(data) is not None), number
        if errors("profile", data):
            refused.append(number)
    assert refused == [4]  # the example batch's deliberate mistake (an IELTS band of 9.5)


@pytest.mark.parametrize("case_id", list(CASES))
def test_every_golden_profile_and_result_validates(case_id: str) -> None:
    case = CASES[case_id]
    assert errors("profile", case.profile) == []
    result = crs.score(crs.load_profile(case.profile), case.on).to_json()
    assert errors("score", result) == []
    # The snapshot file's JSON, with the provenance the snapshot leaves out put back.
    text = (SNAPSHOTS / f"{case_id}.txt").read_text(encoding="utf-8")
    snapshot = json.loads(text[text.index("\n{") :])
    snapshot |= {"crs_version": crs.__version__, "rounds_data": result["rounds_data"]}
    assert errors("score", snapshot) == []


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["score", "examples/profile.json"], "score"),
        (["eligible", "examples/profile.json"], "eligibility"),
        (["rounds", "examples/profile.json"], "placement"),
        (["rounds", "--since", "2025-01-01"], "rounds"),
        (["couple", "examples/couple.json"], "comparison"),
        (["report", "examples/profile.json"], "report"),
    ],
)
def test_every_json_result_the_cli_writes_validates(
    argv: list[str], name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    assert main([*argv, "--on", ON, "--format", "json"]) == 0
    assert errors(name, json.loads(capsys.readouterr().out)) == []


def test_a_batch_with_bad_lines_validates_as_a_batch_of_scores_and_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = (EXAMPLES / "profile.json").read_text(encoding="utf-8").replace("\n", " ")
    path = tmp_path / "batch.jsonl"
    path.write_text(f'{good}\n{{"id": "x", "age": 300}}\nnot json\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["score", str(path), "--on", ON, "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [("error" in item) for item in found] == [False, True, True]
    assert list(validator("score", batch=True).iter_errors(found)) == []
    for item in found[1:]:
        assert errors("error", item) == []
    assert errors("error", {"error": "x"})  # line is required
    assert errors("score", found[1])  # an error is not a score


def test_what_if_validates() -> None:
    profile = crs.load_profile(json.loads((EXAMPLES / "profile.json").read_text()))
    assert errors("what-if", crs.what_if(profile, ON).to_json()) == []


def test_crs_schema_prints_each_schema(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["schema"]) == 0
    assert capsys.readouterr().out.split() == list(NAMES)
    assert main(["schema", "couple"]) == 0
    assert json.loads(capsys.readouterr().out) == schema("couple")
    assert main(["schema", "score", "--batch"]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "array"
    assert main(["schema", "nope"]) == 2
    assert "no schema 'nope'" in capsys.readouterr().err


# ------------------------------------------- the schema refuses what load_profile refuses

NOT_EXPRESSIBLE = (
    "the job ends",  # a date compared with a date: JSON Schema compares no two values
    "for tests before",  # TEF Canada's older scale, chosen by the test date
)
"""Messages of the rules JSON Schema cannot say (crs.schemas): such a profile is left out."""


def _non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return value != value or value in (float("inf"), float("-inf"))
    if isinstance(value, dict):
        return any(_non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(_non_finite(v) for v in value)
    return False


def _loader_problems(data: Any) -> list[str] | None:
    try:
        crs.load_profile(data)
    except crs.ProfileError as exc:
        return [p.message for p in exc.problems]
    return None


@given(near_valid_dicts())
@example(
    {
        "education": "masters",
        "age": 30,
        "work_history": [{"noc": "31102", "start": "2020-01-01", "end": "2019-01-01"}],
    }
)
@example(
    {
        "education": "masters",
        "age": 30,
        "first_language": {
            "test": "tef_canada",
            "listening": 400,
            "reading": 400,
            "writing": 400,
            "speaking": 400,
            "test_date": "2019-01-01",
        },
    }
)
@example(
    {"education": "masters", "age": 30, "work_history": [{"noc": "31102\n", "start": "2020-01-01"}]}
)
@example({"education": "masters", "date_of_birth": "2001-02-29"})
@example({"education": "masters", "age": 30, "id": " \t"})
def test_the_schema_refuses_what_load_profile_refuses(data: Any) -> None:
    if _non_finite(data):  # NaN and infinities are not JSON (RFC 8259); Python reads them
        return
    problems = _loader_problems(data)
    refused = bool(errors("profile", data))
    if problems is None:
        assert not refused, errors("profile", data)
    elif all(any(m in p for m in NOT_EXPRESSIBLE) for p in problems):
        pass  # only rules JSON Schema cannot say: the schema may accept it
    else:
        assert refused, problems


@given(profile_dicts())
def test_the_schema_accepts_every_valid_profile(data: dict[str, Any]) -> None:
    assert errors("profile", data) == []


def test_the_schema_says_in_words_what_it_cannot_express() -> None:
    found = schema("couple")
    assert "not expressible" in found["description"]
    assert "not expressible" in found["$defs"]["Job"]["description"]
    # TEF Canada's scale no longer depends on the test date: the schema says it in numbers.
    language = found["$defs"]["LanguageResult"]
    assert "Équivalence ancien score" in language["description"]
    assert '"maximum": 300' in json.dumps(language)


def test_a_date_is_checked_against_the_calendar_by_format() -> None:
    bad = {"education": "masters", "date_of_birth": "2001-02-29"}
    assert errors("profile", bad)
    assert _loader_problems(bad)
    assert dt.date(2000, 2, 29)  # a leap day is a day
    assert not errors("profile", {"education": "masters", "date_of_birth": "2000-02-29"})


@pytest.mark.parametrize(
    "moment",
    [
        "2026-01-15T09:30:00Z",
        "2026-01-15T09:30Z",
        "2026-01-15 09:30:00.123+05:30",
        "2026-01-15T0930Z",
        "2026-01-15T09:30:00,5-03:00",
        "2026-01-15T24:00:00Z",
        "2026-01-15T99:99:99Z",
        "2026-01-15T09:30:60Z",
        "2026-01-15T09:30:00+25:00",
        "2026-13-01T00:00Z",
        "2026-01-15T09:30:00",
    ],
)
def test_the_schema_and_the_reader_agree_on_a_submission_time(moment: str) -> None:
    """Hours, minutes, seconds and offsets the reader refuses, the schema's pattern refuses too."""
    data = {"age": 30, "education": "masters", "submitted_at": moment}
    try:
        crs.load_profile(data)
        read = True
    except crs.ProfileError:
        read = False
    assert validator("profile").is_valid(data) is read
