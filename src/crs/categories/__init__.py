"""Draw categories of Express Entry, 2023 to 2026: every version as data, and a registry.

One module per category holds its versions, each built from the one before, so
that a module reads as the history of its list.  The registry finds a version

* by slug and date: ``category("physicians", date(2026, 2, 19))``;
* by the official name of its rounds, old names included:
  ``by_name("Healthcare occupations (2023-1)")``;
* all at once: ``in_force(date(2024, 6, 1))``.

>>> import datetime as dt
>>> category("trades", dt.date(2024, 6, 1)).name
'Trade occupations (Version 1)'
>>> by_name("Physicians with Canadian Work Experience, 2026-Version 1").nocs
('31100', '31101', '31102')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import attrs

from crs._dates import as_date
from crs.categories import (
    agriculture,
    education,
    french,
    healthcare,
    military,
    physicians,
    researchers,
    senior_managers,
    stem,
    trades,
    transport,
)
from crs.categories._model import (
    SIX_MONTHS_CONTINUOUS,
    TWELVE_MONTHS,
    TWELVE_MONTHS_CONTINUOUS_IN_CANADA,
    TWELVE_MONTHS_IN_CANADA,
    CategoryVersion,
    ExperienceRule,
)
from crs.errors import UnknownCategoryError

__all__ = [
    "CATEGORIES",
    "SIX_MONTHS_CONTINUOUS",
    "SLUGS",
    "TWELVE_MONTHS",
    "TWELVE_MONTHS_CONTINUOUS_IN_CANADA",
    "TWELVE_MONTHS_IN_CANADA",
    "Category",
    "CategoryVersion",
    "ExperienceRule",
    "by_name",
    "category",
    "in_force",
    "versions",
]


@attrs.frozen
class Category:
    """A draw category and all its versions.

    Attributes:
        slug: Its short name, e.g. ``senior_managers``.
        title: What it is, in words.
        versions: Its versions, oldest first.
    """

    slug: str
    title: str
    versions: tuple[CategoryVersion, ...]

    def on(self, on: dt.date) -> CategoryVersion | None:
        """The version in force on ``on`` (None: the category is not in force then)."""
        for version in self.versions:
            if version.in_force(on):
                return version
        return None


CATEGORIES: Mapping[str, Category] = {
    c.slug: c
    for c in (
        Category("french", "French-language proficiency", french.VERSIONS),
        Category("healthcare", "Healthcare and social services occupations", healthcare.VERSIONS),
        Category("stem", "Science, technology, engineering and math occupations", stem.VERSIONS),
        Category("trades", "Trade occupations", trades.VERSIONS),
        Category("transport", "Transport occupations", transport.VERSIONS),
        Category("agriculture", "Agriculture and agri-food occupations", agriculture.VERSIONS),
        Category("education", "Education occupations", education.VERSIONS),
        Category("physicians", "Physicians with Canadian work experience", physicians.VERSIONS),
        Category(
            "senior_managers",
            "Senior managers with Canadian work experience",
            senior_managers.VERSIONS,
        ),
        Category("researchers", "Researchers with Canadian work experience", researchers.VERSIONS),
        Category("military", "Skilled military recruits", military.VERSIONS),
    )
}
"""Every category by slug, in a fixed order."""

SLUGS: tuple[str, ...] = tuple(CATEGORIES)
"""The category slugs."""


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


_BY_NAME: dict[str, CategoryVersion] = {
    _normal(name): version
    for c in CATEGORIES.values()
    for version in c.versions
    for name in version.names
}


def versions(slug: str | None = None) -> tuple[CategoryVersion, ...]:
    """Every version of the category ``slug`` (None: of every category), oldest first.

    Raises:
        UnknownCategoryError: If ``slug`` is not a category.
    """
    if slug is None:
        return tuple(v for c in CATEGORIES.values() for v in c.versions)
    return _category(slug).versions


def _category(slug: str) -> Category:
    try:
        return CATEGORIES[slug]
    except KeyError:
        raise UnknownCategoryError.of("draw category", slug, SLUGS) from None


def category(slug: str, on: dt.date | str | None) -> CategoryVersion:
    """The version of category ``slug`` in force on ``on`` (a date or ``YYYY-MM-DD``).

    Raises:
        UnknownCategoryError: If ``slug`` is not a category, or none of its
            versions is in force on ``on``.
    """
    on = as_date(on)
    found = _category(slug).on(on)
    if found is None:
        spans = "; ".join(
            f"{v.start} to {v.end - dt.timedelta(days=1) if v.end else 'now'}"
            for v in _category(slug).versions
        )
        raise UnknownCategoryError(
            f"the {slug} category is not in force on {on} (in force: {spans})",
            kind="draw category",
            name=slug,
        )
    return found


def by_name(name: str) -> CategoryVersion:
    """The version whose rounds bear ``name`` (case and spacing ignored).

    Old names such as ``"French language proficiency (2023-1)"`` are found too.

    Raises:
        UnknownCategoryError: If no version has that name.
    """
    try:
        return _BY_NAME[_normal(name)]
    except KeyError:
        raise UnknownCategoryError(
            f"no draw category version is named {name!r}", kind="draw category version", name=name
        ) from None


def in_force(on: dt.date) -> tuple[CategoryVersion, ...]:
    """The version of every category in force on ``on``, in the order of :data:`CATEGORIES`."""
    found = (c.on(on) for c in CATEGORIES.values())
    return tuple(v for v in found if v is not None)
