"""Every registry of names agrees with the others.

The category slugs the feed's round names map to (``crs._csvdata``, used by
``tools/feed.py``), the draw-category registry (``crs.CATEGORIES``), the program
codes of rounds and of eligibility, and the category rounds in the bundled
``rounds.csv``: a name in one is found in the others, meaning the same thing.
"""

from __future__ import annotations

import pytest

import crs
from crs import draws
from crs._csvdata import (
    CATEGORY_PREFIXES,
    CATEGORY_SLUGS,
    PROGRAM_CODES,
    FeedError,
    classify_name,
)
from crs.categories import by_name, versions
from tools import feed

CATEGORY_ROUNDS = [r for r in crs.rounds() if r.kind == "category"]


def test_the_feed_maps_names_to_exactly_the_registered_categories() -> None:
    assert tuple(slug for _, slug in CATEGORY_PREFIXES) == CATEGORY_SLUGS
    assert tuple(crs.CATEGORIES) == CATEGORY_SLUGS
    assert draws.CATEGORIES == CATEGORY_SLUGS


def test_the_feed_tool_reads_names_with_the_package_functions() -> None:
    """tools/feed.py classifies names with crs._csvdata: one mapping, not two."""
    assert feed.FeedError is FeedError
    assert "crs._csvdata" in {
        getattr(value, "__module__", "") for value in vars(feed).values() if callable(value)
    }


def test_program_codes_agree() -> None:
    assert set(draws.PROGRAMS) == set(PROGRAM_CODES.values())
    assert set(crs.PROGRAMS) == set(draws.PROGRAMS) - {"pnp"}


@pytest.mark.parametrize("version", versions(), ids=lambda v: f"{v.slug}:{v.version}")
def test_every_registered_name_is_read_as_its_category(version: crs.CategoryVersion) -> None:
    """The feed reads each name of a version as its category (and its version label).

    The version label is checked for the names IRCC has used (``name_verified``).
    """
    for name in version.names:
        found = classify_name(name)
        assert (found.kind, found.category) == ("category", version.slug), name
        if version.name_verified:
            assert found.version == version.version, name


def test_the_bundled_data_has_category_rounds() -> None:
    assert len(CATEGORY_ROUNDS) > 50
    assert {r.category for r in CATEGORY_ROUNDS} <= set(crs.CATEGORIES)


@pytest.mark.parametrize("r", CATEGORY_ROUNDS, ids=lambda r: r.number)
def test_every_category_round_resolves_to_a_registered_version(r: crs.Round) -> None:
    """By its name: the same category and version label, in force on the round's date."""
    version = by_name(r.name)
    assert (version.slug, version.version) == (r.category, r.category_version)
    assert version.in_force(r.date)
    assert version.name_verified
    assert crs.category(version.slug, r.date) is version
    if r.original_name is not None:
        assert by_name(r.original_name) is version
