"""Draw categories as data: a version's NOC list, dates in force and experience rule.

Every category version is a :class:`CategoryVersion`.  Its own condition (the
occupational experience rule, or French for the French category) is
:attr:`CategoryVersion.condition`; a candidate is eligible for the category's
rounds when that condition holds **and** they are eligible for at least one
program (:attr:`CategoryVersion.predicate`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from crs.conditions import LanguageChoice, min_language, work_hours
from crs.predicates import All, Predicate, Verdict
from crs.programs import any_program
from crs.tables import Source

if TYPE_CHECKING:
    from crs.profile import Profile

__all__ = [
    "CATEGORY_PAGE",
    "LAUNCHED",
    "REVISED_2025",
    "REVISED_2026",
    "SIX_MONTHS_CONTINUOUS",
    "TWELVE_MONTHS",
    "TWELVE_MONTHS_CONTINUOUS_IN_CANADA",
    "TWELVE_MONTHS_IN_CANADA",
    "CategoryVersion",
    "ExperienceRule",
    "revise",
]

CATEGORY_PAGE = (
    "https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/"
    "express-entry/rounds-invitations/category-based-selection.html"
)
"""IRCC's page on category-based selection."""

# The dates the category lists changed, shared by every category (categories.md §1 and §4).
LAUNCHED = dt.date(2023, 5, 31)
"""Category-based selection announced, with the first lists (in force to 2025-02-26)."""
REVISED_2025 = dt.date(2025, 2, 27)
"""The 2025 lists announced: education added, transport removed, others revised."""
REVISED_2026 = dt.date(2026, 2, 18)
"""The 2026 categories announced, and the 12-month experience rule for all of them."""


@attrs.frozen
class ExperienceRule:
    """How much work a category asks for, where, and how it is counted.

    Attributes:
        hours: Hours needed in a single listed occupation (1,560 is one year
            full time, 780 six months).
        window_years: Within this many years before the date.
        continuous: Whether the hours must come from one continuous run.
        in_canada: Whether only work in Canada counts.
        description: The rule in words.
        source: Where the rule comes from.
    """

    hours: int
    window_years: int
    continuous: bool
    in_canada: bool
    description: str
    source: Source


SIX_MONTHS_CONTINUOUS = ExperienceRule(
    hours=780,
    window_years=3,
    continuous=True,
    in_canada=False,
    description=(
        "6 months (780 hours) of continuous full-time work, or the same in part time, "
        "in one listed occupation in the last 3 years, in Canada or abroad"
    ),
    source=Source(
        "IRCC, Express Entry: category-based selection (2023-05-31 to 2026-02-17)",
        CATEGORY_PAGE,
        note="go4visa.com copy of the 2023 page; kishaimmigration.com (2024); "
        "amnimmigration.ca (2025). Six months are counted as 780 hours (26 weeks x 30).",
    ),
)
"""The rule of every occupational category until 2026-02-17."""

TWELVE_MONTHS = ExperienceRule(
    hours=1560,
    window_years=3,
    continuous=False,
    in_canada=False,
    description=(
        "12 months (1,560 hours) of full-time work, or the same in part time, in one "
        "listed occupation in the last 3 years, not necessarily continuous, in Canada "
        "or abroad"
    ),
    source=Source(
        "IRCC news release 2026-02-18: 2026 Express Entry categories",
        "https://www.newswire.ca/news-releases/canada-prioritizes-top-talent-in-2026-"
        "immigration-express-entry-categories-888682465.html",
        note="canadaimmigrationnews.ca; financialexpress.com 2026-03-08; fragomen.com",
    ),
)
"""The rule of the occupational categories from 2026-02-18."""

TWELVE_MONTHS_IN_CANADA = attrs.evolve(
    TWELVE_MONTHS,
    in_canada=True,
    description=(
        "12 months (1,560 hours) of full-time work in Canada, or the same in part time, "
        "in one listed occupation in the last 3 years, not necessarily continuous"
    ),
)
"""The rule of the senior managers' and researchers' categories (from 2026-02-18)."""

TWELVE_MONTHS_CONTINUOUS_IN_CANADA = attrs.evolve(
    TWELVE_MONTHS_IN_CANADA,
    continuous=True,
    description=(
        "12 months (1,560 hours) of continuous full-time work in Canada, or the same in "
        "part time, in one listed occupation in the last 3 years"
    ),
    source=Source(
        "IRCC, Express Entry: category-based selection – physicians with Canadian work "
        "experience (text published with round #397, 2026-02-19)",
        CATEGORY_PAGE,
        confidence="medium",
        note=(
            "The category's own text, as quoted with round #397: \"at least 12 months of "
            "full-time, continuous work experience or an equal amount of part-time "
            'experience, in a single occupation" (financialexpress.com 2026-02-20); the '
            "same word in IRCC's announcement of 2025-12-08 (\"12 months of continuous "
            'full-time work (or equivalent part-time)", open-canada.com, zonevisa.com). '
            'The "need not be continuous" wording of 2026-02-18 is IRCC\'s for the '
            "occupational categories whose 6 months became 12; the physicians' category "
            "was created at 12 months and its text, published after that change, still "
            "says continuous. The instructions themselves were not read."
        ),
    ),
)
"""The physicians' rule (2026-Version 1): 12 months of **continuous** work in Canada."""


@attrs.frozen
class CategoryVersion:
    """One version of a draw category: its occupations, rule and dates in force.

    Attributes:
        slug: The category, e.g. ``healthcare``.
        name: The official name of its rounds, as IRCC's feed gives it now.
        version: The version label (``Version 1``, ``2026-Version 3``).
        start: First day in force.
        end: First day no longer in force (None: still in force).
        nocs: The listed NOC 2021 codes (empty for French).
        experience: The occupational experience rule (None for French).
        french: NCLC needed on all four French abilities (French only).
        extra: Further conditions of the category (skilled military recruits).
        aliases: Other names its rounds had (the 2023-2024 ``(2023-1)`` names).
        name_verified: False when no round has been held under this version, so
            its name is ours, not IRCC's.
        confidence: How sure the facts are (``high``, ``medium-high``, ``medium``).
        source: Where the facts come from.
    """

    slug: str
    name: str
    version: str
    start: dt.date
    end: dt.date | None
    nocs: tuple[str, ...]
    experience: ExperienceRule | None
    source: Source
    french: int | None = None
    extra: tuple[Predicate, ...] = ()
    aliases: tuple[str, ...] = ()
    name_verified: bool = True
    confidence: str = "high"

    def in_force(self, on: dt.date) -> bool:
        """Whether this version is in force on ``on``."""
        return self.start <= on and (self.end is None or on < self.end)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the version's rounds, the current one first."""
        return (self.name, *self.aliases)

    @property
    def condition(self) -> Predicate:
        """The category's own condition, without program eligibility (built once a version)."""
        return _built(self)[0]

    def _condition(self) -> Predicate:
        key = f"categories.{self.slug}"
        parts: list[Predicate] = []
        if self.french is not None:
            parts.append(min_language(self.french, LanguageChoice.FRENCH, key=f"{key}.french"))
        rule = self.experience
        if rule is not None:
            where = "in Canada" if rule.in_canada else "in Canada or abroad"
            run = "continuous " if rule.continuous else ""
            parts.append(
                work_hours(
                    rule.hours,
                    rule.window_years,
                    key=f"{key}.experience",
                    label=(
                        f"{rule.hours:,} hours of {run}work {where} in one listed occupation "
                        f"in the last {rule.window_years} years"
                    ),
                    codes=frozenset(self.nocs),
                    in_canada=True if rule.in_canada else None,
                    continuous=rule.continuous,
                )
            )
        parts.extend(self.extra)
        # Always a combination, even of one part, so that its verdict has this key.
        return All(f"{key}.condition", self.name, tuple(parts))

    @property
    def predicate(self) -> Predicate:
        """The category's condition and eligibility for at least one program (built once)."""
        return _built(self)[1]

    def __call__(self, profile: Profile, on: dt.date) -> Verdict:
        return self.predicate(profile, on)

    def __str__(self) -> str:
        until = f" until {self.end - dt.timedelta(days=1)}" if self.end else ""
        return f"{self.name} (in force from {self.start}{until})"


_BUILT: dict[int, tuple[CategoryVersion, Predicate, Predicate]] = {}


def _built(version: CategoryVersion) -> tuple[Predicate, Predicate]:
    """The version's condition and predicate, built from its data the first time asked.

    Versions are immutable: the same data always builds the same predicates.
    """
    found = _BUILT.get(id(version))
    if found is None or found[0] is not version:
        condition = version._condition()
        predicate = (condition & any_program()).named(f"categories.{version.slug}", version.name)
        found = _BUILT[id(version)] = (version, condition, predicate)
    return found[1], found[2]


def revise(
    nocs: tuple[str, ...], removed: tuple[str, ...] = (), added: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """A NOC list with ``removed`` taken out and ``added`` put in, sorted.

    Raises:
        ValueError: If a removed code is not in the list, or an added one already is.
    """
    have = set(nocs)
    if not have.issuperset(removed) or have.intersection(added):
        raise ValueError(f"bad revision of {nocs}: -{removed} +{added}")
    return tuple(sorted((have - set(removed)) | set(added)))
