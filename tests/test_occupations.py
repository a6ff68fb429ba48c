"""NOC 2021 codes: parsing, TEER, titles, groups, and malformed codes as input errors."""

from __future__ import annotations

import datetime as dt

import pytest

import crs
from crs.categories import versions
from crs.errors import CRSError, ProfileError
from crs.occupations import (
    UnknownOccupationError,
    describe,
    occupation,
    occupations,
    parse_noc,
    teer,
    title,
)
from crs.profile import Job
from crs.programs import FST_TRADES


def test_titles_and_teer() -> None:
    doctor = occupation("31102")
    assert doctor.title == "General practitioners and family physicians"
    assert doctor.teer == 1
    assert doctor.major_group == "31"
    assert str(doctor) == "31102 General practitioners and family physicians"
    assert occupation("00012").teer == 0
    assert occupation("73300").teer == 3
    assert teer("43100") == 3


def test_every_category_code_is_known_with_its_teer() -> None:
    codes = {code for v in versions() for code in v.nocs}
    assert codes <= set(occupations())
    assert len(codes) == 130
    assert all(occupation(c).teer == int(c[1]) for c in codes)


@pytest.mark.parametrize("code", ["3110", "311020", "abcde", "31 02", "", "16100", "29999"])
def test_malformed_codes(code: str) -> None:
    with pytest.raises(UnknownOccupationError):
        parse_noc(code)


def test_unknown_code_is_an_error_and_a_crs_error() -> None:
    with pytest.raises(UnknownOccupationError, match="not one of the occupations") as info:
        occupation("11100")
    assert isinstance(info.value, CRSError)
    assert isinstance(info.value, LookupError)
    assert title("11100") == ""
    assert describe("11100") == "11100"
    assert describe("31110") == "31110 Dentists"


def test_malformed_job_codes_are_profile_errors() -> None:
    """A TEER digit of 9 is refused where the job is built, in Python and from JSON."""
    with pytest.raises(ProfileError) as info:
        Job("19999", dt.date(2024, 1, 1))
    assert [prob.path for prob in info.value.problems] == ["noc"]
    data = {
        "education": "secondary",
        "age": 30,
        "work_history": [
            {"noc": "21231", "start": "2024-01-01"},
            {"noc": "19999", "start": "2024-01-01"},
        ],
    }
    with pytest.raises(ProfileError) as info:
        crs.load_profile(data)
    assert [prob.path for prob in info.value.problems] == ["work_history[1].noc"]
    assert "TEER" in info.value.problems[0].message


@pytest.mark.parametrize(
    ("code", "inside"),
    [
        ("72200", True),  # electricians
        ("73300", True),  # transport truck drivers
        ("82030", True),
        ("83100", True),
        ("92100", True),
        ("93100", True),
        ("63200", True),  # cooks
        ("63201", True),  # butchers
        ("63202", True),  # bakers
        ("62200", True),  # chefs
        ("72600", False),  # air pilots: sub-major group 726 is excluded
        ("72604", False),
        ("93200", False),  # aircraft assemblers: 932 is excluded
        ("63100", False),
        ("62201", False),
        ("21231", False),
    ],
)
def test_fst_trade_groups(code: str, inside: bool) -> None:
    assert (code in FST_TRADES) is inside


def test_fst_groups_in_words() -> None:
    text = FST_TRADES.describe()
    assert text.startswith("72 Technical trades")
    assert "except 726 Transportation officers and controllers" in text
    assert 72200 not in FST_TRADES
