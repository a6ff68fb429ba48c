"""Every draw category version: its NOC list, dates in force, rules, and the registry."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle

import pytest

from crs.categories import (
    CATEGORIES,
    SIX_MONTHS_CONTINUOUS,
    SLUGS,
    TWELVE_MONTHS,
    TWELVE_MONTHS_CONTINUOUS_IN_CANADA,
    TWELVE_MONTHS_IN_CANADA,
    CategoryVersion,
    by_name,
    category,
    in_force,
    versions,
)
from crs.categories._model import revise
from crs.errors import CRSError, UnknownCategoryError

# (slug, version, number of NOCs, a few codes on the list, a few codes not on it),
# typed from categories.md §4-5 and categories.json.
LISTS = [
    ("french", "Version 1", 0, (), ("31102",)),
    ("french", "2026-Version 2", 0, (), ()),
    (
        "healthcare",
        "Version 1",
        35,
        ("31100", "31204", "32200", "41320", "42203"),
        ("31120", "41300"),
    ),
    (
        "healthcare",
        "Version 2",
        37,
        ("31120", "32104", "32111", "41300", "42201", "31110"),
        ("31204", "41320", "42203"),
    ),
    ("healthcare", "2026-Version 3", 37, ("31100", "31101", "31102", "31110", "42201"), ("32200",)),
    ("stem", "Version 1", 24, ("20010", "21231", "21211", "41400"), ("21301", "63100")),
    ("stem", "2025", 11, ("20011", "21301", "21331", "22310", "63100"), ("21231", "20010")),
    ("stem", "2026", 11, ("20011", "21220", "63100"), ("21231",)),
    ("trades", "Version 1", 10, ("72014", "72106", "72405", "72406", "73200"), ("63200",)),
    ("trades", "Version 2", 25, ("22303", "63200", "70010", "72999", "82021"), ("72014", "63201")),
    ("trades", "2026-Version 3", 25, ("63201", "72200", "73113", "82021"), ("63200",)),
    ("transport", "Version 1", 10, ("70020", "72403", "73300", "93200"), ("22313",)),
    ("transport", "2026-Version 2", 4, ("22313", "72404", "72410", "72600"), ("73300",)),
    ("agriculture", "Version 1", 3, ("63201", "82030", "82031"), ()),
    ("agriculture", "2025", 1, ("63201",), ("82030", "82031")),
    ("education", "Version 1", 5, ("41220", "41221", "42202", "42203", "43100"), ()),
    ("education", "2026", 5, ("41220", "43100"), ("41200",)),
    ("physicians", "2026-Version 1", 3, ("31100", "31101", "31102"), ("31103", "31110")),
    (
        "senior_managers",
        "2026-Version 1",
        4,
        ("00012", "00013", "00014", "00015"),
        ("00010", "00011"),
    ),
    ("researchers", "2026", 2, ("41200", "41201"), ("41220",)),
    ("military", "2026-Version 1", 3, ("40042", "42102", "43204"), ()),
]


def _version(slug: str, label: str):  # type: ignore[no-untyped-def]
    (found,) = [v for v in versions(slug) if v.version == label]
    return found


@pytest.mark.parametrize(("slug", "label", "count", "listed", "unlisted"), LISTS)
def test_noc_lists(
    slug: str, label: str, count: int, listed: tuple[str, ...], unlisted: tuple[str, ...]
) -> None:
    version = _version(slug, label)
    assert len(version.nocs) == count
    assert len(set(version.nocs)) == count
    assert set(listed) <= set(version.nocs)
    assert not set(unlisted) & set(version.nocs)


def test_every_version_is_listed_once() -> None:
    assert len(versions()) == len(LISTS) == 21
    assert {(v.slug, v.version) for v in versions()} == {(s, lab) for s, lab, *_ in LISTS}


def test_list_diffs_between_versions() -> None:
    hss_2023, hss_2025, hss_2026 = versions("healthcare")
    assert set(hss_2025.nocs) - set(hss_2023.nocs) == {
        "31120",
        "32104",
        "32111",
        "32123",
        "32124",
        "32129",
        "41300",
        "42201",
    }
    assert set(hss_2023.nocs) - set(hss_2025.nocs) == {
        "41320",
        "42203",
        "31204",
        "33109",
        "32209",
        "32200",
    }
    assert hss_2026.nocs == hss_2025.nocs
    trades = versions("trades")
    assert set(trades[2].nocs) ^ set(trades[1].nocs) == {"63200", "63201"}
    assert set(versions("transport")[0].nocs) & set(versions("transport")[1].nocs) == {
        "72404",
        "72600",
    }


def test_revise_refuses_bad_diffs() -> None:
    with pytest.raises(ValueError, match="bad revision"):
        revise(("1",), removed=("2",))
    with pytest.raises(ValueError, match="bad revision"):
        revise(("1",), added=("1",))


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (dt.date(2023, 5, 30), []),
        (
            dt.date(2023, 5, 31),
            ["french", "healthcare", "stem", "trades", "transport", "agriculture"],
        ),
        (
            dt.date(2024, 6, 1),
            ["french", "healthcare", "stem", "trades", "transport", "agriculture"],
        ),
        (
            dt.date(2025, 2, 26),
            ["french", "healthcare", "stem", "trades", "transport", "agriculture"],
        ),
        (
            dt.date(2025, 2, 27),
            ["french", "healthcare", "stem", "trades", "agriculture", "education"],
        ),
        (
            dt.date(2026, 2, 17),
            ["french", "healthcare", "stem", "trades", "agriculture", "education"],
        ),
        (
            dt.date(2026, 2, 18),
            [
                "french",
                "healthcare",
                "stem",
                "trades",
                "transport",
                "education",
                "physicians",
                "senior_managers",
                "researchers",
                "military",
            ],
        ),
    ],
)
def test_categories_in_force(on: dt.date, expected: list[str]) -> None:
    assert [v.slug for v in in_force(on)] == expected


@pytest.mark.parametrize(
    ("slug", "on", "label"),
    [
        ("healthcare", dt.date(2025, 2, 26), "Version 1"),
        ("healthcare", dt.date(2025, 2, 27), "Version 2"),
        ("healthcare", dt.date(2026, 2, 17), "Version 2"),
        ("healthcare", dt.date(2026, 2, 18), "2026-Version 3"),
        ("french", dt.date(2026, 2, 5), "Version 1"),
        ("french", dt.date(2026, 2, 6), "2026-Version 2"),
        ("trades", dt.date(2024, 3, 1), "Version 1"),
        ("stem", dt.date(2025, 6, 1), "2025"),
        ("physicians", dt.date(2026, 2, 19), "2026-Version 1"),
    ],
)
def test_version_on_a_date(slug: str, on: dt.date, label: str) -> None:
    assert category(slug, on).version == label


def test_experience_rule_by_period() -> None:
    for version in versions():
        if version.slug == "french":
            assert version.experience is None
            assert version.french == 7
        elif version.slug == "physicians":
            assert version.experience is TWELVE_MONTHS_CONTINUOUS_IN_CANADA
        elif version.slug in ("senior_managers", "researchers"):
            assert version.experience is TWELVE_MONTHS_IN_CANADA
        elif version.end is not None and version.end <= dt.date(2026, 2, 18):
            assert version.experience is SIX_MONTHS_CONTINUOUS
        else:
            assert version.experience is TWELVE_MONTHS
    assert SIX_MONTHS_CONTINUOUS.hours == 780
    assert SIX_MONTHS_CONTINUOUS.continuous
    assert TWELVE_MONTHS.hours == 1560
    assert not TWELVE_MONTHS.continuous
    assert not TWELVE_MONTHS.in_canada
    assert TWELVE_MONTHS_IN_CANADA.in_canada
    assert not TWELVE_MONTHS_IN_CANADA.continuous
    assert TWELVE_MONTHS_CONTINUOUS_IN_CANADA.continuous
    assert TWELVE_MONTHS_CONTINUOUS_IN_CANADA.in_canada
    assert TWELVE_MONTHS_CONTINUOUS_IN_CANADA.hours == 1560


@pytest.mark.parametrize(
    ("name", "slug", "label"),
    [
        (
            "Physicians with Canadian Work Experience, 2026-Version 1",
            "physicians",
            "2026-Version 1",
        ),
        (
            "physicians  with canadian work experience, 2026-version 1",
            "physicians",
            "2026-Version 1",
        ),
        ("Healthcare occupations (2023-1)", "healthcare", "Version 1"),
        ("Healthcare occupations (Version 1)", "healthcare", "Version 1"),
        ("Healthcare and social services occupations (Version 2)", "healthcare", "Version 2"),
        (
            "Healthcare and Social Services Occupations, 2026-Version 3",
            "healthcare",
            "2026-Version 3",
        ),
        ("French language proficiency (2024-1)", "french", "Version 1"),
        ("French-Language proficiency 2026-Version 2", "french", "2026-Version 2"),
        ("Transport occupations (2024-1)", "transport", "Version 1"),
        ("Trades Occupations, 2026-Version 3", "trades", "2026-Version 3"),
        ("Trade occupations (Version 2)", "trades", "Version 2"),
        (
            "Senior managers with Canadian Work Experience, 2026-Version 1",
            "senior_managers",
            "2026-Version 1",
        ),
        ("Skilled Military Recruits, 2026-Version 1", "military", "2026-Version 1"),
        ("Agriculture and agri-food occupations (2023-1)", "agriculture", "Version 1"),
        ("STEM occupations (2023-1)", "stem", "Version 1"),
        ("Education occupations (Version 1)", "education", "Version 1"),
    ],
)
def test_by_official_name(name: str, slug: str, label: str) -> None:
    found = by_name(name)
    assert (found.slug, found.version) == (slug, label)


def test_unknown_names_and_slugs() -> None:
    with pytest.raises(UnknownCategoryError, match="no draw category version is named"):
        by_name("Doctors (2026)")
    with pytest.raises(UnknownCategoryError, match="known: french"):
        category("dentists", dt.date(2026, 2, 19))
    with pytest.raises(UnknownCategoryError, match="not in force on 2025-06-01"):
        category("transport", dt.date(2025, 6, 1))
    with pytest.raises(UnknownCategoryError, match="not in force"):
        category("physicians", dt.date(2025, 12, 31))
    with pytest.raises(CRSError):
        versions("dentists")


def test_registry_shape() -> None:
    assert SLUGS == (
        "french",
        "healthcare",
        "stem",
        "trades",
        "transport",
        "agriculture",
        "education",
        "physicians",
        "senior_managers",
        "researchers",
        "military",
    )
    for slug, cat in CATEGORIES.items():
        spans = [(v.start, v.end) for v in cat.versions]
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end is not None
            assert end <= start, slug  # versions never overlap
        assert all(v.source.title for v in cat.versions)
    unverified = {(v.slug, v.version) for v in versions() if not v.name_verified}
    assert unverified == {
        ("stem", "2025"),
        ("stem", "2026"),
        ("agriculture", "2025"),
        ("education", "2026"),
        ("researchers", "2026"),
    }
    assert str(category("trades", dt.date(2024, 1, 1))).endswith("until 2025-02-26)")
    assert str(category("trades", dt.date(2026, 3, 1))) == (
        "Trades Occupations, 2026-Version 3 (in force from 2026-02-18)"
    )


# --- pickling (Dask and Spark workers receive category versions) ----------------------


@pytest.mark.parametrize("version", versions(), ids=lambda v: f"{v.slug}-{v.version}")
def test_every_version_pickles(version: CategoryVersion) -> None:
    from crs.profile import Education, Job, LanguageResult, LanguageTest, Profile

    on = version.start
    noc = version.nocs[0] if version.nocs else "21231"
    profile = Profile(
        Education.MASTERS,
        age=33,
        first_language=LanguageResult(LanguageTest.NCLC, 8, 8, 8, 8),
        work_history=(Job(noc, on - dt.timedelta(days=800), None),),
    )
    copy = pickle.loads(pickle.dumps(version))
    assert copy == version
    assert copy(profile, on) == version(profile, on)
    assert pickle.loads(pickle.dumps(version.condition)) == version.condition
