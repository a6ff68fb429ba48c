"""The profile JSON edge (interfaces.md §1): strict loading with field paths, and round trips."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest

import crs
from strategies import clb, levels, nclc, profile_json

GOOD_JOB: dict[str, Any] = {"noc": "31102", "start": "2022-09-01", "end": "2024-08-31"}


def problems(data: Any) -> dict[str, str]:
    """The problems load_profile reports for ``data``, by field path."""
    with pytest.raises(crs.ProfileError) as info:
        crs.load_profile(data)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.problems
    return {p.path: p.message for p in error.problems}


def only(data: Any) -> tuple[str, str]:
    """The one problem load_profile reports for ``data``: (path, message)."""
    found = problems(data)
    assert len(found) == 1, found
    ((path, message),) = found.items()
    return path, message


# (id, profile JSON, field path of the problem, words the message must contain)
BAD: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "unknown-key-with-hint",
        profile_json(canadian_work_year=2),
        "canadian_work_year",
        "canadian_work_years",
    ),
    ("unknown-key", profile_json(favourite_colour="blue"), "favourite_colour", "unknown key"),
    (
        "unknown-key-in-language",
        profile_json(first_language={**clb(9), "overall": 9}),
        "first_language.overall",
        "unknown key",
    ),
    (
        "unknown-key-in-spouse",
        profile_json(spouse={"educaton": "masters"}),
        "spouse.educaton",
        "education",
    ),
    (
        "unknown-key-in-job",
        profile_json(work_history=[{**GOOD_JOB, "employer": "X"}]),
        "work_history[0].employer",
        "unknown key",
    ),
    ("age-29.5", profile_json(age=29.5), "age", "29.5"),
    ("age-as-text", profile_json(age="30"), "age", "whole number"),
    ("age-true", profile_json(age=True), "age", "whole number"),
    ("age-negative", profile_json(age=-1), "age", "-1"),
    ("age-over-120", profile_json(age=121), "age", "121"),
    ("boolean-yes", profile_json(sibling_in_canada="yes"), "sibling_in_canada", "true or false"),
    (
        "boolean-one",
        profile_json(provincial_nomination=1),
        "provincial_nomination",
        "true or false",
    ),
    ("education-unknown", profile_json(education="phd"), "education", "phd"),
    ("education-number", profile_json(education=3), "education", "one of"),
    (
        "ielts-9.5",
        profile_json(first_language=levels("ielts", 8, 9.5, 7, 7)),
        "first_language.reading",
        "IELTS band",
    ),
    (
        "ielts-7.25",
        profile_json(first_language=levels("ielts", 7.25, 7, 7, 7)),
        "first_language.listening",
        "IELTS band",
    ),
    (
        "ielts-text-score",
        profile_json(first_language=levels("ielts", 8, 7, "7", 7)),
        "first_language.writing",
        "number",
    ),
    ("clb-13", profile_json(first_language=clb(9, 9, 9, 13)), "first_language.speaking", "13"),
    (
        "clb-fraction",
        profile_json(first_language=clb(9, 8.5, 9, 9)),
        "first_language.reading",
        "whole number",
    ),
    (
        "celpip-13",
        profile_json(first_language=levels("celpip", 13, 9, 9, 9)),
        "first_language.listening",
        "13",
    ),
    (
        "pte-9",
        profile_json(first_language=levels("pte_core", 9, 50, 50, 50)),
        "first_language.listening",
        "9",
    ),
    (
        "tcf-writing-21",
        profile_json(first_language=levels("tcf_canada", 500, 500, 21, 10)),
        "first_language.writing",
        "21",
    ),
    (
        "tef-700",
        profile_json(first_language=levels("tef_canada", 700, 500, 500, 500)),
        "first_language.listening",
        "700",
    ),
    (
        "unknown-test",
        profile_json(first_language=levels("toefl", 9, 9, 9, 9)),
        "first_language.test",
        "toefl",
    ),
    (
        "missing-ability",
        profile_json(first_language={"test": "clb", "listening": 9, "reading": 9, "writing": 9}),
        "first_language.speaking",
        "required",
    ),
    ("language-not-object", profile_json(first_language="ielts"), "first_language", "JSON object"),
    (
        "bad-test-date",
        profile_json(first_language={**clb(9), "test_date": "2024-02-30"}),
        "first_language.test_date",
        "2024-02-30",
    ),
    (
        "test-date-format",
        profile_json(first_language={**clb(9), "test_date": "01/02/2024"}),
        "first_language.test_date",
        "YYYY-MM-DD",
    ),
    (
        "two-english-results",
        profile_json(first_language=clb(9), second_language=levels("ielts", 7, 7, 7, 7)),
        "second_language",
        "other official language",
    ),
    (
        "two-french-results",
        profile_json(
            first_language=nclc(9), second_language=levels("tcf_canada", 500, 500, 10, 10)
        ),
        "second_language",
        "other official language",
    ),
    (
        "second-without-first",
        profile_json(second_language=nclc(9)),
        "second_language",
        "first_language",
    ),
    (
        "age-and-date-of-birth",
        profile_json(date_of_birth="1990-01-01", age=30),
        "date_of_birth",
        "not both",
    ),
    ("neither-age-nor-date-of-birth", {"education": "masters"}, "age", "date_of_birth"),
    ("missing-education", {"age": 30}, "education", "required"),
    (
        "date-of-birth-not-a-date",
        profile_json(date_of_birth="1990-13-01"),
        "date_of_birth",
        "1990-13-01",
    ),
    (
        "work-years-and-history",
        profile_json(canadian_work_years=2, work_history=[GOOD_JOB]),
        "canadian_work_years",
        "work_history",
    ),
    (
        "foreign-years-and-history",
        profile_json(foreign_work_years=2, work_history=[GOOD_JOB]),
        "foreign_work_years",
        "work_history",
    ),
    ("negative-work-years", profile_json(canadian_work_years=-1), "canadian_work_years", "-1"),
    (
        "job-ends-before-it-starts",
        profile_json(work_history=[{**GOOD_JOB, "end": "2022-08-31"}]),
        "work_history[0].end",
        "before it starts",
    ),
    (
        "noc-four-digits",
        profile_json(work_history=[{**GOOD_JOB, "noc": "3110"}]),
        "work_history[0].noc",
        "five-digit",
    ),
    (
        "noc-six-digits",
        profile_json(work_history=[{**GOOD_JOB, "noc": "311020"}]),
        "work_history[0].noc",
        "five-digit",
    ),
    (
        "noc-letters",
        profile_json(work_history=[{**GOOD_JOB, "noc": "31A02"}]),
        "work_history[0].noc",
        "five-digit",
    ),
    (
        "noc-number",
        profile_json(work_history=[{**GOOD_JOB, "noc": 31102}]),
        "work_history[0].noc",
        "string",
    ),
    (
        "job-missing-start",
        profile_json(work_history=[{"noc": "31102"}]),
        "work_history[0].start",
        "required",
    ),
    (
        "hours-zero",
        profile_json(work_history=[{**GOOD_JOB, "hours_per_week": 0}]),
        "work_history[0].hours_per_week",
        "hours a week",
    ),
    (
        "hours-over-168",
        profile_json(work_history=[{**GOOD_JOB, "hours_per_week": 169}]),
        "work_history[0].hours_per_week",
        "hours a week",
    ),
    (
        "job-flag-yes",
        profile_json(work_history=[{**GOOD_JOB, "in_canada": "yes"}]),
        "work_history[0].in_canada",
        "true or false",
    ),
    ("work-history-not-list", profile_json(work_history={"noc": "31102"}), "work_history", "list"),
    ("job-not-object", profile_json(work_history=["31102"]), "work_history[0]", "JSON object"),
    ("spouse-not-object", profile_json(spouse=True), "spouse", "JSON object"),
    (
        "spouse-boolean",
        profile_json(spouse={"accompanying": "no"}),
        "spouse.accompanying",
        "true or false",
    ),
    (
        "spouse-language",
        profile_json(spouse={"first_language": clb(14)}),
        "spouse.first_language.listening",
        "14",
    ),
    (
        "spouse-work-years",
        profile_json(spouse={"canadian_work_years": 1.5}),
        "spouse.canadian_work_years",
        "whole number",
    ),
    (
        "arranged-employment",
        profile_json(arranged_employment="yes"),
        "arranged_employment",
        "major_group_00",
    ),
    (
        "canadian-education",
        profile_json(canadian_education="phd"),
        "canadian_education",
        "one_or_two_year",
    ),
]


@pytest.mark.parametrize(("data", "path", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_names_its_field(data: dict[str, Any], path: str, words: str) -> None:
    """Each kind of bad input raises ProfileError naming the field path and the problem."""
    found = problems(data)
    assert path in found, found
    assert words in found[path]


def test_ielts_band_message_matches_the_contract() -> None:
    """The message reads as interfaces.md §2 shows: 'first_language.reading: 9.5 is not...'."""
    with pytest.raises(crs.ProfileError) as info:
        crs.load_profile(profile_json(first_language=levels("ielts", 8, 9.5, 7, 7)))
    assert str(info.value).startswith("first_language.reading: 9.5 is not an IELTS band")


def test_single_problem_is_reported_once() -> None:
    """One mistake gives exactly one problem."""
    assert only(profile_json(age=29.5)) == ("age", "29.5 is not a whole number")


def test_several_problems_are_reported_at_once() -> None:
    """Every problem is collected, not only the first (issue item 3)."""
    data = {
        "age": 29.5,
        "education": "phd",
        "canadian_work_year": 1,
        "sibling_in_canada": "yes",
        "first_language": clb(13),
        "work_history": [GOOD_JOB, {**GOOD_JOB, "noc": "123"}],
    }
    found = problems(data)
    assert {
        "age",
        "education",
        "canadian_work_year",
        "sibling_in_canada",
        "first_language.listening",
        "first_language.speaking",
        "work_history[1].noc",
    } <= set(found)


def test_cross_field_problems_are_reported_with_field_errors() -> None:
    """A conflict (age and date of birth) is reported beside a type error elsewhere."""
    found = problems(profile_json(date_of_birth="1990-01-01", age=30, sibling_in_canada="yes"))
    assert {"date_of_birth", "sibling_in_canada"} <= set(found)


def test_two_english_results_are_reported_beside_other_errors() -> None:
    """Two results in one language are reported even when another field is wrong."""
    found = problems(
        profile_json(first_language=clb(9), second_language=levels("ielts", 7, 7, 7, 7), age="x")
    )
    assert {"age", "second_language"} <= set(found)


@pytest.mark.parametrize("data", [[], "profile", 3, None], ids=["list", "text", "number", "null"])
def test_a_profile_must_be_an_object(data: Any) -> None:
    """Anything but a JSON object is one ProfileError for the whole profile."""
    path, message = only(data)
    assert path == ""
    assert "JSON object" in message


def test_loads_profile_reports_bad_json() -> None:
    """Text that is not JSON is a ProfileError too."""
    with pytest.raises(crs.ProfileError, match="not valid JSON"):
        crs.loads_profile("{age: 30")


def test_loads_profile_reads_json_text() -> None:
    """loads_profile reads JSON text into the same profile load_profile builds."""
    text = (
        '{"age": 30, "education": "masters", "first_language": {"test": "clb", '
        '"listening": 9, "reading": 9, "writing": 9, "speaking": 9}}'
    )
    assert crs.loads_profile(text) == crs.load_profile(
        profile_json(education="masters", first_language=clb(9))
    )


def test_problem_paths_and_messages_are_exposed() -> None:
    """ProfileError.problems carries Problem(path, message); str() joins them by line."""
    with pytest.raises(crs.ProfileError) as info:
        crs.load_profile(profile_json(age=29.5, sibling_in_canada="yes"))
    error = info.value
    assert all(isinstance(p, crs.Problem) for p in error.problems)
    assert str(error).splitlines() == [str(p) for p in error.problems]


def test_python_constructors_check_too() -> None:
    """Building a profile in Python is checked the same way as loading JSON."""
    with pytest.raises(crs.ProfileError, match="IELTS band"):
        crs.LanguageResult(crs.LanguageTest.IELTS, 9.5, 7, 7, 7)
    with pytest.raises(crs.ProfileError, match="five-digit"):
        crs.Job("1234", dt.date(2020, 1, 1))
    with pytest.raises(crs.ProfileError, match="either age or date_of_birth"):
        crs.Profile(crs.Education.MASTERS)


def test_date_of_birth_after_the_scoring_date_is_a_profile_error() -> None:
    """A date of birth after the scoring date cannot be scored: ProfileError naming it."""
    profile = crs.load_profile(profile_json(date_of_birth="2030-01-01"))
    with pytest.raises(crs.ProfileError, match="date_of_birth"):
        crs.score(profile, on=dt.date(2025, 1, 1))


FULL: dict[str, Any] = {
    "education": "masters",
    "date_of_birth": "1991-02-28",
    "canadian_education": "three_year_or_longer",
    "first_language": {**levels("ielts", 8.5, 7.5, 7.0, 7.0), "test_date": "2025-01-15"},
    "second_language": {**levels("tcf_canada", 500, 480, 12, 11), "test_date": "2024-12-01"},
    "work_history": [
        {
            "noc": "21231",
            "start": "2019-03-01",
            "end": "2021-02-28",
            "hours_per_week": 37.5,
            "in_canada": False,
        },
        {
            "noc": "31102",
            "start": "2022-09-01",
            "end": None,
            "hours_per_week": 40,
            "self_employed": True,
            "during_full_time_study": True,
        },
    ],
    "certificate_of_qualification": True,
    "sibling_in_canada": True,
    "provincial_nomination": True,
    "arranged_employment": "major_group_00",
    "spouse": {
        "accompanying": False,
        "canadian_citizen_or_pr": True,
        "education": "doctoral",
        "first_language": levels("celpip", 9, 10, 11, 12),
        "canadian_work_years": 4,
    },
}


def test_round_trip_of_a_full_profile() -> None:
    """load(dump(p)) == p, for a profile using every key of the contract."""
    profile = crs.load_profile(FULL)
    assert crs.load_profile(crs.dump_profile(profile)) == profile


def test_dump_writes_the_contract_keys() -> None:
    """dump_profile writes JSON-ready values: ISO dates, enum values, nested objects."""
    dumped = crs.dump_profile(crs.load_profile(FULL))
    assert dumped["date_of_birth"] == "1991-02-28"
    assert dumped["education"] == "masters"
    assert dumped["first_language"]["test_date"] == "2025-01-15"
    assert dumped["work_history"][0]["noc"] == "21231"
    assert dumped["spouse"]["education"] == "doctoral"


def test_dump_leaves_out_defaults() -> None:
    """Keys at their defaults are left out: the smallest profile dumps to itself."""
    data = {"education": "secondary", "age": 40}
    assert crs.dump_profile(crs.load_profile(data)) == data


def test_explicit_nulls_and_defaults_load() -> None:
    """Optional keys given as null or at their default load like absent keys."""
    explicit = profile_json(
        canadian_education=None,
        first_language=None,
        second_language=None,
        arranged_employment=None,
        spouse=None,
        sibling_in_canada=False,
        work_history=[],
    )
    assert crs.load_profile(explicit) == crs.load_profile(profile_json())


def test_job_defaults() -> None:
    """A job defaults to ongoing, 30 hours a week, in Canada, employed, not studying."""
    job = crs.load_profile(profile_json(work_history=[{"noc": "31102", "start": "2024-09-01"}]))
    (loaded,) = job.work_history
    assert (loaded.end, loaded.hours_per_week, loaded.in_canada) == (None, 30, True)
    assert (loaded.self_employed, loaded.during_full_time_study) == (False, False)
    assert loaded.teer == 1
    assert loaded.skilled


def test_spouse_defaults() -> None:
    """An empty spouse object is an accompanying, non-PR spouse with nothing to score."""
    profile = crs.load_profile(profile_json(spouse={}))
    assert profile.spouse == crs.Spouse()
    assert profile.spouse_counts


@pytest.mark.parametrize(
    ("text", "dumped"),
    [
        ("2026-01-03T03:25:14Z", "2026-01-03T03:25:14Z"),
        ("2026-01-03T03:25:14+00:00", "2026-01-03T03:25:14Z"),
        ("2026-01-03T03:25:14+05:30", "2026-01-03T03:25:14+05:30"),
    ],
    ids=["z", "utc-offset", "other-offset"],
)
def test_submitted_at_round_trip(text: str, dumped: str) -> None:
    """The submission time loads with its time zone and dumps with Z for UTC."""
    profile = crs.load_profile(profile_json(submitted_at=text))
    assert profile.submitted_at is not None
    assert profile.submitted_at.utcoffset() is not None
    assert crs.dump_profile(profile)["submitted_at"] == dumped
    assert crs.load_profile(crs.dump_profile(profile)) == profile


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (20260103, "date and time"),
        ("yesterday", "e.g."),
        ("2026-01-03T03:25:14", "time zone"),
    ],
    ids=["number", "not-a-time", "no-time-zone"],
)
def test_bad_submitted_at(value: Any, words: str) -> None:
    """A submission time must be an ISO date and time with a time zone."""
    found = problems(profile_json(submitted_at=value))
    assert words in found["submitted_at"]


def test_python_values_that_are_not_json_are_shown_with_repr() -> None:
    """A Python datetime where a date is expected is an error that shows the value."""
    found = problems({"date_of_birth": dt.datetime(1990, 1, 1), "education": "masters"})
    assert "datetime.datetime(1990, 1, 1, 0, 0)" in found["date_of_birth"]


def test_python_dates_are_read_as_the_dates_they_are() -> None:
    """A ``datetime.date`` (and an aware ``datetime`` for ``submitted_at``) from Python is itself.

    The same profile as the ISO text gives; a naive datetime has no time zone to read.
    """
    moment = dt.datetime(2026, 1, 3, 3, 25, tzinfo=dt.timezone.utc)
    given = {"date_of_birth": dt.date(1990, 1, 1), "education": "masters", "submitted_at": moment}
    as_text = {"date_of_birth": "1990-01-01", "education": "masters"}
    assert crs.load_profile(given) == crs.load_profile(
        {**as_text, "submitted_at": "2026-01-03T03:25:00Z"}
    )
    naive = problems({**as_text, "submitted_at": moment.replace(tzinfo=None)})
    assert naive == {
        "submitted_at": "datetime.datetime(2026, 1, 3, 3, 25) has no time zone (give tzinfo)"
    }


def test_numpy_numbers_are_named_with_the_way_to_convert_them() -> None:
    """``dict(frame.loc[i])`` holds NumPy scalars: the message names the type, not "30"."""
    np = pytest.importorskip("numpy")
    found = problems(
        {"age": np.int64(30), "education": "masters", "canadian_work_years": np.float64(2.0)}
    )
    assert found == {
        "age": "np.int64(30) is a NumPy int64, not a JSON number: convert it with .item()",
        "canadian_work_years": (
            "np.float64(2.0) is a NumPy float64, not a JSON number: convert it with .item()"
        ),
    }
    with pytest.raises(crs.ProfileError, match=r"^age: 29\.0 is a float, not a whole number"):
        crs.Profile(education=crs.Education.MASTERS, age=cast(int, 29.0))  # built in Python


def test_education_rank_and_label() -> None:
    """Education levels are ranked 0 to 7 in grid order, each with words for it."""
    assert [e.rank for e in crs.Education] == list(range(8))
    assert crs.Education.DOCTORAL.label == "doctoral degree"


def _python_misuse() -> list[tuple[str, Any, str]]:
    # Any-typed names: these calls pass wrong types on purpose.
    result: Any = crs.LanguageResult
    job: Any = crs.Job
    spouse: Any = crs.Spouse
    profile: Any = crs.Profile
    today = dt.date(2024, 1, 1)
    ielts = crs.LanguageTest.IELTS
    good = crs.LanguageResult(crs.LanguageTest.CLB, 9, 9, 9, 9)
    masters = crs.Education.MASTERS
    return [
        ("score-text", lambda: result(ielts, "8", 7, 7, 7), "not a number"),
        ("score-nan", lambda: result(ielts, float("nan"), 7, 7, 7), "not a score"),
        ("test-text", lambda: result("ielts", 8, 7, 7, 7), "not a LanguageTest"),
        ("test-date-text", lambda: result(ielts, 8, 7, 7, 7, "2024"), "not a date"),
        ("job-start-text", lambda: job("31102", "2024-01-01"), "not a date"),
        ("job-end-text", lambda: job("31102", today, "2024-02-01"), "not a date"),
        ("job-hours-nan", lambda: job("31102", today, hours_per_week=float("nan")), "hours"),
        ("spouse-education", lambda: spouse(education="masters"), "not a Education"),
        ("spouse-language", lambda: spouse(first_language={}), "not a LanguageResult"),
        ("spouse-flag", lambda: spouse(accompanying=1), "true or false"),
        ("education-text", lambda: profile("masters", age=30), "not a Education"),
        ("age-float", lambda: profile(masters, age=30.0), "whole number"),
        ("spouse-dict", lambda: profile(masters, age=30, spouse={}), "not a Spouse"),
        ("job-dict", lambda: profile(masters, age=30, work_history=[{}]), "not a Job"),
        (
            "canadian-education-text",
            lambda: profile(masters, age=30, canadian_education="x"),
            "not a CanadianEducation",
        ),
        (
            "dob-text",
            lambda: profile(masters, date_of_birth="1990-01-01"),
            "not a date",
        ),
        (
            "naive-submitted-at",
            lambda: profile(masters, age=30, submitted_at=dt.datetime(2026, 1, 3)),
            "time zone",
        ),
        (
            "two-english",
            lambda: profile(masters, age=30, first_language=good, second_language=good),
            "other official language",
        ),
    ]


@pytest.mark.parametrize(
    ("build", "words"),
    [case[1:] for case in _python_misuse()],
    ids=[case[0] for case in _python_misuse()],
)
def test_python_constructors_reject_wrong_values(build: Any, words: str) -> None:
    """Profiles built in Python are checked like JSON: every wrong value is a ProfileError."""
    with pytest.raises(crs.ProfileError, match=words):
        build()


def test_loads_profile_takes_the_bytes_of_a_file_read_in_binary() -> None:
    text = '{"age": 30, "education": "masters"}'
    assert crs.loads_profile(text.encode()) == crs.loads_profile(text)
    with pytest.raises(crs.ProfileError, match=r"^not UTF-8 text \(byte 0xff at position 1\)$"):
        crs.loads_profile(b"\xff{}")


untyped: Any = crs  # the calls below pass wrong types on purpose


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda p: untyped.loads_profile(None),
            "loads_profile takes JSON text (str or bytes), not NoneType",
        ),
        (lambda p: untyped.score(None), "score takes a crs.Profile, not NoneType"),
        (
            lambda p: untyped.score({"age": 30}),
            "score takes a crs.Profile (make one with crs.load_profile), not dict",
        ),
        (
            lambda p: untyped.eligible("{}"),
            "eligible takes a crs.Profile (make one with crs.load_profile), not str",
        ),
        (lambda p: untyped.place([]), "place takes a crs.Profile, not list"),
        (lambda p: untyped.what_if(None), "what_if takes a crs.Profile, not NoneType"),
        (
            lambda p: untyped.timeline(None, "2025-01-01", "2025-02-01"),
            "timeline takes a crs.Profile, not NoneType",
        ),
        (lambda p: untyped.report(None), "report takes a crs.Profile, not NoneType"),
        (
            lambda p: untyped.score(p, rules="2025-03-25"),
            "score: rules= takes a RuleSet "
            "(crs.rules.rule_set('2025-03-25') gives the one of that name), not str",
        ),
        (lambda p: untyped.what_if(p, rules=3), "what_if: rules= takes a RuleSet, not int"),
    ],
)
def test_a_wrong_python_type_is_a_type_error_that_says_what_was_given(
    call: Any, message: str
) -> None:
    """Programming mistakes stay TypeErrors (errors.py), each naming what it got instead."""
    profile = crs.load_profile({"age": 30, "education": "masters"})
    with pytest.raises(TypeError) as raised:
        call(profile)
    assert str(raised.value) == message


def test_a_profile_built_with_no_work_history_given_as_none() -> None:
    """``work_history=None`` is none, as None is for every other field."""
    built = crs.Profile(education=crs.Education.MASTERS, age=30, work_history=None)
    assert built.work_history == ()
